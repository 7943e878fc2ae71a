//! The dispersion ("X-ray") plot, as in AntConc's concordance plot and
//! Voyant's bubblelines: one row per included document, a track standing for
//! its whole text, and a thin tick wherever a shown actor is mentioned. The
//! body is a filled band on the track, so a reader sees at once which
//! mentions count and which sit in site chrome. The actors shown are the
//! project's ([`crate::project::Project::shown_actors`]), the same as the
//! frequency chart's, picked with the same menu.
//!
//! Rows are painted by hand inside `ScrollArea::show_rows`, so only the rows
//! on screen cost anything, however large the corpus. This file holds the
//! view's state, its controls and legend; `layout` divides a row and draws
//! the ruler over the rows, `row` draws a row's label, lane names and count,
//! `track` its track, and `ticks` places the mentions on it.

mod layout;
mod row;
mod ticks;
mod track;

use egui::{Color32, RichText, Sense, StrokeKind, vec2};

use crate::analysis::ProjectAnalysis;
use crate::corpus::Scope;
use crate::project::Project;

use super::super::theme;
use super::actor_picker::actor_picker_ui;
use super::{ViewCtx, widgets};

/// Height of a row with one track.
const ROW_HEIGHT: f32 = 40.0;
/// Height of one actor's lane when each actor has its own.
const LANE_HEIGHT: f32 = 14.0;
/// Vertical padding above and below the lanes of a row.
const LANE_PADDING: f32 = 6.0;

/// The dispersion view and its UI state.
#[derive(Default)]
pub struct DispersionView {
    /// One lane per actor in each row instead of all ticks on one track.
    lanes: bool,
    /// Leave out documents that never mention a shown actor.
    hide_empty: bool,
}

/// An actor drawn in the plot.
#[derive(Clone, Debug, PartialEq)]
struct ShownActor {
    /// Index in the dictionary, as in [`crate::actors::Mention::actor`].
    index: usize,
    name: String,
    colour: Color32,
}

impl DispersionView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let Some(analysis) = ctx.analysis else {
            widgets::waiting_ui(ui);
            return;
        };
        let project = ctx.project;
        let lanes = project.shown_actors();
        let actors = shown_actors(project, &lanes);
        let rows = self.rows(project, analysis, &lanes);

        heading_ui(ui, project, rows.len());
        self.controls_ui(ui, ctx);
        legend_ui(ui, &actors, analysis.scope);
        ui.separator();

        if actors.is_empty() {
            let detail = if project.dictionary.actors.is_empty() {
                "The dictionary has no actors: add some in the dictionary view."
            } else {
                "None of the actors the project shows is in the dictionary: pick some in the \
                 Actors menu above."
            };
            message_ui(ui, "No actors are shown", detail);
            return;
        }
        if rows.is_empty() {
            let detail = if self.hide_empty {
                "No included document mentions the shown actors. Untick “Hide documents without mentions” to list them all."
            } else {
                "Every document is excluded. Include documents in the corpus view."
            };
            message_ui(ui, "No documents to show", detail);
            return;
        }

        let row_height = self.row_height(actors.len());
        let spacing = ui.spacing().item_spacing.y;
        let content_height = rows.len() as f32 * (row_height + spacing);
        let overflows = content_height > ui.available_height() - layout::RULER_HEIGHT;
        let scrollbar = if overflows {
            ui.spacing().scroll.allocated_width()
        } else {
            0.0
        };
        layout::ruler_ui(ui, self.lanes, scrollbar);

        egui::ScrollArea::vertical()
            .id_salt("dispersion rows")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, visible| {
                for row in visible {
                    if let Some(&document) = rows.get(row) {
                        self.row_ui(ui, ctx, row, document, &actors, row_height);
                    }
                }
            });
    }

    /// Indices of the documents that get a row: the included ones, or those
    /// of them that mention an actor of `lanes` when empty rows are hidden.
    fn rows(&self, project: &Project, analysis: &ProjectAnalysis, lanes: &[usize]) -> Vec<usize> {
        if self.hide_empty {
            let mentions = analysis.documents.iter().map(|d| d.mentions.as_slice());
            project.included_mentioning(mentions, lanes)
        } else {
            project.included_indices()
        }
    }

    /// The height of a row showing `actors`.
    fn row_height(&self, actors: usize) -> f32 {
        if self.lanes {
            (actors as f32 * LANE_HEIGHT + 2.0 * LANE_PADDING).max(ROW_HEIGHT)
        } else {
            ROW_HEIGHT
        }
    }

    /// The actors menu and the display toggles.
    fn controls_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        ui.horizontal_wrapped(|ui| {
            actor_picker_ui(ui, ctx);
            ui.add_space(theme::GAP);
            ui.checkbox(&mut self.lanes, "One lane per actor")
                .on_hover_text("Give each actor its own line in every document row");
            ui.checkbox(&mut self.hide_empty, "Hide documents without mentions")
                .on_hover_text("List only documents that mention at least one shown actor");
        });
    }
}

/// The actors of `lanes` (dictionary indices) with their names and colours.
fn shown_actors(project: &Project, lanes: &[usize]) -> Vec<ShownActor> {
    lanes
        .iter()
        .filter_map(|&index| {
            let actor = project.dictionary.actors.get(index)?;
            Some(ShownActor {
                index,
                name: actor.name.clone(),
                colour: theme::colour(actor.colour),
            })
        })
        .collect()
}

