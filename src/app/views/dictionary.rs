//! The dictionary editor: the actors on the left; on the right the selected
//! actor's name, group, colour and patterns, each pattern with a live count of
//! its matches in the included documents, updated as it is typed.
//!
//! Every change is sent as an [`Edit::Dictionary`] holding an edited copy of
//! the dictionary. The view keeps only what the project cannot hold for it:
//! the selection, the filter, half-typed text and caches of counts.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align, Color32, FontId, Galley, Layout, RichText, Sense, StrokeKind, TextEdit, Ui, vec2,
};

use crate::actors::{Actor, ActorDictionary, Colour, Matcher, Pattern, PatternError, PatternSpec};
use crate::analysis::ProjectAnalysis;
use crate::corpus::{Document, Scope};
use crate::project::{Edit, Project};
use crate::text::{CaseMode, fold};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;

/// Default width of the actor list.
const LIST_WIDTH: f32 = 320.0;
/// Height of one row of the actor list (name above group).
const ROW_HEIGHT: f32 = 40.0;
/// Above this much included text, a pattern is counted only once typing
/// pauses, so a big corpus is not scanned for every keystroke.
const LIVE_COUNT_LIMIT: usize = 5 * 1024 * 1024;
/// Text scanned on the UI thread per frame at most (included text times
/// patterns to count), a few milliseconds in a release build; more work goes
/// to a background thread.
const INLINE_SCAN_BYTES: usize = 512 * 1024;
/// How long typing must pause before a big corpus is scanned.
const SETTLE: Duration = Duration::from_millis(600);
/// Characters a pattern field accepts: well over the pattern limit, so an
/// over-long pattern shows its error, but short of a pasted article that would
/// make the field slow to lay out.
const FIELD_CHAR_LIMIT: usize = 1000;
/// Bad patterns of other actors listed over the editor before "… and N more".
const MAX_LISTED_PROBLEMS: usize = 6;
/// Count results kept before the cache is emptied (each typed prefix is one).
const MAX_CACHED_COUNTS: usize = 4000;

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
    check: DictionaryCheck,
    /// The actor whose name field has focus, with its name before editing, so
    /// the frame scheme can follow a rename of a focal actor.
    renaming: Option<(usize, String)>,
    /// Put the cursor in the name field (after "Add actor").
    focus_name: bool,
    /// Scroll the list to the selected actor (after adding or moving it).
    scroll_to_selected: bool,
    /// The corpus summary for a project revision (recomputed only when the
    /// project changes: it walks every document).
    corpus: Option<(u64, CorpusSummary)>,
}

impl DictionaryView {
    /// Draws the view and sends the edits made in it.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let project = ctx.project;
        let corpus = CorpusSummary::cached(&mut self.corpus, project, ctx.revision);
        self.selected = self
            .selected
            .min(project.dictionary.actors.len().saturating_sub(1));
        self.totals
            .update(project, ctx.analysis, corpus.fingerprint);
        self.check.update(&project.dictionary);
        self.live.sync(&corpus);
        self.live.poll();

        egui::Panel::left("dictionary-actors")
            .resizable(true)
            .default_size(LIST_WIDTH)
            .size_range(260.0..=520.0)
            .show(ui, |ui| self.actor_list_ui(ui, ctx, &corpus));
        egui::CentralPanel::default().show(ui, |ui| self.editor_ui(ui, ctx, &corpus));

        self.live.dispatch(project, ui.ctx());
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

    // ----- the actor list -------------------------------------------------

