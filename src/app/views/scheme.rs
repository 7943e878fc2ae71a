//! The frame scheme editor: focal actors, the neutral frame, negation and
//! reference rules on the left; the evaluative frames with their cue lexicons
//! on the right, each with how many passages the current analysis labels with
//! it. Cue lists are edited as text, one pattern per line, with an error under
//! the list for every bad line.
//!
//! Every change is sent as an [`Edit::Scheme`] holding an edited copy of the
//! scheme.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Galley, Layout, RichText, TextEdit, Ui};

use crate::actors::{ActorDictionary, Colour, Pattern, PatternSpec};
use crate::analysis::ProjectAnalysis;
use crate::framing::{Frame, FrameScheme};
use crate::project::{Edit, Project};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::dictionary::{CorpusSummary, Drafts, plural, same_name};

/// Default width of the rules column.
const RULES_WIDTH: f32 = 400.0;
/// Marker that makes a line of a cue list case-sensitive: `US [case]`.
const CASE_MARKER: &str = "[case]";
/// Largest negation window the editor offers, in words.
const MAX_NEGATION_WINDOW: usize = 20;
/// Line errors listed under a cue list before "… and N more".
const MAX_LINE_ERRORS: usize = 4;

/// The frame scheme editor.
#[derive(Default)]
pub struct SchemeView {
    drafts: Drafts,
    lines: LineChecks,
    check: SchemeCheck,
    passages: PassageCounts,
    /// The corpus summary for a project revision.
    corpus: Option<(u64, CorpusSummary)>,
}

impl SchemeView {
    /// Draws the view and sends the edits made in it.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let project = ctx.project;
        let corpus = CorpusSummary::cached(&mut self.corpus, project, ctx.revision);
        self.check.update(&project.scheme, &project.dictionary);
        self.passages
            .update(project, ctx.analysis, corpus.fingerprint);

