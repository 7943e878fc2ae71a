//! The rules column of the scheme view: the focal actors, the neutral
//! frame, negation (negators and their window) and references.

use egui::{RichText, Ui};

use crate::app::theme;
use crate::app::views::ViewCtx;
use crate::app::views::widgets::colour_chip;

use super::pattern_lines::PatternList;
use super::{NameField, SchemeView, section_gap, send_edit, send_scheme};

/// Largest negation window the editor offers, in words.
const MAX_NEGATION_WINDOW: usize = 20;

const NEGATORS: PatternList = PatternList::new("Negators", "One negator per line, e.g. not", 6);
const REFERENCES: PatternList =
    PatternList::new("References", "One expression per line, e.g. the country", 6);
const PLURAL_REFERENCES: PatternList = PatternList::new(
    "Plural references",
    "One expression per line, e.g. both countries",
    4,
);

impl SchemeView {
    /// The column's sections, one under the other.
    pub(super) fn rules_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        self.focal_actors_ui(ui, ctx);
        section_gap(ui);
        self.neutral_ui(ui, ctx);
        section_gap(ui);
        self.negation_ui(ui, ctx);
        section_gap(ui);
        self.references_ui(ui, ctx);
    }

    /// A checkbox per actor of the dictionary, and a warning for every focal
    /// actor the dictionary does not have.
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
                                let mut on = scheme.is_focal(&actor.name);
                                ui.horizontal(|ui| {
                                    colour_chip(ui, theme::colour(actor.colour));
                                    // An unnamed actor cannot be named in the scheme.
                                    let named = !actor.name.trim().is_empty();
                                    let name = if named {
                                        actor.name.as_str()
                                    } else {
                                        "(unnamed actor)"
                                    };
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
            send_scheme(ctx, None, scheme.with_focal(&name, on));
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
                    send_scheme(ctx, None, scheme.with_focal(&name, false));
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
            let field = NameField {
                id_salt: "neutral-frame",
                hint: "e.g. neutral",
                width: 180.0,
            };
            let renamed = field.ui(ui, &scheme.neutral_frame);
            self.passages.label_ui(ui, &scheme.neutral_frame);
            if let Some(name) = renamed {
                send_edit(ctx, Some("scheme:neutral".into()), |edited| {
                    edited.neutral_frame = name;
                });
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
        let key = "scheme:negators";
        self.scheme_list_ui(ui, ctx, key, &NEGATORS, &scheme.negators, |s, l| {
            s.negators = l
        });
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
                send_edit(ctx, Some("scheme:negation-window".into()), |edited| {
                    edited.negation_window = window;
                });
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
        let key = "scheme:references";
        self.scheme_list_ui(ui, ctx, key, &REFERENCES, &scheme.references, |s, l| {
            s.references = l;
        });
        ui.add_space(theme::GAP);
        let (key, plural) = ("scheme:plural-references", &scheme.plural_references);
        self.scheme_list_ui(ui, ctx, key, &PLURAL_REFERENCES, plural, |s, l| {
            s.plural_references = l;
        });
    }
}
