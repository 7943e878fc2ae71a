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

/// The demo project, embedded so `framescope` works from any folder.
pub const DEMO_PROJECT: &str = include_str!("../projects/demo.ron");
