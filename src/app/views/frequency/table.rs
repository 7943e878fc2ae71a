//! The chart's numbers as a table: a row per group (source or document),
//! its words, and a column per shown actor whose cells list their mentions
//! in the concordance when clicked.

use egui_extras::{Column, TableBuilder};

use crate::actors::Grouping;
use crate::project::Project;

use super::super::super::theme;
use super::super::widgets::colour_chip;
use super::{FrequencyView, Shown};

/// Height of the header and of every row.
const ROW_HEIGHT: f32 = 24.0;

impl FrequencyView {
    /// The table of what is `shown`: a row per group, its words, then the
    /// measure for each shown actor.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, project: &Project, shown: &Shown<'_>) {
        let actors = &project.dictionary.actors;
        let Shown {
            groups,
            actors: shown,
            measure,
        } = *shown;
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
                .header(ROW_HEIGHT, |mut header| {
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
                    body.rows(ROW_HEIGHT, groups.len(), |mut row| {
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
                                if ui
                                    .selectable_label(self.is_selected(&group.label, a), value)
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
}
