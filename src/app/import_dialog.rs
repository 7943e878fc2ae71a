//! The import dialog: shown once the files or folder to import are chosen.
//! The user may give a file-name pattern (`{source}_{date}_*.txt`) and sees,
//! for the first files, the source, date and title the import will give them
//! (computed by the import's own rules, [`ImportPreview`]); Import then
//! runs the import in the background as before. The preview's files are read
//! on a thread of their own: a slow disk or a huge folder never freezes the
//! window, and Import does not wait for the preview.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use egui::{Id, Modal, RichText};

use crate::corpus::{ImportOptions, ImportPreview, NamePattern, PreviewRow};

use super::command::Command;

/// How many files the preview reads.
const PREVIEW_FILES: usize = 20;

/// The open import dialog.
pub struct ImportDialog {
    paths: Vec<PathBuf>,
    pattern: String,
    /// The first files, once the thread reading them is done.
    preview: Option<ImportPreview>,
    reading: Option<Receiver<ImportPreview>>,
    /// The pattern text the preview rows were computed for, and the rows
    /// (or what is wrong with the pattern); `None` until they are computed.
    rows: Option<(String, Result<Vec<PreviewRow>, String>)>,
    focused: bool,
    /// The dialog's size last frame: the preview grid takes a few frames to
    /// find its size, and the dialog is centred on the size it had.
    last_size: egui::Vec2,
}

/// What the user did with the dialog this frame.
enum DialogOutcome {
    Open,
    Cancel,
    Import,
}

impl ImportDialog {
    /// A dialog for importing `paths`; reads the first files for the preview.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        let (send, receive) = channel();
        let to_read = paths.clone();
        let spawned = std::thread::Builder::new()
            .name("import preview".into())
            .spawn(move || {
                let preview =
                    ImportPreview::read(&to_read, &ImportOptions::default(), PREVIEW_FILES);
                // The dialog may be closed already; then nobody wants it.
                let _ = send.send(preview);
            });
        Self {
            paths,
            pattern: String::new(),
            // Without a thread there is no preview, and the import still works.
            preview: spawned.is_err().then(ImportPreview::default),
            reading: spawned.ok().map(|_| receive),
            rows: None,
            focused: false,
            last_size: egui::Vec2::ZERO,
        }
    }

    /// Whether the preview's files are still being read.
    pub fn is_reading(&self) -> bool {
        self.preview.is_none()
    }

    /// Takes the preview when its thread is done.
    fn poll(&mut self) {
        let Some(reading) = &self.reading else {
            return;
        };
        match reading.try_recv() {
            Ok(preview) => self.preview = Some(preview),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => self.preview = Some(ImportPreview::default()),
        }
        self.reading = None;
    }

    /// The preview for the current pattern (recomputed only when it changes;
    /// no file is read again), or what is wrong with the pattern. `None`
    /// while the files are read.
    fn rows(&mut self) -> Option<&Result<Vec<PreviewRow>, String>> {
        let pattern = self.pattern.trim();
        let preview = self.preview.as_ref()?;
        if self.rows.as_ref().is_none_or(|(p, _)| p != pattern) {
            let rows = options(pattern).map(|options| preview.rows(&options));
            self.rows = Some((pattern.to_string(), rows));
        }
        self.rows.as_ref().map(|(_, rows)| rows)
    }

    fn ui(&mut self, ctx: &egui::Context) -> DialogOutcome {
        self.poll();
        if self.is_reading() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        let mut outcome = DialogOutcome::Open;
        let modal = Modal::new(Id::unique("import dialog")).show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("Import articles");
            let what = match self.paths.as_slice() {
                [one] => one.display().to_string(),
                many => format!("{} files and folders", many.len()),
            };
            ui.weak(what);
            ui.add_space(6.0);
            ui.label(
                "Sources come from each file's own metadata (front matter, HTML meta tags, \
                 a table column), else from the sub-folder a file is in. Files named by rule \
                 can give their source and date in their names:",
            );
            let response = ui
                .horizontal(|ui| {
                    let label = ui.label("File-name pattern:");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.pattern)
                            .hint_text("{source}_{date}_*.txt")
                            .desired_width(320.0)
                            .font(egui::TextStyle::Monospace),
                    )
                    .labelled_by(label.id)
                })
                .inner;
            if !self.focused {
                response.request_focus();
                self.focused = true;
            }
            ui.weak(
                "Placeholders: {source}, {date} (2024-05-01, 20240501 or 2024_05_01), {title}, \
                 {ignore}, and * for any text. Leave empty to import as before.",
            );
            ui.add_space(6.0);
            let (more, empty) = self
                .preview
                .as_ref()
                .map_or((false, false), |p| (p.more, p.is_empty()));
            let valid = match self.rows() {
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Reading the first files for a preview…");
                    });
                    // The pattern is checked without the preview.
                    match options(&self.pattern) {
                        Ok(_) => true,
                        Err(message) => {
                            ui.colored_label(ui.visuals().error_fg_color, message);
                            false
                        }
                    }
                }
                Some(Err(message)) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                    false
                }
                Some(Ok(rows)) => {
                    preview_ui(ui, rows, more, empty);
                    true
                }
            };
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let import = ui
                    .add_enabled(valid, egui::Button::new("Import"))
                    .on_hover_text("Import the files with these rules")
                    .on_disabled_hover_text("Fix the file-name pattern first");
                if import.clicked() {
                    outcome = DialogOutcome::Import;
                }
                if ui.button("Cancel").clicked() {
                    outcome = DialogOutcome::Cancel;
                }
            });
        });
        // Until the layout has settled, draw again: a dialog that still moves
        // would take a click at the place its button had a frame ago.
        let size = modal.response.rect.size();
        if size != self.last_size {
            self.last_size = size;
            ctx.request_repaint();
        }
        if modal.should_close() && matches!(outcome, DialogOutcome::Open) {
            outcome = DialogOutcome::Cancel;
        }
        outcome
    }
}

