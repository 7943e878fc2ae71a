//! The chart's legend: a colour chip and a name for each shown actor, in the
//! order of the bars in a group. It is ours rather than egui_plot's, beside
//! the plot (below it in a narrow window), so it never covers a bar.

use egui::{Color32, Vec2};

use crate::actors::Actor;

use super::super::super::theme;
use super::super::widgets::{colour_chip, ellipsize};

/// Longest actor name the legend shows in full.
const LEGEND_CHARS: usize = 28;
/// Space between the plot and its legend.
const LEGEND_GAP: f32 = 2.0 * theme::GAP;
/// Narrower than this, the plot keeps the width and the legend goes below it.
const MIN_PLOT_WIDTH: f32 = 360.0;
/// Height of a legend entry, and the space between entries.
const LEGEND_ROW: f32 = 18.0;
const LEGEND_ROW_GAP: f32 = 3.0;
/// Space between a legend entry's colour chip and its name.
const CHIP_GAP: f32 = 6.0;
/// Space between legend entries side by side (below a narrow plot).
const LEGEND_ENTRY_GAP: f32 = 2.0 * theme::GAP;
/// The least height the plot keeps above a legend below it.
const MIN_PLOT_HEIGHT: f32 = 120.0;

/// The legend's entries: each actor's name and colour, and the width its
/// entry takes (colour chip, gap and name).
pub(super) struct Legend {
    entries: Vec<(String, Color32)>,
    widths: Vec<f32>,
}

/// Where the legend goes, and the room that leaves the plot.
pub(super) struct Placement {
    /// Beside the plot (else below it).
    beside: bool,
    pub plot_size: Vec2,
}

impl Legend {
    /// The legend of `actors`, in their order, measured in `ui`'s font.
    pub(super) fn new<'a>(ui: &egui::Ui, actors: impl IntoIterator<Item = &'a Actor>) -> Self {
        let entries: Vec<(String, Color32)> = actors
            .into_iter()
            .map(|actor| (actor.name.clone(), theme::colour(actor.colour)))
            .collect();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let chip = 10.0 + CHIP_GAP;
        let widths = entries
            .iter()
            .map(|(name, _)| {
                let text = ellipsize(name, LEGEND_CHARS);
                chip + ui
                    .painter()
                    .layout_no_wrap(text, font.clone(), Color32::PLACEHOLDER)
                    .size()
                    .x
            })
            .collect();
        Self { entries, widths }
    }

    /// Where the legend goes in `available` room: beside the plot if that
    /// leaves the plot wide enough, else below it.
    pub(super) fn place(&self, available: Vec2) -> Placement {
        let width = self.widths.iter().copied().fold(0.0, f32::max);
        if available.x - width - LEGEND_GAP >= MIN_PLOT_WIDTH {
            return Placement {
                beside: true,
                plot_size: egui::vec2(available.x - width - LEGEND_GAP, available.y),
            };
        }
        let rows = wrapped_rows(&self.widths, available.x, LEGEND_ENTRY_GAP);
        let height = rows as f32 * (LEGEND_ROW + LEGEND_ROW_GAP);
        Placement {
            beside: false,
            plot_size: egui::vec2(
                available.x,
                (available.y - height - theme::GAP).max(MIN_PLOT_HEIGHT),
            ),
        }
    }

    /// Shows the plot (`plot_ui` draws it) with the legend as `placement`
    /// says.
    pub(super) fn show_with<R>(
        &self,
        ui: &mut egui::Ui,
        placement: &Placement,
        plot_ui: impl FnOnce(&mut egui::Ui) -> R,
    ) -> R {
        if placement.beside {
            ui.horizontal_top(|ui| {
                let plot = plot_ui(ui);
                ui.add_space(LEGEND_GAP - ui.spacing().item_spacing.x);
                egui::ScrollArea::vertical()
                    .id_salt("frequency legend")
                    .max_height(placement.plot_size.y)
                    .show(ui, |ui| {
                        ui.vertical(|ui| self.entries_ui(ui));
                    });
                plot
            })
            .inner
        } else {
            let plot = plot_ui(ui);
            ui.add_space(theme::GAP);
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = LEGEND_ENTRY_GAP;
                self.entries_ui(ui);
            });
            plot
        }
    }

    /// The entries, each a colour chip and the actor's name.
    fn entries_ui(&self, ui: &mut egui::Ui) {
        ui.spacing_mut().item_spacing.y = LEGEND_ROW_GAP;
        for ((name, colour), &width) in self.entries.iter().zip(&self.widths) {
            let layout = egui::Layout::left_to_right(egui::Align::Center);
            ui.allocate_ui_with_layout(egui::vec2(width, LEGEND_ROW), layout, |ui| {
                ui.spacing_mut().item_spacing.x = CHIP_GAP;
                colour_chip(ui, *colour);
                let label = ui.label(ellipsize(name, LEGEND_CHARS));
                if name.chars().count() > LEGEND_CHARS {
                    label.on_hover_text(name);
                }
            });
        }
    }
}

/// How many rows `widths` wrap into in `available` points, `spacing` apart.
fn wrapped_rows(widths: &[f32], available: f32, spacing: f32) -> usize {
    let mut rows = 0;
    let mut x = f32::INFINITY;
    for &w in widths {
        if x + spacing + w > available {
            rows += 1;
            x = w;
        } else {
            x += spacing + w;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_wrap_into_as_many_rows_as_they_need() {
        assert_eq!(wrapped_rows(&[], 100.0, 10.0), 0);
        assert_eq!(wrapped_rows(&[40.0, 40.0], 100.0, 10.0), 1);
        assert_eq!(wrapped_rows(&[40.0, 40.0, 40.0], 100.0, 10.0), 2);
        // An entry wider than the room still takes one row.
        assert_eq!(wrapped_rows(&[150.0, 40.0], 100.0, 10.0), 2);
    }
}
