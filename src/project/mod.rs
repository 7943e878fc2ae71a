//! Project files: the corpus, dictionary and settings in one versioned RON
//! file, saved atomically.

mod edit;
mod file;
mod model;
pub mod recovery;
mod shown;
mod stream;

pub use edit::{Edit, History};
pub(crate) use file::ron_error_message;
pub use file::{
    ProjectError, backup_path, load_project, parse_project, project_to_ron, save_project,
    save_project_checked, write_atomically, write_atomically_with,
};
pub use model::{FORMAT_VERSION, Project, Settings};
pub use stream::ProjectStream;
