//! One cell of the matrix: a count tinted by its frame's colour, or an
//! article's summary badge.

use super::*;

/// A number cell: tinted by its frame's colour, marked when it holds manual
/// decisions, outlined when selected.
pub(super) struct CountCell {
    /// (document, group, column): stable and unique, unlike titles, which
    /// repeat when a corpus holds the same article twice.
    pub(super) key: (Option<usize>, usize, usize),
    pub(super) stats: CellStats,
    pub(super) max: usize,
    pub(super) colour: Color32,
    /// Bold number (the totals row).
    pub(super) strong: bool,
    /// The accessible name, e.g. "Russia declining: 3 — title".
    pub(super) accessible: String,
    pub(super) tooltip: String,
}

impl CountCell {
    /// Draws the cell clipped to `area`; returns whether it was clicked.
    pub(super) fn ui(self, ui: &mut egui::Ui, rect: Rect, area: Rect, selected: bool) -> bool {
        let visible = rect.intersect(area);
        if !visible.is_positive() || !ui.is_rect_visible(visible) {
            return false;
        }
        let painter = ui.painter().with_clip_rect(area);
        let visuals = ui.visuals().clone();
        let t = intensity(self.stats.count, self.max);
        let fill = tint(visuals.panel_fill, self.colour, t);
        if t > 0.0 {
            painter.rect_filled(rect, 2.0, fill);
        }
        let text_colour = if self.stats.count == 0 {
            visuals.weak_text_color()
        } else if t > 0.3 {
            theme::text_on(fill)
        } else {
            visuals.strong_text_color()
        };
        let font = if self.strong {
            FontId::proportional(14.0)
        } else {
            FontId::proportional(13.5)
        };
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            self.stats.count.to_string(),
            font,
            text_colour,
        );
        if self.stats.manual {
            manual_marker(&painter, rect, theme::manual_stroke(ui).color);
        }
        let id = ui.scope_id().with(("matrix cell", self.key));
        let response = ui.interact(visible, id, Sense::click());
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, &self.accessible)
        });
        if selected {
            painter.rect_stroke(rect, 2.0, visuals.selection.stroke, StrokeKind::Inside);
        } else if response.hovered() {
            painter.rect_stroke(
                rect,
                2.0,
                visuals.widgets.hovered.bg_stroke,
                StrokeKind::Inside,
            );
        }
        let clicked = response.clicked();
        let manual = self.stats.manual;
        response
            .on_hover_cursor(CursorIcon::PointingHand)
            .on_hover_ui(|ui| {
                ui.label(&self.tooltip);
                if manual {
                    ui.label(RichText::new("Includes manual decisions").weak());
                }
                ui.label(RichText::new("Click to list the passages").weak().small());
            });
        clicked
    }
}

/// The article's summary for one actor as a badge; `absent` reads "not
/// mentioned", without a badge, so it cannot be taken for a frame.
#[allow(clippy::too_many_arguments)]
pub(super) fn summary_cell_ui(
    ui: &mut egui::Ui,
    model: &Model<'_>,
    rect: Rect,
    area: Rect,
    summary: Option<&str>,
    cell: &CellRef,
    title: &str,
    selected: bool,
) -> bool {
    let actor = cell.actor.as_str();
    let visible = rect.intersect(area);
    if !visible.is_positive() || !ui.is_rect_visible(visible) {
        return false;
    }
    let mut child = ui.new_child(
        UiBuilder::new()
            .id_salt(("matrix summary", cell.document, actor))
            .max_rect(rect.shrink2(vec2(CELL_PADDING, 0.0)))
            .layout(Layout::left_to_right(Align::Center)),
    );
    child.set_clip_rect(visible);
    child.style_mut().interaction.selectable_labels = false;
    let text = match summary {
        Some(ABSENT) => {
            child.label(RichText::new("not mentioned").italics().weak());
            "not mentioned".to_string()
        }
        Some(label) => {
            widgets::frame_badge(&mut child, &model.project.scheme, label);
            label.to_string()
        }
        None => {
            child.label(RichText::new("—").weak());
            "not analysed yet".to_string()
        }
    };
    let id = ui
        .scope_id()
        .with(("matrix summary cell", cell.document, actor));
    let response = ui.interact(visible, id, Sense::click());
    let accessible = format!("{actor} summary: {text} — {title}");
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, selected, &accessible)
    });
    let painter = ui.painter().with_clip_rect(area);
    if selected {
        painter.rect_stroke(rect, 2.0, ui.visuals().selection.stroke, StrokeKind::Inside);
    } else if response.hovered() {
        painter.rect_stroke(
            rect,
            2.0,
            ui.visuals().widgets.hovered.bg_stroke,
            StrokeKind::Inside,
        );
    }
    let clicked = response.clicked();
    response
        .on_hover_cursor(CursorIcon::PointingHand)
        .on_hover_ui(|ui| {
            ui.label(format!("How {title} frames {actor} overall: {text}"));
            ui.label(
                RichText::new("Click to list all its passages on this actor")
                    .weak()
                    .small(),
            );
        });
    clicked
}

/// Paints `text` on one line inside `rect`, cut with "…" if too long;
/// returns whether it was cut.
pub(super) fn paint_truncated(
    painter: &egui::Painter,
    rect: Rect,
    text: &str,
    font: FontId,
    colour: Color32,
    align: Align,
) -> bool {
    let width = (rect.width() - 2.0 * CELL_PADDING).max(1.0);
    let mut job = LayoutJob::single_section(
        text.to_string(),
        TextFormat {
            font_id: font,
            color: colour,
            ..Default::default()
        },
    );
    job.wrap = TextWrapping::truncate_at_width(width);
    let galley = painter.layout_job(job);
    let x = match align {
        Align::Min => rect.left() + CELL_PADDING,
        Align::Center => rect.center().x - galley.size().x / 2.0,
        Align::Max => rect.right() - CELL_PADDING - galley.size().x,
    };
    let y = rect.center().y - galley.size().y / 2.0;
    let elided = galley.elided;
    painter.galley(pos2(x, y), galley, colour);
    elided
}

/// A small triangle in the top-right corner of `rect`, like a comment marker
/// in a spreadsheet.
pub(super) fn manual_marker(painter: &egui::Painter, rect: Rect, colour: Color32) {
    let size = 7.0;
    let corner = rect.right_top();
    painter.add(egui::Shape::convex_polygon(
        vec![
            corner,
            pos2(corner.x, corner.y + size),
            pos2(corner.x - size, corner.y),
        ],
        colour,
        Stroke::NONE,
    ));
}

/// How strongly a cell is tinted: nothing for zero, then from a visible
/// minimum up to [`MAX_TINT`] for the largest count.
pub(super) fn intensity(count: usize, max: usize) -> f32 {
    if count == 0 || max == 0 {
        return 0.0;
    }
    let share = (count.min(max) as f32 / max as f32).sqrt();
    0.2 + (MAX_TINT - 0.2) * share
}

/// `colour` laid over `background` with opacity `t`.
pub(super) fn tint(background: Color32, colour: Color32, t: f32) -> Color32 {
    background.lerp_to_gamma(colour, t.clamp(0.0, 1.0))
}
