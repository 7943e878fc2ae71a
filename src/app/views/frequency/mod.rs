//! Mention frequency: a grouped bar chart (by source or by document, one
//! series per actor), the same numbers as a table, and the concordance of
//! the mentions behind any bar or cell.
//!
//! This file holds the view's state, its toolbar and what it charts; the
//! chart, its legend, the table and the concordance have a file each.

mod chart;
mod concordance;
mod legend;
mod table;

use std::sync::Arc;

use egui::Rect;

use crate::actors::{Grouping, Measure, MentionCount};
use crate::analysis::ProjectAnalysis;
use crate::project::{Edit, Project};

use super::super::capture;
use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::actor_picker::actor_picker_ui;
use super::widgets::waiting_ui;

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

/// What a count table was made from: the project as it was, the analysis
/// and the grouping. No two analyses share a generation, and the revision
/// changes whenever the project or its analysis does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowsKey {
    revision: u64,
    generation: u64,
    grouping: Grouping,
}

/// The frequency view's UI state.
#[derive(Default)]
pub struct FrequencyView {
    show_table: bool,
    /// The bar or cell whose mentions the concordance lists: (group label,
    /// actor index). Kept by label so it survives re-analysis.
    selected: Option<(String, usize)>,
    /// Where the bars were drawn in the last frame, so a click can find them.
    bars: Vec<chart::BarHit>,
    /// The plot's data area (inside the axes) in the last frame.
    plot_area: Option<Rect>,
    /// The count table the view shows, and what it was made from.
    rows: Option<(RowsKey, Arc<Vec<MentionCount>>)>,
}

/// What the chart or the table shows.
struct Shown<'a> {
    /// The bar groups (table rows).
    groups: &'a [Group<'a>],
    /// The actors shown in each group (dictionary indices), in legend order.
    actors: &'a [usize],
    measure: Measure,
}

/// One bar group: a source or a document, with its counts per actor.
#[derive(Clone)]
struct Group<'a> {
    label: String,
    /// One row per dictionary actor.
    rows: &'a [MentionCount],
}

impl FrequencyView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let Some(analysis) = ctx.analysis else {
            waiting_ui(ui);
            return;
        };
        let project = ctx.project;
        let grouping = project.settings.frequency_grouping;
        let measure = project.settings.frequency_measure;
        let rows = self.count_rows(project, analysis, ctx.revision);
        let groups = bar_groups(project, &rows, grouping);
        let actors = project.shown_actors();

        // A figure (a capture of the view, `framescope render`) is the chart
        // alone: a title saying what is plotted instead of the controls.
        let figure = capture::figure_only(ui.ctx());
        if figure {
            ui.heading(chart_title(measure, grouping));
            ui.add_space(theme::GAP);
        } else {
            self.toolbar_ui(ui, ctx);
            ui.separator();
        }
        if groups.is_empty() {
            ui.weak("No included documents: include some in the corpus view.");
            return;
        }
        if self.selected.is_some() && !figure {
            egui::Panel::bottom("concordance")
                .resizable(true)
                .default_size(ui.available_height() * 0.42)
                .min_size(120.0)
                .show(ui, |ui| self.concordance_ui(ui, ctx, &rows, &groups));
        }
        if self.show_table {
            let shown = Shown {
                groups: &groups,
                actors: &actors,
                measure,
            };
            self.table_ui(ui, project, &shown);
            return;
        }
        let fit = chart::bar_groups_that_fit(ui.available_height(), actors.len());
        let busiest: Vec<Group<'_>>;
        let charted = if grouping == Grouping::Document && groups.len() > fit {
            // Thousands of bars are neither readable nor cheap to draw: chart
            // the documents with the most of what is shown, in corpus order.
            busiest = project
                .busiest_count_groups(&rows, measure, fit)
                .into_iter()
                .filter_map(|g| groups.get(g).cloned())
                .collect();
            ui.weak(format!(
                "Charting the {fit} of {} documents with the highest values for the shown \
                 actors (as many as fit); the table lists them all.",
                groups.len()
            ));
            busiest.as_slice()
        } else {
            groups.as_slice()
        };
        let shown = Shown {
            groups: charted,
            actors: &actors,
            measure,
        };
        self.chart_ui(ui, project, &shown, figure);
    }

    /// Whether the bar or cell of `actor` in the group labelled `label` is
    /// the one whose mentions the concordance lists.
    fn is_selected(&self, label: &str, actor: usize) -> bool {
        self.selected
            .as_ref()
            .is_some_and(|(selected, a)| selected == label && *a == actor)
    }

    /// The count table of the included documents in the project's grouping.
    /// Tabulating tens of thousands of documents every frame would cost more
    /// than the frame: the table is kept until the project, its analysis or
    /// the grouping changes.
    fn count_rows(
        &mut self,
        project: &Project,
        analysis: &ProjectAnalysis,
        revision: u64,
    ) -> Arc<Vec<MentionCount>> {
        let key = RowsKey {
            revision,
            generation: analysis.generation,
            grouping: project.settings.frequency_grouping,
        };
        if let Some((made_from, rows)) = &self.rows
            && *made_from == key
        {
            return Arc::clone(rows);
        }
        let rows = Arc::new(analysis.counts(project, key.grouping));
        self.rows = Some((key, Arc::clone(&rows)));
        rows
    }

    /// Grouping, measure, actors, chart or table, and the export.
    fn toolbar_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
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
            actor_picker_ui(ui, ctx);
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
}

