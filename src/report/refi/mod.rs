//! REFI-QDA import: `.qdpx` projects and `.qdc` codebooks written by
//! Framescope or by other QDA tools (MAXQDA, NVivo, ATLAS.ti, QualCoder).

mod codebook;
mod import;
pub mod positions;
mod qdc;
mod xml;

pub use codebook::SchemeChanges;
pub(crate) use codebook::guid_key;
pub use import::{import_qdpx, import_qdpx_bytes};
pub use qdc::{
    CodebookImport, QdcFile, apply_codebook, import_qdc, import_qdc_bytes, read_qdc, read_qdc_bytes,
};
