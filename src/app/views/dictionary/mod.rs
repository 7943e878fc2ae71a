//! The dictionary editor: the actors on the left; on the right the selected
//! actor's name, group, colour and patterns, each pattern with a live count of
//! its matches in the included documents, updated as it is typed.
//!
//! Every change is sent as an [`Edit::Dictionary`] holding an edited copy of
//! the dictionary. The view keeps only what the project cannot hold for it:
//! the selection, the filter, half-typed text and caches of counts.
//!
//! This module holds the view, the editor's heading, the selected actor's
//! name, group and colour, and the list of bad patterns of other actors; the
//! actor list, the pattern table, the live counts and the mention totals are
//! modules of their own.

mod actor_list;
mod corpus_summary;
mod drafts;
mod live_counts;
mod patterns;
mod per_revision;
mod totals;

use std::collections::HashSet;

use egui::{Align, Layout, RichText, Sense, TextEdit, Ui, vec2};

use crate::actors::{ActorDictionary, Colour, DictionaryError, group_path, parse_group_path};
use crate::corpus::Scope;
use crate::project::Edit;

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::format::plural;
use super::widgets::ellipsize;
use live_counts::LiveCounts;
use totals::{ActorTotals, Total};

pub(super) use corpus_summary::CorpusSummary;
pub(super) use drafts::Drafts;
pub(super) use per_revision::PerRevision;

/// Characters a text field accepts: well over the pattern limit, so an
/// over-long pattern shows its error, but short of a pasted article that would
/// make the field slow to lay out.
const FIELD_CHAR_LIMIT: usize = 1000;

/// The actor dictionary editor.
#[derive(Default)]
pub struct DictionaryView {
    /// Index of the actor being edited.
    selected: usize,
    /// Text of the filter box over the actor list.
    filter: String,
    /// The pattern being typed into the "add pattern" row.
    new_pattern: String,
    new_pattern_case: bool,
    drafts: Drafts,
    live: LiveCounts,
    totals: ActorTotals,
    bad_patterns: PerRevision<BadPatterns>,
    /// The actor whose name field has focus, with its name before editing, so
    /// the frame scheme can follow a rename of a focal actor.
    renaming: Option<(usize, String)>,
    /// Put the cursor in the name field (after "Add actor").
    focus_name: bool,
    /// Scroll the list to the selected actor (after adding or moving it).
    scroll_to_selected: bool,
    /// The corpus summary (taken again only when the project changes: it
    /// walks every document).
    corpus: PerRevision<CorpusSummary>,
}

