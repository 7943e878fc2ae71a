//! The bar chart: in each group (a source or a document) one bar per shown
//! actor, in the order of the legend. Documents get horizontal bars with
//! their titles down the left, sources vertical ones. Hovering a bar shows
//! its value; clicking it lists its mentions in the concordance.

use std::ops::RangeInclusive;

use egui::{Color32, Rect};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Plot, PlotUi};

use crate::actors::{Actor, Grouping, Measure};
use crate::project::Project;

use super::super::super::theme;
use super::super::widgets::{colour_chip, ellipsize};
use super::legend::Legend;
use super::{FrequencyView, Group, Shown};

/// How many documents a horizontal bar chart can show legibly in `height`
/// points with `actors` bars each (and a title on the axis beside them).
pub(super) fn bar_groups_that_fit(height: f32, actors: usize) -> usize {
    let per_group = 16.0 + 5.0 * actors as f32;
    ((height / per_group) as usize).clamp(5, 40)
}

/// Where a bar was drawn in the last frame, so a click can find it.
#[derive(Clone, Debug)]
pub(super) struct BarHit {
    rect: Rect,
    group: usize,
    actor: usize,
}

/// Where the bars go on the category axis: group `g` at `g`, or at `-g`
/// when the bars are horizontal so that the first group is on top; within
/// a group the shown actors' bars side by side, left to right (top to
/// bottom), in the order of the legend.
#[derive(Clone, Copy, Debug)]
struct BarSlots {
    horizontal: bool,
    /// How many bars a group has (at least one).
    per_group: f64,
    /// The width of one bar's slot; a group's bars take 0.8 together.
    width: f64,
}

impl BarSlots {
    fn new(horizontal: bool, shown: usize) -> Self {
        let per_group = shown.max(1) as f64;
        Self {
            horizontal,
            per_group,
            width: 0.8 / per_group,
        }
    }

    /// Where group `g` sits on the category axis.
    fn group(self, g: usize) -> f64 {
        if self.horizontal {
            -(g as f64)
        } else {
            g as f64
        }
    }

    /// The middle of the `k`-th bar of group `g`.
    fn bar(self, g: usize, k: usize) -> f64 {
        let offset = (k as f64 - (self.per_group - 1.0) / 2.0) * self.width;
        if self.horizontal {
            self.group(g) - offset
        } else {
            self.group(g) + offset
        }
    }

    /// The group at `value` on the category axis, if a group sits there.
    fn group_at(self, value: f64) -> Option<usize> {
        let g = if self.horizontal { -value } else { value };
        let nearest = g.round();
        ((g - nearest).abs() < 1e-6 && nearest >= 0.0).then_some(nearest as usize)
    }
}