/// The bar groups of count table `rows`, labelled by source or by document.
fn bar_groups<'r>(
    project: &Project,
    rows: &'r [MentionCount],
    grouping: Grouping,
) -> Vec<Group<'r>> {
    project
        .count_groups(rows)
        .map(|rows| Group {
            label: rows
                .first()
                .map(|row| match grouping {
                    Grouping::Source => row.source.clone(),
                    Grouping::Document => row.document.clone(),
                })
                .unwrap_or_default(),
            rows,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use egui::epaint::Shape;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
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
            let shown = project.shown_actors();
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

    /// Fails unless every control of [`TOOLBAR`] is left out of what
    /// `harness` shows, saying `when`.
    fn assert_no_toolbar<State>(harness: &Harness<'_, State>, when: &str) {
        for control in TOOLBAR {
            assert!(
                harness.query_by_label(control).is_none(),
                "{when} shows the toolbar's {control:?}"
            );
        }
    }

    #[test]
    fn a_figure_shows_a_title_and_no_toolbar() {
        let (project, analysis) = demo_by(Grouping::Document);
        let mut harness = harness(&project, &analysis);
        for control in TOOLBAR {
            assert!(harness.query_by_label(control).is_some(), "{control}");
        }
        capture::set_figure_only(&harness.ctx, true);
        harness.run();
        assert_no_toolbar(&harness, "the figure");
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
        assert_no_toolbar(&harness, "the capture");
        harness.get_by_label("Mentions of each actor, by source");
    }

    #[test]
    fn the_count_table_is_made_again_for_a_new_analysis_or_revision_only() {
        let (project, analysis) = demo_by(Grouping::Source);
        let mut view = FrequencyView::default();
        let first = view.count_rows(&project, &analysis, 7);
        assert!(Arc::ptr_eq(
            &first,
            &view.count_rows(&project, &analysis, 7)
        ));
        // A copy of the same analysis is the same analysis: same generation.
        let copy = analysis.clone();
        assert!(Arc::ptr_eq(&first, &view.count_rows(&project, &copy, 7)));
        assert!(!Arc::ptr_eq(
            &first,
            &view.count_rows(&project, &analysis, 8)
        ));
        let again = view.count_rows(&project, &analysis, 8);
        let newer = ProjectAnalysis {
            generation: analysis.generation + 1,
            ..analysis.clone()
        };
        assert!(!Arc::ptr_eq(&again, &view.count_rows(&project, &newer, 8)));
        assert_eq!(*again, *view.count_rows(&project, &newer, 8));
    }
}