impl DictionaryView {
    /// Draws the view and sends the edits made in it.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let corpus = self.refresh(ctx);
        egui::Panel::left("dictionary-actors")
            .resizable(true)
            .default_size(actor_list::LIST_WIDTH)
            .size_range(260.0..=520.0)
            .show(ui, |ui| self.actor_list_ui(ui, ctx, &corpus));
        egui::CentralPanel::default().show(ui, |ui| self.editor_ui(ui, ctx, &corpus));
        // The count cells drawn this frame asked for the counts they lack.
        self.live.dispatch(ctx.project, ui.ctx());
    }

    /// Brings the selection and the caches up to date with the project and
    /// its analysis, and returns the summary of the included documents.
    fn refresh(&mut self, ctx: &ViewCtx<'_>) -> CorpusSummary {
        let dictionary = &ctx.project.dictionary;
        let corpus = *self
            .corpus
            .update(ctx.revision, || CorpusSummary::of(ctx.project));
        let last = dictionary.actors.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        self.totals.update(ctx);
        self.bad_patterns
            .update(ctx.revision, || BadPatterns::of(dictionary));
        self.live.sync(&corpus);
        self.live.poll();
        corpus
    }

    /// Selects another actor, finishing a rename in progress first.
    fn select(&mut self, index: usize, ctx: &mut ViewCtx<'_>) {
        if index != self.selected {
            self.finish_rename(ctx, None);
            self.selected = index;
            self.new_pattern.clear();
            self.new_pattern_case = false;
            self.drafts.clear();
        }
    }

    fn editor_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, corpus: &CorpusSummary) {
        egui::ScrollArea::vertical()
            .id_salt("actor-editor")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.add_space(theme::GAP);
                self.problems_ui(ui, ctx);
                let index = self.selected;
                if index >= ctx.project.dictionary.actors.len() {
                    self.nothing_selected_ui(ui, ctx);
                    return;
                }
                self.actor_heading_ui(ui, ctx, corpus, index);
                ui.add_space(theme::GAP);
                ui.columns(2, |columns| {
                    self.identity_ui(&mut columns[0], ctx, index);
                    patterns::pattern_help_ui(&mut columns[1]);
                });
                ui.add_space(2.0 * theme::GAP);
                self.patterns_ui(ui, ctx, corpus, index);
                ui.add_space(2.0 * theme::GAP);
            });
    }

    fn nothing_selected_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        ui.add_space(ui.available_height() / 4.0);
        ui.vertical_centered(|ui| {
            ui.heading("No actor selected");
            ui.label(
                RichText::new(
                    "Actors are the people, states and organisations Framescope counts. \
                     Add one and give it the names it goes by.",
                )
                .weak(),
            );
            ui.add_space(theme::GAP);
        });
        ui.vertical_centered(|ui| {
            if ui.button("Add actor").clicked() {
                self.add_actor(ctx);
            }
        });
    }

    /// Bad patterns of the other actors, each a link to its actor (the
    /// selected actor's own are shown under each pattern). Listing only the
    /// others keeps the editor from jumping while a pattern is typed.
    fn problems_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        /// Bad patterns listed before "… and N more".
        const MAX_LISTED_PROBLEMS: usize = 6;
        let others = self.bad_patterns.of_actors_other_than(self.selected);
        if others.is_empty() {
            return;
        }
        let error = ui.visuals().error_fg_color;
        let mut go_to = None;
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, error))
            .corner_radius(4.0)
            .inner_margin(egui::Margin::same(8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(if others.len() == 1 {
                        "⚠ A pattern of another actor cannot be used. Until it is fixed, the \
                         analysis keeps its last results."
                            .to_string()
                    } else {
                        format!(
                            "⚠ {} patterns of other actors cannot be used. Until they are \
                             fixed, the analysis keeps its last results.",
                            others.len()
                        )
                    })
                    .color(error)
                    .strong(),
                );
                for (actor, problem) in others.iter().take(MAX_LISTED_PROBLEMS) {
                    let text = format!(
                        "{}: “{}” — {}",
                        display_name(&problem.actor),
                        ellipsize(&problem.pattern, 40),
                        problem.error
                    );
                    if ui.link(text).on_hover_text("Show this actor").clicked() {
                        go_to = Some(*actor);
                    }
                }
                if others.len() > MAX_LISTED_PROBLEMS {
                    ui.label(format!("… and {} more", others.len() - MAX_LISTED_PROBLEMS));
                }
            });
        ui.add_space(theme::GAP);
        if let Some(index) = go_to {
            self.select(index, ctx);
            self.scroll_to_selected = true;
        }
    }

    /// Chip, name, "focal" badge and mention total of the selected actor.
    fn actor_heading_ui(
        &self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        corpus: &CorpusSummary,
        index: usize,
    ) {
        let Some(actor) = ctx.project.dictionary.actors.get(index) else {
            return;
        };
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 3.0, theme::colour(actor.colour));
            ui.heading(display_name(&actor.name));
            if ctx.project.scheme.is_focal(&actor.name) {
                focal_badge_ui(ui);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let text = match self.totals.get(&actor.name) {
                    Total::Count { mentions, current } => {
                        let text = RichText::new(format!(
                            "{} in {}",
                            plural(mentions, "mention", "mentions"),
                            corpus.documents_text()
                        ));
                        if current { text } else { text.weak() }
                    }
                    Total::Unknown => RichText::new("… mentions").weak(),
                };
                ui.label(text).on_hover_text(
                    "Mentions of the actor in the latest analysis: a span matched by \
                     several of its patterns counts once",
                );
            });
        });
    }

    /// Name, group and colour.
    fn identity_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize) {
        let Some(actor) = ctx.project.dictionary.actors.get(index) else {
            return;
        };
        ui.label(RichText::new("Actor").strong());
        ui.add_space(2.0);
        egui::Grid::new(("actor-identity", index))
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("Name");
                self.name_ui(ui, ctx, index, label.id);
                ui.end_row();

                let label = ui.label("Group");
                ui.vertical(|ui| {
                    self.group_ui(ui, ctx, index, label.id);
                });
                ui.end_row();

                let hint = "The actor's colour in every chart and highlight";
                let label = ui.label("Colour");
                ui.horizontal(|ui| {
                    let picked = colour_field_ui(ui, actor.colour, label.id, hint);
                    ui.label(RichText::new(actor.colour.to_string()).weak().monospace());
                    if let Some(colour) = picked {
                        send_edit(ctx, Some(format!("dict:{index}:colour")), |d| {
                            d.actors[index].colour = colour;
                        });
                    }
                });
                ui.end_row();
            });
    }

    fn name_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize, label: egui::Id) {
        let project = ctx.project;
        let Some(actor) = project.dictionary.actors.get(index) else {
            return;
        };
        ui.vertical(|ui| {
            let mut name = actor.name.clone();
            let hint = "Actor name, e.g. Russia";
            let response = identity_field_ui(ui, &mut name, ("actor-name", index), hint, label);
            if std::mem::take(&mut self.focus_name) {
                response.request_focus();
            }
            if response.gained_focus() || (response.has_focus() && self.renaming.is_none()) {
                self.renaming = Some((index, actor.name.clone()));
            }
            if response.changed() {
                let typed = name.clone();
                send_edit(ctx, Some(format!("dict:{index}:name")), |d| {
                    d.actors[index].name = typed;
                });
            }
            if response.lost_focus() {
                self.finish_rename(ctx, Some(&name));
            }

            let warn = ui.visuals().warn_fg_color;
            if name.trim().is_empty() {
                ui.label(
                    RichText::new("⚠ An actor needs a name: charts and exports show it.")
                        .color(warn),
                );
            } else if project.dictionary.has_other_actor_named(index, &name) {
                ui.label(
                    RichText::new("⚠ Another actor has this name; give each actor its own.")
                        .color(warn),
                );
            }
            if project.scheme.is_focal(&name) {
                ui.label(
                    RichText::new("Focal actor of the frame scheme; the scheme follows a rename.")
                        .weak(),
                );
            }
        });
    }

    /// After the name field loses focus: if the actor was a focal actor of the
    /// frame scheme under its old name, the scheme is renamed too
    /// ([`crate::framing::FrameScheme::with_focal_actor_renamed`]). It is a
    /// separate undo step (the scheme is a separate edit).
    fn finish_rename(&mut self, ctx: &mut ViewCtx<'_>, typed: Option<&str>) {
        let Some((index, old)) = self.renaming.take() else {
            return;
        };
        let project = ctx.project;
        let Some(actor) = project.dictionary.actors.get(index) else {
            return;
        };
        let new = typed.unwrap_or(&actor.name);
        if let Some(scheme) =
            project
                .scheme
                .with_focal_actor_renamed(&project.dictionary, index, &old, new)
        {
            ctx.send(Command::edit(Edit::scheme(scheme)));
        }
    }

    fn group_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize, label: egui::Id) {
        let Some(actor) = ctx.project.dictionary.actors.get(index) else {
            return;
        };
        let key = format!("dict:{index}:group");
        let mut text = self
            .drafts
            .text(&key, &actor.group, parse_group_path, |g| group_path(g));
        let hint = "e.g. Asia / Central Asia";
        let response = identity_field_ui(ui, &mut text, ("actor-group", index), hint, label)
            .on_hover_text(
                "Where the actor sits in a nested dictionary; separate levels with “ / ”. \
                 Leave empty for a flat dictionary.",
            );
        if response.changed() {
            let group = parse_group_path(&text);
            if group != actor.group {
                send_edit(ctx, Some(key.clone()), |d| d.actors[index].group = group);
            }
            self.drafts.keep(&key, text);
        }
    }
}

