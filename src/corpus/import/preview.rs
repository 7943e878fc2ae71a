//! A preview of an import: the first files read as the import reads them,
//! and the metadata the import's rules would give them, so the user can
//! try a file-name pattern before importing.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{
    Hints, ImportOptions, ImportReport, collect_files, complete_metadata, file_name_of,
    on_parse_pool, read_file_guarded,
};
use crate::corpus::Metadata;

/// Files larger than this are not read for a preview (only their names are
/// used): a preview must come back at once.
const PREVIEW_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// The first files of an import, read once; [`ImportPreview::rows`] then
/// applies the options (a file-name pattern) without reading them again.
#[derive(Clone, Debug, Default)]
pub struct ImportPreview {
    files: Vec<PreviewFile>,
    /// Whether there are more files than were read.
    pub more: bool,
}

#[derive(Clone, Debug)]
struct PreviewFile {
    file_name: String,
    /// The sub-folder the file sits in (a fallback source).
    group: Option<String>,
    /// The first document's metadata as the file gives it, or why the file
    /// would be skipped.
    read: Result<(Metadata, Hints), String>,
}

/// One file of a preview: what the import would give its (first) document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    /// The file's name, without folders.
    pub file_name: String,
    pub source: String,
    pub date: String,
    pub title: String,
    /// With a file-name pattern: whether the name fits it.
    pub pattern_fits: Option<bool>,
    /// Why the file would be skipped, if it would be.
    pub skipped: Option<String>,
}

impl ImportPreview {
    /// Reads the first `limit` files of `paths` (folders expanded in the
    /// order an import takes them). The options' columns are used; the
    /// source options are applied later, by [`ImportPreview::rows`].
    pub fn read(paths: &[PathBuf], options: &ImportOptions, limit: usize) -> Self {
        let mut report = ImportReport::default();
        let mut files = collect_files(paths, options.root.as_deref(), &mut report, Some(limit + 1));
        let more = files.len() > limit;
        files.truncate(limit);
        // Read as the import reads: on its pool, a panic is the file's error.
        let files = on_parse_pool(|| {
            files
                .into_par_iter()
                .map(|(path, group)| PreviewFile {
                    file_name: file_name_of(&path),
                    group,
                    read: read_first(&path, options),
                })
                .collect()
        });
        Self { files, more }
    }

    /// The files previewed, with the metadata an import with `options`
    /// would give them (the same rules as the import: no second copy).
    pub fn rows(&self, options: &ImportOptions) -> Vec<PreviewRow> {
        self.files
            .iter()
            .map(|file| {
                let name = options
                    .source_pattern
                    .as_ref()
                    .map(|p| p.match_file_name(&file.file_name));
                let (meta, skipped) = match &file.read {
                    Ok((meta, hints)) => {
                        let mut meta = meta.clone();
                        complete_metadata(
                            &mut meta,
                            hints,
                            file.group.as_deref(),
                            name.as_ref().and_then(Option::as_ref),
                            options,
                        );
                        (meta, None)
                    }
                    Err(reason) => (Metadata::default(), Some(reason.clone())),
                };
                PreviewRow {
                    file_name: file.file_name.clone(),
                    source: meta.source,
                    date: meta.date,
                    title: meta.title,
                    pattern_fits: name.map(|n| n.is_some()),
                    skipped,
                }
            })
            .collect()
    }

    /// Whether no file was found.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The first document of a file, as the import reads it. A large file is
/// not read: it gets its name for a title, as a file with no title would.
fn read_first(path: &Path, options: &ImportOptions) -> Result<(Metadata, Hints), String> {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size > PREVIEW_MAX_BYTES {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let meta = Metadata {
            title: stem.unwrap_or_default(),
            ..Default::default()
        };
        let hints = Hints {
            title_from_file_name: true,
            ..Default::default()
        };
        return Ok((meta, hints));
    }
    let display = path.display().to_string();
    let (parsed, _) = read_file_guarded(path, &display, options)?;
    parsed
        .into_iter()
        .next()
        .map(|p| (p.meta, p.hints))
        .ok_or_else(|| "no documents in the file".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::NamePattern;

    #[test]
    fn rows_follow_the_pattern_without_reading_the_files_again() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Caspian Ferry Line Reopens\n\nThe ferry between Baku and Aktau sailed again on Monday after three weeks of repairs to the pier.\n";
        std::fs::write(dir.path().join("ledger_2024-03-05_ferry.txt"), text).unwrap();
        std::fs::write(
            dir.path().join("notes.txt"),
            text.replace("Monday", "Friday"),
        )
        .unwrap();
        let preview = ImportPreview::read(&[dir.path().to_path_buf()], &Default::default(), 20);
        let plain = preview.rows(&Default::default());
        assert_eq!(plain[0].source, "");
        assert_eq!(plain[0].pattern_fits, None);
        // The files are gone: rows come from what was read.
        std::fs::remove_file(dir.path().join("notes.txt")).unwrap();
        let options = ImportOptions {
            source_pattern: Some(NamePattern::parse("{source}_{date}_*.txt").unwrap()),
            ..Default::default()
        };
        let rows = preview.rows(&options);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].file_name, "ledger_2024-03-05_ferry.txt");
        assert_eq!(rows[0].source, "ledger");
        assert_eq!(rows[0].date, "2024-03-05");
        assert_eq!(rows[0].title, "Caspian Ferry Line Reopens");
        assert_eq!(rows[0].pattern_fits, Some(true));
        assert_eq!(rows[1].pattern_fits, Some(false));
        assert_eq!(rows[1].source, "");
        assert!(!preview.more);
    }

    #[test]
    fn a_preview_reads_only_the_first_files() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            std::fs::write(
                dir.path().join(format!("{i}.txt")),
                format!("Report number {i} on the talks\n"),
            )
            .unwrap();
        }
        let preview = ImportPreview::read(&[dir.path().to_path_buf()], &Default::default(), 3);
        assert_eq!(preview.rows(&Default::default()).len(), 3);
        assert!(preview.more);
    }

    #[test]
    fn a_file_whose_parser_panics_is_shown_as_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let name = "preview-forced-panic-3c7e.txt";
        std::fs::write(dir.path().join("a.txt"), "Ferry news\n\nBaku.\n").unwrap();
        std::fs::write(dir.path().join(name), "Title\n\nBaku.\n").unwrap();
        super::super::panic_on_file_named(name);
        let preview = ImportPreview::read(&[dir.path().to_path_buf()], &Default::default(), 5);
        let rows = preview.rows(&Default::default());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].skipped, None);
        let skipped = rows[1].skipped.as_deref().expect("skipped");
        assert!(skipped.contains("internal error"), "{skipped}");
    }
}