    fn actor_list_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, corpus: &CorpusSummary) {
        let project = ctx.project;
        let dictionary = &project.dictionary;
        ui.add_space(theme::GAP);
        ui.horizontal(|ui| {
            ui.heading("Actors");
            ui.label(RichText::new(dictionary.actors.len().to_string()).weak());
        });
        ui.add_space(2.0);
        self.list_toolbar_ui(ui, ctx);
        ui.add_space(2.0);
        ui.add(
            TextEdit::singleline(&mut self.filter)
                .hint_text("Filter by name, group or pattern")
                .desired_width(f32::INFINITY),
        );
        ui.label(RichText::new(self.totals.summary(corpus, project.settings.scope)).weak());
        ui.separator();

        let needle = fold(self.filter.trim(), CaseMode::Fold);
        let mut clicked = None;
        let mut shown = 0;
        egui::ScrollArea::vertical()
            .id_salt("actor-list")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                for (index, actor) in dictionary.actors.iter().enumerate() {
                    if !needle.is_empty() && !actor_matches_filter(actor, &needle) {
                        continue;
                    }
                    shown += 1;
                    let row = ActorRow {
                        actor,
                        total: self.totals.get(&actor.name),
                        selected: index == self.selected,
                        has_error: self.check.actor_has_error(index),
                    };
                    let response = row.ui(ui);
                    if response.clicked() {
                        clicked = Some(index);
                    }
                    if row.selected && self.scroll_to_selected {
                        response.scroll_to_me(Some(Align::Center));
                        self.scroll_to_selected = false;
                    }
                }
                if dictionary.actors.is_empty() {
                    ui.add_space(theme::GAP);
                    ui.label(RichText::new("The dictionary is empty.").weak());
                    ui.label(RichText::new("Add an actor to start counting.").weak());
                } else if shown == 0 {
                    ui.add_space(theme::GAP);
                    ui.label(
                        RichText::new(format!("No actor matches “{}”.", self.filter.trim())).weak(),
                    );
                }
            });
        if let Some(index) = clicked {
            self.select(index, ctx);
        }
    }

    /// Add, remove and move buttons over the list.
    fn list_toolbar_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let dictionary = &ctx.project.dictionary;
        let count = dictionary.actors.len();
        let has_selection = self.selected < count;
        ui.horizontal(|ui| {
            if ui
                .button("Add actor")
                .on_hover_text("Add a new actor at the end of the list")
                .clicked()
            {
                self.add_actor(ctx);
            }
            let remove_hint = match dictionary.actors.get(self.selected) {
                Some(actor) => format!(
                    "Remove “{}” and its {} (Undo brings it back)",
                    actor.name,
                    plural(actor.patterns.len(), "pattern", "patterns")
                ),
                None => "Select an actor to remove".to_string(),
            };
            if ui
                .add_enabled(has_selection, egui::Button::new("Remove"))
                .on_hover_text(remove_hint)
                .clicked()
            {
                let mut edited = dictionary.clone();
                edited.actors.remove(self.selected);
                // A rename of an actor being removed is not one the frame
                // scheme should follow.
                self.renaming = None;
                ctx.send(Command::edit(Edit::Dictionary(edited)));
                self.drafts.clear();
            }
            let can_up = has_selection && self.selected > 0;
            if ui
                .add_enabled(can_up, egui::Button::new("Move up"))
                .on_hover_text("Move the actor up (charts and tables follow this order)")
                .clicked()
            {
                self.move_selected(ctx, self.selected - 1);
            }
            let can_down = has_selection && self.selected + 1 < count;
            if ui
                .add_enabled(can_down, egui::Button::new("Move down"))
                .on_hover_text("Move the actor down (charts and tables follow this order)")
                .clicked()
            {
                self.move_selected(ctx, self.selected + 1);
            }
        });
    }

    /// Adds a new, empty actor at the end, selects it and puts the cursor in
    /// its name.
    fn add_actor(&mut self, ctx: &mut ViewCtx<'_>) {
        let dictionary = &ctx.project.dictionary;
        let index = dictionary.actors.len();
        let mut edited = dictionary.clone();
        edited.actors.push(Actor {
            name: unique_actor_name(dictionary),
            colour: unused_colour(dictionary),
            group: Vec::new(),
            patterns: Vec::new(),
        });
        ctx.send(Command::edit(Edit::Dictionary(edited)));
        self.select(index, ctx);
        self.filter.clear();
        self.focus_name = true;
        self.scroll_to_selected = true;
    }

    fn move_selected(&mut self, ctx: &mut ViewCtx<'_>, to: usize) {
        let mut edited = ctx.project.dictionary.clone();
        if self.selected < edited.actors.len() && to < edited.actors.len() {
            self.finish_rename(ctx, None);
            edited.actors.swap(self.selected, to);
            ctx.send(Command::edit(Edit::Dictionary(edited)));
            self.selected = to;
            self.drafts.clear();
            self.scroll_to_selected = true;
        }
    }

    // ----- the editor -----------------------------------------------------

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
                    pattern_help_ui(&mut columns[1]);
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
        let others: Vec<&PatternProblem> = self
            .check
            .problems
            .iter()
            .filter(|p| p.actor != self.selected)
            .collect();
        if others.is_empty() {
            return;
        }
        let dictionary = &ctx.project.dictionary;
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
                for problem in others.iter().take(MAX_LISTED_PROBLEMS) {
                    let Some(actor) = dictionary.actors.get(problem.actor) else {
                        continue;
                    };
                    let pattern = actor
                        .patterns
                        .get(problem.pattern)
                        .map_or("", |p| p.text.as_str());
                    let text = format!(
                        "{}: “{}” — {}",
                        display_name(&actor.name),
                        super::widgets::ellipsize(pattern, 40),
                        problem.error
                    );
                    if ui.link(text).on_hover_text("Show this actor").clicked() {
                        go_to = Some(problem.actor);
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
            if is_focal(ctx.project, &actor.name) {
                focal_badge_ui(ui);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let text = match self.totals.get(&actor.name) {
                    Total::Count { mentions, current } => {
                        let text = RichText::new(format!(
                            "{} in {}",
                            plural(mentions, "mention", "mentions"),
                            plural(
                                corpus.included_documents,
                                "included document",
                                "included documents"
                            )
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
        let project = ctx.project;
        let Some(actor) = project.dictionary.actors.get(index) else {
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

                let label = ui.label("Colour");
                ui.horizontal(|ui| {
                    let mut rgb = actor.colour.0;
                    egui::color_picker::color_edit_button_srgb(ui, &mut rgb)
                        .labelled_by(label.id)
                        .on_hover_text("The actor's colour in every chart and highlight");
                    ui.label(RichText::new(actor.colour.to_string()).weak().monospace());
                    if rgb != actor.colour.0 {
                        let mut edited = project.dictionary.clone();
                        edited.actors[index].colour = Colour(rgb);
                        ctx.send(Command::edit_keyed(
                            Edit::Dictionary(edited),
                            format!("dict:{index}:colour"),
                        ));
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
            let response = ui
                .add(
                    TextEdit::singleline(&mut name)
                        .id_salt(("actor-name", index))
                        .hint_text("Actor name, e.g. Russia")
                        .desired_width(ui.available_width().min(300.0))
                        .char_limit(FIELD_CHAR_LIMIT),
                )
                .labelled_by(label);
            if std::mem::take(&mut self.focus_name) {
                response.request_focus();
            }
            if response.gained_focus() || (response.has_focus() && self.renaming.is_none()) {
                self.renaming = Some((index, actor.name.clone()));
            }
            if response.changed() {
                let mut edited = project.dictionary.clone();
                edited.actors[index].name = name.clone();
                ctx.send(Command::edit_keyed(
                    Edit::Dictionary(edited),
                    format!("dict:{index}:name"),
                ));
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
            } else if project
                .dictionary
                .actors
                .iter()
                .enumerate()
                .any(|(other, a)| other != index && same_name(&a.name, &name))
            {
                ui.label(
                    RichText::new("⚠ Another actor has this name; give each actor its own.")
                        .color(warn),
                );
            }
            if is_focal(project, &name) {
                ui.label(
                    RichText::new("Focal actor of the frame scheme; the scheme follows a rename.")
                        .weak(),
                );
            }
        });
    }

    /// After the name field loses focus: if the actor was a focal actor of the
    /// frame scheme under its old name, the scheme is renamed too, so a rename
    /// does not silently drop the actor from the framing analysis. It is a
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
        if let Some(scheme) = renamed_focal_actor(project, index, &old, new) {
            ctx.send(Command::edit(Edit::scheme(scheme)));
        }
    }

    fn group_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize, label: egui::Id) {
        let project = ctx.project;
        let Some(actor) = project.dictionary.actors.get(index) else {
            return;
        };
        let key = format!("dict:{index}:group");
        let mut text = self
            .drafts
            .text(&key, &actor.group, parse_group, |g| format_group(g));
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id_salt(("actor-group", index))
                    .hint_text("e.g. Asia / Central Asia")
                    .desired_width(ui.available_width().min(300.0))
                    .char_limit(FIELD_CHAR_LIMIT),
            )
            .labelled_by(label)
            .on_hover_text(
                "Where the actor sits in a nested dictionary; separate levels with “ / ”. \
                 Leave empty for a flat dictionary.",
            );
        if response.changed() {
            let group = parse_group(&text);
            if group != actor.group {
                let mut edited = project.dictionary.clone();
                edited.actors[index].group = group;
                ctx.send(Command::edit_keyed(Edit::Dictionary(edited), key.clone()));
            }
            self.drafts.keep(&key, text);
        }
    }

    // ----- patterns -------------------------------------------------------

    fn patterns_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewCtx<'_>,
        corpus: &CorpusSummary,
        index: usize,
    ) {
        let project = ctx.project;
        let Some(actor) = project.dictionary.actors.get(index) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new("Patterns").strong());
            ui.label(RichText::new(actor.patterns.len().to_string()).weak());
        });
        ui.add_space(2.0);
        let columns = PatternColumns::for_width(ui.available_width());
        ui.horizontal(|ui| {
            let weak = |s: &str| RichText::new(s).weak().small();
            cell(
                ui,
                columns.pattern,
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.label(weak("Pattern"));
                },
            );
            cell(
                ui,
                columns.case,
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.label(weak("Case-sensitive"));
                },
            );
            cell(
                ui,
                columns.count,
                Layout::right_to_left(Align::Center),
                |ui| {
                    ui.label(weak("Matches"));
                },
            );
        });

        for (number, spec) in actor.patterns.iter().enumerate() {
            self.pattern_row_ui(ui, ctx, &columns, index, number, spec);
        }
        if actor.patterns.is_empty() {
            ui.label(
                RichText::new("No patterns yet: the actor is never counted. Add its names below.")
                    .weak(),
            );
        }
        if self.check.actor_has_error(index) {
            ui.label(
                RichText::new("While a pattern has an error, the analysis keeps its last results.")
                    .color(ui.visuals().error_fg_color),
            );
        }
        ui.add_space(4.0);
        self.new_pattern_ui(ui, ctx, &columns, index);

        ui.add_space(theme::GAP);
        let scope = match project.settings.scope {
            Scope::Body => "body text",
            Scope::Full => "full text",
        };
        ui.label(
            RichText::new(format!(
                "Matches: each pattern on its own, in the {} ({}). The actor's total counts a \
                 span once even when several of its patterns match it.",
                plural(
                    corpus.included_documents,
                    "included document",
                    "included documents"
                ),
                scope,
            ))
            .weak(),
        );
        if corpus.included_bytes > LIVE_COUNT_LIMIT {
            ui.label(
                RichText::new(format!(
                    "The included text is {}: counts update after typing stops.",
                    megabytes(corpus.included_bytes)
                ))
                .weak(),
            );
        }
    }

    fn pattern_row_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewCtx<'_>,
        columns: &PatternColumns,
        index: usize,
        number: usize,
        spec: &PatternSpec,
    ) {
        let project = ctx.project;
        let compiled = Pattern::compile(spec);
        let error_colour = ui.visuals().error_fg_color;
        let mut edited_spec = spec.clone();
        let mut remove = false;
        ui.horizontal(|ui| {
            cell(
                ui,
                columns.pattern,
                Layout::left_to_right(Align::Center),
                |ui| {
                    let mut edit = TextEdit::singleline(&mut edited_spec.text)
                        .id_salt(("pattern", index, number))
                        .hint_text("Pattern, e.g. russia*")
                        .desired_width(columns.pattern)
                        .char_limit(FIELD_CHAR_LIMIT);
                    if compiled.is_err() {
                        edit = edit.text_color(error_colour);
                    }
                    let response = ui.add(edit);
                    if compiled.is_err() {
                        ui.painter().rect_stroke(
                            response.rect,
                            2.0,
                            egui::Stroke::new(1.0, error_colour),
                            StrokeKind::Inside,
                        );
                    }
                },
            );
            cell(
                ui,
                columns.case,
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.add_space(4.0);
                    ui.add(egui::Checkbox::without_text(
                        &mut edited_spec.case_sensitive,
                    ))
                    .accessible_name("Case-sensitive")
                    .on_hover_text("Match letter case exactly (`US` but not “us”)");
                },
            );
            cell(
                ui,
                columns.count,
                Layout::right_to_left(Align::Center),
                |ui| match &compiled {
                    Ok(pattern) => live_count_ui(ui, self.live.get(pattern.spec())),
                    Err(_) => {
                        ui.label(RichText::new("—").weak())
                            .on_hover_text("A pattern with an error matches nothing");
                    }
                },
            );
            ui.add_space(columns.gap);
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Remove the pattern “{}”", spec.text))
                .clicked()
            {
                remove = true;
            }
        });
        if let Err(error) = &compiled {
            ui.horizontal(|ui| {
                ui.add_space(4.0);
                ui.label(RichText::new(format!("⚠ {}", error_text(error))).color(error_colour));
            });
        }

        if remove {
            let mut edited = project.dictionary.clone();
            edited.actors[index].patterns.remove(number);
            ctx.send(Command::edit(Edit::Dictionary(edited)));
        } else if edited_spec != *spec {
            let mut edited = project.dictionary.clone();
            edited.actors[index].patterns[number] = edited_spec;
            ctx.send(Command::edit_keyed(
                Edit::Dictionary(edited),
                format!("dict:{index}:pattern:{number}"),
            ));
        }
    }

    /// The last row: a pattern being typed, with its live count, added with
    /// Enter or the button. It is only added once it is valid, so the analysis
    /// is not stopped by a half-typed pattern.
    fn new_pattern_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewCtx<'_>,
        columns: &PatternColumns,
        index: usize,
    ) {
        let project = ctx.project;
        let Some(actor) = project.dictionary.actors.get(index) else {
            return;
        };
        let typed = PatternSpec {
            text: self.new_pattern.clone(),
            case_sensitive: self.new_pattern_case,
        };
        let compiled = if typed.text.trim().is_empty() {
            None
        } else {
            Some(Pattern::compile(&typed))
        };
        let duplicate = actor.patterns.iter().any(|p| same_pattern(p, &typed));
        let can_add = matches!(compiled, Some(Ok(_))) && !duplicate;
        let mut add = false;
        let mut field = None;
        ui.horizontal(|ui| {
            cell(
                ui,
                columns.pattern,
                Layout::left_to_right(Align::Center),
                |ui| {
                    let response = ui.add(
                        TextEdit::singleline(&mut self.new_pattern)
                            .id_salt(("new-pattern", index))
                            .hint_text("New pattern, e.g. kremlin")
                            .desired_width(columns.pattern)
                            .char_limit(FIELD_CHAR_LIMIT),
                    );
                    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        add = can_add;
                    }
                    field = Some(response);
                },
            );
            cell(
                ui,
                columns.case,
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.add_space(4.0);
                    ui.add(egui::Checkbox::without_text(&mut self.new_pattern_case))
                        .accessible_name("New pattern is case-sensitive")
                        .on_hover_text("Match letter case exactly (`US` but not “us”)");
                },
            );
            cell(
                ui,
                columns.count,
                Layout::right_to_left(Align::Center),
                |ui| {
                    if let Some(Ok(pattern)) = &compiled {
                        live_count_ui(ui, self.live.get(pattern.spec()));
                    }
                },
            );
            ui.add_space(columns.gap);
            if ui
                .add_enabled(can_add, egui::Button::new("Add pattern").small())
                .on_hover_text("Add the pattern to this actor (or press Enter in the field)")
                .clicked()
            {
                add = true;
            }
        });

        let note = match &compiled {
            Some(Err(error)) => Some((format!("⚠ {}", error_text(error)), true)),
            Some(Ok(_)) if duplicate => {
                Some(("This actor already has this pattern.".into(), false))
            }
            Some(Ok(_)) => project
                .dictionary
                .actors
                .iter()
                .enumerate()
                .find(|(other, a)| {
                    *other != index && a.patterns.iter().any(|p| same_pattern(p, &typed))
                })
                .map(|(_, other)| {
                    (
                        format!(
                            "“{}” is also a pattern of {}: its matches will count for both.",
                            typed.text.trim(),
                            display_name(&other.name)
                        ),
                        false,
                    )
                }),
            None => None,
        };
        if let Some((text, is_error)) = note {
            let colour = if is_error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.horizontal(|ui| {
                ui.add_space(4.0);
                ui.label(RichText::new(text).color(colour));
            });
        }

        if add {
            let mut edited = project.dictionary.clone();
            edited.actors[index].patterns.push(PatternSpec {
                text: typed.text.trim().to_string(),
                case_sensitive: typed.case_sensitive,
            });
            ctx.send(Command::edit(Edit::Dictionary(edited)));
            self.new_pattern.clear();
            self.new_pattern_case = false;
            // Keep typing: the next pattern goes in the same field.
            if let Some(field) = field {
                field.request_focus();
            }
        }
    }
}

