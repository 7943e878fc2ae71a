//! Mention frequency: a grouped bar chart (by source or by document, one
//! series per actor), the same numbers as a table, and the concordance of
//! the mentions behind any bar or cell.

use egui::{Color32, Rect, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotUi};

use crate::actors::{Grouping, Measure, MentionCount, kwic_line, source_label};
use crate::project::Project;

use super::super::capture;
use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::widgets::{colour_chip, ellipsize, waiting_ui};
use crate::project::Edit;

/// How many documents a horizontal bar chart can show legibly in `height`
/// points with `actors` bars each (and a title on the axis beside them).
fn bar_groups_that_fit(height: f32, actors: usize) -> usize {
    let per_group = 16.0 + 5.0 * actors as f32;
    ((height / per_group) as usize).clamp(5, 40)
}

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

/// What the chart plots, as a figure's title: "Mentions of each actor, by
/// source".
pub fn chart_title(measure: Measure, grouping: Grouping) -> String {
    let what = match measure {
        Measure::Raw => "Mentions of each actor",
        Measure::Per1000 => "Mentions of each actor per 1,000 words",
        Measure::Share => "Each actor's share of all actor mentions",
    };
    let by = match grouping {
        Grouping::Source => "by source",
        Grouping::Document => "by document",
    };
    format!("{what}, {by}")
}

/// Where a bar was drawn in the last frame, so a click can find it.
#[derive(Clone, Debug)]
struct BarHit {
    rect: Rect,
    group: usize,
    actor: usize,
}

/// Count rows and the (revision, analysis address, grouping) they are for.
type CachedRows = ((u64, usize, Grouping), std::sync::Arc<Vec<MentionCount>>);

/// The frequency view's UI state.
#[derive(Default)]
pub struct FrequencyView {
    show_table: bool,
    /// The bar or cell whose mentions the concordance lists: (group label,
    /// actor index). Kept by label so it survives re-analysis.
    selected: Option<(String, usize)>,
    bars: Vec<BarHit>,
    /// The plot's data area (inside the axes) in the last frame.
    plot_area: Option<Rect>,
    /// Count rows for a (project revision, analysis address, grouping).
    rows: Option<CachedRows>,
}

/// One bar group: a source or a document, with its counts per actor.
#[derive(Clone)]
struct Group<'a> {
    label: String,
    /// Index of the document when grouped by document.
    document: Option<usize>,
    rows: &'a [MentionCount],
}

/// The actors the chart shows: the project's choice, or every actor that is
/// mentioned at least once (all of them in an empty corpus).
pub fn shown_actors(project: &Project, rows: &[MentionCount]) -> Vec<usize> {
    let actors = &project.dictionary.actors;
    if !project.settings.shown_actors.is_empty() {
        return actors
            .iter()
            .enumerate()
            .filter(|(_, a)| project.settings.shown_actors.contains(&a.name))
            .map(|(i, _)| i)
            .collect();
    }
    let mentioned: Vec<usize> = (0..actors.len())
        .filter(|&i| {
            rows.iter()
                .skip(i)
                .step_by(actors.len().max(1))
                .any(|r| r.mentions > 0)
        })
        .collect();
    if mentioned.is_empty() {
        (0..actors.len()).collect()
    } else {
        mentioned
    }
}

impl FrequencyView {
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let Some(analysis) = ctx.analysis else {
            waiting_ui(ui);
            return;
        };
        let project = ctx.project;
        let grouping = project.settings.frequency_grouping;
        let measure = project.settings.frequency_measure;
        // Tabulating tens of thousands of documents every frame would cost
        // more than the frame: the rows are kept until the project or the
        // analysis changes.
        let key = (
            ctx.revision,
            std::ptr::from_ref(analysis) as usize,
            grouping,
        );
        let rows = match &self.rows {
            Some((k, rows)) if *k == key => std::sync::Arc::clone(rows),
            _ => {
                let rows = std::sync::Arc::new(analysis.counts(project, grouping));
                self.rows = Some((key, std::sync::Arc::clone(&rows)));
                rows
            }
        };
        let rows: &[MentionCount] = &rows;
        let n_actors = project.dictionary.actors.len().max(1);
        let included: Vec<usize> = (0..project.documents.len())
            .filter(|&i| project.documents[i].included)
            .collect();
        let groups: Vec<Group<'_>> = rows
            .chunks(n_actors)
            .enumerate()
            .map(|(g, chunk)| Group {
                label: match grouping {
                    Grouping::Source => chunk[0].source.clone(),
                    Grouping::Document => chunk[0].document.clone(),
                },
                document: match grouping {
                    Grouping::Source => None,
                    Grouping::Document => included.get(g).copied(),
                },
                rows: chunk,
            })
            .collect();
        let shown = shown_actors(project, rows);

