//! The actor picker the frequency and dispersion views share: a menu with a
//! checkbox per dictionary actor and a few quick choices. It edits the
//! project's saved shown actors ([`Settings::shown_actors`])
//! through one undoable settings edit, so every chart shows the same actors
//! ([`Project::shown_actors`]) and undo takes a pick back.

use egui::containers::menu::{MenuButton, MenuConfig};

use crate::project::{Edit, Project, Settings};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::widgets::colour_chip;

/// The key under which successive picks merge into one undo step.
const UNDO_KEY: &str = "shown actors";

/// The "Actors (n) ▾" menu button and its menu. The menu stays open while
/// actors are ticked, so several can be picked at once.
pub fn actor_picker_ui(ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
    let shown = ctx.project.shown_actors().len();
    let config = MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    MenuButton::new(format!("Actors ({shown}) ▾"))
        .config(config)
        .ui(ui, |ui| actor_list_ui(ui, ctx))
        .0
        .on_hover_text("Choose the actors the charts show; saved with the project");
}

/// The menu's content: quick choices, then a checkbox per actor.
fn actor_list_ui(ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
    let shown = ctx.project.shown_actors();
    ui.set_min_width(220.0);
    let quick = ui.horizontal(|ui| quick_choices_ui(ui, ctx)).inner;
    ui.separator();
    let ticked = egui::ScrollArea::vertical()
        .id_salt("actor picker")
        .max_height(360.0)
        .show(ui, |ui| checkboxes_ui(ui, ctx.project, &shown))
        .inner;
    if let Some(actors) = quick.or(ticked) {
        show_actors(ctx, &actors);
    }
}

/// The All, Focal and Mentioned buttons: the actors of the one clicked.
fn quick_choices_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) -> Option<Vec<usize>> {
    let project = ctx.project;
    let mut picked = None;
    if ui
        .button("All")
        .on_hover_text("Every actor in the dictionary")
        .clicked()
    {
        picked = Some((0..project.dictionary.actors.len()).collect());
    }
    let focal = project.actors_named(&project.scheme.focal_actors);
    if ui
        .add_enabled(!focal.is_empty(), egui::Button::new("Focal"))
        .on_hover_text("The frame scheme's focal actors")
        .clicked()
    {
        picked = Some(focal);
    }
    let mentioned = ui
        .add_enabled(ctx.analysis.is_some(), egui::Button::new("Mentioned"))
        .on_hover_text("Every actor mentioned at least once in the counted text")
        .clicked();
    if mentioned && let Some(analysis) = ctx.analysis {
        let counted = analysis
            .documents
            .iter()
            .map(|d| d.scoped.mentions.as_slice());
        picked = Some(project.mentioned_actors(counted));
    }
    picked
}

/// A checkbox per dictionary actor, ticked for the `shown` ones: `shown`
/// with the actor added or taken away, when one is ticked or unticked.
fn checkboxes_ui(ui: &mut egui::Ui, project: &Project, shown: &[usize]) -> Option<Vec<usize>> {
    let mut picked = None;
    for (actor, entry) in project.dictionary.actors.iter().enumerate() {
        let mut on = shown.contains(&actor);
        // No choice shows no actor (an empty one shows them all), so the
        // last actor shown stays ticked.
        let last = on && shown.len() == 1;
        ui.horizontal(|ui| {
            colour_chip(ui, theme::colour(entry.colour));
            let checkbox = egui::Checkbox::new(&mut on, entry.name.as_str());
            if ui
                .add_enabled(!last, checkbox)
                .on_disabled_hover_text("Every chart shows at least one actor")
                .changed()
            {
                let mut actors = shown.to_vec();
                if on {
                    actors.push(actor);
                } else {
                    actors.retain(|&a| a != actor);
                }
                picked = Some(actors);
            }
        });
    }
    picked
}