// ----- small widgets -------------------------------------------------------

/// One row of the actor list: chip, name, group and mention total.
struct ActorRow<'a> {
    actor: &'a Actor,
    total: Total,
    selected: bool,
    has_error: bool,
}

impl ActorRow<'_> {
    fn ui(&self, ui: &mut Ui) -> egui::Response {
        let width = ui.available_width();
        let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
        let name = display_name(&self.actor.name);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, self.selected, &name)
        });
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let visuals = ui.visuals();
        let (fill, text_colour) = if self.selected {
            (visuals.selection.bg_fill, visuals.selection.stroke.color)
        } else if response.hovered() {
            (visuals.widgets.hovered.weak_bg_fill, visuals.text_color())
        } else {
            (Color32::TRANSPARENT, visuals.text_color())
        };
        let weak_colour = if self.selected {
            text_colour.gamma_multiply(0.8)
        } else {
            visuals.weak_text_color()
        };
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, fill);

        let inner = rect.shrink2(vec2(8.0, 4.0));
        let chip = egui::Rect::from_center_size(
            egui::pos2(inner.left() + 6.0, inner.center().y),
            vec2(12.0, 12.0),
        );
        painter.rect_filled(chip, 3.0, theme::colour(self.actor.colour));

        let count_text = match self.total {
            Total::Count { mentions, .. } => thousands(mentions),
            Total::Unknown => "…".to_string(),
        };
        let count_colour = match self.total {
            Total::Count { current: true, .. } => text_colour,
            _ => weak_colour,
        };
        let count = one_line(
            ui,
            &count_text,
            FontId::proportional(13.0),
            count_colour,
            80.0,
        );
        let count_pos = egui::pos2(
            inner.right() - count.size().x,
            inner.center().y - count.size().y / 2.0,
        );
        let text_left = chip.right() + 10.0;
        let text_width = (count_pos.x - text_left - 8.0).max(10.0);

        let mut title = name.clone();
        if self.has_error {
            title = format!("⚠ {title}");
        }
        let title_colour = if self.has_error && !self.selected {
            visuals.error_fg_color
        } else {
            text_colour
        };
        let name_galley = one_line(
            ui,
            &title,
            FontId::proportional(14.0),
            title_colour,
            text_width,
        );
        let group_text = if self.actor.group.is_empty() {
            plural(self.actor.patterns.len(), "pattern", "patterns")
        } else {
            format_group(&self.actor.group)
        };
        let group_galley = one_line(
            ui,
            &group_text,
            FontId::proportional(11.5),
            weak_colour,
            text_width,
        );
        let total_height = name_galley.size().y + group_galley.size().y;
        let top = inner.center().y - total_height / 2.0;
        painter.galley(egui::pos2(text_left, top), name_galley.clone(), text_colour);
        painter.galley(
            egui::pos2(text_left, top + name_galley.size().y),
            group_galley,
            weak_colour,
        );
        painter.galley(count_pos, count, count_colour);
        response.on_hover_text(format!(
            "{}: {} · {}",
            name,
            plural(self.actor.patterns.len(), "pattern", "patterns"),
            match self.total {
                Total::Count { mentions, .. } => plural(mentions, "mention", "mentions"),
                Total::Unknown => "mentions not counted yet".to_string(),
            }
        ))
    }
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

