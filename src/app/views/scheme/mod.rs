//! The frame scheme editor: focal actors, the neutral frame, negation and
//! reference rules on the left; the evaluative frames with their cue lexicons
//! on the right, each with how many passages the current analysis labels with
//! it. Cue lists are edited as text, one pattern per line, with an error under
//! the list for every bad line.
//!
//! Every change is sent as an [`Edit::Scheme`] holding an edited copy of the
//! scheme, made by the scheme's own edit rules where there are some
//! ([`FrameScheme::with_focal`], [`FrameScheme::with_new_frame`], …).
//!
//! This module holds the view and its status line; the rules column, the
//! frame cards, the pattern lists edited as text and the passage counts are
//! modules of their own.

mod frames;
mod passage_counts;
mod pattern_lines;
mod rules;

use egui::{RichText, TextEdit, Ui};

use crate::actors::ActorDictionary;
use crate::framing::FrameScheme;
use crate::project::{Edit, Project};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::dictionary::{CorpusSummary, Drafts, PerRevision, colour_field_ui};
use super::format::plural;
use passage_counts::PassageCounts;
use pattern_lines::LineChecks;

/// Default width of the rules column.
const RULES_WIDTH: f32 = 400.0;

/// The frame scheme editor.
#[derive(Default)]
pub struct SchemeView {
    drafts: Drafts,
    lines: LineChecks,
    /// Why the scheme cannot be used, if it cannot ([`scheme_error`]).
    error: PerRevision<Option<String>>,
    passages: PassageCounts,
    corpus: PerRevision<CorpusSummary>,
}

impl SchemeView {
    /// Draws the view and sends the edits made in it.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        self.error
            .update(ctx.revision, || scheme_error(ctx.project));
        self.passages.update(ctx);
        let corpus = *self
            .corpus
            .update(ctx.revision, || CorpusSummary::of(ctx.project));
        self.status_ui(ui, ctx, &corpus);
        egui::Panel::left("scheme-rules")
            .resizable(true)
            .default_size(RULES_WIDTH)
            .size_range(320.0..=600.0)
            .show(ui, |ui| {
                scrolled_column(ui, "scheme-rules-scroll", |ui| self.rules_ui(ui, ctx));
            });
        egui::CentralPanel::default().show(ui, |ui| {
            scrolled_column(ui, "scheme-frames-scroll", |ui| {
                self.frames_ui(ui, ctx);
                section_gap(ui);
                super::scheme_weights::weights_ui(ui, ctx);
            });
        });
    }

    /// One line over both columns: whether the scheme can be used.
    fn status_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, corpus: &CorpusSummary) {
        let project = ctx.project;
        let scheme = &project.scheme;
        let (text, colour) = match self.error.as_deref() {
            Some(error) => (
                format!(
                    "⚠ The scheme cannot be used: {error}. The analysis keeps its last results until it is fixed."
                ),
                ui.visuals().error_fg_color,
            ),
            None => (
                format!(
                    "✔ The scheme is valid: {}, {} and {} in the {}.",
                    plural(scheme.frames.len(), "evaluative frame", "evaluative frames"),
                    focal_summary(scheme, &project.dictionary),
                    match self.passages.total() {
                        Some(n) => plural(n, "labelled passage", "labelled passages"),
                        None => "… labelled passages".to_string(),
                    },
                    corpus.documents_text(),
                ),
                ui.visuals().weak_text_color(),
            ),
        };
        ui.add_space(4.0);
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(8, 6))
            .corner_radius(4.0)
            .stroke(egui::Stroke::new(
                1.0,
                if self.error.is_some() {
                    colour
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke.color
                },
            ))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let text = RichText::new(text).color(colour);
                ui.label(if self.error.is_some() {
                    text.strong()
                } else {
                    text
                });
            });
        ui.add_space(4.0);
    }
}

/// Why the project's scheme cannot be used ([`FrameScheme::validate`]), if
/// it cannot. It compiles every cue, so the view keeps it per revision.
fn scheme_error(project: &Project) -> Option<String> {
    let error = project.scheme.validate(&project.dictionary).err()?;
    Some(error.to_string())
}

/// Sends an edited copy of the project's scheme, changed by `edit`; edits
/// sent under one `key` are one undo step.
fn send_edit(ctx: &mut ViewCtx<'_>, key: Option<String>, edit: impl FnOnce(&mut FrameScheme)) {
    let mut edited = ctx.project.scheme.clone();
    edit(&mut edited);
    send_scheme(ctx, key, edited);
}

/// Sends `scheme` as the project's new scheme; edits sent under one `key`
/// are one undo step.
fn send_scheme(ctx: &mut ViewCtx<'_>, key: Option<String>, scheme: FrameScheme) {
    ctx.send(Command::Edit {
        edit: Edit::scheme(scheme),
        key,
    });
}