        self.status_ui(ui, ctx, &corpus);
        egui::Panel::left("scheme-rules")
            .resizable(true)
            .default_size(RULES_WIDTH)
            .size_range(320.0..=600.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("scheme-rules-scroll")
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        ui.add_space(theme::GAP);
                        self.focal_actors_ui(ui, ctx);
                        section_gap(ui);
                        self.neutral_ui(ui, ctx);
                        section_gap(ui);
                        self.negation_ui(ui, ctx);
                        section_gap(ui);
                        self.references_ui(ui, ctx);
                        ui.add_space(2.0 * theme::GAP);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("scheme-frames-scroll")
                .auto_shrink(false)
                .show(ui, |ui| {
                    ui.add_space(theme::GAP);
                    self.frames_ui(ui, ctx);
                    section_gap(ui);
                    super::scheme_weights::weights_ui(ui, ctx);
                    ui.add_space(2.0 * theme::GAP);
                });
        });
    }

    /// One line over both columns: whether the scheme can be used.
    fn status_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, corpus: &CorpusSummary) {
        let project = ctx.project;
        let scheme = &project.scheme;
        let (text, colour) = match &self.check.error {
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
                    plural(
                        corpus.included_documents,
                        "included document",
                        "included documents"
                    ),
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
                if self.check.error.is_some() {
                    colour
                } else {
                    ui.visuals().widgets.noninteractive.bg_stroke.color
                },
            ))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let text = RichText::new(text).color(colour);
                ui.label(if self.check.error.is_some() {
                    text.strong()
                } else {
                    text
                });
            });
        ui.add_space(4.0);
    }

    // ----- rules column ----------------------------------------------------

    fn focal_actors_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let project = ctx.project;
        let scheme = &project.scheme;
        let dictionary = &project.dictionary;
        ui.heading("Focal actors");
        ui.label(
            RichText::new(
                "Actors whose framing is analysed: passages are found around their mentions.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        let mut toggled = None;
        if dictionary.actors.is_empty() {
            ui.label(RichText::new("The dictionary has no actors yet.").weak());
        } else {
            egui::ScrollArea::vertical()
                .id_salt("focal-actor-list")
                // Nested in the column's scroll area: see `pattern_list_ui`.
                .min_scrolled_height(220.0)
                .max_height(220.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    egui::Grid::new("focal-actor-grid")
                        .num_columns(2)
                        .spacing([16.0, 4.0])
                        .show(ui, |ui| {
                            for (index, actor) in dictionary.actors.iter().enumerate() {
                                let mut on = scheme
                                    .focal_actors
                                    .iter()
                                    .any(|f| same_name(f, &actor.name));
                                ui.horizontal(|ui| {
                                    super::widgets::colour_chip(ui, theme::colour(actor.colour));
                                    let name = if actor.name.trim().is_empty() {
                                        "(unnamed actor)"
                                    } else {
                                        actor.name.as_str()
                                    };
                                    // An unnamed actor cannot be named in the scheme.
                                    let named = !actor.name.trim().is_empty();
                                    let checkbox = egui::Checkbox::new(&mut on, name);
                                    if ui.add_enabled(named, checkbox).changed() {
                                        toggled = Some((actor.name.clone(), on));
                                    }
                                });
                                if index % 2 == 1 {
                                    ui.end_row();
                                }
                            }
                        });
                });
        }
        if let Some((name, on)) = toggled {
            ctx.send(Command::edit(Edit::scheme(set_focal(scheme, &name, on))));
        }

        let unknown = scheme.unknown_focal_actors(dictionary);
        if !unknown.is_empty() {
            ui.add_space(4.0);
        }
        for name in unknown {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "⚠ “{name}” is not in the dictionary, so it is skipped."
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
                if ui
                    .small_button("Remove")
                    .on_hover_text(format!("Stop treating “{name}” as a focal actor"))
                    .clicked()
                {
                    let mut edited = scheme.clone();
                    edited.focal_actors.retain(|f| f != &name);
                    ctx.send(Command::edit(Edit::scheme(edited)));
                }
            });
        }
    }

    fn neutral_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let scheme = &ctx.project.scheme;
        ui.heading("Neutral frame");
        ui.label(
            RichText::new("The label of a passage that names a focal actor without any cue.")
                .weak(),
        );
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            let mut name = scheme.neutral_frame.clone();
            let response = ui
                .add(
                    TextEdit::singleline(&mut name)
                        .id_salt("neutral-frame")
                        .hint_text("e.g. neutral")
                        .desired_width(180.0)
                        .char_limit(100),
                )
                .labelled_by(label.id);
            passages_label_ui(ui, self.passages.get(&scheme.neutral_frame));
            if response.changed() {
                let mut edited = scheme.clone();
                edited.neutral_frame = name;
                ctx.send(Command::edit_keyed(Edit::scheme(edited), "scheme:neutral"));
            }
        });
        if scheme.neutral_frame.trim().is_empty() {
            ui.label(
                RichText::new("⚠ Give the neutral frame a name: tables and exports show it.")
                    .color(ui.visuals().warn_fg_color),
            );
        }
    }

    fn negation_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let scheme = &ctx.project.scheme;
        ui.heading("Negation");
        ui.label(
            RichText::new(
                "A cue shortly after a negator counts for the frame's opposite: \
                 “not weakened” is persisting.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        if let Some(negators) = self.pattern_list_ui(
            ui,
            "scheme:negators",
            "Negators",
            &scheme.negators,
            "One negator per line, e.g. not",
            6,
        ) {
            let mut edited = scheme.clone();
            edited.negators = negators;
            ctx.send(Command::edit_keyed(Edit::scheme(edited), "scheme:negators"));
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let label = ui.label("Negation window");
            let mut window = scheme.negation_window;
            ui.add(
                egui::DragValue::new(&mut window)
                    .range(0..=MAX_NEGATION_WINDOW.max(scheme.negation_window))
                    .suffix(" words"),
            )
            .labelled_by(label.id)
            .on_hover_text("How many words before a cue a negator may stand; 0 turns negation off");
            ui.label(RichText::new("before the cue").weak());
            if window != scheme.negation_window {
                let mut edited = scheme.clone();
                edited.negation_window = window;
                ctx.send(Command::edit_keyed(
                    Edit::scheme(edited),
                    "scheme:negation-window",
                ));
            }
        });
    }

    fn references_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let scheme = &ctx.project.scheme;
        ui.heading("References");
        ui.label(
            RichText::new(
                "Expressions that point back to an actor named just before (“the Kremlin’s \
                 ally”, “its”): a sentence with one and a cue is labelled for that actor.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        if let Some(references) = self.pattern_list_ui(
            ui,
            "scheme:references",
            "References",
            &scheme.references,
            "One expression per line, e.g. the country",
            6,
        ) {
            let mut edited = scheme.clone();
            edited.references = references;
            ctx.send(Command::edit_keyed(
                Edit::scheme(edited),
                "scheme:references",
            ));
        }
        ui.add_space(theme::GAP);
        if let Some(plural_references) = self.pattern_list_ui(
            ui,
            "scheme:plural-references",
            "Plural references",
            &scheme.plural_references,
            "One expression per line, e.g. both countries",
            4,
        ) {
            let mut edited = scheme.clone();
            edited.plural_references = plural_references;
            ctx.send(Command::edit_keyed(
                Edit::scheme(edited),
                "scheme:plural-references",
            ));
        }
    }

    // ----- frames column ---------------------------------------------------

    fn frames_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let scheme = &ctx.project.scheme;
        ui.horizontal(|ui| {
            ui.heading("Frames");
            ui.label(RichText::new(scheme.frames.len().to_string()).weak());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Add frame")
                    .on_hover_text("Add an evaluative frame with its own cues")
                    .clicked()
                {
                    ctx.send(Command::edit(Edit::scheme(add_frame(scheme))));
                }
            });
        });
        ui.label(
            RichText::new(format!(
                "Cues are patterns in the dictionary's language, one per line: whole words, \
                 any case, a final * continues the word, phrases allowed. End a line with \
                 {CASE_MARKER} to match letter case exactly (US {CASE_MARKER}). Weak cues \
                 weigh half: they tip the balance between frames but never label a passage \
                 on their own."
            ))
            .weak(),
        );
        ui.add_space(theme::GAP);
        if scheme.frames.is_empty() {
            ui.label(
                RichText::new(
                    "No evaluative frames: every passage is labelled with the neutral frame.",
                )
                .weak(),
            );
        }
        for index in 0..scheme.frames.len() {
            self.frame_card_ui(ui, ctx, index);
            ui.add_space(theme::GAP);
        }
    }

    fn frame_card_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize) {
        let scheme = &ctx.project.scheme;
        let Some(frame) = scheme.frames.get(index) else {
            return;
        };
        let colour = theme::colour(frame.colour);
        let card = egui::Frame::group(ui.style())
            .inner_margin(egui::Margin {
                left: 16,
                right: 10,
                top: 10,
                bottom: 10,
            })
            .corner_radius(6.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                self.frame_header_ui(ui, ctx, index, frame);
                ui.add_space(6.0);
                let mut cues = None;
                let mut weak = None;
                ui.columns(2, |columns| {
                    cues = self.pattern_list_ui(
                        &mut columns[0],
                        &format!("scheme:frame:{index}:cues"),
                        "Cues",
                        &frame.cues,
                        "One cue per line, e.g. weaken*",
                        8,
                    );
                    weak = self.pattern_list_ui(
                        &mut columns[1],
                        &format!("scheme:frame:{index}:weak-cues"),
                        "Weak cues (half weight)",
                        &frame.weak_cues,
                        "One cue per line, e.g. still",
                        8,
                    );
                });
                if let Some(cues) = cues {
                    let mut edited = scheme.clone();
                    edited.frames[index].cues = cues;
                    ctx.send(Command::edit_keyed(
                        Edit::scheme(edited),
                        format!("scheme:frame:{index}:cues"),
                    ));
                }
                if let Some(weak) = weak {
                    let mut edited = scheme.clone();
                    edited.frames[index].weak_cues = weak;
                    ctx.send(Command::edit_keyed(
                        Edit::scheme(edited),
                        format!("scheme:frame:{index}:weak-cues"),
                    ));
                }
            });
        // A stripe in the frame's colour down the card's left edge, so the
        // cards read as the frames they are at a glance.
        let rect = card.response.rect;
        let stripe = egui::Rect::from_min_max(
            rect.left_top(),
            egui::pos2(rect.left() + 5.0, rect.bottom()),
        );
        ui.painter().rect_filled(
            stripe,
            egui::CornerRadius {
                nw: 6,
                sw: 6,
                ne: 0,
                se: 0,
            },
            colour,
        );
    }

    /// Name, colour, opposite, passage count and remove button of a frame.
    fn frame_header_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize, frame: &Frame) {
        let scheme = &ctx.project.scheme;
        ui.horizontal(|ui| {
            let label = ui.label("Name");
            let mut name = frame.name.clone();
            let response = ui
                .add(
                    TextEdit::singleline(&mut name)
                        .id_salt(("frame-name", index))
                        .hint_text("Frame name, e.g. declining")
                        .desired_width(150.0)
                        .char_limit(100),
                )
                .labelled_by(label.id);
            if response.changed() {
                ctx.send(Command::edit_keyed(
                    Edit::scheme(rename_frame(scheme, index, &name)),
                    format!("scheme:frame:{index}:name"),
                ));
            }

            ui.add_space(6.0);
            let label = ui.label("Colour");
            let mut rgb = frame.colour.0;
            egui::color_picker::color_edit_button_srgb(ui, &mut rgb)
                .labelled_by(label.id)
                .on_hover_text("The frame's colour in badges, highlights and charts");
            if rgb != frame.colour.0 {
                let mut edited = scheme.clone();
                edited.frames[index].colour = Colour(rgb);
                ctx.send(Command::edit_keyed(
                    Edit::scheme(edited),
                    format!("scheme:frame:{index}:colour"),
                ));
            }

            ui.add_space(6.0);
            let label = ui.label("Opposite");
            if let Some(opposite) = opposite_combo_ui(ui, scheme, index, frame, label.id) {
                let mut edited = scheme.clone();
                edited.frames[index].opposite = opposite;
                ctx.send(Command::edit(Edit::scheme(edited)));
            }

            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let hint = format!(
                    "Remove the frame “{}” and its {} (Undo brings it back)",
                    frame.name,
                    plural(frame.cues.len() + frame.weak_cues.len(), "cue", "cues")
                );
                if ui.button("Remove frame").on_hover_text(hint).clicked() {
                    ctx.send(Command::edit(Edit::scheme(remove_frame(scheme, index))));
                }
                passages_label_ui(ui, self.passages.get(&frame.name));
            });
        });
        if frame.name.trim().is_empty() {
            ui.label(
                RichText::new("⚠ Give the frame a name: passages are labelled with it.")
                    .color(ui.visuals().warn_fg_color),
            );
        } else if scheme.frames.iter().enumerate().any(|(other, f)| {
            other != index && f.name.trim().eq_ignore_ascii_case(frame.name.trim())
        }) {
            ui.label(
                RichText::new("⚠ Another frame has this name; give each frame its own.")
                    .color(ui.visuals().warn_fg_color),
            );
        }
    }

    // ----- pattern lists ---------------------------------------------------

    /// A list of patterns edited as text, one per line, with bad lines in red
    /// and their errors listed below. Returns the new list when it changed.
    fn pattern_list_ui(
        &mut self,
        ui: &mut Ui,
        key: &str,
        title: &str,
        specs: &[PatternSpec],
        hint: &'static str,
        rows: usize,
    ) -> Option<Vec<PatternSpec>> {
        let current = specs.to_vec();
        let mut text = self.drafts.text(key, &current, parse_pattern_lines, |v| {
            format_pattern_lines(v)
        });
        let errors = self.lines.errors(key, &text).to_vec();
        let label = ui
            .horizontal(|ui| {
                let label = ui.label(RichText::new(title).strong());
                ui.label(RichText::new(specs.len().to_string()).weak());
                label
            })
            .inner;

        let id = ui.make_persistent_id(("pattern-list", key));
        let focused = ui.memory(|m| m.has_focus(id));
        let visuals = ui.visuals();
        let stroke = if !errors.is_empty() {
            egui::Stroke::new(1.0, visuals.error_fg_color)
        } else if focused {
            visuals.selection.stroke
        } else {
            visuals.widgets.inactive.bg_stroke
        };
        let row_height = ui.text_style_height(&egui::TextStyle::Body);
        let list_height = rows as f32 * row_height + 8.0;
        let mut layouter = line_layouter(ui, &text, &errors);
        let response = egui::Frame::new()
            .fill(visuals.text_edit_bg_color())
            .stroke(stroke)
            .corner_radius(4.0)
            .inner_margin(egui::Margin::same(4))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt(("pattern-list-scroll", key))
                    // Inside the column's own scroll area the space left below is only
                    // what is visible, which would squash lists near the bottom.
                    .min_scrolled_height(list_height)
                    .max_height(list_height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        ui.add(
                            TextEdit::multiline(&mut text)
                                .id(id)
                                .hint_text(hint)
                                .frame(egui::Frame::NONE)
                                .desired_width(f32::INFINITY)
                                .desired_rows(rows.min(4))
                                .layouter(&mut layouter),
                        )
                    })
                    .inner
            })
            .inner
            .labelled_by(label.id);

        for error in errors.iter().take(MAX_LINE_ERRORS) {
            ui.label(
                RichText::new(format!("Line {}: {}", error.line + 1, error.message))
                    .color(ui.visuals().error_fg_color),
            );
        }
        if errors.len() > MAX_LINE_ERRORS {
            ui.label(
                RichText::new(format!("… and {} more", errors.len() - MAX_LINE_ERRORS))
                    .color(ui.visuals().error_fg_color),
            );
        }

        if response.changed() {
            let parsed = parse_pattern_lines(&text);
            self.drafts.keep(key, text);
            if parsed != current {
                return Some(parsed);
            }
        }
        None
    }
}

