//! What the views' UI tests share: the demo project analysed, a view
//! context, and two harnesses that draw one view at 1280×800: one over a
//! fixed project that collects the commands the view sends, and one that
//! applies the view's edits and re-analyses, as the app does.

use egui_kittest::Harness;

use crate::analysis::ProjectAnalysis;
use crate::project::Project;
pub use crate::test_fixtures::{analysed, demo, demo_project};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;

/// How a view is drawn: its `ui` method.
pub type Draw<V> = fn(&mut V, &mut egui::Ui, &mut ViewCtx<'_>);

fn builder<S>() -> egui_kittest::HarnessBuilder<S> {
    Harness::<S>::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(theme::install)
}

/// Runs `f` with a view context over `project` and `analysis` at
/// `revision`, as the app hands one to a view.
pub fn with_view_ctx<R>(
    project: &Project,
    analysis: Option<&ProjectAnalysis>,
    revision: u64,
    f: impl FnOnce(&mut ViewCtx<'_>) -> R,
) -> R {
    let mut commands = Vec::new();
    let learning = Default::default();
    f(&mut ViewCtx {
        project,
        analysis,
        commands: &mut commands,
        revision,
        learning: &learning,
    })
}

/// A harness drawing `view` on `project` as it is; the state is the view
/// and the commands it sent.
pub fn view_harness<V: 'static>(
    project: &Project,
    analysis: &ProjectAnalysis,
    view: V,
    draw: Draw<V>,
) -> Harness<'static, (V, Vec<Command>)> {
    let (project, analysis) = (project.clone(), analysis.clone());
    builder().build_ui_state(
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
    draw: Draw<V>,
) -> Harness<'static, (V, Vec<Command>)> {
    view_harness(project, analysis, V::default(), draw)
}

/// A view over a project that its edits change: a stand-in for the app.
pub struct TestApp<V> {
    pub view: V,
    pub project: Project,
    /// The last good analysis (a bad pattern keeps it, as the app does).
    pub analysis: Option<ProjectAnalysis>,
    /// Counts edits, as the app's revision does.
    pub revision: u64,
}

/// A harness drawing `view` over `project`. Edits the view sends are
/// applied at the end of each frame, as the app applies them, and the
/// project is analysed again at once; the view is given the analysis only
/// while it fits the project, as the app gives it.
pub fn live_harness<V: 'static>(
    project: Project,
    view: V,
    draw: Draw<V>,
) -> Harness<'static, TestApp<V>> {
    let analysis = Some(analysed(&project));
    builder()
        // Background jobs ask for a repaint with each result.
        .with_max_steps(32)
        .build_ui_state(
            move |ui, app: &mut TestApp<V>| {
                let mut commands = Vec::new();
                let mut ctx = ViewCtx {
                    project: &app.project,
                    analysis: app.analysis.as_ref().filter(|a| a.fits(&app.project)),
                    commands: &mut commands,
                    revision: app.revision,
                    learning: &Default::default(),
                };
                draw(&mut app.view, ui, &mut ctx);
                for command in commands {
                    if let Command::Edit { edit, .. } = command {
                        edit.apply(&mut app.project);
                        app.revision += 1;
                        let again = crate::analysis::analyse_project(
                            &app.project,
                            &std::sync::atomic::AtomicBool::new(false),
                            &|_, _| {},
                        );
                        if let Ok(analysis) = again {
                            app.analysis = Some(analysis);
                        }
                    }
                }
            },
            TestApp {
                view,
                project,
                analysis,
                revision: 0,
            },
        )
}
