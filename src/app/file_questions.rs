//! Asking for file paths: a native dialog where there is one, else the
//! in-app path field, with a default name taken from the project.

use super::*;

impl FramescopeApp {
    pub(super) fn ask_path(&mut self, purpose: PathPurpose) -> Option<PathBuf> {
        if !self.native_dialogs {
            self.dialogs.ask_path(purpose, self.default_path(purpose));
            return None;
        }
        let started = Instant::now();
        let dialog = rfd::FileDialog::new().set_title(purpose.title());
        let dialog = match self.doc.path.as_ref().and_then(|p| p.parent()) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        };
        let picked = match purpose {
            PathPurpose::Open => dialog
                .add_filter("Framescope project", &["ron"])
                .add_filter("REFI-QDA project (MAXQDA, NVivo, ATLAS.ti…)", &["qdpx"])
                .pick_file(),
            PathPurpose::SaveAs => dialog
                .add_filter("Framescope project", &["ron"])
                .set_file_name(format!("{}.ron", file_stem_of(&self.doc.project.name)))
                .save_file(),
            PathPurpose::ImportFolder => dialog.pick_folder(),
            PathPurpose::ImportDictionary => dialog
                .add_filter("Dictionaries", DICTIONARY_EXTENSIONS)
                .pick_file(),
            PathPurpose::ExportDictionary => dialog
                .add_filter("Dictionaries", DICTIONARY_EXTENSIONS)
                .set_file_name(self.default_path_name(purpose))
                .save_file(),
            PathPurpose::ImportCodebook => {
                dialog.add_filter("REFI-QDA codebook", &["qdc"]).pick_file()
            }
            PathPurpose::ImportFiles => dialog
                .add_filter(
                    "Articles",
                    &["txt", "md", "markdown", "html", "htm", "csv", "jsonl"],
                )
                .add_filter("REFI-QDA project or codebook", &["qdpx", "qdc"])
                .add_filter("Dictionaries", DICTIONARY_EXTENSIONS)
                .pick_file(),
            PathPurpose::Export { kind, format } => {
                let ext = kind.extension(format);
                dialog
                    .add_filter(ext.to_uppercase(), &[ext])
                    .set_file_name(self.default_path_name(purpose))
                    .save_file()
            }
            PathPurpose::Capture { view_only, .. } => dialog
                .add_filter("PNG image", &["png"])
                .set_file_name(self.capture_file_name(view_only))
                .save_file(),
        };
        if picked.is_none() && started.elapsed() < DIALOG_MIN_HUMAN_TIME {
            self.native_dialogs = false;
            self.notifications
                .info("No system file dialog is available here; type the path instead.");
            self.dialogs.ask_path(purpose, self.default_path(purpose));
        }
        picked
    }

    pub(super) fn ask_paths(&mut self) -> Option<Vec<PathBuf>> {
        if !self.native_dialogs {
            self.dialogs.ask_path(
                PathPurpose::ImportFiles,
                self.default_path(PathPurpose::ImportFiles),
            );
            return None;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(PathPurpose::ImportFiles.title())
            .add_filter(
                "Articles",
                &["txt", "md", "markdown", "html", "htm", "csv", "jsonl"],
            )
            .pick_files();
        if picked.is_none() && started.elapsed() < DIALOG_MIN_HUMAN_TIME {
            self.native_dialogs = false;
            self.dialogs.ask_path(
                PathPurpose::ImportFiles,
                self.default_path(PathPurpose::ImportFiles),
            );
        }
        picked
    }

    pub(super) fn default_path(&self, purpose: PathPurpose) -> String {
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let name = match purpose {
            PathPurpose::SaveAs => format!("{}.ron", file_stem_of(&self.doc.project.name)),
            PathPurpose::Export { .. } | PathPurpose::ExportDictionary => {
                self.default_path_name(purpose)
            }
            PathPurpose::Capture { view_only, .. } => self.capture_file_name(view_only),
            _ => String::new(),
        };
        dir.join(name).display().to_string()
    }

    /// A default file name for an export: `project-passages.csv`.
    pub(super) fn default_path_name(&self, purpose: PathPurpose) -> String {
        match purpose {
            PathPurpose::Export { kind, format } => format!(
                "{}-{}.{}",
                file_stem_of(&self.doc.project.name),
                kind.name(),
                kind.extension(format)
            ),
            PathPurpose::Capture { view_only, .. } => self.capture_file_name(view_only),
            PathPurpose::SaveAs => format!("{}.ron", file_stem_of(&self.doc.project.name)),
            PathPurpose::ExportDictionary => {
                format!("{}-dictionary.tsv", file_stem_of(&self.doc.project.name))
            }
            _ => String::new(),
        }
    }

    pub(super) fn capture_file_name(&self, view_only: bool) -> String {
        let what = if view_only {
            self.views.current.label()
        } else {
            "window"
        };
        capture::default_file_name(&self.doc.project.name, what)
    }
}

/// The extensions of the dictionary formats Framescope reads and writes.
pub(super) const DICTIONARY_EXTENSIONS: &[&str] = &["tsv", "yml", "yaml", "ron", "dic", "cat"];

/// A project name made safe for a file name.
pub(super) fn file_stem_of(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_lowercase();
    if stem.is_empty() {
        "project".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_project_names_are_safe() {
        assert_eq!(file_stem_of("Demo: Russia & Iran"), "demo--russia---iran");
        assert_eq!(file_stem_of("///"), "project");
        assert_eq!(file_stem_of("Azərbaycan"), "azərbaycan");
    }
}