/// The short reference of the pattern language beside the editor.
fn pattern_help_ui(ui: &mut Ui) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Pattern language").strong());
            ui.add_space(2.0);
            let lines: [&[(&str, bool)]; 6] = [
                &[
                    ("Whole words, any case: ", false),
                    ("moscow", true),
                    (" finds Moscow, not Moscowitz.", false),
                ],
                &[
                    ("A final ", false),
                    ("*", true),
                    (" continues the word: ", false),
                    ("russia*", true),
                    (" finds Russians.", false),
                ],
                &[
                    ("Phrases match across spaces and line breaks: ", false),
                    ("united states", true),
                    (".", false),
                ],
                &[
                    ("Tick case-sensitive to match case exactly: ", false),
                    ("US", true),
                    (" but not “us”.", false),
                ],
                &[
                    ("Accents, apostrophes and dashes are ignored: ", false),
                    ("turkiye", true),
                    (" finds Türkiye.", false),
                ],
                &[(
                    "A longer match of another actor wins: “Equatorial Guinea” is not Guinea.",
                    false,
                )],
            ];
            for line in lines {
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 0.0;
                    ui.label("•  ");
                    for (text, code) in line {
                        if *code {
                            ui.label(RichText::new(*text).code());
                        } else {
                            ui.label(*text);
                        }
                    }
                });
            }
        });
}

/// A pattern's live count in its cell.
fn live_count_ui(ui: &mut Ui, count: LiveCount) {
    match count {
        LiveCount::Ready(n) => {
            ui.label(RichText::new(thousands(n)).monospace())
                .on_hover_text(format!(
                    "{} of this pattern alone",
                    plural(n, "match", "matches")
                ));
        }
        LiveCount::Counting => {
            ui.add(egui::Spinner::new().size(12.0))
                .on_hover_text("Counting…");
        }
        LiveCount::Waiting => {
            ui.label(RichText::new("…").weak())
                .on_hover_text("Counted once typing stops (the corpus is large)");
        }
        LiveCount::Failed => {
            ui.label(RichText::new("—").weak())
                .on_hover_text("This pattern could not be counted");
        }
    }
}

/// Column widths of the pattern rows, so the header, the rows and the
/// "add pattern" row line up.
struct PatternColumns {
    pattern: f32,
    case: f32,
    count: f32,
    gap: f32,
}

impl PatternColumns {
    fn for_width(available: f32) -> Self {
        let case = 104.0;
        let count = 70.0;
        let gap = 12.0;
        // Room for the button ("Add pattern") and item spacing.
        let rest = case + count + gap + 130.0;
        Self {
            pattern: (available - rest).clamp(180.0, 440.0),
            case,
            count,
            gap,
        }
    }
}

/// A fixed-width cell of a row, so columns line up whatever their content.
fn cell<R>(ui: &mut Ui, width: f32, layout: Layout, add: impl FnOnce(&mut Ui) -> R) -> R {
    let size = vec2(width, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        // Take the whole width even when the content is narrower, so the
        // next cell starts where its column does.
        ui.set_min_size(size);
        add(ui)
    })
    .inner
}

/// `text` laid out on one line, cut with "…" at `max_width`.
fn one_line(ui: &Ui, text: &str, font: FontId, colour: Color32, max_width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_string(), font, colour);
    job.wrap = TextWrapping {
        max_width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}

// ----- what the view reads from the project and the analysis ------------

/// A cheap summary of what the live counts are computed over.
#[derive(Clone)]
pub(super) struct CorpusSummary {
    /// Changes whenever the included documents, their bodies or the scope do.
    pub(super) fingerprint: u64,
    pub(super) included_documents: usize,
    /// Bytes of included text (the whole text is matched, then filtered by scope).
    pub(super) included_bytes: usize,
}

impl CorpusSummary {
    /// The summary for project `revision`, from `cache` when it is of that
    /// revision (a project of 50,000 documents takes milliseconds to walk).
    pub(super) fn cached(
        cache: &mut Option<(u64, CorpusSummary)>,
        project: &Project,
        revision: u64,
    ) -> Self {
        match cache {
            Some((r, summary)) if *r == revision => summary.clone(),
            _ => {
                let summary = Self::of(project);
                *cache = Some((revision, summary.clone()));
                summary
            }
        }
    }

    /// Summarises the project's included documents. Linear in the number of
    /// documents but not in their text, so it is cheap enough for every frame.
    pub(super) fn of(project: &Project) -> Self {
        let mut hasher = DefaultHasher::new();
        matches!(project.settings.scope, Scope::Full).hash(&mut hasher);
        project.documents.len().hash(&mut hasher);
        let mut included_documents = 0;
        let mut included_bytes = 0;
        for doc in &project.documents {
            doc.included.hash(&mut hasher);
            if doc.included {
                included_documents += 1;
                included_bytes += doc.text.len();
                // Document texts never change in place (imports append new
                // documents), so where the text lives identifies it.
                (doc.text.as_ptr() as usize).hash(&mut hasher);
                doc.text.len().hash(&mut hasher);
                doc.body.hash(&mut hasher);
            }
        }
        Self {
            fingerprint: hasher.finish(),
            included_documents,
            included_bytes,
        }
    }
}