/// Draws the dialog in `slot`, if one is open; closes it on Import or
/// Cancel. Returns the import to run.
pub fn show(slot: &mut Option<ImportDialog>, ctx: &egui::Context) -> Option<Command> {
    let dialog = slot.as_mut()?;
    match dialog.ui(ctx) {
        DialogOutcome::Open => None,
        DialogOutcome::Cancel => {
            *slot = None;
            None
        }
        DialogOutcome::Import => {
            let dialog = slot.take()?;
            Some(Command::Import {
                paths: dialog.paths,
                source_pattern: dialog.pattern.trim().to_string(),
            })
        }
    }
}

/// Import options for a pattern text (empty: none), or the pattern's error.
pub fn options(pattern: &str) -> Result<ImportOptions, String> {
    let source_pattern = match pattern.trim() {
        "" => None,
        p => Some(NamePattern::parse(p).map_err(|e| e.to_string())?),
    };
    Ok(ImportOptions {
        source_pattern,
        ..Default::default()
    })
}

/// The longest text a preview cell shows, in characters.
const PREVIEW_CELL_CHARS: usize = 60;

/// The preview table: file name → source, date, title.
fn preview_ui(ui: &mut egui::Ui, rows: &[PreviewRow], more: bool, empty: bool) {
    if empty {
        ui.weak("No files found to import.");
        return;
    }
    let fitting = rows.iter().filter(|r| r.pattern_fits == Some(true)).count();
    let with_pattern = rows.iter().any(|r| r.pattern_fits.is_some());
    let first = if more {
        format!("The first {} files", rows.len())
    } else {
        format!("{} files", rows.len())
    };
    let summary = if with_pattern {
        format!(
            "{first} as they will be imported; {fitting} of {} names fit the pattern:",
            rows.len()
        )
    } else {
        format!("{first} as they will be imported:")
    };
    ui.label(summary);
    // The table's height is known before it is laid out (a row per file and
    // the heading, up to a limit), so the dialog has its size from the
    // first frame rather than growing into it.
    let row = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let height = (row * (rows.len() + 1) as f32).min(320.0);
    egui::ScrollArea::vertical()
        .max_height(height)
        .min_scrolled_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("import preview")
                .striped(true)
                .num_columns(4)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for heading in ["File", "Source", "Date", "Title"] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for row in rows {
                        row_ui(ui, row);
                        ui.end_row();
                    }
                });
        });
}