/// The view's title and what it shows.
fn heading_ui(ui: &mut egui::Ui, project: &Project, rows: usize) {
    ui.horizontal(|ui| {
        ui.heading("Dispersion");
        let included = project.documents.iter().filter(|d| d.included).count();
        let shown = if rows == included {
            format!("{rows} of {included} included documents")
        } else {
            format!("{rows} of {included} included documents (others have no mentions)")
        };
        ui.label(
            RichText::new(format!(
                "Where in each text the actors are mentioned · {shown}"
            ))
            .weak(),
        );
    });
    ui.add_space(2.0);
}

/// The colours of the shown actors and what the band and faded ticks mean.
fn legend_ui(ui: &mut egui::Ui, actors: &[ShownActor], scope: Scope) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Legend:").weak());
        for actor in actors {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                widgets::colour_chip(ui, actor.colour);
                ui.label(&actor.name);
            });
        }
        if actors.is_empty() {
            ui.label(RichText::new("no actors").weak().italics());
        }
        ui.add_space(theme::GAP * 2.0);
        let (rect, _) = ui.allocate_exact_size(vec2(28.0, 12.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 1.0, ui.visuals().widgets.inactive.bg_fill);
        ui.painter().rect_stroke(
            rect,
            1.0,
            ui.visuals().widgets.noninteractive.bg_stroke,
            StrokeKind::Inside,
        );
        let explanation = match scope {
            Scope::Body => "body: mentions counted · short faded ticks lie outside it",
            Scope::Full => "body (the full text is counted)",
        };
        ui.label(RichText::new(explanation).weak());
    });
}

/// A centred notice in place of the plot.
fn message_ui(ui: &mut egui::Ui, title: &str, detail: &str) {
    ui.add_space(ui.available_height() / 4.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(title).heading().weak());
        ui.label(RichText::new(detail).weak());
    });
}

/// "1 mention", "3 mentions".
fn mentions_text(n: usize) -> String {
    if n == 1 {
        "1 mention".into()
    } else {
        format!("{n} mentions")
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable;

    use super::super::super::command::Command;
    use super::super::test_support::{default_view_harness, demo, view_harness};
    use super::ticks::{HIT_DISTANCE, Tick, position, row_ticks};
    use super::*;

    #[test]
    fn clicking_a_tick_opens_the_reader_at_that_mention() {
        let (project, analysis) = demo();
        let (russia, _) = project
            .dictionary
            .actor("Russia")
            .expect("the demo knows Russia");
        let document = 1;
        let doc = &project.documents[document];
        let da = &analysis.documents[document];
        // The first Russia mention that stands clear of its neighbours, so
        // the click cannot land on another tick.
        let ticks = row_ticks(doc, &da.mentions, &[russia], analysis.scope);
        let mut harness = default_view_harness(&project, &analysis, DispersionView::ui);
        harness.run();
        let label = format!("Dispersion plot of {}:", doc.display_name());
        let track = harness.get_by_label_contains(&label).rect();
        let clear = |t: &&Tick| {
            da.mentions.iter().all(|m| {
                m.range == da.mentions[t.mention].range
                    || (position(m.range.start, doc.text.len()) - t.x).abs() * track.width()
                        > 3.0 * HIT_DISTANCE
            })
        };
        let tick = ticks.iter().find(clear).expect("a tick stands alone");
        let pos = egui::pos2(track.left() + tick.x * track.width(), track.center().y);
        harness.event(egui::Event::PointerMoved(pos));
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::default(),
            });
        }
        harness.run();
        assert_eq!(
            harness.state().1,
            vec![Command::OpenReader {
                document,
                range: Some(da.mentions[tick.mention].range.clone()),
            }]
        );
    }

    #[test]
    fn lanes_and_an_empty_actor_list_draw_without_trouble() {
        let (mut project, analysis) = demo();
        let mut harness = default_view_harness(&project, &analysis, DispersionView::ui);
        harness.run();
        harness.get_by_label("One lane per actor").click();
        harness.run();
        assert!(harness.state().0.lanes);
        // A saved choice that names no actor of the dictionary shows none.
        project.settings.shown_actors = vec!["Atlantis".into()];
        let view = DispersionView {
            lanes: true,
            ..DispersionView::default()
        };
        let mut harness = view_harness(&project, &analysis, view, DispersionView::ui);
        harness.run();
        assert!(harness.query_by_label_contains("Dispersion plot").is_none());
        harness.get_by_label("No actors are shown");
    }

    #[test]
    fn the_plot_shows_the_projects_shown_actors() {
        let legend = |names: &[&str]| {
            let (mut project, analysis) = demo();
            project.settings.shown_actors = names.iter().map(|n| n.to_string()).collect();
            let mut harness = default_view_harness(&project, &analysis, DispersionView::ui);
            harness.run();
            project
                .dictionary
                .actors
                .iter()
                .filter(|actor| harness.query_all_by_label(&actor.name).next().is_some())
                .map(|actor| actor.name.clone())
                .collect::<Vec<_>>()
        };
        // In dictionary order, named as the dictionary compares names.
        assert_eq!(legend(&["iran", "RUSSIA", "Atlantis"]), ["Russia", "Iran"]);
        // No choice shows every actor (not the scheme's focal actors only).
        let (project, _) = demo();
        assert_eq!(legend(&[]).len(), project.dictionary.actors.len());
    }
}