/// The dictionary's bad patterns as [`ActorDictionary::validate`] finds
/// them (the view keeps them per project revision: it compiles every
/// pattern).
#[derive(Default)]
struct BadPatterns {
    errors: Vec<DictionaryError>,
    /// Indices of the actors with a bad pattern.
    actors: HashSet<usize>,
}

impl BadPatterns {
    fn of(dictionary: &ActorDictionary) -> Self {
        let errors = dictionary.validate().err().unwrap_or_default();
        let actors = errors
            .iter()
            .filter_map(|error| error.position)
            .map(|position| position.actor)
            .collect();
        Self { errors, actors }
    }

    fn actor_has_error(&self, index: usize) -> bool {
        self.actors.contains(&index)
    }

    /// The bad patterns of every actor but the one at `index`, each with the
    /// index of its actor.
    fn of_actors_other_than(&self, index: usize) -> Vec<(usize, &DictionaryError)> {
        self.errors
            .iter()
            .filter_map(|error| Some((error.position?.actor, error)))
            .filter(|(actor, _)| *actor != index)
            .collect()
    }
}

/// Sends an edited copy of the project's dictionary, changed by `edit`;
/// edits sent under one `key` are one undo step.
fn send_edit(ctx: &mut ViewCtx<'_>, key: Option<String>, edit: impl FnOnce(&mut ActorDictionary)) {
    let mut edited = ctx.project.dictionary.clone();
    edit(&mut edited);
    ctx.send(Command::Edit {
        edit: Edit::Dictionary(edited),
        key,
    });
}