/// An actor's mentions in the included documents, as far as the analysis
/// knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Total {
    /// No analysis yet, or the actor is new since it ran.
    Unknown,
    /// `current` is false while the dictionary has changed since the analysis.
    Count { mentions: usize, current: bool },
}

/// Mentions per actor from the latest analysis, summed once per analysis.
#[derive(Default)]
struct ActorTotals {
    /// Address of the analysis and corpus fingerprint the totals are for.
    key: Option<(usize, u64)>,
    /// The dictionary when this analysis arrived. Mentions name actors by
    /// index, so after an edit (a move, a removal) totals are matched to the
    /// current actors by name through it.
    analysed: ActorDictionary,
    by_name: HashMap<String, usize>,
    all: usize,
    /// Whether the dictionary is still the one analysed.
    current: bool,
}

impl ActorTotals {
    fn update(&mut self, project: &Project, analysis: Option<&ProjectAnalysis>, corpus: u64) {
        let Some(analysis) = analysis.filter(|a| a.documents.len() == project.documents.len())
        else {
            self.key = None;
            self.by_name.clear();
            return;
        };
        let address = std::ptr::from_ref(analysis) as usize;
        if self.key.map(|(a, _)| a) != Some(address) {
            self.analysed = project.dictionary.clone();
        }
        self.current = self.analysed == project.dictionary;
        if self.key == Some((address, corpus)) {
            return;
        }
        self.key = Some((address, corpus));
        let mut counts = vec![0usize; self.analysed.actors.len()];
        for (doc, analysed) in project.documents.iter().zip(&analysis.documents) {
            if !doc.included {
                continue;
            }
            for mention in &analysed.scoped.mentions {
                if let Some(count) = counts.get_mut(mention.actor) {
                    *count += 1;
                }
            }
        }
        self.all = counts.iter().sum();
        self.by_name.clear();
        for (actor, count) in self.analysed.actors.iter().zip(counts) {
            // The first of two same-named actors wins, as in `ActorDictionary::actor`.
            self.by_name.entry(actor.name.clone()).or_insert(count);
        }
    }

    fn get(&self, name: &str) -> Total {
        if self.key.is_none() {
            return Total::Unknown;
        }
        match self.by_name.get(name) {
            Some(&mentions) => Total::Count {
                mentions,
                current: self.current,
            },
            None => Total::Unknown,
        }
    }

    /// "1,234 mentions in 10 included documents (body text)".
    fn summary(&self, corpus: &CorpusSummary, scope: Scope) -> String {
        let scope = match scope {
            Scope::Body => "body text",
            Scope::Full => "full text",
        };
        let docs = plural(
            corpus.included_documents,
            "included document",
            "included documents",
        );
        if self.key.is_none() {
            format!("… mentions in {docs} ({scope})")
        } else {
            format!(
                "{} in {docs} ({scope})",
                plural(self.all, "mention", "mentions")
            )
        }
    }
}

/// A bad pattern, located.
struct PatternProblem {
    actor: usize,
    pattern: usize,
    error: PatternError,
}

/// The dictionary's bad patterns, recomputed only when the dictionary changes.
#[derive(Default)]
struct DictionaryCheck {
    checked: Option<ActorDictionary>,
    problems: Vec<PatternProblem>,
    bad_actors: HashSet<usize>,
}

impl DictionaryCheck {
    fn update(&mut self, dictionary: &ActorDictionary) {
        if self.checked.as_ref() == Some(dictionary) {
            return;
        }
        self.problems.clear();
        for (actor_index, actor) in dictionary.actors.iter().enumerate() {
            for (pattern_index, spec) in actor.patterns.iter().enumerate() {
                if let Err(error) = Pattern::compile(spec) {
                    self.problems.push(PatternProblem {
                        actor: actor_index,
                        pattern: pattern_index,
                        error,
                    });
                }
            }
        }
        self.bad_actors = self.problems.iter().map(|p| p.actor).collect();
        self.checked = Some(dictionary.clone());
    }

    fn actor_has_error(&self, index: usize) -> bool {
        self.bad_actors.contains(&index)
    }
}

// ----- live pattern counts ---------------------------------------------------

/// What the count cell of a pattern shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LiveCount {
    Ready(usize),
    Counting,
    /// A big corpus: counted once typing pauses.
    Waiting,
    Failed,
}

/// The included documents, copied once per corpus change so background
/// threads can scan them while the project goes on changing.
struct CorpusSnapshot {
    documents: Vec<Arc<Document>>,
    scope: Scope,
}

impl CorpusSnapshot {
    fn of(project: &Project) -> Self {
        Self {
            documents: project
                .documents
                .iter()
                .filter(|d| d.included)
                .cloned()
                .collect(),
            scope: project.settings.scope,
        }
    }
}

/// How counting one pattern ended.
#[derive(Debug, PartialEq, Eq)]
enum CountOutcome {
    Matches(usize),
    /// The pattern does not compile.
    Unusable,
    Cancelled,
}

/// Matches of one pattern on its own in `documents`, within `scope`,
/// exactly as the analysis finds them: a one-actor dictionary through the same
/// [`Matcher`], the whole text matched and then filtered by scope.
fn count_matches<'a, D: Borrow<Document> + 'a>(
    documents: impl IntoIterator<Item = &'a D>,
    scope: Scope,
    spec: &PatternSpec,
    cancel: &AtomicBool,
) -> CountOutcome {
    let dictionary = ActorDictionary {
        actors: vec![Actor {
            name: "pattern".into(),
            colour: Colour::palette(0),
            group: Vec::new(),
            patterns: vec![spec.clone()],
        }],
    };
    let Ok(matcher) = Matcher::new(&dictionary) else {
        return CountOutcome::Unusable;
    };
    let mut total = 0;
    for doc in documents {
        let doc: &Document = doc.borrow();
        if cancel.load(Ordering::Relaxed) {
            return CountOutcome::Cancelled;
        }
        total += matcher
            .find(&doc.text)
            .iter()
            .filter(|m| doc.in_scope(&m.range, scope))
            .count();
    }
    CountOutcome::Matches(total)
}

/// A finished count, sent back by a counting thread.
struct CountMessage {
    fingerprint: u64,
    spec: PatternSpec,
    count: Option<usize>,
}

/// A counting thread at work.
struct Batch {
    cancel: Arc<AtomicBool>,
    /// Patterns it has not reported yet.
    remaining: HashSet<PatternSpec>,
}

/// Live counts of single patterns over the included documents. Counts are
/// cached per pattern and corpus; missing ones are computed on background
/// threads (the UI never waits), and threads whose patterns are no longer on
/// screen (typed past) are cancelled.
struct LiveCounts {
    /// The corpus the cached counts are for.
    fingerprint: Option<u64>,
    included_bytes: usize,
    snapshot: Option<Arc<CorpusSnapshot>>,
    /// Finished counts; `None` when the pattern could not be counted.
    results: HashMap<PatternSpec, Option<usize>>,
    batches: Vec<Batch>,
    /// Patterns shown this frame without a count.
    wanted: Vec<PatternSpec>,
    /// For big corpora: the missing patterns and since when they are missing.
    settling: Option<(Vec<PatternSpec>, Instant)>,
    sender: Sender<CountMessage>,
    receiver: Receiver<CountMessage>,
}

impl Default for LiveCounts {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            fingerprint: None,
            included_bytes: 0,
            snapshot: None,
            results: HashMap::new(),
            batches: Vec::new(),
            wanted: Vec::new(),
            settling: None,
            sender,
            receiver,
        }
    }
}

