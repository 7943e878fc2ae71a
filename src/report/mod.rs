//! Reports: tables of counts and concordances as CSV, JSON and text; PNG
//! figures; the provenance every export and figure carries.

mod export;
pub mod exports;
pub mod figure;
pub mod provenance;
pub mod qdpx;
pub mod records;
pub mod refi;

pub use export::{OutputFormat, Table, counts_table, format_rate, to_json, to_jsonl};
pub use exports::{ExportError, ExportKind, export_bytes, provenance_path, write_export};
pub use figure::{PngError, encode_png, write_atomic};
pub use provenance::Provenance;
pub use qdpx::{QdpxError, project_qde, qdc_xml, qdpx_bytes, write_qdpx};
pub use records::{
    CodeRecord, CueRecord, DocumentRecord, EvidenceRecord, PassageRecord, code_records,
    codes_table, document_records, documents_table, passage_records, passages_table, shorten_text,
};