impl FrequencyView {
    /// The chart of what is `shown`, and its legend; in a `figure`, without
    /// hover labels.
    pub(super) fn chart_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        shown: &Shown<'_>,
        figure: bool,
    ) {
        let actors = &project.dictionary.actors;
        let legend = Legend::new(ui, shown.actors.iter().filter_map(|&a| actors.get(a)));
        let placement = legend.place(ui.available_size());
        let horizontal = project.settings.frequency_grouping == Grouping::Document;
        let slots = BarSlots::new(horizontal, shown.actors.len());
        let labels = category_labels(ui, shown.groups, horizontal, placement.plot_size.x);
        let charts = self.bar_charts(ui, actors, shown, slots);
        let plot = plot(slots, placement.plot_size, labels, shown.measure);
        let response = legend.show_with(ui, &placement, |ui| {
            plot.show(ui, |plot_ui| {
                for chart in charts {
                    plot_ui.bar_chart(chart);
                }
                bar_hits(plot_ui, shown, slots)
            })
        });
        self.bars = response.inner;
        self.plot_area = Some(*response.transform.frame());
        self.respond_to_pointer(ui, response.response, actors, shown, figure);
    }

    /// One bar chart per shown actor, in its colour, the selected bar
    /// outlined.
    fn bar_charts(
        &self,
        ui: &egui::Ui,
        actors: &[Actor],
        shown: &Shown<'_>,
        slots: BarSlots,
    ) -> Vec<BarChart> {
        let outline = egui::Stroke::new(2.5, ui.visuals().strong_text_color());
        shown
            .actors
            .iter()
            .enumerate()
            .filter_map(|(k, &a)| Some((k, a, actors.get(a)?)))
            .map(|(k, a, actor)| {
                let colour = theme::colour(actor.colour);
                let bars = shown
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(g, group)| {
                        let mut bar =
                            Bar::new(slots.bar(g, k), shown.measure.value(&group.rows[a]))
                                .width(slots.width * 0.92)
                                .name(&group.label)
                                .fill(colour);
                        if slots.horizontal {
                            bar = bar.horizontal();
                        }
                        if self.is_selected(&group.label, a) {
                            bar = bar.stroke(outline);
                        }
                        bar
                    })
                    .collect();
                // The hover label is ours (see `respond_to_pointer`):
                // egui_plot's own is bare text that cannot be read over the
                // bars next to it.
                let chart = BarChart::new(actor.name.clone(), bars)
                    .color(colour)
                    .allow_hover(false);
                if slots.horizontal {
                    chart.horizontal()
                } else {
                    chart
                }
            })
            .collect()
    }

    /// Over a bar: the pointing hand and, unless in a figure, a label with
    /// its value; a click on it lists its mentions.
    fn respond_to_pointer(
        &mut self,
        ui: &egui::Ui,
        response: egui::Response,
        actors: &[Actor],
        shown: &Shown<'_>,
        figure: bool,
    ) {
        let hit = response
            .hover_pos()
            .filter(|pos| self.plot_area.is_some_and(|area| area.contains(*pos)))
            .and_then(|pos| self.bars.iter().find(|b| b.rect.contains(pos)))
            .map(|hit| (hit.group, hit.actor));
        let Some((g, a)) = hit else {
            return;
        };
        let (Some(group), Some(actor)) = (shown.groups.get(g), actors.get(a)) else {
            return;
        };
        let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked() {
            self.selected = Some((group.label.clone(), a));
        }
        if !figure {
            let measure = shown.measure;
            let value = measure.value(&group.rows[a]);
            hover_label(ui, &response, |ui| {
                ui.horizontal(|ui| {
                    colour_chip(ui, theme::colour(actor.colour));
                    ui.strong(format!("{} in {}", actor.name, group.label));
                });
                ui.label(format!("{}: {}", measure.label(), measure.format(value)));
                ui.weak("Click to list these mentions");
            });
        }
    }

    /// Screen position of the bar of `actor` in bar group `group` as drawn
    /// in the last frame (UI tests click there).
    pub fn bar_position(&self, group: usize, actor: usize) -> Option<egui::Pos2> {
        self.bars
            .iter()
            .find(|b| b.group == group && b.actor == actor)
            .map(|b| b.rect.center())
    }
}