impl LiveCounts {
    /// Forgets everything computed over another corpus.
    fn sync(&mut self, corpus: &CorpusSummary) {
        if self.fingerprint == Some(corpus.fingerprint) {
            return;
        }
        for batch in self.batches.drain(..) {
            batch.cancel.store(true, Ordering::Relaxed);
        }
        self.fingerprint = Some(corpus.fingerprint);
        self.included_bytes = corpus.included_bytes;
        self.snapshot = None;
        self.results.clear();
        self.settling = None;
    }

    /// Takes in the counts finished since the last frame.
    fn poll(&mut self) {
        while let Ok(message) = self.receiver.try_recv() {
            if Some(message.fingerprint) != self.fingerprint {
                continue;
            }
            for batch in &mut self.batches {
                batch.remaining.remove(&message.spec);
            }
            self.results.insert(message.spec, message.count);
        }
        self.batches.retain(|b| !b.remaining.is_empty());
        if self.results.len() > MAX_CACHED_COUNTS {
            self.results.clear();
        }
    }

    /// The count of a valid pattern (as compiled, so trimmed); asks for it
    /// when unknown.
    fn get(&mut self, spec: &PatternSpec) -> LiveCount {
        match self.results.get(spec) {
            Some(Some(n)) => return LiveCount::Ready(*n),
            Some(None) => return LiveCount::Failed,
            None => {}
        }
        if !self.wanted.contains(spec) {
            self.wanted.push(spec.clone());
        }
        if self.batches.iter().any(|b| b.remaining.contains(spec)) {
            LiveCount::Counting
        } else if self.included_bytes > LIVE_COUNT_LIMIT {
            LiveCount::Waiting
        } else {
            LiveCount::Counting
        }
    }

    /// Starts counting the patterns asked for this frame, cancelling threads
    /// that only count patterns no longer shown.
    fn dispatch(&mut self, project: &Project, egui_ctx: &egui::Context) {
        let wanted = std::mem::take(&mut self.wanted);
        self.batches.retain(|batch| {
            let useful = batch.remaining.iter().any(|s| wanted.contains(s));
            if !useful {
                batch.cancel.store(true, Ordering::Relaxed);
            }
            useful
        });
        let missing: Vec<PatternSpec> = wanted
            .into_iter()
            .filter(|s| !self.batches.iter().any(|b| b.remaining.contains(s)))
            .collect();
        if missing.is_empty() {
            self.settling = None;
            return;
        }
        if self.included_bytes.saturating_mul(missing.len()) <= INLINE_SCAN_BYTES {
            self.count_here(project, missing);
            egui_ctx.request_repaint();
            return;
        }
        if self.included_bytes > LIVE_COUNT_LIMIT {
            let since = match &self.settling {
                Some((pending, since)) if *pending == missing => *since,
                _ => {
                    let now = Instant::now();
                    self.settling = Some((missing, now));
                    now
                }
            };
            let waited = since.elapsed();
            if waited < SETTLE {
                egui_ctx.request_repaint_after(SETTLE - waited);
                return;
            }
            let Some((pending, _)) = self.settling.take() else {
                return;
            };
            self.spawn(project, egui_ctx, pending);
        } else {
            self.spawn(project, egui_ctx, missing);
        }
    }

    /// Counts on the UI thread: for a small corpus this is quicker than a
    /// thread and shows the count in the next frame.
    fn count_here(&mut self, project: &Project, specs: Vec<PatternSpec>) {
        let never = AtomicBool::new(false);
        let included = project.documents.iter().filter(|d| d.included);
        for spec in specs {
            let count = match count_matches(included.clone(), project.settings.scope, &spec, &never)
            {
                CountOutcome::Matches(n) => Some(n),
                CountOutcome::Unusable | CountOutcome::Cancelled => None,
            };
            self.results.insert(spec, count);
        }
    }

    fn spawn(&mut self, project: &Project, egui_ctx: &egui::Context, specs: Vec<PatternSpec>) {
        let Some(fingerprint) = self.fingerprint else {
            return;
        };
        let snapshot = Arc::clone(
            self.snapshot
                .get_or_insert_with(|| Arc::new(CorpusSnapshot::of(project))),
        );
        let cancel = Arc::new(AtomicBool::new(false));
        let batch = Batch {
            cancel: Arc::clone(&cancel),
            remaining: specs.iter().cloned().collect(),
        };
        let sender = self.sender.clone();
        let repaint = egui_ctx.clone();
        let work = move || {
            for spec in specs {
                let outcome = count_matches(&snapshot.documents, snapshot.scope, &spec, &cancel);
                let count = match outcome {
                    CountOutcome::Matches(n) => Some(n),
                    CountOutcome::Unusable => None,
                    CountOutcome::Cancelled => return,
                };
                let message = CountMessage {
                    fingerprint,
                    spec,
                    count,
                };
                // The view is gone when nobody receives: stop quietly.
                if sender.send(message).is_err() {
                    return;
                }
                repaint.request_repaint();
            }
        };
        match std::thread::Builder::new()
            .name("framescope-pattern-count".into())
            .spawn(work)
        {
            Ok(_) => self.batches.push(batch),
            Err(_) => {
                // No thread to count on: show the counts as unavailable
                // rather than blocking the UI to count here.
                for spec in batch.remaining {
                    self.results.insert(spec, None);
                }
            }
        }
    }
}

// ----- half-typed text ---------------------------------------------------------

/// Text typed into fields whose value is parsed (a group path, a list of
/// patterns). Writing the parsed value back into the field would undo
/// half-typed input (a trailing ` / `, a new empty line), so the typed text is
/// shown as long as it still parses to the project's value; after an undo it
/// no longer does, and the field shows the project's value again.
#[derive(Default)]
pub(super) struct Drafts {
    texts: HashMap<String, String>,
}

impl Drafts {
    /// The text to show in the field `key` whose value is `value`.
    pub(super) fn text<T: PartialEq>(
        &self,
        key: &str,
        value: &T,
        parse: impl Fn(&str) -> T,
        format: impl Fn(&T) -> String,
    ) -> String {
        match self.texts.get(key) {
            Some(draft) if parse(draft) == *value => draft.clone(),
            _ => format(value),
        }
    }

    /// Remembers what was typed into the field `key`.
    pub(super) fn keep(&mut self, key: &str, text: String) {
        self.texts.insert(key.to_string(), text);
    }

    /// Forgets every draft (the fields they belonged to are gone).
    pub(super) fn clear(&mut self) {
        self.texts.clear();
    }
}

// ----- helpers -----------------------------------------------------------------

/// A group path as typed (`Asia / Central Asia`) to its levels; empty levels
/// (a trailing slash while typing) are dropped.
fn parse_group(text: &str) -> Vec<String> {
    text.split('/')
        .map(str::trim)
        .filter(|level| !level.is_empty())
        .map(str::to_string)
        .collect()
}

/// A group's levels as shown: `Asia / Central Asia`.
pub(super) fn format_group(group: &[String]) -> String {
    group.join(" / ")
}

/// Whether two actor names are the same for lookups (case and diacritics
/// aside), as [`ActorDictionary::actor`] compares them.
pub(super) fn same_name(a: &str, b: &str) -> bool {
    fold(a.trim(), CaseMode::Fold) == fold(b.trim(), CaseMode::Fold)
}

/// Whether two patterns match the same text.
fn same_pattern(a: &PatternSpec, b: &PatternSpec) -> bool {
    if a.case_sensitive != b.case_sensitive {
        return false;
    }
    let mode = if a.case_sensitive {
        CaseMode::Keep
    } else {
        CaseMode::Fold
    };
    fold(a.text.trim(), mode) == fold(b.text.trim(), mode)
}

