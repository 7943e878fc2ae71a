//! The window's chrome: the menu bar with the view tabs, and the status bar
//! with the running job, the analysis state and the project's counts.

use super::*;

impl FramescopeApp {
    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| self.file_menu_ui(ui));
                ui.menu_button("Edit", |ui| self.edit_menu_ui(ui));
                ui.menu_button("View", |ui| self.view_menu_ui(ui));
                ui.menu_button("Help", |ui| {
                    for topic in help::HelpTopic::ALL {
                        if ui.button(format!("{}…", topic.title())).clicked() {
                            self.help = Some(topic);
                        }
                    }
                    ui.separator();
                    if ui.button("About Framescope").clicked() {
                        self.dialogs.about = true;
                    }
                });
            });
            ui.add_space(2.0);
            ui.horizontal(|ui| {
                views::tab_bar_ui(ui, self.views.current, &mut self.inbox);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let capture = UiCommand::CaptureView;
                    if ui
                        .button(capture.text())
                        .on_hover_text(capture.tooltip())
                        .clicked()
                    {
                        self.inbox.push(capture.command(self.prefs.capture_scale));
                    }
                    ui.selectable_value(&mut self.prefs.capture_scale, 2.0, "2×")
                        .on_hover_text("Capture at twice the pixels, for print");
                    ui.selectable_value(&mut self.prefs.capture_scale, 1.0, "1×")
                        .on_hover_text("Capture at the screen's size");
                });
            });
            ui.add_space(2.0);
        });
    }

    /// A menu entry for `command`; a click sends it.
    fn menu_item(&mut self, ui: &mut egui::Ui, command: UiCommand) {
        if command.menu_item(ui).clicked() {
            self.inbox.push(command.command(self.prefs.capture_scale));
        }
    }

    fn file_menu_ui(&mut self, ui: &mut egui::Ui) {
        self.menu_item(ui, UiCommand::NewProject);
        self.menu_item(ui, UiCommand::OpenProject);
        ui.menu_button("Open recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.weak("No recent projects");
            }
            for path in &self.prefs.recent {
                if ui.button(path.display().to_string()).clicked() {
                    self.inbox.push(Command::OpenProject(Some(path.clone())));
                }
            }
        });
        ui.separator();
        self.menu_item(ui, UiCommand::SaveProject);
        self.menu_item(ui, UiCommand::SaveProjectAs);
        ui.separator();
        self.menu_item(ui, UiCommand::ImportFiles);
        self.menu_item(ui, UiCommand::ImportFolder);
        ui.menu_button("Export", |ui| self.export_menu_ui(ui));
        ui.separator();
        self.menu_item(ui, UiCommand::ImportDictionary);
        self.menu_item(ui, UiCommand::ExportDictionary);
        self.menu_item(ui, UiCommand::ImportCodebook);
        ui.separator();
        self.menu_item(ui, UiCommand::Quit);
    }

    fn export_menu_ui(&mut self, ui: &mut egui::Ui) {
        let grouping = self.doc.project.settings.frequency_grouping;
        let mut export = |ui: &mut egui::Ui, text: &str, kind, format| {
            if ui.button(text).clicked() {
                self.inbox.push(Command::Export {
                    kind,
                    format,
                    path: None,
                });
            }
        };
        for (what, kind) in [
            ("Counts", ExportKind::Counts(grouping)),
            ("Passages", ExportKind::Passages),
            ("Codes and memos", ExportKind::Codes),
        ] {
            export(ui, &format!("{what} as CSV…"), kind, OutputFormat::Csv);
            export(ui, &format!("{what} as JSON…"), kind, OutputFormat::Json);
        }
        ui.separator();
        for (what, kind) in [
            ("Documents", ExportKind::Documents),
            ("Sentences", ExportKind::Sentences),
        ] {
            export(ui, &format!("{what} as CSV…"), kind, OutputFormat::Csv);
            export(
                ui,
                &format!("{what} as JSON Lines…"),
                kind,
                OutputFormat::Jsonl,
            );
        }
        ui.separator();
        export(
            ui,
            "REFI-QDA project (.qdpx) for MAXQDA, NVivo, ATLAS.ti…",
            ExportKind::Qdpx,
            OutputFormat::Csv,
        );
        export(
            ui,
            "REFI-QDA codebook (.qdc)…",
            ExportKind::Qdc,
            OutputFormat::Csv,
        );
        ui.separator();
        self.menu_item(ui, UiCommand::CaptureWindow);
    }

    /// Undo and redo, named after what they would change.
    fn edit_menu_ui(&mut self, ui: &mut egui::Ui) {
        for (command, next) in [
            (UiCommand::Undo, self.doc.history.can_undo()),
            (UiCommand::Redo, self.doc.history.can_redo()),
        ] {
            let text = next.map_or(command.text().to_string(), |what| {
                format!("{} {what}", command.text())
            });
            if command
                .menu_item_as(ui, &text, next.is_some(), false)
                .clicked()
            {
                self.inbox.push(command.command(self.prefs.capture_scale));
            }
        }
    }

    fn view_menu_ui(&mut self, ui: &mut egui::Ui) {
        for view in ViewKind::ALL {
            let command = UiCommand::ShowView(view);
            if command
                .menu_item_as(ui, view.label(), true, self.views.current == view)
                .clicked()
            {
                self.inbox.push(Command::ShowView(view));
            }
        }
        ui.separator();
        ui.label("Theme");
        for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
            ui.radio_value(&mut self.prefs.theme, choice, choice.label());
        }
        ui.separator();
        ui.label("Interface scale");
        ui.horizontal(|ui| {
            for scale in [0.8, 1.0, 1.25, 1.5, 2.0] {
                ui.selectable_value(
                    &mut self.prefs.ui_scale,
                    scale,
                    format!("{:.0}%", scale * 100.0),
                );
            }
        });
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let jobs = [
                    self.jobs
                        .open
                        .as_ref()
                        .map(|j| (&j.label, &j.progress, j.started)),
                    self.jobs
                        .import
                        .as_ref()
                        .map(|j| (&j.label, &j.progress, j.started)),
                    self.analysis
                        .job()
                        .map(|j| (&j.label, &j.progress, j.started)),
                ];
                if let Some(job) = &self.saving.job {
                    // A save cannot be cancelled half-way; it only takes a moment.
                    ui.spinner();
                    ui.label(job.label.as_str());
                } else if let Some((label, progress, started)) = jobs.into_iter().flatten().next() {
                    ui.spinner();
                    ui.label(label.as_str());
                    let (done, total) = progress.counts();
                    let bar = egui::ProgressBar::new(progress.fraction().unwrap_or(0.0))
                        .desired_width(180.0)
                        .text(format!("{done} / {total}"));
                    ui.add(bar);
                    if let Some(left) = time_left(started.elapsed(), done, total) {
                        ui.weak(left);
                    }
                    if started.elapsed() > Duration::from_millis(300)
                        && ui.button("Cancel").on_hover_text("Stop this job").clicked()
                    {
                        self.inbox.push(Command::CancelJob);
                    }
                } else if let Some(error) = self.analysis.error() {
                    ui.colored_label(ui.visuals().warn_fg_color, "⚠")
                        .on_hover_text(error);
                    ui.label("Analysis paused: fix the dictionary or scheme");
                } else {
                    ui.label("✔ Analysis up to date");
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let included = self.doc.project.included_documents().count();
                    let scope = match self.doc.project.settings.scope {
                        crate::corpus::Scope::Body => "body text",
                        crate::corpus::Scope::Full => "full text",
                    };
                    ui.label(status_counts(
                        self.doc.project.documents.len(),
                        included,
                        self.doc.project.dictionary.actors.len(),
                        self.doc.project.codes.len(),
                        scope,
                    ));
                    if self.doc.dirty {
                        let save = UiCommand::SaveProject.shortcut_text(ui.ctx());
                        let hint = match &self.saving.last_autosave {
                            Some((at, path)) => format!(
                                "Save with {save}. A recovery copy was autosaved {} s ago to {}.",
                                at.elapsed().as_secs(),
                                path.display()
                            ),
                            None => format!(
                                "Save with {save}. A recovery copy is autosaved every minute."
                            ),
                        };
                        ui.label("● unsaved").on_hover_text(hint);
                    }
                });
            });
        });
    }
}

