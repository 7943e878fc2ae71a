//! Mention frequency: a grouped bar chart (by source or by document, one
//! series per actor), the same numbers as a table, and the concordance of
//! the mentions behind any bar or cell.

use egui::{Rect, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, GridMark, Legend, Plot};

use crate::actors::{Grouping, Measure, MentionCount, kwic_line, source_label};
use crate::project::Project;

use super::super::command::{Command, Edit};
use super::super::theme;
use super::ViewCtx;
use super::widgets::{colour_chip, ellipsize, waiting_ui};

/// How many documents a horizontal bar chart can show legibly in `height`
/// points with `actors` bars each (and a title on the axis beside them).
fn bar_groups_that_fit(height: f32, actors: usize) -> usize {
    let per_group = 16.0 + 5.0 * actors as f32;
    ((height / per_group) as usize).clamp(5, 40)
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

        self.toolbar_ui(ui, ctx, &shown);
        ui.separator();
        if groups.is_empty() {
            ui.weak("No included documents: include some in the corpus view.");
            return;
        }
        let has_selection = self.selected.is_some();
        if has_selection {
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
            self.chart_ui(ui, project, &charted, &shown, measure);
        } else {
            self.chart_ui(ui, project, &groups, &shown, measure);
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
    ) {
        let actors = &project.dictionary.actors;
        // Document titles are long: documents get horizontal bars with the
        // titles down the left; sources (short names) get vertical bars.
        let horizontal = project.settings.frequency_grouping == Grouping::Document;
        let n_shown = shown.len().max(1) as f64;
        let width = 0.8 / n_shown;
        let n_groups = groups.len();
        // Group g sits at g on the category axis; horizontally, top to bottom.
        let slot = move |g: usize, k: usize| {
            let offset = (k as f64 - (n_shown - 1.0) / 2.0) * width;
            if horizontal {
                -(g as f64) - offset
            } else {
                g as f64 + offset
            }
        };
        let label_chars = if horizontal {
            42
        } else {
            // Long source names on many bars would overlap: shorten them to
            // the room each group has (about 7 points per character).
            ((ui.available_width() / n_groups.max(1) as f32) / 7.0).clamp(4.0, 28.0) as usize
        };
        let labels: Vec<String> = groups
            .iter()
            .map(|g| ellipsize(&g.label, label_chars))
            .collect();
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
                let actor_name = actors[a].name.clone();
                let chart = BarChart::new(actor_name.clone(), bars)
                    .color(colour)
                    .element_formatter(Box::new(move |bar, _| {
                        format!(
                            "{actor_name} in {}\n{}: {}\nClick to list these mentions",
                            bar.name,
                            measure.label(),
                            measure.format(bar.value)
                        )
                    }));
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
            .legend(Legend::default().position(egui_plot::Corner::RightTop))
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
        let response = plot.show(ui, |plot_ui| {
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
        });
        self.bars = response.inner;
        let response = response
            .response
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(hit) = self.bars.iter().find(|b| b.rect.contains(pos))
        {
            self.selected = Some((groups[hit.group].label.clone(), hit.actor));
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