/// The opposite-frame combo box; returns the new choice when it changed.
fn opposite_combo_ui(
    ui: &mut Ui,
    scheme: &FrameScheme,
    index: usize,
    frame: &Frame,
    label: egui::Id,
) -> Option<Option<String>> {
    let missing = frame
        .opposite
        .as_ref()
        .is_some_and(|o| scheme.frame_index(o).is_none());
    let selected_text = match &frame.opposite {
        None => RichText::new("None"),
        Some(o) if missing => {
            RichText::new(format!("{o} (missing)")).color(ui.visuals().error_fg_color)
        }
        Some(o) => RichText::new(o.as_str()),
    };
    let mut choice = frame.opposite.clone();
    egui::ComboBox::from_id_salt(("frame-opposite", index))
        .selected_text(selected_text)
        .width(130.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut choice, None, "None");
            for (other, f) in scheme.frames.iter().enumerate() {
                if other != index {
                    ui.selectable_value(&mut choice, Some(f.name.clone()), f.name.as_str());
                }
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text("The frame a negated cue counts for (“not weakened” → persisting)");
    (choice != frame.opposite).then_some(choice)
}

/// "2 focal actors", or "3 focal actors (1 not in the dictionary)".
fn focal_summary(scheme: &FrameScheme, dictionary: &ActorDictionary) -> String {
    let all = plural(scheme.focal_actors.len(), "focal actor", "focal actors");
    match scheme.unknown_focal_actors(dictionary).len() {
        0 => all,
        unknown => format!("{all} ({unknown} not in the dictionary)"),
    }
}

/// "12 passages" beside a frame, weak while the analysis is behind the scheme.
fn passages_label_ui(ui: &mut Ui, count: Option<(usize, bool)>) {
    let text = match count {
        Some((n, current)) => {
            let text = RichText::new(plural(n, "passage", "passages"));
            if current { text } else { text.weak() }
        }
        None => RichText::new("… passages").weak(),
    };
    ui.label(text).on_hover_text(
        "Passages the latest analysis labels with this frame in the included documents \
         (rejected ones left out)",
    );
}

fn section_gap(ui: &mut Ui) {
    ui.add_space(theme::GAP);
    ui.separator();
    ui.add_space(2.0);
}

/// A layouter that paints the lines of `text` listed in `errors` red. When the
/// field's text has changed this frame, the lines are checked again.
fn line_layouter(
    ui: &Ui,
    text: &str,
    errors: &[LineError],
) -> impl FnMut(&Ui, &dyn egui::TextBuffer, f32) -> Arc<Galley> + use<> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = ui.visuals().text_color();
    let bad_colour = ui.visuals().error_fg_color;
    let checked = text.to_string();
    let bad_lines: HashSet<usize> = errors.iter().map(|e| e.line).collect();
    move |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let text = buffer.as_str();
        let fresh: HashSet<usize>;
        let bad = if text == checked {
            &bad_lines
        } else {
            fresh = line_errors(text).into_iter().map(|e| e.line).collect();
            &fresh
        };
        let mut job = LayoutJob::default();
        for (line, piece) in text.split_inclusive('\n').enumerate() {
            let colour = if bad.contains(&line) {
                bad_colour
            } else {
                normal
            };
            job.append(piece, 0.0, TextFormat::simple(font.clone(), colour));
        }
        job.wrap.max_width = wrap_width;
        ui.painter().layout_job(job)
    }
}