/// Saves `actors` (dictionary indices) as the project's shown actors, unless
/// that is what it shows already or there is none to show.
fn show_actors(ctx: &mut ViewCtx<'_>, actors: &[usize]) {
    let project = ctx.project;
    let settings = &project.settings;
    let Some(names) = project.shown_actors_setting(actors) else {
        return;
    };
    if names == settings.shown_actors {
        return;
    }
    let edited = Settings {
        shown_actors: names,
        ..settings.clone()
    };
    ctx.send(Command::edit_keyed(Edit::Settings(edited), UNDO_KEY));
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};

    use super::*;
    use crate::analysis::ProjectAnalysis;

    use super::super::test_support::{demo, view_harness};

    /// The demo project showing the actors `names` name.
    fn demo_showing(names: &[&str]) -> (Project, ProjectAnalysis) {
        let (mut project, analysis) = demo();
        project.settings.shown_actors = names.iter().map(|n| n.to_string()).collect();
        (project, analysis)
    }

    /// The picker's menu, open on `project`.
    fn open_menu(
        project: &Project,
        analysis: &ProjectAnalysis,
    ) -> Harness<'static, ((), Vec<Command>)> {
        let mut harness = view_harness(project, analysis, (), |_, ui, ctx| actor_list_ui(ui, ctx));
        harness.run();
        harness
    }

    /// The edit that makes the project show `names`.
    fn showing(project: &Project, names: &[&str]) -> Command {
        let mut settings = project.settings.clone();
        settings.shown_actors = names.iter().map(|n| n.to_string()).collect();
        Command::edit_keyed(Edit::Settings(settings), UNDO_KEY)
    }

    /// The commands sent after clicking `label`.
    fn click(project: &Project, analysis: &ProjectAnalysis, label: &str) -> Vec<Command> {
        let mut harness = open_menu(project, analysis);
        harness.get_by_label(label).click();
        harness.run();
        harness.state().1.clone()
    }

    #[test]
    fn ticking_and_unticking_an_actor_saves_the_choice_in_dictionary_order() {
        let (project, analysis) = demo_showing(&["Iran"]);
        assert_eq!(
            click(&project, &analysis, "Russia"),
            [showing(&project, &["Russia", "Iran"])]
        );
        let (project, analysis) = demo_showing(&["Iran", "Russia"]);
        assert_eq!(
            click(&project, &analysis, "Russia"),
            [showing(&project, &["Iran"])]
        );
    }

    #[test]
    fn the_last_actor_shown_cannot_be_unticked() {
        let (project, analysis) = demo_showing(&["Iran"]);
        let harness = open_menu(&project, &analysis);
        let disabled = |name| harness.get_by_label(name).accesskit_node().is_disabled();
        assert!(disabled("Iran"));
        assert!(!disabled("Russia"));
        assert!(click(&project, &analysis, "Iran").is_empty());
    }

    #[test]
    fn all_saves_the_empty_choice_and_focal_the_schemes_actors() {
        let (project, analysis) = demo_showing(&["Iran"]);
        assert_eq!(click(&project, &analysis, "All"), [showing(&project, &[])]);
        let (mut project, analysis) = demo_showing(&[]);
        // Named as the dictionary compares names: without case or accents.
        project.scheme.focal_actors = vec!["turkiye".into(), "RUSSIA".into()];
        assert_eq!(
            click(&project, &analysis, "Focal"),
            [showing(&project, &["Russia", "Türkiye"])]
        );
        // Showing them already, picking them again changes nothing.
        let (project, analysis) = demo_showing(&[]);
        assert!(click(&project, &analysis, "All").is_empty());
    }

    #[test]
    fn mentioned_saves_the_actors_the_included_documents_mention() {
        let (project, analysis) = demo_showing(&["Iran"]);
        let mentioned = project.mentioned_actors(
            analysis
                .documents
                .iter()
                .map(|d| d.scoped.mentions.as_slice()),
        );
        assert!(mentioned.len() > 1);
        let names: Vec<&str> = mentioned
            .iter()
            .map(|&a| project.dictionary.actors[a].name.as_str())
            .collect();
        let expected = if mentioned.len() == project.dictionary.actors.len() {
            showing(&project, &[])
        } else {
            showing(&project, &names)
        };
        assert_eq!(click(&project, &analysis, "Mentioned"), [expected]);
    }
}