        // A figure (a capture of the view, `framescope render`) is the chart
        // alone: a title saying what is plotted instead of the controls.
        let figure = capture::figure_only(ui.ctx());
        if figure {
            ui.heading(chart_title(measure, grouping));
            ui.add_space(theme::GAP);
        } else {
            self.toolbar_ui(ui, ctx, &shown);
            ui.separator();
        }
        if groups.is_empty() {
            ui.weak("No included documents: include some in the corpus view.");
            return;
        }
        let has_selection = self.selected.is_some();
        if has_selection && !figure {
            egui::Panel::bottom("concordance")
                .resizable(true)
                .default_size(ui.available_height() * 0.42)
                .min_size(120.0)
                .show(ui, |ui| self.concordance_ui(ui, ctx, &groups, grouping));
        }
        if self.show_table {
            self.table_ui(ui, project, &groups, &shown, measure);
        } else if grouping == Grouping::Document
            && groups.len() > bar_groups_that_fit(ui.available_height(), shown.len())
        {
            let max = bar_groups_that_fit(ui.available_height(), shown.len());
            // Thousands of bars are neither readable nor cheap to draw: chart
            // the documents with the most of what is shown, in corpus order.
            let value =
                |g: &Group<'_>| -> f64 { shown.iter().map(|&a| measure.value(&g.rows[a])).sum() };
            let mut order: Vec<usize> = (0..groups.len()).collect();
            order.sort_by(|&a, &b| value(&groups[b]).total_cmp(&value(&groups[a])));
            order.truncate(max);
            order.sort_unstable();
            let charted: Vec<Group<'_>> = order.iter().map(|&i| groups[i].clone()).collect();
            ui.weak(format!(
                "Charting the {max} of {} documents with the highest values for the shown \
                 actors (as many as fit); the table lists them all.",
                groups.len()
            ));
            self.chart_ui(ui, project, &charted, &shown, measure, figure);
        } else {
            self.chart_ui(ui, project, &groups, &shown, measure, figure);
        }
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>, shown: &[usize]) {
        let project = ctx.project;
        let settings = &project.settings;
        ui.horizontal_wrapped(|ui| {
            ui.label("Group by");
            for (grouping, label) in [
                (Grouping::Source, "Source"),
                (Grouping::Document, "Document"),
            ] {
                if ui
                    .selectable_label(settings.frequency_grouping == grouping, label)
                    .clicked()
                    && settings.frequency_grouping != grouping
                {
                    let mut s = settings.clone();
                    s.frequency_grouping = grouping;
                    self.selected = None;
                    ctx.send(Command::edit(Edit::Settings(s)));
                }
            }
            ui.separator();
            ui.label("Show");
            for measure in Measure::ALL {
                if ui
                    .selectable_label(settings.frequency_measure == measure, measure.label())
                    .clicked()
                    && settings.frequency_measure != measure
                {
                    let mut s = settings.clone();
                    s.frequency_measure = measure;
                    ctx.send(Command::edit(Edit::Settings(s)));
                }
            }
            ui.separator();
            ui.menu_button(format!("Actors ({})", shown.len()), |ui| {
                actor_menu_ui(ui, ctx, shown);
            });
            ui.separator();
            ui.selectable_value(&mut self.show_table, false, "Chart");
            ui.selectable_value(&mut self.show_table, true, "Table");
            if ui
                .button("Export CSV…")
                .on_hover_text("The counts as `framescope count` writes them")
                .clicked()
            {
                ctx.send(Command::Export {
                    kind: crate::report::ExportKind::Counts(settings.frequency_grouping),
                    format: crate::report::OutputFormat::Csv,
                    path: None,
                });
            }
        });
    }

    fn chart_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        groups: &[Group<'_>],
        shown: &[usize],
        measure: Measure,
        figure: bool,
    ) {
        let actors = &project.dictionary.actors;
        // The legend is ours, beside the plot (below it in a narrow window),
        // so it never covers a bar.
        let legend: Vec<(String, Color32)> = shown
            .iter()
            .map(|&a| (actors[a].name.clone(), theme::colour(actors[a].colour)))
            .collect();
        let entry_widths = legend_entry_widths(ui, &legend);
        let legend_width = entry_widths.iter().copied().fold(0.0, f32::max);
        let available = ui.available_size();
        let beside = available.x - legend_width - LEGEND_GAP >= MIN_PLOT_WIDTH;
        let plot_size = if beside {
            egui::vec2(available.x - legend_width - LEGEND_GAP, available.y)
        } else {
            let rows = wrapped_rows(&entry_widths, available.x, LEGEND_ENTRY_GAP);
            let legend_height = rows as f32 * (LEGEND_ROW + LEGEND_ROW_GAP);
            egui::vec2(
                available.x,
                (available.y - legend_height - theme::GAP).max(120.0),
            )
        };
        // Document titles are long: documents get horizontal bars with the
        // titles down the left; sources (short names) get vertical bars.
        let horizontal = project.settings.frequency_grouping == Grouping::Document;
        let n_shown = shown.len().max(1) as f64;
        let width = 0.8 / n_shown;
        let n_groups = groups.len();
        // Group g sits at g on the category axis; horizontally, top to bottom.
        // Within a group the shown actors' bars go left to right (top to
        // bottom when horizontal), the order of the legend.
        let slot = move |g: usize, k: usize| {
            let offset = (k as f64 - (n_shown - 1.0) / 2.0) * width;
            if horizontal {
                -(g as f64) - offset
            } else {
                g as f64 + offset
            }
        };
        let labels: Vec<String> = if horizontal {
            groups.iter().map(|g| ellipsize(&g.label, 42)).collect()
        } else {
            // Long source names on many bars would overlap (and egui_plot
            // drops a label wider than its group): shorten them to the room
            // each group has beside the value axis.
            let room = 0.85 * (plot_size.x - 60.0) / n_groups.max(1) as f32;
            groups
                .iter()
                .map(|g| fit_label(ui, &g.label, room.max(30.0)))
                .collect()
        };
        let selected = self.selected.clone();
        let charts: Vec<BarChart> = shown
            .iter()
            .enumerate()
            .map(|(k, &a)| {
                let colour = theme::colour(actors[a].colour);
                let bars = groups
                    .iter()
                    .enumerate()
                    .map(|(g, group)| {
                        let value = measure.value(&group.rows[a]);
                        let is_selected = selected
                            .as_ref()
                            .is_some_and(|(label, actor)| *label == group.label && *actor == a);
                        let mut bar = Bar::new(slot(g, k), value)
                            .width(width * 0.92)
                            .name(&group.label)
                            .fill(colour);
                        if horizontal {
                            bar = bar.horizontal();
                        }
                        if is_selected {
                            bar = bar
                                .stroke(egui::Stroke::new(2.5, ui.visuals().strong_text_color()));
                        }
                        bar
                    })
                    .collect();
                // The hover label is ours (see below): egui_plot's own is
                // bare text that cannot be read over the bars next to it.
                let chart = BarChart::new(actors[a].name.clone(), bars)
                    .color(colour)
                    .allow_hover(false);
                if horizontal {
                    chart.horizontal()
                } else {
                    chart
                }
            })
            .collect();
        let category_marks = move |_: egui_plot::GridInput| {
            (0..n_groups)
                .map(|i| GridMark {
                    value: if horizontal { -(i as f64) } else { i as f64 },
                    step_size: 1.0,
                })
                .collect::<Vec<_>>()
        };
        let category_label = move |mark: GridMark, _: &std::ops::RangeInclusive<f64>| {
            let v = if horizontal { -mark.value } else { mark.value };
            let i = v.round();
            if (v - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let value_label =
            move |mark: GridMark, _: &std::ops::RangeInclusive<f64>| measure.format(mark.value);
        let mut plot = Plot::new(("frequency plot", horizontal))
            .width(plot_size.x)
            .height(plot_size.y)
            .show_crosshair(false)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false);
        plot = if horizontal {
            plot.show_grid([true, false])
                .include_x(0.0)
                .include_y(0.6)
                .include_y(-(n_groups as f64) + 0.4)
                .x_axis_label(measure.label())
                .y_grid_spacer(category_marks)
                .y_axis_formatter(category_label)
                .y_axis_min_width(300.0)
                .x_axis_formatter(value_label)
        } else {
            plot.show_grid([false, true])
                .include_y(0.0)
                .include_x(-0.6)
                .include_x(n_groups as f64 - 0.4)
                .y_axis_label(measure.label())
                .x_grid_spacer(category_marks)
                .x_axis_formatter(category_label)
                .y_axis_formatter(value_label)
        };
        let shown_owned = shown.to_vec();
        let draw = |plot_ui: &mut PlotUi<'_>| {
            for chart in charts {
                plot_ui.bar_chart(chart);
            }
            // Screen rectangles of every bar, for hit-testing clicks.
            let mut hits = Vec::new();
            for (k, &a) in shown_owned.iter().enumerate() {
                for (g, group) in groups.iter().enumerate() {
                    let value = measure.value(&group.rows[a]);
                    let at = slot(g, k);
                    let (p1, p2) = if horizontal {
                        ([0.0, at - width / 2.0], [value, at + width / 2.0])
                    } else {
                        ([at - width / 2.0, 0.0], [at + width / 2.0, value])
                    };
                    let mut rect = Rect::from_two_pos(
                        plot_ui.screen_from_plot(p1.into()),
                        plot_ui.screen_from_plot(p2.into()),
                    );
                    // Zero bars stay clickable: give them a few pixels.
                    if horizontal && rect.width() < 4.0 {
                        rect = rect.expand2(egui::vec2(4.0 - rect.width() / 2.0, 0.0));
                    } else if !horizontal && rect.height() < 4.0 {
                        rect = rect.expand2(egui::vec2(0.0, 4.0 - rect.height() / 2.0));
                    }
                    hits.push(BarHit {
                        rect,
                        group: g,
                        actor: a,
                    });
                }
            }
            hits
        };
        let response = if beside {
            ui.horizontal_top(|ui| {
                let response = plot.show(ui, draw);
                ui.add_space(LEGEND_GAP - ui.spacing().item_spacing.x);
                egui::ScrollArea::vertical()
                    .id_salt("frequency legend")
                    .max_height(plot_size.y)
                    .show(ui, |ui| {
                        ui.vertical(|ui| legend_ui(ui, &legend, &entry_widths));
                    });
                response
            })
            .inner
        } else {
            let response = plot.show(ui, draw);
            ui.add_space(theme::GAP);
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = LEGEND_ENTRY_GAP;
                legend_ui(ui, &legend, &entry_widths);
            });
            response
        };
        self.bars = response.inner;
        self.plot_area = Some(*response.transform.frame());
        let response = response.response;
        let pointer = response.hover_pos();
        let hit = pointer
            .filter(|pos| self.plot_area.is_some_and(|area| area.contains(*pos)))
            .and_then(|pos| self.bars.iter().find(|b| b.rect.contains(pos)))
            .cloned();
        let Some(hit) = hit else {
            return;
        };
        let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked() {
            self.selected = Some((groups[hit.group].label.clone(), hit.actor));
        }
        if !figure {
            let group = &groups[hit.group];
            let actor = &actors[hit.actor];
            let value = measure.value(&group.rows[hit.actor]);
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

    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        groups: &[Group<'_>],
        shown: &[usize],
        measure: Measure,
    ) {
        let actors = &project.dictionary.actors;
        egui::ScrollArea::horizontal().show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("frequency table")
                .striped(true)
                .resizable(true)
                .column(Column::initial(260.0).at_least(120.0).clip(true))
                .column(Column::initial(80.0));
            for _ in shown {
                table = table.column(Column::initial(96.0).at_least(60.0));
            }
            table
                .header(24.0, |mut header| {
                    header.col(|ui| {
                        ui.strong(match project.settings.frequency_grouping {
                            Grouping::Source => "Source",
                            Grouping::Document => "Document",
                        });
                    });
                    header.col(|ui| {
                        ui.strong("Words");
                    });
                    for &a in shown {
                        header.col(|ui| {
                            colour_chip(ui, theme::colour(actors[a].colour));
                            ui.strong(&actors[a].name);
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, groups.len(), |mut row| {
                        let group = &groups[row.index()];
                        row.col(|ui| {
                            ui.label(&group.label).on_hover_text(&group.label);
                        });
                        row.col(|ui| {
                            ui.label(group.rows.first().map_or(0, |r| r.words).to_string());
                        });
                        for &a in shown {
                            row.col(|ui| {
                                let value = measure.format(measure.value(&group.rows[a]));
                                let selected = self
                                    .selected
                                    .as_ref()
                                    .is_some_and(|(l, x)| *l == group.label && *x == a);
                                if ui
                                    .selectable_label(selected, value)
                                    .on_hover_text(format!(
                                        "{} in {}: click to list the mentions",
                                        actors[a].name, group.label
                                    ))
                                    .clicked()
                                {
                                    self.selected = Some((group.label.clone(), a));
                                }
                            });
                        }
                    });
                });
        });
    }

    fn concordance_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        groups: &[Group<'_>],
        grouping: Grouping,
    ) {
        let Some((label, actor)) = self.selected.clone() else {
            return;
        };
        let project = ctx.project;
        let Some(group) = groups.iter().find(|g| g.label == label) else {
            self.selected = None;
            return;
        };
        let context = project.settings.kwic_context.clamp(10, 200);
        // (document index, mention range) of every mention behind the bar.
        let mut lines = Vec::new();
        for (i, doc) in project.documents.iter().enumerate() {
            let belongs = match grouping {
                Grouping::Document => group.document == Some(i),
                Grouping::Source => doc.included && source_label(doc) == label,
            };
            if !belongs {
                continue;
            }
            if let Some(found) = ctx.document_analysis(i) {
                lines.extend(
                    found
                        .scoped
                        .mentions
                        .iter()
                        .filter(|m| m.actor == actor)
                        .map(|m| (i, m.range.clone())),
                );
            }
        }
        let actor_name = project
            .dictionary
            .actors
            .get(actor)
            .map_or("?", |a| a.name.as_str());
        ui.horizontal(|ui| {
            ui.heading(format!(
                "{} mention{} of {actor_name} in {label}",
                lines.len(),
                if lines.len() == 1 { "" } else { "s" }
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Close")
                    .on_hover_text("Hide the concordance")
                    .clicked()
                {
                    self.selected = None;
                }
                ui.weak("Click a keyword to open the article there");
            });
        });
        if lines.is_empty() {
            ui.weak("No mentions here.");
            return;
        }
        let mut open = None;
        TableBuilder::new(ui)
            .id_salt("concordance")
            .striped(true)
            .column(Column::initial(200.0).clip(true))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::auto())
            .column(Column::remainder().at_least(200.0).clip(true))
            .body(|body| {
                body.rows(22.0, lines.len(), |mut row| {
                    let (doc_index, range) = &lines[row.index()];
                    let doc = &project.documents[*doc_index];
                    let line = kwic_line(&doc.text, range.clone(), context);
                    row.col(|ui| {
                        ui.weak(ellipsize(doc.display_name(), 30))
                            .on_hover_text(doc.display_name());
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.add(egui::Label::new(&line.left).truncate());
                        });
                    });
                    row.col(|ui| {
                        let colour = project
                            .dictionary
                            .actors
                            .get(actor)
                            .map_or(ui.visuals().text_color(), |a| theme::colour(a.colour));
                        if ui
                            .link(RichText::new(&line.keyword).color(colour).strong())
                            .on_hover_text("Open in the reader")
                            .clicked()
                        {
                            open = Some((*doc_index, range.clone()));
                        }
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&line.right).truncate());
                    });
                });
            });
        if let Some((document, range)) = open {
            ctx.send(Command::OpenReader {
                document,
                range: Some(range),
            });
        }
    }

    /// Screen position of the bar of `actor` in the group labelled `group`
    /// as drawn in the last frame (UI tests click there).
    pub fn bar_position(&self, group: usize, actor: usize) -> Option<egui::Pos2> {
        self.bars
            .iter()
            .find(|b| b.group == group && b.actor == actor)
            .map(|b| b.rect.center())
    }
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

