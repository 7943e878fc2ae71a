//! Modal dialogs: unsaved-changes confirmation, the import report, the
//! in-app path field (where no native file dialog exists) and About.

use std::path::PathBuf;

use egui::{Id, Modal, RichText};

use crate::corpus::ImportReport;

use super::command::Command;

/// What a path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    ImportFiles,
    ImportFolder,
    ImportDictionary,
    ExportDictionary,
    ImportCodebook,
    Export {
        kind: crate::report::ExportKind,
        format: crate::report::OutputFormat,
    },
    /// A screenshot; `double` for 2× pixels per point.
    Capture {
        view_only: bool,
        double: bool,
    },
}

impl PathPurpose {
    pub fn title(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open project",
            PathPurpose::SaveAs => "Save project as",
            PathPurpose::ImportFiles => "Import files",
            PathPurpose::ImportFolder => "Import folder",
            PathPurpose::ImportDictionary => "Import a dictionary",
            PathPurpose::ExportDictionary => "Export the dictionary",
            PathPurpose::ImportCodebook => "Import a REFI-QDA codebook",
            PathPurpose::Export { .. } => "Export",
            PathPurpose::Capture {
                view_only: true, ..
            } => "Save a screenshot of the view",
            PathPurpose::Capture { .. } => "Save a screenshot of the window",
        }
    }

    fn command(self, path: PathBuf) -> Command {
        match self {
            PathPurpose::Open => Command::OpenProject(Some(path)),
            PathPurpose::SaveAs => Command::SaveProjectAs(Some(path)),
            PathPurpose::ImportFiles => Command::ImportFiles(Some(vec![path])),
            PathPurpose::ImportFolder => Command::ImportFolder(Some(path)),
            PathPurpose::ImportDictionary => Command::ImportDictionary(Some(path)),
            PathPurpose::ExportDictionary => Command::ExportDictionary(Some(path)),
            PathPurpose::ImportCodebook => Command::ImportCodebook(Some(path)),
            PathPurpose::Export { kind, format } => Command::Export {
                kind,
                format,
                path: Some(path),
            },
            PathPurpose::Capture { view_only, double } => {
                Command::Capture(super::capture::CaptureRequest {
                    area: if view_only {
                        super::capture::CaptureArea::View
                    } else {
                        super::capture::CaptureArea::Window
                    },
                    scale: if double { 2.0 } else { 1.0 },
                    path: Some(path),
                })
            }
        }
    }
}

#[derive(Debug)]
struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    /// The field takes the keyboard focus when the prompt opens.
    focused: bool,
}

/// A recovery copy left by a crash, offered back.
#[derive(Clone, Debug)]
pub struct RecoveryOffer {
    pub copy: PathBuf,
    /// The project it belongs to; `None` for a project never saved.
    pub project: Option<PathBuf>,
    /// How to name the project in the question.
    pub label: String,
    /// When the copy was written, in words.
    pub when: String,
}

/// The dialogs that may be open.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// The report of the last import, shown until closed.
    pub import_report: Option<ImportReport>,
    pub about: bool,
    /// A recovery copy to offer back.
    pub recovery: Option<RecoveryOffer>,
    /// A command waiting for "save or discard your changes?".
    pending: Option<Command>,
    /// A command the user confirmed; it runs once without asking again.
    confirmed: Option<Command>,
    /// A command to run once the project is saved ("Save" in the
    /// unsaved-changes dialog).
    save_then: Option<Command>,
    path_prompt: Option<PathPrompt>,
}

impl Dialogs {
    /// Asks before `command` discards unsaved changes.
    pub fn confirm_discard(&mut self, command: Command) {
        self.pending = Some(command);
    }

    /// Whether `command` was just confirmed (and forgets the confirmation).
    pub fn take_confirmed(&mut self, command: &Command) -> bool {
        if self.confirmed.as_ref() == Some(command) {
            self.confirmed = None;
            true
        } else {
            false
        }
    }

    /// After a successful save: the command that was waiting for it, now
    /// confirmed.
    pub fn saved(&mut self) -> Option<Command> {
        let command = self.save_then.take()?;
        self.confirmed = Some(command.clone());
        Some(command)
    }

    /// After a failed save: nothing waits for it any more.
    pub fn save_failed(&mut self) {
        self.save_then = None;
    }

    /// Opens the in-app path field.
    pub fn ask_path(&mut self, purpose: PathPurpose, initial: String) {
        self.path_prompt = Some(PathPrompt {
            purpose,
            text: initial,
            focused: false,
        });
    }

