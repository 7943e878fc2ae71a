//! Framescope's analysis core: corpora of news articles, actor dictionaries,
//! mention counts and concordances, and project files.
//!
//! The core knows nothing of any user interface; the command line (and the
//! desktop app) call these functions and print or draw their results.
//!
//! ```
//! use framescope::actors::{ActorDictionary, Matcher};
//! let dictionary = ActorDictionary::default_dictionary();
//! let matcher = Matcher::new(&dictionary).expect("the default dictionary is valid");
//! let mentions = matcher.find("Türkiye’s ties with Baku worry Tehran.");
//! let names: Vec<_> = mentions.iter().map(|m| dictionary.actors[m.actor].name.as_str()).collect();
//! assert_eq!(names, ["Türkiye", "Azerbaijan", "Iran"]);
//! ```

pub mod actors;
pub mod analysis;
pub mod app;
pub mod bench_corpus;
pub mod corpus;
pub mod file_error;
pub mod framing;
pub mod project;
pub mod report;
#[cfg(test)]
mod test_fixtures;
pub mod text;

/// This build's version, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The commit this build comes from (short hash), or "unknown" for a build
/// outside a git work tree without `FRAMESCOPE_COMMIT` set (see `build.rs`).
pub const COMMIT: &str = env!("FRAMESCOPE_COMMIT");

/// "0.1.0 (commit 1a2b3c4d5e)": what `--version`, Help ▸ About and crash logs say.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("FRAMESCOPE_COMMIT"),
    ")"
);

/// The demo project, embedded so `framescope` works from any folder.
pub const DEMO_PROJECT: &str = include_str!("../projects/demo.ron");