// ----- checks and counts ------------------------------------------------------

/// A bad line of a pattern list.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LineError {
    /// 0-based line number.
    line: usize,
    message: String,
}

/// The bad lines of `text` (one pattern per line; blank lines are skipped).
fn line_errors(text: &str) -> Vec<LineError> {
    text.split('\n')
        .enumerate()
        .filter_map(|(line, raw)| {
            let spec = parse_pattern_line(raw)?;
            let error = Pattern::compile(&spec).err()?;
            Some(LineError {
                line,
                message: error.to_string(),
            })
        })
        .collect()
}

/// Line errors of each pattern list, recomputed only when its text changes.
#[derive(Default)]
struct LineChecks {
    by_field: HashMap<String, (String, Vec<LineError>)>,
}

impl LineChecks {
    fn errors(&mut self, key: &str, text: &str) -> &[LineError] {
        let entry = self
            .by_field
            .entry(key.to_string())
            .or_insert_with(|| (String::new(), Vec::new()));
        if entry.0 != text || entry.0.is_empty() {
            *entry = (text.to_string(), line_errors(text));
        }
        &entry.1
    }
}

/// The result of [`FrameScheme::validate`], recomputed only when the scheme
/// or the dictionary changes (it compiles every cue).
#[derive(Default)]
struct SchemeCheck {
    checked: Option<(FrameScheme, ActorDictionary)>,
    error: Option<String>,
}

