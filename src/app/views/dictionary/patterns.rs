//! The selected actor's patterns in the dictionary view: a row per pattern
//! with its case flag, live count and error, the row a new pattern is typed
//! into, and the short reference of the pattern language beside the editor.

use egui::{Align, Layout, RichText, StrokeKind, TextEdit, Ui, vec2};

use crate::actors::{Pattern, PatternError, PatternSpec};
use crate::app::theme;
use crate::app::views::ViewCtx;
use crate::app::views::format::{megabytes, plural, thousands};

use super::live_counts::{LIVE_COUNT_LIMIT, LiveCount};
use super::{CorpusSummary, DictionaryView, FIELD_CHAR_LIMIT, display_name, scope_text, send_edit};

impl DictionaryView {
    /// The pattern table of actor `index`, the row for a new pattern and a
    /// note on what the counts count.
    pub(super) fn patterns_ui(
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
            let header = |text: &'static str| {
                move |ui: &mut Ui| {
                    ui.label(RichText::new(text).weak().small());
                }
            };
            columns.cells_ui(
                ui,
                header("Pattern"),
                header("Case-sensitive"),
                header("Matches"),
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
        if self.bad_patterns.actor_has_error(index) {
            ui.label(
                RichText::new("While a pattern has an error, the analysis keeps its last results.")
                    .color(ui.visuals().error_fg_color),
            );
        }
        ui.add_space(4.0);
        self.new_pattern_ui(ui, ctx, &columns, index);

        ui.add_space(theme::GAP);
        ui.label(
            RichText::new(format!(
                "Matches: each pattern on its own, in the {} ({}). The actor's total counts a \
                 span once even when several of its patterns match it.",
                corpus.documents_text(),
                scope_text(project.settings.scope),
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

    /// Pattern `number` of actor `index`: its text, case flag, live count,
    /// remove button and error.
    fn pattern_row_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewCtx<'_>,
        columns: &PatternColumns,
        index: usize,
        number: usize,
        spec: &PatternSpec,
    ) {
        let compiled = Pattern::compile(spec);
        let error_colour = ui.visuals().error_fg_color;
        let mut edited_spec = spec.clone();
        let mut remove = false;
        ui.horizontal(|ui| {
            columns.cells_ui(
                ui,
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
                |ui| case_checkbox_ui(ui, &mut edited_spec.case_sensitive, "Case-sensitive"),
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
            note_ui(ui, format!("⚠ {}", error_text(error)), error_colour);
        }

        if remove {
            send_edit(ctx, None, |dictionary| {
                dictionary.actors[index].patterns.remove(number);
            });
        } else if edited_spec != *spec {
            send_edit(ctx, Some(format!("dict:{index}:pattern:{number}")), |d| {
                d.actors[index].patterns[number] = edited_spec;
            });
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
        let dictionary = &ctx.project.dictionary;
        let Some(actor) = dictionary.actors.get(index) else {
            return;
        };
        let typed = PatternSpec {
            text: self.new_pattern.trim().to_string(),
            case_sensitive: self.new_pattern_case,
        };
        let compiled = (!typed.text.is_empty()).then(|| Pattern::compile(&typed));
        let duplicate = actor.has_equivalent_pattern(&typed);
        let can_add = matches!(compiled, Some(Ok(_))) && !duplicate;
        let mut add = false;
        let mut field = None;
        ui.horizontal(|ui| {
            columns.cells_ui(
                ui,
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
                |ui| {
                    case_checkbox_ui(
                        ui,
                        &mut self.new_pattern_case,
                        "New pattern is case-sensitive",
                    );
                },
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

        let (weak, error_colour) = (ui.visuals().weak_text_color(), ui.visuals().error_fg_color);
        match &compiled {
            Some(Err(error)) => note_ui(ui, format!("⚠ {}", error_text(error)), error_colour),
            Some(Ok(_)) if duplicate => note_ui(ui, "This actor already has this pattern.", weak),
            Some(Ok(_)) => {
                let shared = dictionary
                    .actors
                    .iter()
                    .enumerate()
                    .find(|(other, a)| *other != index && a.has_equivalent_pattern(&typed));
                if let Some((_, other)) = shared {
                    let text = format!(
                        "“{}” is also a pattern of {}: its matches will count for both.",
                        typed.text,
                        display_name(&other.name)
                    );
                    note_ui(ui, text, weak);
                }
            }
            None => {}
        }

        if add {
            send_edit(ctx, None, |dictionary| {
                dictionary.actors[index].patterns.push(typed);
            });
            self.new_pattern.clear();
            self.new_pattern_case = false;
            // Keep typing: the next pattern goes in the same field.
            if let Some(field) = field {
                field.request_focus();
            }
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

    /// The pattern, case and count cells of a row, each at its column's
    /// width: the first two from the left, the count from the right.
    fn cells_ui(
        &self,
        ui: &mut Ui,
        pattern: impl FnOnce(&mut Ui),
        case: impl FnOnce(&mut Ui),
        count: impl FnOnce(&mut Ui),
    ) {
        let left = Layout::left_to_right(Align::Center);
        cell(ui, self.pattern, left, pattern);
        cell(ui, self.case, left, case);
        cell(ui, self.count, Layout::right_to_left(Align::Center), count);
    }
}

/// A fixed-width cell of a row, so columns line up whatever their content.
fn cell(ui: &mut Ui, width: f32, layout: Layout, add: impl FnOnce(&mut Ui)) {
    let size = vec2(width, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        // Take the whole width even when the content is narrower, so the
        // next cell starts where its column does.
        ui.set_min_size(size);
        add(ui);
    });
}

/// The case-sensitive checkbox of a row, called `name` for screen readers.
fn case_checkbox_ui(ui: &mut Ui, case_sensitive: &mut bool, name: &str) {
    ui.add_space(4.0);
    ui.add(egui::Checkbox::without_text(case_sensitive))
        .accessible_name(name)
        .on_hover_text("Match letter case exactly (`US` but not “us”)");
}

/// A line of text under a row, in `colour`.
fn note_ui(ui: &mut Ui, text: impl Into<String>, colour: egui::Color32) {
    ui.horizontal(|ui| {
        ui.add_space(4.0);
        ui.label(RichText::new(text).color(colour));
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

/// A pattern error as a sentence.
fn error_text(error: &PatternError) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => text,
    }
}

/// The short reference of the pattern language beside the editor.
pub(super) fn pattern_help_ui(ui: &mut Ui) {
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