/// Whether the filter (folded) finds the actor by name, group or pattern.
fn actor_matches_filter(actor: &Actor, needle: &str) -> bool {
    let found = |s: &str| fold(s, CaseMode::Fold).contains(needle);
    found(&actor.name)
        || actor.group.iter().any(|g| found(g))
        || actor.patterns.iter().any(|p| found(&p.text))
}

/// Whether `name` is a focal actor of the project's frame scheme.
fn is_focal(project: &Project, name: &str) -> bool {
    !name.trim().is_empty()
        && project
            .scheme
            .focal_actors
            .iter()
            .any(|f| same_name(f, name))
}

/// The frame scheme with a focal actor renamed from `old` to `new` after
/// actor `index` was renamed, or `None` when the scheme needs no change: the
/// old name was not focal, another actor still has it, or the new name is
/// empty or already focal.
fn renamed_focal_actor(
    project: &Project,
    index: usize,
    old: &str,
    new: &str,
) -> Option<crate::framing::FrameScheme> {
    if new.trim().is_empty() || old.trim() == new.trim() {
        return None;
    }
    let still_named = project
        .dictionary
        .actors
        .iter()
        .enumerate()
        .any(|(other, a)| other != index && same_name(&a.name, old));
    if still_named || is_focal(project, new) && !same_name(old, new) {
        return None;
    }
    let position = project
        .scheme
        .focal_actors
        .iter()
        .position(|f| same_name(f, old))?;
    let mut scheme = project.scheme.clone();
    scheme.focal_actors[position] = new.trim().to_string();
    Some(scheme)
}

/// A fresh name for a new actor: "New actor", "New actor 2", …
fn unique_actor_name(dictionary: &ActorDictionary) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            "New actor".to_string()
        } else {
            format!("New actor {n}")
        };
        if dictionary.actor(&name).is_none() {
            return name;
        }
        n += 1;
    }
}

/// The first palette colour no actor has yet, so a new actor stands out in
/// charts; when all are taken, the palette goes round again.
fn unused_colour(dictionary: &ActorDictionary) -> Colour {
    (0..16)
        .map(Colour::palette)
        .find(|c| dictionary.actors.iter().all(|a| a.colour != *c))
        .unwrap_or(Colour::palette(dictionary.actors.len()))
}

/// An actor's name for display; an empty name still shows something.
fn display_name(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed actor)".to_string()
    } else {
        name.to_string()
    }
}

/// A pattern error as a sentence.
fn error_text(error: &PatternError) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => text,
    }
}