impl SchemeCheck {
    fn update(&mut self, scheme: &FrameScheme, dictionary: &ActorDictionary) {
        if self
            .checked
            .as_ref()
            .is_some_and(|(s, d)| s == scheme && d == dictionary)
        {
            return;
        }
        self.error = scheme.validate(dictionary).err().map(|e| e.to_string());
        self.checked = Some((scheme.clone(), dictionary.clone()));
    }
}

/// Passages per label in the included documents, from the latest analysis.
#[derive(Default)]
struct PassageCounts {
    /// Address of the analysis and corpus fingerprint the counts are for.
    key: Option<(usize, u64)>,
    /// The scheme when this analysis arrived, to tell whether it is behind.
    analysed: Option<FrameScheme>,
    by_label: HashMap<String, usize>,
    current: bool,
}

impl PassageCounts {
    fn update(&mut self, project: &Project, analysis: Option<&ProjectAnalysis>, corpus: u64) {
        let Some(analysis) = analysis.filter(|a| a.documents.len() == project.documents.len())
        else {
            self.key = None;
            self.by_label.clear();
            return;
        };
        let address = std::ptr::from_ref(analysis) as usize;
        if self.key.map(|(a, _)| a) != Some(address) {
            self.analysed = Some(project.scheme.clone());
        }
        self.current = self.analysed.as_ref() == Some(&project.scheme);
        if self.key == Some((address, corpus)) {
            return;
        }
        self.key = Some((address, corpus));
        self.by_label.clear();
        for (doc, analysed) in project.documents.iter().zip(&analysis.documents) {
            if !doc.included {
                continue;
            }
            for passage in analysed.framing.counted() {
                *self
                    .by_label
                    .entry(passage.passage.frame.clone())
                    .or_default() += 1;
            }
        }
    }

