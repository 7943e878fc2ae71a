//! The command table: every command the menus and the keyboard offer, with
//! its text, tooltip and shortcut in one place (as rerun's `UICommand`). The
//! menus, the shortcuts and the Help window's list are all made from it, and
//! shortcuts are shown with the platform's modifier names (⌘ on macOS, Ctrl
//! elsewhere: [`egui::Context::format_shortcut`]).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::capture::{CaptureArea, CaptureRequest};
use super::command::Command;
use super::views::ViewKind;

/// A command with a place in the menus or on the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    NewProject,
    OpenProject,
    SaveProject,
    SaveProjectAs,
    ImportFiles,
    ImportFolder,
    ImportDictionary,
    ExportDictionary,
    ImportCodebook,
    CaptureWindow,
    CaptureView,
    Quit,
    Undo,
    Redo,
    ShowView(ViewKind),
}

impl UiCommand {
    /// Every command: the File menu's, the Edit menu's, then the views.
    pub fn all() -> impl Iterator<Item = UiCommand> {
        use UiCommand::*;
        let file = [NewProject, OpenProject, SaveProject, SaveProjectAs];
        let import = [
            ImportFiles,
            ImportFolder,
            ImportDictionary,
            ExportDictionary,
            ImportCodebook,
            CaptureWindow,
            CaptureView,
            Quit,
        ];
        let edit = [Undo, Redo];
        file.into_iter()
            .chain(import)
            .chain(edit)
            .chain(ViewKind::ALL.map(ShowView))
    }

    /// The menu entry's text.
    pub fn text(self) -> &'static str {
        match self {
            UiCommand::NewProject => "New project",
            UiCommand::OpenProject => "Open project…",
            UiCommand::SaveProject => "Save",
            UiCommand::SaveProjectAs => "Save as…",
            UiCommand::ImportFiles => "Import files…",
            UiCommand::ImportFolder => "Import folder…",
            UiCommand::ImportDictionary => "Import dictionary…",
            UiCommand::ExportDictionary => "Export dictionary…",
            UiCommand::ImportCodebook => "Import codebook…",
            UiCommand::CaptureWindow => "Screenshot of the window…",
            UiCommand::CaptureView => "Capture view…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::ShowView(view) => view.label(),
        }
    }

    /// What the command does, in a sentence: the tooltip, and the Help
    /// window's line for its shortcut.
    pub fn tooltip(self) -> String {
        match self {
            UiCommand::NewProject => "Start an empty project".into(),
            UiCommand::OpenProject => "Open a project…".into(),
            UiCommand::SaveProject => "Save the project".into(),
            UiCommand::SaveProjectAs => "Save the project as…".into(),
            UiCommand::ImportFiles => {
                "Add articles from text, HTML, PDF, DOCX, CSV or JSON files".into()
            }
            UiCommand::ImportFolder => "Add every article file in a folder".into(),
            UiCommand::ImportDictionary => {
                "Replace the actor dictionary with one from a TSV, YAML, \
                                             RON, LIWC (.dic) or WordStat (.cat) file"
                    .into()
            }
            UiCommand::ExportDictionary => {
                "Save the actor dictionary as TSV, YAML, RON, LIWC (.dic) \
                                             or WordStat (.cat)"
                    .into()
            }
            UiCommand::ImportCodebook => {
                "Add the codes of a REFI-QDA codebook (.qdc, from MAXQDA, NVivo, \
                 ATLAS.ti or QualCoder): focal actors' frame codes go into the frame \
                 scheme, other codes are kept and exported again"
                    .into()
            }
            UiCommand::CaptureWindow => "Save the whole window as a PNG".into(),
            UiCommand::CaptureView => "Save this view as a PNG, as it is on screen".into(),
            UiCommand::Quit => "Close Framescope; it asks first about unsaved changes".into(),
            UiCommand::Undo => "Undo the last change".into(),
            UiCommand::Redo => "Redo the change last undone".into(),
            UiCommand::ShowView(view) => format!("Show the {} view", view.label()),
        }
    }

    /// The keyboard shortcut menus show, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let shortcut = match self {
            UiCommand::NewProject => KeyboardShortcut::new(cmd, Key::N),
            UiCommand::OpenProject => KeyboardShortcut::new(cmd, Key::O),
            UiCommand::SaveProject => KeyboardShortcut::new(cmd, Key::S),
            UiCommand::SaveProjectAs => KeyboardShortcut::new(cmd_shift, Key::S),
            UiCommand::Undo => KeyboardShortcut::new(cmd, Key::Z),
            UiCommand::Redo => KeyboardShortcut::new(cmd_shift, Key::Z),
            UiCommand::ShowView(view) => {
                const DIGITS: [Key; 8] = [
                    Key::Num1,
                    Key::Num2,
                    Key::Num3,
                    Key::Num4,
                    Key::Num5,
                    Key::Num6,
                    Key::Num7,
                    Key::Num8,
                ];
                let tab = ViewKind::ALL.iter().position(|v| *v == view)?;
                KeyboardShortcut::new(cmd, *DIGITS.get(tab)?)
            }
            _ => return None,
        };
        Some(shortcut)
    }

    /// Every shortcut that runs the command: [`UiCommand::shortcut`], and
    /// the other one some platforms' users expect (Ctrl+Y for redo).
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        let other = match self {
            UiCommand::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        };
        self.shortcut().into_iter().chain(other)
    }

    /// The shortcut as this platform writes it ("Ctrl+S", "⌘S"); empty when
    /// the command has none.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }

    /// What the app is asked to do; captures are taken at `capture_scale`.
    pub fn command(self, capture_scale: f32) -> Command {
        let capture = |area| {
            Command::Capture(CaptureRequest {
                area,
                scale: capture_scale,
                path: None,
            })
        };
        match self {
            UiCommand::NewProject => Command::NewProject,
            UiCommand::OpenProject => Command::OpenProject(None),
            UiCommand::SaveProject => Command::SaveProject,
            UiCommand::SaveProjectAs => Command::SaveProjectAs(None),
            UiCommand::ImportFiles => Command::ImportFiles(None),
            UiCommand::ImportFolder => Command::ImportFolder(None),
            UiCommand::ImportDictionary => Command::ImportDictionary(None),
            UiCommand::ExportDictionary => Command::ExportDictionary(None),
            UiCommand::ImportCodebook => Command::ImportCodebook(None),
            UiCommand::CaptureWindow => capture(CaptureArea::Window),
            UiCommand::CaptureView => capture(CaptureArea::View),
            UiCommand::Quit => Command::Quit,
            UiCommand::Undo => Command::Undo,
            UiCommand::Redo => Command::Redo,
            UiCommand::ShowView(view) => Command::ShowView(view),
        }
    }

    /// A menu entry with the command's text, shortcut and tooltip.
    pub fn menu_item(self, ui: &mut egui::Ui) -> egui::Response {
        self.menu_item_as(ui, self.text(), true, false)
    }

    /// [`UiCommand::menu_item`] with another text (undo names what it
    /// undoes), maybe disabled or shown as selected.
    pub fn menu_item_as(
        self,
        ui: &mut egui::Ui,
        text: &str,
        enabled: bool,
        selected: bool,
    ) -> egui::Response {
        let shortcut = self.shortcut_text(ui.ctx());
        let button = egui::Button::selectable(selected, text).shortcut_text(shortcut);
        ui.add_enabled(enabled, button)
            .on_hover_text(self.tooltip())
    }

    /// The commands whose shortcut was pressed this frame (the key presses
    /// are consumed). Longer modifier sets are tried first: egui matches
    /// shortcuts ignoring extra Shift, so Ctrl+Shift+S must not be taken
    /// for Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let mut bound: Vec<(KeyboardShortcut, UiCommand)> = UiCommand::all()
            .flat_map(|c| c.shortcuts().map(move |s| (s, c)))
            .collect();
        bound.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        bound
            .into_iter()
            .filter(|(s, _)| ctx.input_mut(|i| i.consume_shortcut(s)))
            .map(|(_, c)| c)
            .collect()
    }
}

