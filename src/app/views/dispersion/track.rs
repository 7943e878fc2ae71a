//! A document's track: the text's extent with the body as a band, one tick
//! per mention of a shown actor (faded outside the body), and the mention
//! under the pointer shown in context; a click opens it in the reader.

use std::ops::Range;

use egui::text::LayoutJob;
use egui::{
    Align2, Color32, CursorIcon, FontId, Rect, RichText, Sense, Stroke, StrokeKind, TextFormat,
    pos2,
};

use crate::actors::kwic_line;
use crate::corpus::Document;

use super::super::super::command::Command;
use super::super::super::theme;
use super::super::{ViewCtx, widgets};
use super::row::RowContent;
use super::ticks::{HIT_DISTANCE, Tick, body_spans, nearest_tick};
use super::{DispersionView, ShownActor, mentions_text};

/// Characters of context on each side of a mention in the tooltip.
const TOOLTIP_CONTEXT: usize = 70;

impl DispersionView {
    /// The track of `row`: the text's extent, the body band and one tick per
    /// mention of `actors`; hovering a tick shows the mention in context,
    /// clicking opens it.
    pub(super) fn track_ui(
        &self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        row: &RowContent<'_>,
        actors: &[ShownActor],
    ) {
        let track = row.layout.track;
        let painter = ui.painter().clone();
        let visuals = ui.visuals().clone();
        painter.rect_stroke(
            track,
            2.0,
            visuals.widgets.noninteractive.bg_stroke,
            StrokeKind::Inside,
        );
        let id = ui.scope_id().with(("dispersion track", row.document));
        let response = ui.interact(track, id, Sense::click());
        let title = row.doc.display_name().to_string();
        let counted = row.ticks.iter().filter(|t| t.counted).count();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                format!("Dispersion plot of {title}: {}", mentions_text(counted)),
            )
        });
        if row.doc.text.is_empty() || row.ticks.is_empty() {
            let text = if row.doc.text.is_empty() {
                "empty document"
            } else {
                "no mentions"
            };
            painter.text(
                pos2(track.left() + 10.0, track.center().y),
                Align2::LEFT_CENTER,
                text,
                FontId::proportional(12.5),
                visuals.weak_text_color(),
            );
            return;
        }
        self.paint_background(&painter, &visuals, row, actors.len());
        let lane_height = track.height() / actors.len().max(1) as f32;
        let hovered = response.hover_pos().and_then(|pos| {
            let lane = self
                .lanes
                .then(|| ((pos.y - track.top()) / lane_height).floor().max(0.0) as usize);
            let x = (pos.x - track.left()) / track.width().max(1.0);
            nearest_tick(&row.ticks, x, lane, HIT_DISTANCE / track.width().max(1.0))
        });
        // Faded (uncounted) ticks first, so counted ones sit on top.
        let mut order: Vec<&Tick> = row.ticks.iter().collect();
        order.sort_by_key(|t| t.counted);
        for tick in order {
            self.paint_tick(&painter, track, lane_height, tick, actors, None);
        }
        let Some(hit) = hovered.and_then(|i| row.ticks.get(i)) else {
            return;
        };
        let marker = Stroke::new(1.0, visuals.strong_text_color());
        self.paint_tick(&painter, track, lane_height, hit, actors, Some(marker));
        mention_response_ui(ctx, response, row, hit, actors);
    }

    /// The body band, the hairlines between lanes and the quarter marks.
    fn paint_background(
        &self,
        painter: &egui::Painter,
        visuals: &egui::Visuals,
        row: &RowContent<'_>,
        lanes: usize,
    ) {
        let track = row.layout.track;
        let hairline = Stroke::new(
            1.0,
            visuals
                .widgets
                .noninteractive
                .bg_stroke
                .color
                .gamma_multiply(0.5),
        );
        let body_fill = visuals.widgets.inactive.bg_fill;
        for (start, end) in body_spans(&row.doc.body, row.doc.text.len()) {
            let band = Rect::from_x_y_ranges(
                track.left() + start * track.width()..=track.left() + end * track.width(),
                track.y_range(),
            );
            painter.rect_filled(band, 1.0, body_fill);
        }
        if self.lanes {
            // Hairlines between lanes so each actor's ticks read as one line.
            let lane_height = track.height() / lanes.max(1) as f32;
            for lane in 1..lanes {
                let y = painter.round_to_pixel_center(track.top() + lane as f32 * lane_height);
                painter.hline(track.x_range(), y, hairline);
            }
        }
        for quarter in [0.25, 0.5, 0.75] {
            let x = painter.round_to_pixel_center(track.left() + quarter * track.width());
            painter.vline(x, track.y_range(), hairline);
        }
    }

    /// One tick: full height in its actor's colour if counted, shorter and
    /// faded if not; outlined with `hovered` when under the pointer.
    fn paint_tick(
        &self,
        painter: &egui::Painter,
        track: Rect,
        lane_height: f32,
        tick: &Tick,
        actors: &[ShownActor],
        hovered: Option<Stroke>,
    ) {
        let Some(actor) = actors.get(tick.lane) else {
            return;
        };
        let y = if self.lanes {
            let top = track.top() + tick.lane as f32 * lane_height;
            (top + 2.0)..=(top + lane_height - 2.0)
        } else {
            (track.top() + 2.0)..=(track.bottom() - 2.0)
        };
        let y = if tick.counted {
            y
        } else {
            // Outside the body: a shorter, faded tick.
            let (top, bottom) = (*y.start(), *y.end());
            let inset = (bottom - top) / 4.0;
            (top + inset)..=(bottom - inset)
        };
        let colour = if tick.counted {
            actor.colour
        } else {
            actor.colour.gamma_multiply(0.45)
        };
        let x = painter.round_to_pixel_center(track.left() + tick.x * track.width());
        let width = if hovered.is_some() { 4.0 } else { 2.0 };
        painter.vline(x, y.clone(), Stroke::new(width, colour));
        if let Some(stroke) = hovered {
            let rect = Rect::from_x_y_ranges((x - 4.0)..=(x + 4.0), y);
            painter.rect_stroke(rect, 1.0, stroke, StrokeKind::Outside);
        }
    }
}