/// Width of each legend entry: colour chip, gap and name.
fn legend_entry_widths(ui: &egui::Ui, legend: &[(String, Color32)]) -> Vec<f32> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let chip = 10.0 + CHIP_GAP;
    legend
        .iter()
        .map(|(name, _)| {
            let text = ellipsize(name, LEGEND_CHARS);
            chip + ui
                .painter()
                .layout_no_wrap(text, font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        })
        .collect()
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

/// How many rows `widths` wrap into in `available` points.
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

/// The legend's entries, in the order of the bars in a group: a colour chip
/// and the actor's name, each `widths` wide (see [`legend_entry_widths`]).
fn legend_ui(ui: &mut egui::Ui, legend: &[(String, Color32)], widths: &[f32]) {
    ui.spacing_mut().item_spacing.y = LEGEND_ROW_GAP;
    for ((name, colour), &width) in legend.iter().zip(widths) {
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

/// Checkboxes over the dictionary's actors; changes the project's shown
/// actors (which the dispersion view and exports share).
pub fn actor_menu_ui(ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>, shown: &[usize]) {
    let project = ctx.project;
    let actors = &project.dictionary.actors;
    let mut wanted: Vec<usize> = shown.to_vec();
    let mut mentioned_mode = false;
    ui.horizontal(|ui| {
        if ui.button("All").clicked() {
            wanted = (0..actors.len()).collect();
        }
        if ui
            .button("Focal")
            .on_hover_text("The frame scheme's focal actors")
            .clicked()
        {
            wanted = actors
                .iter()
                .enumerate()
                .filter(|(_, a)| project.scheme.focal_actors.contains(&a.name))
                .map(|(i, _)| i)
                .collect();
        }
        if ui
            .button("Mentioned")
            .on_hover_text("Every actor mentioned at least once")
            .clicked()
        {
            mentioned_mode = true;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for (i, actor) in actors.iter().enumerate() {
                let mut on = wanted.contains(&i);
                ui.horizontal(|ui| {
                    colour_chip(ui, theme::colour(actor.colour));
                    if ui.checkbox(&mut on, &actor.name).changed() {
                        if on {
                            wanted.push(i);
                        } else {
                            wanted.retain(|&x| x != i);
                        }
                    }
                });
            }
        });
    let names: Vec<String> = if mentioned_mode {
        Vec::new()
    } else if wanted == shown {
        return;
    } else {
        wanted.sort_unstable();
        wanted.iter().map(|&i| actors[i].name.clone()).collect()
    };
    if names != project.settings.shown_actors {
        let mut settings = project.settings.clone();
        settings.shown_actors = names;
        ctx.send(Command::edit_keyed(
            Edit::Settings(settings),
            "shown actors",
        ));
    }
}

#[cfg(test)]
mod tests {
    use egui::epaint::Shape;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
    use crate::analysis::ProjectAnalysis;
    use crate::app::{CaptureArea, CaptureRequest, FramescopeApp, Prefs, Start, ViewKind};

    fn harness(
        project: &Project,
        analysis: &ProjectAnalysis,
    ) -> Harness<'static, (FrequencyView, Vec<Command>)> {
        let mut harness = super::super::test_support::view_harness(
            project,
            analysis,
            FrequencyView::default(),
            FrequencyView::ui,
        );
        harness.run();
        harness
    }

    fn demo_by(grouping: Grouping) -> (Project, ProjectAnalysis) {
        let (mut project, analysis) = super::super::test_support::demo();
        project.settings.frequency_grouping = grouping;
        (project, analysis)
    }

    /// Every shape painted in the last frame, in paint order, nested lists
    /// flattened.
    fn painted(output: &egui::FullOutput) -> Vec<Shape> {
        fn flatten(shape: &Shape, into: &mut Vec<Shape>) {
            match shape {
                Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, into)),
                shape => into.push(shape.clone()),
            }
        }
        let mut shapes = Vec::new();
        for clipped in &output.shapes {
            flatten(&clipped.shape, &mut shapes);
        }
        shapes
    }

    /// The tallest bar of `actor`: (group, screen position).
    fn tallest_bar(
        harness: &Harness<'_, (FrequencyView, Vec<Command>)>,
        project: &Project,
        analysis: &ProjectAnalysis,
        actor: usize,
    ) -> (usize, egui::Pos2) {
        let rows = analysis.counts(project, project.settings.frequency_grouping);
        let n = project.dictionary.actors.len();
        let group = (0..rows.len() / n)
            .max_by_key(|&g| rows[g * n + actor].mentions)
            .expect("the demo has groups");
        let pos = harness
            .state()
            .0
            .bar_position(group, actor)
            .expect("the bar was drawn");
        (group, pos)
    }

    #[test]
    fn the_hover_label_is_drawn_on_an_opaque_themed_background() {
        let (project, analysis) = demo_by(Grouping::Source);
        let (russia, _) = project.dictionary.actor("Russia").expect("a demo actor");
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            let mut harness = harness(&project, &analysis);
            harness.ctx.set_theme(theme);
            harness.run();
            let (_, pos) = tallest_bar(&harness, &project, &analysis, russia);
            harness.hover_at(pos);
            harness.run_steps(4);
            let shapes = painted(harness.output());
            let (i, text) = shapes
                .iter()
                .enumerate()
                .find_map(|(i, s)| match s {
                    Shape::Text(t) if t.galley.text().starts_with("Russia in ") => {
                        Some((i, s.visual_bounding_rect()))
                    }
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{theme:?}: no hover label over Russia's bar"));
            // The last filled rectangle painted under the label's text…
            let (j, background) = shapes[..i]
                .iter()
                .enumerate()
                .rev()
                .find_map(|(j, s)| match s {
                    Shape::Rect(r)
                        if r.blur_width == 0.0 && r.fill.a() > 0 && r.rect.contains_rect(text) =>
                    {
                        Some((j, r.clone()))
                    }
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{theme:?}: nothing is painted under the label"));
            // …with nothing (no bar, no grid line) between it and the text…
            for shape in &shapes[j + 1..i] {
                if !matches!(shape, Shape::Text(_)) {
                    assert!(
                        !shape.visual_bounding_rect().intersects(text),
                        "{theme:?}: {shape:?} is painted between the label and its background"
                    );
                }
            }
            // …is the label's own (not the window's), a few lines' worth…
            assert!(
                background.rect.area() < 12.0 * text.area(),
                "{theme:?}: the label's background {:?} is not its own (text {text:?})",
                background.rect
            );
            // …and the theme's popup background, opaque.
            let visuals = harness.ctx.global_style().visuals.clone();
            assert_eq!(visuals.dark_mode, theme == egui::Theme::Dark);
            assert!(
                background.fill.is_opaque(),
                "{theme:?}: {:?}",
                background.fill
            );
            assert_eq!(background.fill, visuals.window_fill, "{theme:?}");
            assert_eq!(background.stroke, visuals.window_stroke, "{theme:?}");
        }
    }

    /// The legend's entries for the shown actors, top to bottom: (actor,
    /// rectangle on screen).
    fn legend_entries(
        harness: &Harness<'_, (FrequencyView, Vec<Command>)>,
        project: &Project,
        shown: &[usize],
    ) -> Vec<(usize, Rect)> {
        let mut entries: Vec<(usize, Rect)> = shown
            .iter()
            .map(|&a| {
                let name = &project.dictionary.actors[a].name;
                let node = harness
                    .query_all_by_label(name)
                    .next()
                    .unwrap_or_else(|| panic!("no legend entry for {name}"));
                (a, node.rect())
            })
            .collect();
        entries.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
        entries
    }

    #[test]
    fn the_legend_is_outside_the_plot_in_the_order_of_the_bars() {
        for grouping in [Grouping::Source, Grouping::Document] {
            let (project, analysis) = demo_by(grouping);
            let harness = harness(&project, &analysis);
            let view = &harness.state().0;
            let rows = analysis.counts(&project, grouping);
            let shown = shown_actors(&project, &rows);
            assert!(shown.len() > 5, "{grouping:?}: {shown:?}");
            let area = view.plot_area.expect("the chart was drawn");
            let entries = legend_entries(&harness, &project, &shown);
            for (a, rect) in &entries {
                assert!(
                    !rect.intersects(area),
                    "{grouping:?}: the legend entry of {} at {rect:?} covers the plot {area:?}",
                    project.dictionary.actors[*a].name
                );
            }
            // The bars of the first group, in the order they are drawn: left
            // to right, or top to bottom when the bars are horizontal.
            let mut bars: Vec<(usize, egui::Pos2)> = shown
                .iter()
                .map(|&a| (a, view.bar_position(0, a).expect("the bar was drawn")))
                .collect();
            match grouping {
                Grouping::Source => bars.sort_by(|a, b| a.1.x.total_cmp(&b.1.x)),
                Grouping::Document => bars.sort_by(|a, b| a.1.y.total_cmp(&b.1.y)),
            }
            let name = |a: &usize| project.dictionary.actors[*a].name.clone();
            let bar_order: Vec<String> = bars.iter().map(|(a, _)| name(a)).collect();
            let legend_order: Vec<String> = entries.iter().map(|(a, _)| name(a)).collect();
            assert_eq!(legend_order, bar_order, "{grouping:?}");
        }
    }

    /// The toolbar's controls (a selection of them).
    const TOOLBAR: [&str; 5] = [
        "Group by",
        "Source",
        "Per 1,000 words",
        "Table",
        "Export CSV…",
    ];

    #[test]
    fn a_figure_shows_a_title_and_no_toolbar() {
        let (project, analysis) = demo_by(Grouping::Document);
        let mut harness = harness(&project, &analysis);
        for control in TOOLBAR {
            assert!(harness.query_by_label(control).is_some(), "{control}");
        }
        capture::set_figure_only(&harness.ctx, true);
        harness.run();
        for control in TOOLBAR {
            assert!(
                harness.query_by_label(control).is_none(),
                "the figure shows the toolbar's {control:?}"
            );
        }
        harness.get_by_label("Mentions of each actor, by document");
        // The chart and its legend are still there.
        assert!(harness.state().0.plot_area.is_some());
        harness.get_by_label("Russia");
    }

    #[test]
    fn capturing_the_view_leaves_out_the_toolbar() {
        let app = FramescopeApp::new(Prefs::default(), Start::Demo).without_native_dialogs();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_context_setup(theme::install)
            .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
        harness
            .state_mut()
            .send(Command::ShowView(ViewKind::Frequency));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while harness.state().is_busy() || harness.state().analysis().is_none() {
            assert!(std::time::Instant::now() < deadline, "the analysis hangs");
            harness.step();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        harness.run();
        harness.get_by_label("Export CSV…");
        let dir = tempfile::tempdir().expect("a temporary folder");
        harness.state_mut().send(Command::Capture(CaptureRequest {
            area: CaptureArea::View,
            scale: 1.0,
            path: Some(dir.path().join("frequency.png")),
        }));
        // The capture starts at the end of one frame and the view is drawn
        // as a figure from the next on (the screenshot comes later).
        harness.step();
        harness.step();
        for control in TOOLBAR {
            assert!(
                harness.query_by_label(control).is_none(),
                "the capture shows the toolbar's {control:?}"
            );
        }
        harness.get_by_label("Mentions of each actor, by source");
    }
}