fn modifier_count(m: Modifiers) -> u32 {
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .into_iter()
        .map(u32::from)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut_and_every_view_has_one() {
        let shortcuts: Vec<KeyboardShortcut> =
            UiCommand::all().flat_map(UiCommand::shortcuts).collect();
        for (i, a) in shortcuts.iter().enumerate() {
            assert!(!shortcuts[i + 1..].contains(a), "{a:?} twice");
        }
        for view in ViewKind::ALL {
            assert!(UiCommand::ShowView(view).shortcut().is_some(), "{view:?}");
        }
    }

    #[test]
    fn shortcut_texts_use_the_platforms_modifier_names() {
        let ctx = egui::Context::default();
        // Shortcut texts need the fonts, there after the first frame (whose
        // font texture no renderer takes here).
        let mut first = ctx.run_ui(egui::RawInput::default(), |_| {});
        first.textures_delta.clear();
        let text = |os| {
            ctx.set_os(os);
            UiCommand::SaveProjectAs.shortcut_text(&ctx)
        };
        assert_eq!(text(egui::os::OperatingSystem::Windows), "Ctrl+Shift+S");
        let mac = text(egui::os::OperatingSystem::Mac);
        assert!(mac == "⇧⌘S" || mac == "Shift+Cmd+S", "{mac}");
        assert_eq!(UiCommand::Quit.shortcut_text(&ctx), "");
    }

    #[test]
    fn control_shift_s_saves_as_and_not_also_saves() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        let press = egui::Event::Key {
            key: Key::S,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND | Modifiers::SHIFT,
        };
        let input = egui::RawInput {
            events: vec![press],
            ..Default::default()
        };
        let mut pressed = Vec::new();
        let mut output = ctx.run_ui(input, |ui| pressed = UiCommand::pressed(ui.ctx()));
        // No renderer takes the font texture here.
        output.textures_delta.clear();
        assert_eq!(pressed, vec![UiCommand::SaveProjectAs]);
    }
}
