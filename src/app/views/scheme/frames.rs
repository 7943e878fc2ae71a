//! The frames column of the scheme view: a card per evaluative frame with
//! its name, colour, opposite, passage count and cue lists, and the button
//! that adds a frame.

use egui::{Align, Layout, RichText, Ui};

use crate::app::theme;
use crate::app::views::ViewCtx;
use crate::app::views::format::plural;
use crate::framing::{Frame, FrameScheme};

use super::pattern_lines::{CASE_MARKER, PatternList};
use super::{NameField, SchemeView, colour_field_ui, send_edit, send_scheme};

const CUES: PatternList = PatternList::new("Cues", "One cue per line, e.g. weaken*", 8);
const WEAK_CUES: PatternList =
    PatternList::new("Weak cues (half weight)", "One cue per line, e.g. still", 8);

impl SchemeView {
    /// The heading with the "Add frame" button, the cue syntax and a card per
    /// frame.
    pub(super) fn frames_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
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
                    send_scheme(ctx, None, scheme.with_new_frame());
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

    /// Frame `index`: its header over its cues and weak cues, with a stripe
    /// in its colour down the left edge.
    fn frame_card_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize) {
        let scheme = &ctx.project.scheme;
        let Some(frame) = scheme.frames.get(index) else {
            return;
        };
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
                ui.columns(2, |columns| {
                    let key = format!("scheme:frame:{index}:cues");
                    self.scheme_list_ui(&mut columns[0], ctx, &key, &CUES, &frame.cues, |s, l| {
                        s.frames[index].cues = l;
                    });
                    let key = format!("scheme:frame:{index}:weak-cues");
                    let weak = &frame.weak_cues;
                    self.scheme_list_ui(&mut columns[1], ctx, &key, &WEAK_CUES, weak, |s, l| {
                        s.frames[index].weak_cues = l;
                    });
                });
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
            theme::colour(frame.colour),
        );
    }

    /// Name, colour, opposite, passage count and remove button of a frame.
    fn frame_header_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>, index: usize, frame: &Frame) {
        let scheme = &ctx.project.scheme;
        ui.horizontal(|ui| {
            let field = NameField {
                id_salt: ("frame-name", index),
                hint: "Frame name, e.g. declining",
                width: 150.0,
            };
            if let Some(name) = field.ui(ui, &frame.name) {
                let key = format!("scheme:frame:{index}:name");
                send_scheme(ctx, Some(key), scheme.with_frame_renamed(index, &name));
            }

            ui.add_space(6.0);
            let hint = "The frame's colour in badges, highlights and charts";
            let label = ui.label("Colour");
            if let Some(colour) = colour_field_ui(ui, frame.colour, label.id, hint) {
                send_edit(ctx, Some(format!("scheme:frame:{index}:colour")), |s| {
                    s.frames[index].colour = colour;
                });
            }

            ui.add_space(6.0);
            let label = ui.label("Opposite");
            if let Some(opposite) = opposite_combo_ui(ui, scheme, index, frame, label.id) {
                send_edit(ctx, None, |s| s.frames[index].opposite = opposite);
            }

            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let hint = format!(
                    "Remove the frame “{}” and its {} (Undo brings it back)",
                    frame.name,
                    plural(frame.cues.len() + frame.weak_cues.len(), "cue", "cues")
                );
                if ui.button("Remove frame").on_hover_text(hint).clicked() {
                    send_scheme(ctx, None, scheme.without_frame(index));
                }
                self.passages.label_ui(ui, &frame.name);
            });
        });
        let warning = if frame.name.trim().is_empty() {
            Some("⚠ Give the frame a name: passages are labelled with it.")
        } else if scheme.has_other_frame_named(index, &frame.name) {
            Some("⚠ Another frame has this name; give each frame its own.")
        } else {
            None
        };
        if let Some(warning) = warning {
            ui.label(RichText::new(warning).color(ui.visuals().warn_fg_color));
        }
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