    /// Passages labelled `label`, and whether the analysis is of the current
    /// scheme; `None` before the first analysis.
    fn get(&self, label: &str) -> Option<(usize, bool)> {
        self.key?;
        Some((self.by_label.get(label).copied().unwrap_or(0), self.current))
    }

    fn total(&self) -> Option<usize> {
        self.key?;
        Some(self.by_label.values().sum())
    }
}

// ----- scheme edits -------------------------------------------------------------

/// The scheme with `name` added to or removed from the focal actors.
fn set_focal(scheme: &FrameScheme, name: &str, on: bool) -> FrameScheme {
    let mut edited = scheme.clone();
    edited.focal_actors.retain(|f| !same_name(f, name));
    if on {
        edited.focal_actors.push(name.trim().to_string());
    }
    edited
}

/// The scheme with frame `index` renamed; opposites, past frames and
/// grammar effects that named it follow ([`FrameScheme::with_frame_renamed`]).
fn rename_frame(scheme: &FrameScheme, index: usize, name: &str) -> FrameScheme {
    scheme.with_frame_renamed(index, name)
}

/// The scheme without frame `index` ([`FrameScheme::without_frame`]).
fn remove_frame(scheme: &FrameScheme, index: usize) -> FrameScheme {
    scheme.without_frame(index)
}