/// Over the tick `hit` of `row`: the pointing hand and the mention in
/// context; a click opens it in the reader.
fn mention_response_ui(
    ctx: &mut ViewCtx<'_>,
    response: egui::Response,
    row: &RowContent<'_>,
    hit: &Tick,
    actors: &[ShownActor],
) {
    let Some(mention) = row.mentions.get(hit.mention) else {
        return;
    };
    let track_width = row.layout.track.width();
    let nearby = row
        .ticks
        .iter()
        .filter(|t| (t.x - hit.x).abs() * track_width <= HIT_DISTANCE)
        .count()
        .saturating_sub(1);
    let response = response.on_hover_cursor(CursorIcon::PointingHand);
    if response.clicked() {
        ctx.send(Command::OpenReader {
            document: row.document,
            range: Some(mention.range.clone()),
        });
    }
    if let Some(actor) = actors.get(hit.lane) {
        response.on_hover_ui_at_pointer(|ui| {
            mention_tooltip_ui(
                ui,
                row.doc,
                mention.range.clone(),
                actor,
                hit.counted,
                nearby,
            );
        });
    }
}

/// The hovered mention: actor, its sentence in context, whether it counts.
fn mention_tooltip_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    range: Range<usize>,
    actor: &ShownActor,
    counted: bool,
    nearby: usize,
) {
    ui.set_max_width(480.0);
    ui.horizontal(|ui| {
        widgets::colour_chip(ui, actor.colour);
        ui.label(RichText::new(&actor.name).strong());
        ui.label(RichText::new(widgets::ellipsize(doc.display_name(), 50)).weak());
    });
    // A mention from an analysis that lags behind an edit may not fit the
    // text any more; `get` checks bounds and character boundaries.
    if doc.text.get(range.clone()).is_some() {
        let line = kwic_line(&doc.text, range, TOOLTIP_CONTEXT);
        ui.label(kwic_job(
            ui,
            &line.left,
            &line.keyword,
            &line.right,
            actor.colour,
        ));
    }
    if !counted {
        ui.label(
            RichText::new("Outside the body: not counted")
                .italics()
                .weak(),
        );
    }
    if nearby > 0 {
        ui.label(
            RichText::new(format!(
                "{} at about the same place (one lane per actor separates actors)",
                if nearby == 1 {
                    "1 more mention".to_string()
                } else {
                    format!("{nearby} more mentions")
                }
            ))
            .weak()
            .small(),
        );
    }
    ui.label(RichText::new("Click to open in the reader").weak().small());
}

/// A keyword-in-context line: the keyword bold in the actor's colour.
fn kwic_job(ui: &egui::Ui, left: &str, keyword: &str, right: &str, colour: Color32) -> LayoutJob {
    let font = FontId::proportional(13.0);
    let weak = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let strong = TextFormat {
        font_id: font,
        color: ui.visuals().strong_text_color(),
        background: theme::highlight(colour, ui.visuals().dark_mode),
        underline: Stroke::new(1.5, colour),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = 480.0;
    job.append(&format!("…{}", left.trim_start()), 0.0, weak.clone());
    job.append(keyword, 0.0, strong);
    job.append(&format!("{}…", right.trim_end()), 0.0, weak);
    job
}
