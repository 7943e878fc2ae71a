//! Where the parts of a row go (document label, lane names, track, count),
//! and the ruler over the rows, laid out the same way so its marks line up
//! with the tracks below.

use egui::{Align2, FontId, Rect, Sense, pos2, vec2};

use super::LANE_PADDING;

/// Width of the lane names between the document label and the track.
const LANE_LABEL_WIDTH: f32 = 92.0;
/// Width of the mention count at the right of each row.
const COUNT_WIDTH: f32 = 76.0;
/// Height of the position ruler above the rows.
pub(super) const RULER_HEIGHT: f32 = 20.0;

/// Where the parts of one row go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct RowLayout {
    /// Title and source.
    pub label: Rect,
    /// Actor names beside their lanes (lanes mode only).
    pub lane_labels: Option<Rect>,
    /// The text, start to end.
    pub track: Rect,
    /// The mention count.
    pub count: Rect,
}

/// Splits a row's rectangle into label, lane names, track and count. The
/// label takes about a quarter of the width, within readable bounds.
pub(super) fn row_layout(rect: Rect, lanes: bool) -> RowLayout {
    let gap = 12.0;
    let label_width = (rect.width() * 0.24).clamp(150.0, 340.0);
    let label = Rect::from_min_max(
        pos2(rect.left() + 6.0, rect.top() + 3.0),
        pos2(rect.left() + label_width, rect.bottom() - 3.0),
    );
    let count = Rect::from_min_max(
        pos2(rect.right() - COUNT_WIDTH - 12.0, rect.top()),
        pos2(rect.right() - 12.0, rect.bottom()),
    );
    let mut left = label.right() + gap;
    let y = if lanes {
        (rect.top() + LANE_PADDING)..=(rect.bottom() - LANE_PADDING)
    } else {
        (rect.top() + 8.0)..=(rect.bottom() - 8.0)
    };
    let lane_labels = lanes.then(|| {
        let r = Rect::from_x_y_ranges(left..=left + LANE_LABEL_WIDTH, y.clone());
        left = r.right() + 4.0;
        r
    });
    let right = (count.left() - gap).max(left + 1.0);
    let track = Rect::from_x_y_ranges(left..=right, y);
    RowLayout {
        label,
        lane_labels,
        track,
        count,
    }
}

/// The position scale over the tracks, aligned with the rows below (which
/// a vertical scrollbar `scrollbar` points wide may narrow).
pub(super) fn ruler_ui(ui: &mut egui::Ui, lanes: bool, scrollbar: f32) {
    let width = (ui.available_width() - scrollbar).max(0.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, RULER_HEIGHT), Sense::hover());
    let layout = row_layout(rect, lanes);
    let painter = ui.painter();
    let colour = ui.visuals().weak_text_color();
    let font = FontId::proportional(12.0);
    let y = rect.center().y;
    painter.text(
        pos2(layout.label.left(), y),
        Align2::LEFT_CENTER,
        "Document",
        font.clone(),
        colour,
    );
    painter.text(
        pos2(layout.count.right(), y),
        Align2::RIGHT_CENTER,
        "Mentions",
        font.clone(),
        colour,
    );
    let track = layout.track;
    for (at, text, align) in [
        (0.0, "start of text", Align2::LEFT_CENTER),
        (0.25, "25%", Align2::CENTER_CENTER),
        (0.5, "50%", Align2::CENTER_CENTER),
        (0.75, "75%", Align2::CENTER_CENTER),
        (1.0, "end", Align2::RIGHT_CENTER),
    ] {
        let x = track.left() + at * track.width();
        painter.text(pos2(x, y), align, text, font.clone(), colour);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_row_still_has_a_track() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(120.0, 40.0));
        for lanes in [false, true] {
            let layout = row_layout(rect, lanes);
            assert!(layout.track.width() >= 1.0);
            assert!(layout.track.height() > 0.0);
        }
        let wide = row_layout(
            Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 40.0)),
            false,
        );
        assert!(wide.label.right() < wide.track.left());
        assert!(wide.track.right() < wide.count.left());
    }
}
