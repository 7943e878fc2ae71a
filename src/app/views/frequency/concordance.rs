//! The concordance under the chart: every counted mention behind the
//! selected bar or cell, one keyword-in-context line each, the keyword a
//! link into the reader.

use std::ops::Range;

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::actors::{MentionCount, kwic_line};

use super::super::super::command::Command;
use super::super::super::theme;
use super::super::ViewCtx;
use super::super::widgets::ellipsize;
use super::{FrequencyView, Group};

/// Height of a concordance line.
const LINE_HEIGHT: f32 = 22.0;

impl FrequencyView {
    /// The mentions behind the selected bar of `groups` (made from the
    /// count table `rows`); nothing when no bar is selected.
    pub(super) fn concordance_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        rows: &[MentionCount],
        groups: &[Group<'_>],
    ) {
        let Some((label, actor)) = self.selected.clone() else {
            return;
        };
        let project = ctx.project;
        let Some(group) = groups.iter().position(|g| g.label == label) else {
            self.selected = None;
            return;
        };
        let documents = project.documents_behind(rows, project.settings.frequency_grouping, group);
        let lines = mentions_of(ctx, &documents, actor);
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
        if let Some((document, range)) = lines_ui(ui, ctx, &lines, actor) {
            ctx.send(Command::OpenReader {
                document,
                range: Some(range),
            });
        }
    }
}

/// Every counted mention of `actor` in `documents`: (document, range), in
/// the order of the documents and of their text.
fn mentions_of(ctx: &ViewCtx<'_>, documents: &[usize], actor: usize) -> Vec<(usize, Range<usize>)> {
    documents
        .iter()
        .filter_map(|&document| Some((document, ctx.document_analysis(document)?)))
        .flat_map(|(document, found)| {
            found
                .scoped
                .mentions
                .iter()
                .filter(move |m| m.actor == actor)
                .map(move |m| (document, m.range.clone()))
        })
        .collect()
}

/// The concordance lines of the mentions of `actor` at `lines`: document,
/// left context, keyword, right context. Returns the mention whose keyword
/// was clicked.
fn lines_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    lines: &[(usize, Range<usize>)],
    actor: usize,
) -> Option<(usize, Range<usize>)> {
    let project = ctx.project;
    let context = project.settings.kwic_context.clamp(10, 200);
    let colour = project
        .dictionary
        .actors
        .get(actor)
        .map_or(ui.visuals().text_color(), |a| theme::colour(a.colour));
    let mut open = None;
    TableBuilder::new(ui)
        .id_salt("concordance")
        .striped(true)
        .column(Column::initial(200.0).clip(true))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::auto())
        .column(Column::remainder().at_least(200.0).clip(true))
        .body(|body| {
            body.rows(LINE_HEIGHT, lines.len(), |mut row| {
                let (document, range) = &lines[row.index()];
                let Some(doc) = project.documents.get(*document) else {
                    return;
                };
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
                    if ui
                        .link(RichText::new(&line.keyword).color(colour).strong())
                        .on_hover_text("Open in the reader")
                        .clicked()
                    {
                        open = Some((*document, range.clone()));
                    }
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&line.right).truncate());
                });
            });
        });
    open
}