    /// Draws the open dialogs; returns the commands they send.
    /// `data_dir`: the settings folder About names.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        project_name: &str,
        data_dir: Option<&std::path::Path>,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        if let Some(offer) = &self.recovery {
            let mut close = false;
            Modal::new(Id::unique("recovery")).show(ctx, |ui| {
                ui.set_width(480.0);
                ui.heading("Recover unsaved changes?");
                ui.label(format!(
                    "Framescope did not close normally. Changes to {} that were \
                     never saved were kept in a recovery copy, autosaved {}.",
                    offer.label, offer.when
                ));
                ui.add_space(4.0);
                ui.weak(offer.copy.display().to_string());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Restore")
                        .on_hover_text("Open the recovered changes (save to keep them)")
                        .clicked()
                    {
                        out.push(Command::RestoreRecovery {
                            copy: offer.copy.clone(),
                            project: offer.project.clone(),
                        });
                        close = true;
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete the recovery copy")
                        .clicked()
                    {
                        out.push(Command::DiscardRecovery(offer.copy.clone()));
                        close = true;
                    }
                    if ui
                        .button("Decide later")
                        .on_hover_text("Keep the copy and ask again next time")
                        .clicked()
                    {
                        close = true;
                    }
                });
            });
            if close {
                self.recovery = None;
            }
        }
        if let Some(pending) = self.pending.clone() {
            let mut close = false;
            Modal::new(Id::unique("unsaved changes")).show(ctx, |ui| {
                ui.set_width(420.0);
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "“{project_name}” has changes that are not saved. Save them first?"
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.save_then = Some(pending.clone());
                        out.push(Command::SaveProject);
                        close = true;
                    }
                    if ui.button("Don't save").clicked() {
                        self.confirmed = Some(pending.clone());
                        out.push(pending.clone());
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
            if close {
                self.pending = None;
            }
        }
        if let Some(prompt) = &mut self.path_prompt {
            let mut close = false;
            Modal::new(Id::unique("path prompt")).show(ctx, |ui| {
                ui.set_width(560.0);
                ui.heading(prompt.purpose.title());
                ui.label("Path of the file or folder:");
                let response = ui.add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(f32::INFINITY)
                        .hint_text("/path/to/file"),
                );
                if !prompt.focused {
                    response.request_focus();
                    prompt.focused = true;
                }
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok =
                        ui.add_enabled(!prompt.text.trim().is_empty(), egui::Button::new("OK"));
                    if ok.clicked() || (enter && !prompt.text.trim().is_empty()) {
                        out.push(prompt.purpose.command(PathBuf::from(prompt.text.trim())));
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        self.save_then = None;
                        close = true;
                    }
                });
            });
            if close {
                self.path_prompt = None;
            }
        }
        if let Some(report) = &self.import_report {
            let mut open = true;
            egui::Window::new("Import report")
                .open(&mut open)
                .default_width(560.0)
                .max_height(480.0)
                .collapsible(false)
                .show(ctx, |ui| import_report_ui(ui, report));
            if !open {
                self.import_report = None;
            }
        }
        if self.about {
            egui::Window::new("About Framescope")
                .open(&mut self.about)
                .collapsible(false)
                .resizable(false)
                .default_width(440.0)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| super::help::about_ui(ui, data_dir));
        }
        out
    }
}

fn import_report_ui(ui: &mut egui::Ui, report: &ImportReport) {
    let mut counts = report.counts().join(" · ");
    // It starts with "imported": ASCII.
    counts[..1].make_ascii_uppercase();
    ui.label(
        RichText::new(format!(
            "{counts}{}",
            if report.cancelled {
                " · cancelled"
            } else {
                ""
            }
        ))
        .strong(),
    );
    if let Some(qda) = &report.qda {
        ui.label(format!("REFI-QDA project: {qda}"));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(400.0)
        .show(ui, |ui| {
            section(ui, "Imported", report.imported.len(), |ui| {
                for e in &report.imported {
                    ui.label(format!("{} — {}", e.title, e.origin));
                }
            });
            section(ui, "Skipped", report.skipped.len(), |ui| {
                for s in &report.skipped {
                    ui.label(format!("{}: {}", s.path, s.reason));
                }
            });
            section(
                ui,
                "Duplicates (left out of the analysis)",
                report.duplicates.len(),
                |ui| {
                    for d in &report.duplicates {
                        ui.label(format!("{}: same text as {}", d.origin, d.duplicate_of));
                    }
                },
            );
            section(ui, "Warnings", report.warnings.len(), |ui| {
                for w in &report.warnings {
                    ui.label(format!("{}: {}", w.path, w.message));
                }
            });
        });
}

fn section(ui: &mut egui::Ui, title: &str, n: usize, body: impl FnOnce(&mut egui::Ui)) {
    if n == 0 {
        return;
    }
    egui::CollapsingHeader::new(format!("{title} ({n})"))
        .default_open(title != "Imported" || n <= 20)
        .show(ui, body);
}
