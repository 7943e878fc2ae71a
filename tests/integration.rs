//! Integration tests: one binary (one link) that runs the real `framescope`
//! executable on small fixtures written for these tests.

mod integration {
    pub mod cli_count;
    pub mod common;
    pub mod importers;
}
