//! What the views' UI tests share: the demo project analysed, and a harness
//! that draws one view on it and collects the commands it sends.

use egui_kittest::Harness;

use crate::analysis::ProjectAnalysis;
use crate::project::Project;

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;

/// The embedded demo project and its analysis.
pub fn demo() -> (Project, ProjectAnalysis) {
    let project = crate::project::parse_project(crate::DEMO_PROJECT, "demo.ron")
        .expect("the embedded demo project parses");
    let analysis = crate::analysis::analyse_project(
        &project,
        &std::sync::atomic::AtomicBool::new(false),
        &|_, _| {},
    )
    .expect("the demo project analyses");
    (project, analysis)
}

/// A 1280×800 harness drawing `view` (with `draw`, its `ui` method) on
/// `project`; the state is the view and the commands it sent.
pub fn view_harness<V: 'static>(
    project: &Project,
    analysis: &ProjectAnalysis,
    view: V,
    draw: fn(&mut V, &mut egui::Ui, &mut ViewCtx<'_>),
) -> Harness<'static, (V, Vec<Command>)> {
    let (project, analysis) = (project.clone(), analysis.clone());
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(theme::install)
        .build_ui_state(
            move |ui, (view, commands): &mut (V, Vec<Command>)| {
                let mut ctx = ViewCtx {
                    project: &project,
                    analysis: Some(&analysis),
                    commands,
                    revision: 0,
                    learning: &Default::default(),
                };
                draw(view, ui, &mut ctx);
            },
            (view, Vec::new()),
        )
}

/// [`view_harness`] drawing a view in its default state.
pub fn default_view_harness<V: Default + 'static>(
    project: &Project,
    analysis: &ProjectAnalysis,
    draw: fn(&mut V, &mut egui::Ui, &mut ViewCtx<'_>),
) -> Harness<'static, (V, Vec<Command>)> {
    view_harness(project, analysis, V::default(), draw)
}
