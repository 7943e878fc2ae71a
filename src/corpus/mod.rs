//! Documents and corpora: importing articles from files, their metadata and
//! the body ranges that exclude site chrome from counting.

pub mod body;
mod document;
mod encoding;
mod import;

pub use body::{BodyProposal, DroppedSpan, propose_body};
pub use document::{Document, Metadata, Scope};
pub use encoding::{Decoded, NotText, decode};
pub use import::{
    ColumnNames, DuplicateEntry, ImportOptions, ImportPreview, ImportProgress, ImportReport,
    ImportWarning, ImportedEntry, NameFields, NamePattern, NamePatternError, PreviewRow, QdaCounts,
    SkippedEntry, import_paths, import_streaming, panic_message, panic_on_file_named,
    parse_file_bytes,
};