/// The status bar's counts: "1 document (1 included) · 16 actors · 1 code ·
/// counting body text".
pub(super) fn status_counts(
    documents: usize,
    included: usize,
    actors: usize,
    codes: usize,
    scope: &str,
) -> String {
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} ({included} included) · {} · {} · counting {scope}",
        n(documents, "document", "documents"),
        n(actors, "actor", "actors"),
        n(codes, "code", "codes"),
    )
}

/// "about 12 s left" from the pace so far, once there is a pace to go by.
pub(super) fn time_left(elapsed: Duration, done: usize, total: usize) -> Option<String> {
    if done == 0 || done >= total || elapsed < Duration::from_secs(1) {
        return None;
    }
    let left = elapsed.as_secs_f64() * (total - done) as f64 / done as f64;
    Some(if left < 60.0 {
        format!("about {} s left", left.ceil() as u64)
    } else {
        format!("about {} min left", (left / 60.0).ceil() as u64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_left_follows_the_pace_so_far() {
        assert_eq!(
            time_left(Duration::from_secs(10), 50, 100).unwrap(),
            "about 10 s left"
        );
        assert_eq!(
            time_left(Duration::from_secs(60), 10, 100).unwrap(),
            "about 9 min left"
        );
        assert!(time_left(Duration::from_millis(200), 1, 100).is_none());
        assert!(time_left(Duration::from_secs(5), 0, 100).is_none());
    }
}