/// A one-line field for a name, labelled "Name".
struct NameField<S> {
    id_salt: S,
    hint: &'static str,
    width: f32,
}

impl<S: std::hash::Hash + std::fmt::Debug> NameField<S> {
    /// Shows the field holding `name`; the name as typed when it was edited.
    fn ui(self, ui: &mut Ui, name: &str) -> Option<String> {
        let label = ui.label("Name");
        let mut typed = name.to_string();
        let edit = TextEdit::singleline(&mut typed)
            .id_salt(self.id_salt)
            .hint_text(self.hint)
            .desired_width(self.width)
            .char_limit(100);
        let response = ui.add(edit).labelled_by(label.id);
        response.changed().then_some(typed)
    }
}

/// A column that scrolls on its own, its content spaced from the top and
/// the bottom.
fn scrolled_column(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add_space(theme::GAP);
            add(ui);
            ui.add_space(2.0 * theme::GAP);
        });
}

/// "2 focal actors", or "3 focal actors (1 not in the dictionary)".
fn focal_summary(scheme: &FrameScheme, dictionary: &ActorDictionary) -> String {
    let all = plural(scheme.focal_actors.len(), "focal actor", "focal actors");
    match scheme.unknown_focal_actors(dictionary).len() {
        0 => all,
        unknown => format!("{all} ({unknown} not in the dictionary)"),
    }
}

fn section_gap(ui: &mut Ui) {
    ui.add_space(theme::GAP);
    ui.separator();
    ui.add_space(2.0);
}

#[cfg(test)]
mod tests {
    use egui::accesskit::Role;
    use egui_kittest::kittest::{AccessKitNode, Queryable};

    use super::*;
    use crate::actors::PatternSpec;
    use crate::app::views::test_support::{demo_project, live_harness};

    #[test]
    fn every_widget_of_the_view_has_an_accessible_name() {
        let mut harness = live_harness(demo_project(), SchemeView::default(), SchemeView::ui);
        harness.run();
        harness.check_accessibility();
        assert!(harness.query_by_label("Focal actors").is_some());
        assert!(
            harness
                .query_all_by_label_contains("The scheme is valid")
                .next()
                .is_some()
        );
    }

    #[test]
    fn ticking_an_actor_makes_it_focal() {
        let mut harness = live_harness(demo_project(), SchemeView::default(), SchemeView::ui);
        harness.run();
        harness
            .get_by_role_and_label(Role::CheckBox, "Türkiye")
            .click();
        harness.run();
        let focal = &harness.state().project.scheme.focal_actors;
        assert!(focal.iter().any(|f| f == "Türkiye"), "{focal:?}");
    }

    #[test]
    fn a_bad_cue_is_kept_and_listed_with_its_line_number() {
        let mut harness = live_harness(demo_project(), SchemeView::default(), SchemeView::ui);
        harness.run();
        let first_cues = |n: &AccessKitNode<'_>| {
            n.role() == Role::MultilineTextInput
                && n.value().is_some_and(|v| v.starts_with("weaken*"))
        };
        harness.get_by(first_cues).focus();
        harness.run();
        harness.get_by(first_cues).type_text("\nab*c");
        harness.run();
        let scheme = &harness.state().project.scheme;
        let cues = &scheme.frames[0].cues;
        assert_eq!(cues.last(), Some(&PatternSpec::new("ab*c")));
        let line = format!("Line {}: `*` may only end", cues.len());
        assert!(
            harness.query_all_by_label_contains(&line).next().is_some(),
            "no {line:?}"
        );
        assert!(
            harness
                .query_all_by_label_contains("The scheme cannot be used")
                .next()
                .is_some()
        );
        harness.check_accessibility();
    }

    #[test]
    fn frames_are_added_and_removed_from_their_cards() {
        let mut harness = live_harness(demo_project(), SchemeView::default(), SchemeView::ui);
        harness.run();
        let before = harness.state().project.scheme.frames.clone();
        harness.get_by_label("Add frame").click();
        harness.run();
        let frames = &harness.state().project.scheme.frames;
        assert_eq!(frames.len(), before.len() + 1);
        assert_eq!(frames[before.len()].name, "new frame");
        let removes: Vec<_> = harness.get_all_by_label("Remove frame").collect();
        assert_eq!(removes.len(), before.len() + 1);
        removes[0].click();
        harness.run();
        let names: Vec<&str> = harness
            .state()
            .project
            .scheme
            .frames
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(names, [before[1].name.as_str(), "new frame"]);
    }

    #[test]
    fn a_bad_cue_makes_the_scheme_unusable() {
        let mut project = demo_project();
        assert_eq!(scheme_error(&project), None);
        project.scheme.frames[0].cues.push(PatternSpec::new("ab*c"));
        let error = scheme_error(&project).unwrap_or_default();
        assert!(error.contains("`ab*c`"), "{error}");
    }
}