/// A one-line field of the actor's identity holding `text`, labelled by
/// `label`.
fn identity_field_ui(
    ui: &mut Ui,
    text: &mut String,
    id_salt: (&str, usize),
    hint: &str,
    label: egui::Id,
) -> egui::Response {
    let edit = TextEdit::singleline(text)
        .id_salt(id_salt)
        .hint_text(hint)
        .desired_width(ui.available_width().min(300.0))
        .char_limit(FIELD_CHAR_LIMIT);
    ui.add(edit).labelled_by(label)
}

/// A colour button labelled by `label` that opens a colour picker; the new
/// colour when one was picked. The scheme view's frames use it too.
pub(super) fn colour_field_ui(
    ui: &mut Ui,
    colour: Colour,
    label: egui::Id,
    hint: &str,
) -> Option<Colour> {
    let mut rgb = colour.0;
    egui::color_picker::color_edit_button_srgb(ui, &mut rgb)
        .labelled_by(label)
        .on_hover_text(hint);
    (rgb != colour.0).then_some(Colour(rgb))
}

/// A small "focal" badge beside a focal actor's name.
fn focal_badge_ui(ui: &mut Ui) {
    let fill = ui.visuals().selection.bg_fill;
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new("focal")
                    .small()
                    .color(ui.visuals().selection.stroke.color),
            )
        })
        .response
        .on_hover_text("A focal actor of the frame scheme: its framing is analysed");
}

/// An actor's name for display; an empty name still shows something.
fn display_name(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed actor)".to_string()
    } else {
        name.to_string()
    }
}