/// `n` with thousands separators: 1,234,567.
pub(super) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 pattern", "3 patterns", "1,204 mentions".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Bytes as megabytes for people: "12.3 MB".
fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    pub(in crate::app::views) fn demo() -> Project {
        crate::project::parse_project(crate::DEMO_PROJECT, "demo.ron")
            .expect("the embedded demo project parses")
    }

    fn analyse(project: &Project) -> Option<ProjectAnalysis> {
        crate::analysis::analyse_project(project, &AtomicBool::new(false), &|_, _| {}).ok()
    }

    /// A view with the demo project: a stand-in for the app in view tests.
    pub(in crate::app::views) struct TestApp<V> {
        pub(in crate::app::views) view: V,
        pub(in crate::app::views) project: Project,
        analysis: Option<ProjectAnalysis>,
    }

    /// Draws `view` over the demo project at 1280×800. Edits are applied at
    /// the end of each frame as the app applies them, and the analysis is
    /// redone at once (it keeps the last good one after a bad pattern).
    pub(in crate::app::views) fn view_harness<V: 'static>(
        view: V,
        draw: fn(&mut V, &mut Ui, &mut ViewCtx<'_>),
    ) -> Harness<'static, TestApp<V>> {
        let project = demo();
        let analysis = analyse(&project);
        Harness::builder()
            .with_size(vec2(1280.0, 800.0))
            .with_context_setup(theme::install)
            // Counting threads ask for a repaint with each result.
            .with_max_steps(32)
            .build_ui_state(
                move |ui, app: &mut TestApp<V>| {
                    let mut commands = Vec::new();
                    let mut ctx = ViewCtx {
                        project: &app.project,
                        analysis: app.analysis.as_ref(),
                        commands: &mut commands,
                        revision: 0,
                        learning: &Default::default(),
                    };
                    draw(&mut app.view, ui, &mut ctx);
                    for command in commands {
                        if let Command::Edit { edit, .. } = command {
                            edit.apply(&mut app.project);
                            if let Some(analysis) = analyse(&app.project) {
                                app.analysis = Some(analysis);
                            }
                        }
                    }
                },
                TestApp {
                    view,
                    project,
                    analysis,
                },
            )
    }

    /// Steps until the live counts are in, then until the UI is still.
    fn settle(harness: &mut Harness<'_, TestApp<DictionaryView>>) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            harness.step();
            let live = &harness.state().view.live;
            if live.batches.is_empty() && live.settling.is_none() {
                break;
            }
            assert!(Instant::now() < deadline, "the live counts never came");
            std::thread::sleep(Duration::from_millis(5));
        }
        harness.run();
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
        let mut harness = view_harness(DictionaryView::default(), DictionaryView::ui);
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
        let mut harness = view_harness(DictionaryView::default(), DictionaryView::ui);
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
            .results
            .get(&PatternSpec::new("moscow*"));
        assert!(matches!(counted, Some(Some(n)) if *n > 0), "{counted:?}");
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
        let mut harness = view_harness(DictionaryView::default(), DictionaryView::ui);
        settle(&mut harness);
        let kremlin = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.role() == egui::Role::TextInput && n.value().as_deref() == Some("kremlin")
        };
        harness.get_by(kremlin).focus();
        harness.key_press(egui::Key::End);
        harness.get_by(kremlin).type_text("*x");
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
    fn renaming_a_focal_actor_renames_it_in_the_scheme_when_the_field_is_left() {
        let mut harness = view_harness(DictionaryView::default(), DictionaryView::ui);
        settle(&mut harness);
        let name_field = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.role() == egui::Role::TextInput && n.value().as_deref() == Some("Russia")
        };
        harness.get_by(name_field).focus();
        harness.key_press(egui::Key::End);
        harness.get_by(name_field).type_text("n Federation");
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
        let mut harness = view_harness(DictionaryView::default(), DictionaryView::ui);
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
    fn group_paths_round_trip_through_their_text() {
        let group = vec!["Asia".to_string(), "Central Asia".to_string()];
        assert_eq!(format_group(&group), "Asia / Central Asia");
        assert_eq!(parse_group("Asia / Central Asia"), group);
        assert_eq!(parse_group("  Asia/Central Asia / "), group);
        assert!(parse_group("").is_empty());
        assert!(parse_group(" / / ").is_empty());
    }

    #[test]
    fn a_half_typed_group_keeps_its_trailing_slash() {
        let mut drafts = Drafts::default();
        let group = vec!["Asia".to_string()];
        drafts.keep("g", "Asia / ".into());
        let shown = drafts.text("g", &group, parse_group, |g| format_group(g));
        assert_eq!(shown, "Asia / ");
        // After an undo the project's value wins over the draft.
        let other = vec!["Europe".to_string()];
        assert_eq!(
            drafts.text("g", &other, parse_group, |g| format_group(g)),
            "Europe"
        );
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(plural(1, "match", "matches"), "1 match");
        assert_eq!(plural(2500, "match", "matches"), "2,500 matches");
    }

    #[test]
    fn patterns_that_match_the_same_text_are_the_same() {
        assert!(same_pattern(
            &PatternSpec::new("Russia*"),
            &PatternSpec::new(" russia* ")
        ));
        assert!(same_pattern(
            &PatternSpec::new("turkiye"),
            &PatternSpec::new("Türkiye")
        ));
        assert!(!same_pattern(
            &PatternSpec::new("us"),
            &PatternSpec::case_sensitive("us")
        ));
        assert!(!same_pattern(
            &PatternSpec::case_sensitive("US"),
            &PatternSpec::case_sensitive("us")
        ));
    }

    #[test]
    fn new_actor_names_do_not_clash() {
        let mut dictionary = ActorDictionary::default();
        assert_eq!(unique_actor_name(&dictionary), "New actor");
        for _ in 0..2 {
            let name = unique_actor_name(&dictionary);
            dictionary.actors.push(Actor {
                name,
                colour: Colour::palette(0),
                group: Vec::new(),
                patterns: Vec::new(),
            });
        }
        assert_eq!(unique_actor_name(&dictionary), "New actor 3");
    }

    #[test]
    fn a_live_count_is_what_the_analysis_counts_for_a_one_pattern_actor() {
        let project = demo();
        let snapshot = CorpusSnapshot::of(&project);
        let (_, russia) = project.dictionary.actor("Russia").expect("demo has Russia");
        let mut single = russia.clone();
        single.patterns.truncate(1);
        let spec = single.patterns[0].clone();
        let matcher = Matcher::new(&ActorDictionary {
            actors: vec![single],
        })
        .expect("demo patterns compile");
        let analysed: usize = project
            .included_documents()
            .map(|doc| {
                crate::actors::DocumentMentions::find(doc, &matcher, project.settings.scope)
                    .mentions
                    .len()
            })
            .sum();
        assert!(analysed > 0, "the demo mentions Russia");
        let live = count_matches(
            &snapshot.documents,
            snapshot.scope,
            &spec,
            &AtomicBool::new(false),
        );
        assert_eq!(live, CountOutcome::Matches(analysed));
    }

    /// Asks for `spec` every frame, as the view does, until it is counted.
    fn count_in_background(live: &mut LiveCounts, project: &Project, spec: &PatternSpec) -> usize {
        let egui_ctx = egui::Context::default();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            live.poll();
            match live.get(spec) {
                LiveCount::Ready(n) => return n,
                LiveCount::Failed => panic!("counting failed"),
                LiveCount::Counting | LiveCount::Waiting => {}
            }
            live.dispatch(project, &egui_ctx);
            assert!(Instant::now() < deadline, "no count came back");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn a_bigger_corpus_is_counted_on_a_thread_and_a_huge_one_after_typing_stops() {
        let project = demo();
        let spec = PatternSpec::new("iran*");
        let inline = count_matches(
            project.included_documents(),
            project.settings.scope,
            &spec,
            &AtomicBool::new(false),
        );
        // Pretend the corpus is bigger than what is counted on the UI thread.
        let mut corpus = CorpusSummary::of(&project);
        corpus.included_bytes = 2 * INLINE_SCAN_BYTES;
        let mut live = LiveCounts::default();
        live.sync(&corpus);
        assert_eq!(live.get(&spec), LiveCount::Counting);
        live.dispatch(&project, &egui::Context::default());
        assert_eq!(live.batches.len(), 1, "a counting thread started");
        let n = count_in_background(&mut live, &project, &spec);
        assert_eq!(CountOutcome::Matches(n), inline);

        // Over the live limit, nothing starts until the pattern stays put.
        corpus.included_bytes = LIVE_COUNT_LIMIT + 1;
        corpus.fingerprint ^= 1;
        live.sync(&corpus);
        assert_eq!(live.get(&spec), LiveCount::Waiting);
        live.dispatch(&project, &egui::Context::default());
        assert!(live.batches.is_empty() && live.settling.is_some());
        let started = Instant::now();
        let again = count_in_background(&mut live, &project, &spec);
        assert_eq!(again, n);
        assert!(started.elapsed() >= SETTLE);
    }

    #[test]
    fn a_thread_counting_a_pattern_no_longer_shown_is_cancelled() {
        let project = demo();
        let mut corpus = CorpusSummary::of(&project);
        corpus.included_bytes = 2 * INLINE_SCAN_BYTES;
        let mut live = LiveCounts::default();
        live.sync(&corpus);
        let egui_ctx = egui::Context::default();
        let _ = live.get(&PatternSpec::new("ira"));
        live.dispatch(&project, &egui_ctx);
        let first = Arc::clone(&live.batches[0].cancel);
        // The next frame shows the pattern typed on.
        let _ = live.get(&PatternSpec::new("iran"));
        live.poll();
        live.dispatch(&project, &egui_ctx);
        assert!(
            first.load(Ordering::Relaxed) || live.results.contains_key(&PatternSpec::new("ira"))
        );
        assert!(
            live.batches
                .iter()
                .any(|b| b.remaining.contains(&PatternSpec::new("iran")))
        );
    }

    #[test]
    fn counting_stops_when_cancelled_and_bad_patterns_are_unusable() {
        let project = demo();
        let snapshot = CorpusSnapshot::of(&project);
        let cancelled = AtomicBool::new(true);
        assert_eq!(
            count_matches(
                &snapshot.documents,
                snapshot.scope,
                &PatternSpec::new("iran*"),
                &cancelled
            ),
            CountOutcome::Cancelled
        );
        let go = AtomicBool::new(false);
        assert_eq!(
            count_matches(
                &snapshot.documents,
                snapshot.scope,
                &PatternSpec::new("ir*an"),
                &go
            ),
            CountOutcome::Unusable
        );
        let long = "a".repeat(10_000);
        assert_eq!(
            count_matches(
                &snapshot.documents,
                snapshot.scope,
                &PatternSpec::new(long),
                &go
            ),
            CountOutcome::Unusable
        );
    }

    #[test]
    fn renaming_a_focal_actor_renames_it_in_the_scheme() {
        let mut project = demo();
        let (index, _) = project.dictionary.actor("Russia").expect("demo has Russia");
        project.dictionary.actors[index].name = "Russian Federation".into();
        let scheme = renamed_focal_actor(&project, index, "Russia", "Russian Federation")
            .expect("Russia is focal in the demo");
        assert!(
            scheme
                .focal_actors
                .iter()
                .any(|f| f == "Russian Federation")
        );
        assert!(!scheme.focal_actors.iter().any(|f| f == "Russia"));
        // A non-focal actor, or an empty new name, leaves the scheme alone.
        assert!(renamed_focal_actor(&project, index, "Atlantis", "Mu").is_none());
        assert!(renamed_focal_actor(&project, index, "Russia", "  ").is_none());
    }

    #[test]
    fn the_filter_finds_actors_by_name_group_and_pattern() {
        let actor = Actor {
            name: "Türkiye".into(),
            colour: Colour::palette(0),
            group: vec!["Regional powers".into()],
            patterns: vec![PatternSpec::new("ankara"), PatternSpec::new("erdogan")],
        };
        assert!(actor_matches_filter(&actor, "turk"));
        assert!(actor_matches_filter(&actor, "regional"));
        assert!(actor_matches_filter(&actor, "erdo"));
        assert!(!actor_matches_filter(&actor, "moscow"));
    }
}
