//! Reports: tables of counts and concordances as CSV, JSON and text.

mod export;

pub use export::{OutputFormat, Table, counts_table, format_rate, to_json};
