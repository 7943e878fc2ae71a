//! One document's row: the striped background, the document's title and
//! byline (click to open it), the actors' names beside their lanes, the
//! track (see `track`) and the count of counted mentions.

use egui::{
    Align, Align2, CursorIcon, FontId, Layout, Rect, RichText, Sense, UiBuilder, pos2, vec2,
};

use crate::actors::Mention;
use crate::corpus::{Document, Scope};

use super::super::super::command::Command;
use super::super::{ViewCtx, widgets};
use super::layout::{RowLayout, row_layout};
use super::ticks::{Tick, row_ticks};
use super::{DispersionView, ShownActor, mentions_text};

/// A document's row as drawn: the document, its mentions and their ticks,
/// and where the row's parts go.
pub(super) struct RowContent<'a> {
    /// The document's index in the project.
    pub document: usize,
    pub doc: &'a Document,
    /// Every mention in the document's text, by position.
    pub mentions: &'a [Mention],
    /// The mentions of shown actors, placed on the track.
    pub ticks: Vec<Tick>,
    pub layout: RowLayout,
}

impl DispersionView {
    /// Row number `row`, `height` points high, showing `document` with the
    /// mentions of `actors`: label, lane names, track and count.
    pub(super) fn row_ui(
        &self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        row: usize,
        document: usize,
        actors: &[ShownActor],
        height: f32,
    ) {
        let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
        // Copied out of `ctx` so they outlive the borrows `ctx.send` needs.
        let (project, Some(analysis)) = (ctx.project, ctx.analysis) else {
            return;
        };
        let (Some(doc), Some(found)) = (
            project.documents.get(document),
            analysis.documents.get(document),
        ) else {
            return;
        };
        background_ui(ui, rect, row);
        let lanes: Vec<usize> = actors.iter().map(|a| a.index).collect();
        let content = RowContent {
            document,
            doc,
            mentions: &found.mentions,
            ticks: row_ticks(doc, &found.mentions, &lanes, analysis.scope),
            layout: row_layout(rect, self.lanes),
        };
        document_label_ui(ui, ctx, content.layout.label, document, doc);
        if let Some(names) = content.layout.lane_labels {
            lane_labels_ui(ui, names, actors);
        }
        self.track_ui(ui, ctx, &content, actors);
        count_ui(ui, &content, actors, analysis.scope);
    }
}

/// Stripes every other row, and shades the row under the pointer.
fn background_ui(ui: &egui::Ui, rect: Rect, row: usize) {
    if row % 2 == 1 {
        ui.painter()
            .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    if ui.rect_contains_pointer(rect) {
        let hover = ui
            .visuals()
            .widgets
            .hovered
            .weak_bg_fill
            .gamma_multiply(0.35);
        ui.painter().rect_filled(rect, 0.0, hover);
    }
}

/// Title (click to open the document) and source · date, shortened to fit.
fn document_label_ui(
    ui: &mut egui::Ui,
    ctx: &mut ViewCtx<'_>,
    rect: Rect,
    document: usize,
    doc: &Document,
) {
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(("dispersion label", document))
            .max_rect(rect)
            .layout(Layout::top_down(Align::Min)),
    );
    child.spacing_mut().item_spacing.y = 1.0;
    let title = doc.display_name();
    let byline = byline(doc);
    let response = child
        .add(
            egui::Label::new(RichText::new(title).strong())
                .truncate()
                .show_tooltip_when_elided(false)
                .sense(Sense::click()),
        )
        .on_hover_cursor(CursorIcon::PointingHand)
        .on_hover_ui(|ui| {
            ui.set_max_width(420.0);
            ui.label(RichText::new(title).strong());
            if !byline.is_empty() {
                ui.label(RichText::new(&byline).weak());
            }
            ui.label(RichText::new("Click to open in the reader").weak().small());
        });
    if response.clicked() {
        ctx.send(Command::OpenReader {
            document,
            range: None,
        });
    }
    let byline = if byline.is_empty() {
        "no source".to_string()
    } else {
        byline
    };
    child.add(egui::Label::new(RichText::new(byline).weak().small()).truncate());
}

/// "Source · date" of a document, leaving out what is missing.
fn byline(doc: &Document) -> String {
    [doc.meta.source.trim(), doc.meta.date.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The actors' names beside their lanes, each after its colour (the name
/// itself in text colour: pale actor colours do not read on every theme).
fn lane_labels_ui(ui: &mut egui::Ui, rect: Rect, actors: &[ShownActor]) {
    let painter = ui.painter().with_clip_rect(rect.intersect(ui.clip_rect()));
    let lane_height = rect.height() / actors.len().max(1) as f32;
    let text = ui.visuals().weak_text_color();
    let size = (lane_height - 4.0).clamp(4.0, 8.0);
    for (lane, actor) in actors.iter().enumerate() {
        let y = rect.top() + (lane as f32 + 0.5) * lane_height;
        let chip =
            Rect::from_center_size(pos2(rect.right() - 4.0 - size / 2.0, y), vec2(size, size));
        painter.rect_filled(chip, 1.0, actor.colour);
        painter.text(
            pos2(chip.left() - 4.0, y),
            Align2::RIGHT_CENTER,
            widgets::ellipsize(&actor.name, 14),
            FontId::proportional(10.5),
            text,
        );
    }
}

/// The number of counted mentions, with a breakdown by actor on hover.
fn count_ui(ui: &mut egui::Ui, row: &RowContent<'_>, actors: &[ShownActor], scope: Scope) {
    let rect = row.layout.count;
    let counted = row.ticks.iter().filter(|t| t.counted).count();
    let outside = row.ticks.len() - counted;
    let colour = if counted == 0 {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().text_color()
    };
    ui.painter().text(
        pos2(rect.right(), rect.center().y),
        Align2::RIGHT_CENTER,
        counted.to_string(),
        FontId::proportional(13.0),
        colour,
    );
    let id = ui.scope_id().with(("dispersion count", row.document));
    ui.interact(rect, id, Sense::hover()).on_hover_ui(|ui| {
        let place = match scope {
            Scope::Body => "in the body",
            Scope::Full => "in the text",
        };
        ui.label(RichText::new(format!("{} {place}", mentions_text(counted))).strong());
        for (lane, actor) in actors.iter().enumerate() {
            let n = row
                .ticks
                .iter()
                .filter(|t| t.lane == lane && t.counted)
                .count();
            if n > 0 {
                ui.horizontal(|ui| {
                    widgets::colour_chip(ui, actor.colour);
                    ui.label(format!("{}: {n}", actor.name));
                });
            }
        }
        if outside > 0 {
            ui.label(
                RichText::new(format!(
                    "{} outside the body, not counted",
                    mentions_text(outside)
                ))
                .weak(),
            );
        }
    });
}
