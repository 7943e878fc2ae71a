//! Project files: the corpus, dictionary and settings in one versioned RON
//! file, saved atomically.

mod file;
mod model;

pub use file::{
    ProjectError, backup_path, load_project, parse_project, project_to_ron, save_project,
    write_atomically,
};
pub use model::{FORMAT_VERSION, Project, Settings};