/// What the scope counts, in words.
fn scope_text(scope: Scope) -> &'static str {
    match scope {
        Scope::Body => "body text",
        Scope::Full => "full text",
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::super::test_support::{TestApp, demo_project, live_harness};
    use super::*;
    use crate::actors::{Actor, PatternSpec};

    /// Steps until the live counts are in, then until the UI is still.
    fn settle(harness: &mut Harness<'_, TestApp<DictionaryView>>) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            harness.step();
            if harness.state().view.live.is_idle() {
                break;
            }
            assert!(Instant::now() < deadline, "the live counts never came");
            std::thread::sleep(Duration::from_millis(5));
        }
        harness.run();
    }

    /// Types `text` at the end of the one-line field that holds `value`.
    fn type_at_end(harness: &mut Harness<'_, TestApp<DictionaryView>>, value: &str, text: &str) {
        let field = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.role() == egui::Role::TextInput && n.value().as_deref() == Some(value)
        };
        harness.get_by(field).focus();
        harness.key_press(egui::Key::End);
        harness.get_by(field).type_text(text);
    }

    fn russia(harness: &Harness<'_, TestApp<DictionaryView>>) -> Actor {
        let (_, actor) = harness
            .state()
            .project
            .dictionary
            .actor("Russia")
            .expect("demo has Russia");
        actor.clone()
    }

    #[test]
    fn every_widget_of_the_view_has_an_accessible_name() {
        let mut harness = live_harness(
            demo_project(),
            DictionaryView::default(),
            DictionaryView::ui,
        );
        settle(&mut harness);
        harness.check_accessibility();
        assert!(
            harness
                .query_all_by_label_contains("Russia")
                .next()
                .is_some()
        );
        assert!(harness.query_by_label("Pattern language").is_some());
    }

    #[test]
    fn a_pattern_typed_in_the_last_row_is_counted_and_added_with_enter() {
        let mut harness = live_harness(
            demo_project(),
            DictionaryView::default(),
            DictionaryView::ui,
        );
        settle(&mut harness);
        let field = harness.get_by(|n| n.data().placeholder() == Some("New pattern, e.g. kremlin"));
        field.focus();
        field.type_text("moscow*");
        settle(&mut harness);
        // Counted before it is added: Russia already has `moscow`, so there
        // are matches to show.
        assert!(
            russia(&harness)
                .patterns
                .iter()
                .all(|p| p.text != "moscow*")
        );
        let counted = harness
            .state()
            .view
            .live
            .finished(&PatternSpec::new("moscow*"));
        assert!(matches!(counted, Some(Some(n)) if n > 0), "{counted:?}");
        harness.key_press(egui::Key::Enter);
        settle(&mut harness);
        assert!(
            russia(&harness)
                .patterns
                .contains(&PatternSpec::new("moscow*"))
        );
    }

    #[test]
    fn a_bad_pattern_is_kept_and_its_error_shown() {
        let mut harness = live_harness(
            demo_project(),
            DictionaryView::default(),
            DictionaryView::ui,
        );
        settle(&mut harness);
        type_at_end(&mut harness, "kremlin", "*x");
        settle(&mut harness);
        assert!(
            russia(&harness)
                .patterns
                .iter()
                .any(|p| p.text == "kremlin*x")
        );
        assert!(
            harness
                .query_by_label_contains("may only end a pattern")
                .is_some()
        );
        harness.check_accessibility();
    }

    #[test]
    fn a_bad_pattern_of_another_actor_is_listed_and_leads_to_it() {
        let mut harness = live_harness(
            demo_project(),
            DictionaryView::default(),
            DictionaryView::ui,
        );
        settle(&mut harness);
        let (index, _) = harness
            .state()
            .project
            .dictionary
            .actor("Iran")
            .expect("demo has Iran");
        assert_ne!(index, harness.state().view.selected);
        let mut dictionary = harness.state().project.dictionary.clone();
        dictionary.actors[index]
            .patterns
            .push(PatternSpec::new("teh*ran"));
        let state = harness.state_mut();
        let _undo = Edit::Dictionary(dictionary).apply(&mut state.project);
        state.revision += 1;
        settle(&mut harness);
        let notice = "A pattern of another actor cannot be used";
        assert!(harness.query_by_label_contains(notice).is_some());
        harness.get_by_label_contains("“teh*ran”").click();
        settle(&mut harness);
        assert_eq!(harness.state().view.selected, index);
        // The selected actor's own bad pattern is shown under it, not listed.
        assert!(harness.query_by_label_contains(notice).is_none());
    }

    #[test]
    fn renaming_a_focal_actor_renames_it_in_the_scheme_when_the_field_is_left() {
        let mut harness = live_harness(
            demo_project(),
            DictionaryView::default(),
            DictionaryView::ui,
        );
        settle(&mut harness);
        type_at_end(&mut harness, "Russia", "n Federation");
        settle(&mut harness);
        // While typing, only the dictionary changes.
        assert!(
            harness
                .state()
                .project
                .dictionary
                .actor("Russian Federation")
                .is_some()
        );
        assert!(
            harness
                .state()
                .project
                .scheme
                .focal_actors
                .iter()
                .any(|f| f == "Russia")
        );
        harness.key_press(egui::Key::Escape);
        settle(&mut harness);
        let focal = &harness.state().project.scheme.focal_actors;
        assert!(focal.iter().any(|f| f == "Russian Federation"), "{focal:?}");
        assert!(!focal.iter().any(|f| f == "Russia"), "{focal:?}");
    }

    #[test]
    fn actors_are_added_selected_and_moved() {
        let mut harness = live_harness(
            demo_project(),
            DictionaryView::default(),
            DictionaryView::ui,
        );
        settle(&mut harness);
        let before = harness.state().project.dictionary.actors.len();
        harness.get_by_label("Add actor").click();
        settle(&mut harness);
        let actors = &harness.state().project.dictionary.actors;
        assert_eq!(actors.len(), before + 1);
        assert_eq!(actors[before].name, "New actor");
        assert_eq!(harness.state().view.selected, before);
        harness.get_by_label("Move up").click();
        settle(&mut harness);
        let actors = &harness.state().project.dictionary.actors;
        assert_eq!(actors[before - 1].name, "New actor");
        assert_eq!(harness.state().view.selected, before - 1);
        harness.get_by_label("Remove").click();
        settle(&mut harness);
        assert_eq!(harness.state().project.dictionary.actors.len(), before);
        assert!(
            harness
                .state()
                .project
                .dictionary
                .actor("New actor")
                .is_none()
        );
    }

    #[test]
    fn a_half_typed_group_keeps_its_trailing_slash() {
        let mut drafts = Drafts::default();
        let group = vec!["Asia".to_string()];
        drafts.keep("g", "Asia / ".into());
        let shown = drafts.text("g", &group, parse_group_path, |g| group_path(g));
        assert_eq!(shown, "Asia / ");
        // After an undo the project's value wins over the draft.
        let other = vec!["Europe".to_string()];
        assert_eq!(
            drafts.text("g", &other, parse_group_path, |g| group_path(g)),
            "Europe"
        );
    }

    #[test]
    fn bad_patterns_are_located_by_actor() {
        let mut dictionary = demo_project().dictionary;
        assert!(BadPatterns::of(&dictionary).errors.is_empty());
        dictionary.actors[1].patterns.push(PatternSpec::new("a*b"));
        let bad = BadPatterns::of(&dictionary);
        assert!(bad.actor_has_error(1));
        assert!(!bad.actor_has_error(0));
        assert!(bad.of_actors_other_than(1).is_empty());
        let others = bad.of_actors_other_than(0);
        assert_eq!(others.len(), 1);
        assert_eq!((others[0].0, others[0].1.pattern.as_str()), (1, "a*b"));
    }
}
