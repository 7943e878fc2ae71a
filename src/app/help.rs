//! The Help menu's windows: keyboard shortcuts, the dictionary's pattern
//! language, and where Framescope keeps its settings and recovery copies.

use egui::RichText;
use std::path::{Path, PathBuf};

use super::ui_command::UiCommand;

/// A page of help, shown in its own window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpTopic {
    Shortcuts,
    Patterns,
    Files,
}

impl HelpTopic {
    pub const ALL: [HelpTopic; 3] = [HelpTopic::Shortcuts, HelpTopic::Patterns, HelpTopic::Files];

    /// The menu entry and window title.
    pub fn title(self) -> &'static str {
        match self {
            HelpTopic::Shortcuts => "Keyboard shortcuts",
            HelpTopic::Patterns => "Dictionary patterns",
            HelpTopic::Files => "Settings and recovery copies",
        }
    }
}

/// What the Files page names: the settings folder (eframe's storage, when
/// the platform has one) and the open project's recovery copy (`None` for a
/// project not saved yet).
pub struct HelpPlaces<'a> {
    pub data_dir: Option<&'a Path>,
    pub recovery: Option<&'a Path>,
}

/// The dictionary's pattern language, one example per rule (the same rules
/// README's "Actor dictionary" section gives).
pub const PATTERN_RULES: [(&str, &str); 7] = [
    (
        "iran",
        "A whole word, in any letter case: Iran, IRAN; not Iranian.",
    ),
    (
        "russia*",
        "* at the end: any continuation (Russia, Russian, Russians); not Prussia.",
    ),
    (
        "south caucasus",
        "Several words match across any spaces and line breaks.",
    ),
    (
        "US  [case]",
        "The case flag (TSV: a third column `case`) matches the letter case exactly: US, never \"us\".",
    ),
    (
        "turkiye",
        "Diacritics are ignored: Türkiye, TÜRKİYE; ı/İ and ə fold to i and e.",
    ),
    (
        "baku",
        "Apostrophes and possessives never block a match: Baku’s, Baku's.",
    ),
    (
        "russo",
        "Anything that is not a letter or digit is a boundary: Russo-Ukrainian counts.",
    ),
];

/// Draws the open help window, if any; closing it clears `open`.
pub fn help_ui(ctx: &egui::Context, open: &mut Option<HelpTopic>, places: &HelpPlaces<'_>) {
    let Some(topic) = *open else {
        return;
    };
    let mut keep = true;
    egui::Window::new(topic.title())
        .open(&mut keep)
        .collapsible(false)
        .resizable(true)
        .default_width(520.0)
        .show(ctx, |ui| match topic {
            HelpTopic::Shortcuts => shortcuts_ui(ui),
            HelpTopic::Patterns => patterns_ui(ui),
            HelpTopic::Files => files_ui(ui, places),
        });
    if !keep {
        *open = None;
    }
}

/// Every shortcut of the command table, with what its command does.
fn shortcuts_ui(ui: &mut egui::Ui) {
    egui::Grid::new("help shortcuts")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for command in UiCommand::all() {
                for shortcut in command.shortcuts() {
                    ui.monospace(ui.ctx().format_shortcut(&shortcut));
                    ui.label(command.tooltip());
                    ui.end_row();
                }
            }
            for (keys, what) in [
                ("Enter", "Reader: add the selected passage"),
                ("Esc", "Close a dialog or popup; Reader: drop the selection"),
            ] {
                ui.monospace(keys);
                ui.label(what);
                ui.end_row();
            }
        });
}