/// The scheme with a new, empty frame at the end, in a colour no other frame
/// uses.
fn add_frame(scheme: &FrameScheme) -> FrameScheme {
    let mut edited = scheme.clone();
    let mut n = 1;
    let name = loop {
        let name = if n == 1 {
            "new frame".to_string()
        } else {
            format!("new frame {n}")
        };
        if !scheme.is_label(&name) {
            break name;
        }
        n += 1;
    };
    let colour = (0..16)
        .map(Colour::palette)
        .find(|c| scheme.frames.iter().all(|f| f.colour != *c))
        .unwrap_or(Colour::palette(scheme.frames.len()));
    edited.frames.push(Frame {
        name,
        colour,
        opposite: None,
        cues: Vec::new(),
        weak_cues: Vec::new(),
        in_past: None,
    });
    edited
}

// ----- one pattern per line ------------------------------------------------------

/// One line of a pattern list: `None` for a blank line; a trailing `[case]`
/// (any letter case) makes the pattern case-sensitive.
fn parse_pattern_line(line: &str) -> Option<PatternSpec> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let cut = line.len().checked_sub(CASE_MARKER.len());
    match cut {
        Some(cut)
            if line.is_char_boundary(cut) && line[cut..].eq_ignore_ascii_case(CASE_MARKER) =>
        {
            Some(PatternSpec::case_sensitive(line[..cut].trim_end()))
        }
        _ => Some(PatternSpec::new(line)),
    }
}

/// A pattern list as typed, one pattern per line, blank lines skipped.
fn parse_pattern_lines(text: &str) -> Vec<PatternSpec> {
    text.split('\n').filter_map(parse_pattern_line).collect()
}

