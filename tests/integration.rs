//! Integration tests: one binary (one link) that runs the real `framescope`
//! executable on small fixtures written for these tests.

// Body ranges are lists of ranges; a one-range list is what we mean.
#![allow(clippy::single_range_in_vec_init)]

mod integration {
    pub mod cli_count;
    pub mod common;
    pub mod dictionaries;
    pub mod faults;
    pub mod framing_cli;
    pub mod framing_eval;
    pub mod fuzz;
    pub mod hostile;
    pub mod import_sources;
    pub mod importers;
    pub mod project_file;
    pub mod qdpx;
    pub mod refi_import;
    pub mod render;
    pub mod seeds;
    pub mod trust;
    pub mod ui;
}