fn patterns_ui(ui: &mut egui::Ui) {
    ui.label(
        "Each actor in the dictionary has patterns; a mention is a match of any of them. \
         All patterns are searched in one pass per document.",
    );
    ui.add_space(6.0);
    egui::Grid::new("help patterns")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for (pattern, rule) in PATTERN_RULES {
                ui.monospace(pattern);
                ui.add(egui::Label::new(rule).wrap());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(
        "One span counts once per actor; a match inside a longer match of another actor \
         is dropped (\"Equatorial Guinea\" is not also \"Guinea\").",
    );
}

/// Help ▸ About: the version and the commit it was built from (what a bug
/// report needs), where settings, recovery copies and crash logs are kept,
/// and the licences.
pub fn about_ui(ui: &mut egui::Ui, data_dir: Option<&Path>) {
    ui.label(RichText::new("Framescope").heading());
    ui.label(
        "Comparative media-framing analysis: actor mentions, concordances and framing \
         passages across news corpora.",
    );
    ui.add_space(6.0);
    egui::Grid::new("about")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Version");
            ui.label(crate::VERSION);
            ui.end_row();
            ui.strong("Commit");
            copyable(ui, crate::COMMIT);
            ui.end_row();
            ui.strong("Platform");
            ui.label(format!(
                "{} {}",
                std::env::consts::OS,
                std::env::consts::ARCH
            ));
            ui.end_row();
        });
    ui.add_space(6.0);
    path_row(
        ui,
        "Settings, recovery copies and crash logs",
        data_dir.map(Path::to_path_buf),
        "This platform gives Framescope no settings folder: settings are not kept, and \
         recovery copies go to the temporary folder.",
    );
    ui.label("Licence: MIT or Apache-2.0. Bundled font: DejaVu Sans (Bitstream Vera licence).");
}

/// A monospace text with a Copy button beside it.
fn copyable(ui: &mut egui::Ui, text: &str) {
    ui.horizontal(|ui| {
        ui.monospace(text);
        if ui.small_button("Copy").clicked() {
            ui.ctx().copy_text(text.to_string());
        }
    });
}

/// A labelled path with a Copy button, or `none` said where there is no path.
fn path_row(ui: &mut egui::Ui, label: &str, path: Option<PathBuf>, none: &str) {
    ui.strong(label);
    match path {
        Some(p) => copyable(ui, &p.display().to_string()),
        None => {
            ui.weak(none);
        }
    }
    ui.add_space(6.0);
}

fn files_ui(ui: &mut egui::Ui, places: &HelpPlaces<'_>) {
    path_row(
        ui,
        "Settings (theme, scale, recent projects, window size)",
        places.data_dir.map(Path::to_path_buf),
        "This platform gives Framescope no settings folder: settings are not kept.",
    );
    path_row(
        ui,
        "Recovery copy of this project",
        places.recovery.map(Path::to_path_buf),
        "Not saved yet: its recovery copy goes to the `recovery` folder in the settings folder.",
    );
    ui.label(
        "While a project has unsaved changes a recovery copy is written every minute; \
         it is removed when you save. If Framescope stops unexpectedly, opening the \
         project offers the newer recovery copy.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn every_shortcut_is_listed_with_what_it_does() {
        let mut open = Some(HelpTopic::Shortcuts);
        let places = HelpPlaces {
            data_dir: None,
            recovery: None,
        };
        let mut harness = Harness::new_ui(|ui| {
            help_ui(ui.ctx(), &mut open, &places);
        });
        harness.run();
        for command in UiCommand::all() {
            for shortcut in command.shortcuts() {
                let keys = harness.ctx.format_shortcut(&shortcut);
                assert_eq!(harness.query_all_by_label(&keys).count(), 1, "{keys}");
                let what = command.tooltip();
                assert!(!what.contains('('), "{what}: no words for this command");
                assert!(harness.query_all_by_label(&what).count() >= 1, "{what}");
            }
        }
    }

    #[test]
    fn about_names_the_version_the_commit_and_the_settings_folder() {
        let data = Path::new("/home/a/.local/share/framescope");
        let mut harness = Harness::new_ui(|ui| about_ui(ui, Some(data)));
        harness.run();
        harness.get_by_label(env!("CARGO_PKG_VERSION"));
        harness.get_by_label(crate::COMMIT);
        harness.get_by_label(&data.display().to_string());
        assert!(!crate::COMMIT.is_empty());

        let mut harness = Harness::new_ui(|ui| about_ui(ui, None));
        harness.run();
        harness.get_by_label_contains("no settings folder");
    }

    #[test]
    fn the_files_page_names_the_settings_folder_and_the_recovery_copy() {
        let mut open = Some(HelpTopic::Files);
        let data = Path::new("/home/a/.local/share/framescope");
        let project = PathBuf::from("/tmp/study/gaza.ron");
        let copy = crate::project::recovery::recovery_path(data, &project);
        let places = HelpPlaces {
            data_dir: Some(data),
            recovery: Some(&copy),
        };
        let mut harness = Harness::new_ui(|ui| {
            help_ui(ui.ctx(), &mut open, &places);
        });
        harness.run();
        harness.get_by_label("/home/a/.local/share/framescope");
        harness.get_by_label(&copy.display().to_string());
    }
}