/// A pattern list as text: one pattern per line, case-sensitive ones marked
/// with a trailing `[case]`.
fn format_pattern_lines(specs: &[PatternSpec]) -> String {
    specs
        .iter()
        .map(|spec| {
            if spec.case_sensitive {
                format!("{} {CASE_MARKER}", spec.text.trim())
            } else {
                spec.text.trim().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::dictionary::tests::view_harness;
    use super::*;
    use egui::accesskit::Role;
    use egui_kittest::kittest::{AccessKitNode, Queryable};

    #[test]
    fn every_widget_of_the_view_has_an_accessible_name() {
        let mut harness = view_harness(SchemeView::default(), SchemeView::ui);
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
        let mut harness = view_harness(SchemeView::default(), SchemeView::ui);
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
        let mut harness = view_harness(SchemeView::default(), SchemeView::ui);
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
    fn pattern_lines_round_trip() {
        let specs = vec![
            PatternSpec::new("weaken*"),
            PatternSpec::new("worn down"),
            PatternSpec::case_sensitive("US"),
        ];
        let text = format_pattern_lines(&specs);
        assert_eq!(text, "weaken*\nworn down\nUS [case]");
        assert_eq!(parse_pattern_lines(&text), specs);
    }

    #[test]
    fn blank_lines_and_spaces_do_not_make_patterns() {
        assert_eq!(
            parse_pattern_lines("  not \n\n\r\n  no longer\n"),
            vec![PatternSpec::new("not"), PatternSpec::new("no longer")]
        );
        assert!(parse_pattern_lines("").is_empty());
    }

    #[test]
    fn the_case_marker_is_read_in_any_case_and_only_at_the_end() {
        assert_eq!(
            parse_pattern_line("EU [CASE]"),
            Some(PatternSpec::case_sensitive("EU"))
        );
        assert_eq!(
            parse_pattern_line("EU[case]"),
            Some(PatternSpec::case_sensitive("EU"))
        );
        assert_eq!(
            parse_pattern_line("[case] EU"),
            Some(PatternSpec::new("[case] EU"))
        );
        // A marker alone is an empty case-sensitive pattern: reported, not dropped.
        assert_eq!(
            parse_pattern_line("[case]"),
            Some(PatternSpec::case_sensitive(""))
        );
        // Multi-byte text right before the marker's length does not panic.
        assert_eq!(
            parse_pattern_line("Türkiye"),
            Some(PatternSpec::new("Türkiye"))
        );
        assert_eq!(parse_pattern_line("ğğğğğ"), Some(PatternSpec::new("ğğğğğ")));
    }

    #[test]
    fn bad_lines_are_reported_with_their_line_numbers() {
        let errors = line_errors("weaken*\n\ndom*inant\n[case]\nfine");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3]);
        assert!(
            errors[0].message.contains("may only end"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn renaming_a_frame_keeps_its_opposite_linked() {
        let scheme = FrameScheme::default_scheme();
        let renamed = rename_frame(&scheme, 0, "waning");
        assert_eq!(renamed.frames[0].name, "waning");
        assert_eq!(renamed.frames[1].opposite.as_deref(), Some("waning"));
        renamed
            .validate(&ActorDictionary::default_dictionary())
            .expect("still valid");
    }

    #[test]
    fn removing_a_frame_clears_opposites_that_named_it() {
        let scheme = FrameScheme::default_scheme();
        let removed = remove_frame(&scheme, 0);
        assert_eq!(removed.frames.len(), 1);
        assert_eq!(removed.frames[0].opposite, None);
        removed
            .validate(&ActorDictionary::default_dictionary())
            .expect("still valid");
        assert_eq!(remove_frame(&scheme, 99), scheme);
    }

    #[test]
    fn an_added_frame_has_a_free_name_and_colour() {
        let scheme = add_frame(&add_frame(&FrameScheme::default_scheme()));
        let names: Vec<&str> = scheme.frames.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names[2..], ["new frame", "new frame 2"]);
        let colours: HashSet<_> = scheme.frames.iter().map(|f| f.colour).collect();
        assert_eq!(colours.len(), scheme.frames.len());
        scheme
            .validate(&ActorDictionary::default_dictionary())
            .expect("empty frames are valid");
    }

    #[test]
    fn focal_actors_are_toggled_by_name() {
        let scheme = FrameScheme::default_scheme();
        let with = set_focal(&scheme, "Türkiye", true);
        assert!(with.focal_actors.iter().any(|f| f == "Türkiye"));
        let without = set_focal(&with, "russia", false);
        assert!(!without.focal_actors.iter().any(|f| f == "Russia"));
        // Ticking an actor twice does not list it twice.
        let twice = set_focal(&with, "Türkiye", true);
        assert_eq!(twice.focal_actors.len(), with.focal_actors.len());
    }
}