/// The groups' names along the category axis, `plot_width` points wide:
/// document titles shortened to 42 characters; source names to the room
/// each group has beside the value axis, since long names on many bars
/// would overlap (and egui_plot drops a label wider than its group).
fn category_labels(
    ui: &egui::Ui,
    groups: &[Group<'_>],
    horizontal: bool,
    plot_width: f32,
) -> Vec<String> {
    if horizontal {
        return groups.iter().map(|g| ellipsize(&g.label, 42)).collect();
    }
    let room = 0.85 * (plot_width - 60.0) / groups.len().max(1) as f32;
    groups
        .iter()
        .map(|g| fit_label(ui, &g.label, room.max(30.0)))
        .collect()
}

/// A plot `size` big with the groups on the category axis, named `labels`,
/// and `measure` on the value axis; it neither pans nor zooms.
fn plot<'a>(slots: BarSlots, size: egui::Vec2, labels: Vec<String>, measure: Measure) -> Plot<'a> {
    let groups = labels.len();
    let category_marks = move |_: GridInput| {
        (0..groups)
            .map(|g| GridMark {
                value: slots.group(g),
                step_size: 1.0,
            })
            .collect::<Vec<_>>()
    };
    let category_label = move |mark: GridMark, _: &RangeInclusive<f64>| {
        slots
            .group_at(mark.value)
            .and_then(|g| labels.get(g).cloned())
            .unwrap_or_default()
    };
    let value_label = move |mark: GridMark, _: &RangeInclusive<f64>| measure.format(mark.value);
    let plot = Plot::new(("frequency plot", slots.horizontal))
        .width(size.x)
        .height(size.y)
        .show_crosshair(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false);
    if slots.horizontal {
        plot.show_grid([true, false])
            .include_x(0.0)
            .include_y(0.6)
            .include_y(-(groups as f64) + 0.4)
            .x_axis_label(measure.label())
            .y_grid_spacer(category_marks)
            .y_axis_formatter(category_label)
            .y_axis_min_width(300.0)
            .x_axis_formatter(value_label)
    } else {
        plot.show_grid([false, true])
            .include_y(0.0)
            .include_x(-0.6)
            .include_x(groups as f64 - 0.4)
            .y_axis_label(measure.label())
            .x_grid_spacer(category_marks)
            .x_axis_formatter(category_label)
            .y_axis_formatter(value_label)
    }
}

/// Where every bar is on screen, for hit-testing; a bar of zero gets a few
/// pixels so that it can be clicked.
fn bar_hits(plot_ui: &PlotUi<'_>, shown: &Shown<'_>, slots: BarSlots) -> Vec<BarHit> {
    let half = slots.width / 2.0;
    let mut hits = Vec::new();
    for (k, &actor) in shown.actors.iter().enumerate() {
        for (g, group) in shown.groups.iter().enumerate() {
            let value = shown.measure.value(&group.rows[actor]);
            let at = slots.bar(g, k);
            let (from, to) = if slots.horizontal {
                ([0.0, at - half], [value, at + half])
            } else {
                ([at - half, 0.0], [at + half, value])
            };
            let mut rect = Rect::from_two_pos(
                plot_ui.screen_from_plot(from.into()),
                plot_ui.screen_from_plot(to.into()),
            );
            if slots.horizontal && rect.width() < 4.0 {
                rect = rect.expand2(egui::vec2(4.0 - rect.width() / 2.0, 0.0));
            } else if !slots.horizontal && rect.height() < 4.0 {
                rect = rect.expand2(egui::vec2(0.0, 4.0 - rect.height() / 2.0));
            }
            hits.push(BarHit {
                rect,
                group: g,
                actor,
            });
        }
    }
    hits
}

/// A label at the pointer over a chart, on the theme's opaque popup
/// background so it reads over whatever it covers.
fn hover_label(ui: &egui::Ui, over: &egui::Response, content: impl FnOnce(&mut egui::Ui)) {
    let mut tooltip = egui::Tooltip::always_open(
        ui.ctx().clone(),
        over.layer_id,
        over.id,
        egui::PopupAnchor::Pointer,
    )
    .gap(12.0);
    tooltip.popup = tooltip.popup.frame(theme::hover_label_frame(ui.style()));
    tooltip.show(content);
}

/// `text`, shortened with an ellipsis to at most `width` points (28
/// characters at most).
fn fit_label(ui: &egui::Ui, text: &str, width: f32) -> String {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let fits = |s: &str| {
        ui.painter()
            .layout_no_wrap(s.to_string(), font.clone(), Color32::PLACEHOLDER)
            .size()
            .x
            <= width
    };
    (2..=28)
        .rev()
        .map(|chars| ellipsize(text, chars))
        .find(|s| fits(s))
        .unwrap_or_else(|| ellipsize(text, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_bars_sit_side_by_side_around_it_in_legend_order() {
        let vertical = BarSlots::new(false, 4);
        let bars: Vec<f64> = (0..4).map(|k| vertical.bar(2, k)).collect();
        assert!(bars.windows(2).all(|w| w[0] < w[1]), "{bars:?}");
        assert!(((bars[0] + bars[3]) / 2.0 - 2.0).abs() < 1e-9);
        assert!(bars[3] - bars[0] < 0.8);
        // Horizontally the first group is on top, the first bar too.
        let horizontal = BarSlots::new(true, 4);
        assert!(horizontal.bar(0, 0) > horizontal.bar(0, 1));
        assert!(horizontal.bar(0, 3) > horizontal.bar(1, 0));
    }

    #[test]
    fn only_whole_group_positions_name_a_group() {
        for horizontal in [false, true] {
            let slots = BarSlots::new(horizontal, 3);
            for g in 0..5 {
                assert_eq!(slots.group_at(slots.group(g)), Some(g));
            }
            assert_eq!(slots.group_at(slots.group(1) + 0.5), None);
        }
        assert_eq!(BarSlots::new(false, 3).group_at(-1.0), None);
    }
}