fn row_ui(ui: &mut egui::Ui, row: &PreviewRow) {
    let name = ui.label(&row.file_name);
    if row.pattern_fits == Some(false) {
        name.on_hover_text("This name does not fit the pattern: the file keeps its other metadata");
    }
    // Cells are cut to a few words (the whole text on hover): the grid does
    // not wrap, and one long reason or title would push the dialog, and its
    // Import button, off the window.
    let cut = |text: &str| crate::report::shorten_text(text, PREVIEW_CELL_CHARS);
    if let Some(reason) = &row.skipped {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            cut(&format!("skipped: {reason}")),
        )
        .on_hover_text(reason);
        ui.label("");
        ui.label("");
        return;
    }
    let value = |ui: &mut egui::Ui, text: &str, missing: &str| {
        if text.trim().is_empty() {
            ui.weak(missing);
        } else if text.chars().count() > PREVIEW_CELL_CHARS {
            ui.label(cut(text)).on_hover_text(text);
        } else {
            ui.label(text);
        }
    };
    value(ui, &row.source, "(no source)");
    value(ui, &row.date, "(no date)");
    value(ui, &row.title, "(no title)");
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    const ARTICLE: &str = "Caspian Ferry Line Reopens\n\nThe ferry between Baku and Aktau sailed again on Monday after three weeks of repairs to the pier.\n";

    /// A harness showing `dialog`, run until its preview is read.
    fn harness(dialog: ImportDialog) -> Harness<'static, (Option<ImportDialog>, Vec<Command>)> {
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1000.0, 700.0))
            .with_context_setup(super::super::theme::install)
            .build_ui_state(
                |ui, (slot, sent): &mut (Option<ImportDialog>, Vec<Command>)| {
                    sent.extend(show(slot, ui.ctx()));
                },
                (Some(dialog), Vec::new()),
            );
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while harness
            .state()
            .0
            .as_ref()
            .is_some_and(ImportDialog::is_reading)
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the preview was never read"
            );
            harness.step();
            std::thread::sleep(Duration::from_millis(5));
        }
        harness
    }

    #[test]
    fn the_preview_shows_the_source_and_date_a_pattern_reads_and_import_sends_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ledger_2024-03-05_ferry.txt"), ARTICLE).unwrap();
        let mut harness = harness(ImportDialog::new(vec![dir.path().to_path_buf()]));
        harness.run();
        harness.get_by_label("ledger_2024-03-05_ferry.txt");
        harness.get_by_label("(no source)");
        assert!(harness.query_by_label("ledger").is_none());

        harness
            .get_by_label("File-name pattern:")
            .type_text("{source}_{date}_*.txt");
        harness.run();
        harness.get_by_label("ledger");
        harness.get_by_label("2024-03-05");
        harness.get_by_label("Caspian Ferry Line Reopens");
        harness.get_by_label_contains("1 of 1 names fit the pattern");

        harness.get_by_label("Import").click();
        harness.run();
        let (slot, sent) = harness.state();
        assert!(slot.is_none(), "the dialog closed");
        assert_eq!(
            sent,
            &vec![Command::Import {
                paths: vec![dir.path().to_path_buf()],
                source_pattern: "{source}_{date}_*.txt".into(),
            }]
        );
    }

    #[test]
    fn import_can_be_clicked_with_a_long_preview() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..14 {
            std::fs::write(dir.path().join(format!("article-{i:02}.txt")), ARTICLE).unwrap();
        }
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        let mut harness = harness(ImportDialog::new(vec![dir.path().to_path_buf()]));
        harness.run();
        harness.get_by_label("Import").click();
        harness.run();
        let (slot, sent) = harness.state();
        assert!(slot.is_none(), "the dialog closed");
        assert_eq!(sent.len(), 1);
    }

    #[test]
    fn a_bad_pattern_is_explained_and_cannot_be_imported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
        let mut harness = harness(ImportDialog::new(vec![dir.path().to_path_buf()]));
        harness.run();
        harness
            .get_by_label("File-name pattern:")
            .type_text("{sorce}_*.txt");
        harness.run();
        harness.get_by_label_contains("column 1: unknown placeholder `{sorce}`");
        harness.get_by_label("Import").click();
        harness.run();
        assert!(
            harness.state().0.is_some(),
            "nothing to import with a bad pattern"
        );
        harness.get_by_label("Cancel").click();
        harness.run();
        let (slot, sent) = harness.state();
        assert!(slot.is_none() && sent.is_empty());
    }
}
