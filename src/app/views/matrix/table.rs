//! The matrix's table, painted by hand: the column widths, the frozen
//! header and document columns, the rows on screen and the totals row.

use super::*;

/// Column widths: the document columns stay at the left while the actor
/// groups scroll.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ColumnWidths {
    pub(super) title: f32,
    pub(super) source: f32,
    pub(super) date: f32,
    /// One per label.
    pub(super) labels: Vec<f32>,
    pub(super) summary: f32,
    pub(super) groups: usize,
}

impl ColumnWidths {
    /// Width of the document columns (frozen at the left).
    pub(super) fn frozen(&self) -> f32 {
        self.title + self.source + self.date
    }

    pub(super) fn group_width(&self) -> f32 {
        self.labels.iter().sum::<f32>() + self.summary
    }

    /// Left edge of actor group `group`, from the table's left edge.
    pub(super) fn group_left(&self, group: usize) -> f32 {
        self.frozen() + GROUP_GAP + group as f32 * (self.group_width() + GROUP_GAP)
    }

    /// Left edge and width of column `column` of group `group`; columns
    /// `0..labels` are the labels, column `labels` is the summary.
    pub(super) fn cell(&self, group: usize, column: usize) -> (f32, f32) {
        let left = self.group_left(group) + self.labels.iter().take(column).sum::<f32>();
        let width = self.labels.get(column).copied().unwrap_or(self.summary);
        (left, width)
    }

    pub(super) fn total(&self) -> f32 {
        self.group_left(self.groups) + 8.0
    }
}

/// Column widths that fit the label names; the title column takes what is
/// left when the table is narrower than the view.
pub(super) fn columns(ui: &egui::Ui, model: &Model<'_>, available: f32) -> ColumnWidths {
    let font = FontId::proportional(13.0);
    let text_width = |text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
    };
    let labels: Vec<f32> = model
        .labels
        .iter()
        .map(|l| (text_width(l) + 2.0 * CELL_PADDING + 8.0).clamp(70.0, 140.0))
        .collect();
    let mut columns = ColumnWidths {
        title: 280.0,
        source: 140.0,
        date: 92.0,
        labels,
        summary: 124.0,
        groups: model.actors.len(),
    };
    fit_columns(&mut columns, available);
    columns
}

/// Gives the title column the room the actor groups leave, or takes it back
/// (and some of the source column's) when they need it, within readable
/// bounds; past those the table scrolls sideways.
pub(super) fn fit_columns(columns: &mut ColumnWidths, available: f32) {
    let spare = available - columns.total();
    if spare >= 0.0 {
        columns.title = (columns.title + spare).min(460.0);
    } else {
        let title = (columns.title + spare).max(240.0);
        let left = spare + (columns.title - title);
        columns.title = title;
        columns.source = (columns.source + left).max(110.0);
    }
}

/// The table; returns what a click asked for.
pub(super) fn table_ui(
    ui: &mut egui::Ui,
    model: &Model<'_>,
    selected: Option<&CellRef>,
) -> Option<Action> {
    let cols = columns(ui, model, ui.available_width());
    let content = vec2(
        cols.total(),
        HEADER_HEIGHT + model.tally.rows.len() as f32 * ROW_HEIGHT + TOTALS_HEIGHT,
    );
    let mut action = None;
    egui::ScrollArea::both()
        .id_salt("matrix table")
        // Shrinks to a short table, so its sideways scroll bar sits right
        // under the totals rather than at the bottom of the view.
        .auto_shrink([false, true])
        .show_viewport(ui, |ui, viewport| {
            ui.set_min_size(content);
            let origin = ui.max_rect().min;
            let clip = ui.clip_rect();
            let table = MatrixTable::new(model, &cols, origin, clip, viewport, content);
            table.body_ui(ui, selected, &mut action);
            table.header_ui(ui);
            table.totals_ui(ui, selected, &mut action);
        });
    action
}

/// Where the parts of the table are on screen this frame.
pub(super) struct MatrixTable<'m, 'a> {
    pub(super) model: &'m Model<'a>,
    pub(super) cols: &'m ColumnWidths,
    /// Screen position of the table's top-left corner (moves as it scrolls).
    pub(super) origin: egui::Pos2,
    /// The visible area.
    pub(super) clip: Rect,
    /// Right edge of the table on screen.
    pub(super) right: f32,
    /// Top of the totals row: under the last row, or pinned to the bottom.
    pub(super) totals_top: f32,
    /// Rows that intersect the visible area.
    pub(super) visible_rows: std::ops::Range<usize>,
}

impl<'m, 'a> MatrixTable<'m, 'a> {
    pub(super) fn new(
        model: &'m Model<'a>,
        cols: &'m ColumnWidths,
        origin: egui::Pos2,
        clip: Rect,
        viewport: Rect,
        content: egui::Vec2,
    ) -> Self {
        let rows_bottom = origin.y + HEADER_HEIGHT + model.tally.rows.len() as f32 * ROW_HEIGHT;
        let totals_top = rows_bottom
            .min(clip.bottom() - TOTALS_HEIGHT)
            .max(clip.top() + HEADER_HEIGHT);
        let first = ((viewport.top() / ROW_HEIGHT).floor().max(0.0)) as usize;
        let last = (((viewport.bottom() - HEADER_HEIGHT) / ROW_HEIGHT)
            .ceil()
            .max(0.0) as usize
            + 1)
        .min(model.tally.rows.len());
        Self {
            model,
            cols,
            origin,
            clip,
            right: (origin.x + content.x).min(clip.right()),
            totals_top,
            visible_rows: first.min(last)..last,
        }
    }

    pub(super) fn row_top(&self, row: usize) -> f32 {
        self.origin.y + HEADER_HEIGHT + row as f32 * ROW_HEIGHT
    }

    /// The scrolling cells' area between the frozen parts.
    pub(super) fn body_clip(&self) -> Rect {
        Rect::from_min_max(
            pos2(
                self.clip.left() + self.cols.frozen(),
                self.clip.top() + HEADER_HEIGHT,
            ),
            pos2(self.right, self.totals_top),
        )
    }

    /// A scrolling cell's rectangle, from its table coordinates.
    pub(super) fn cell_rect(&self, group: usize, column: usize, top: f32, height: f32) -> Rect {
        let (left, width) = self.cols.cell(group, column);
        Rect::from_min_size(pos2(self.origin.x + left, top), vec2(width, height))
    }

    pub(super) fn body_ui(
        &self,
        ui: &mut egui::Ui,
        selected: Option<&CellRef>,
        action: &mut Option<Action>,
    ) {
        let visuals = ui.visuals().clone();
        let body = self.body_clip();
        let frozen = Rect::from_min_max(
            pos2(self.clip.left(), body.top()),
            pos2(self.clip.left() + self.cols.frozen(), body.bottom()),
        );
        let all = body.union(frozen);
        let painter = ui.painter().with_clip_rect(all);
        let names = self.model.names();
        for row in self.visible_rows.clone() {
            let Some(&document) = self.model.tally.rows.get(row) else {
                continue;
            };
            let Some((doc, framing)) = self.model.document(document) else {
                continue;
            };
            let top = self.row_top(row);
            let row_rect =
                Rect::from_x_y_ranges(self.clip.left()..=self.right, top..=top + ROW_HEIGHT);
            let is_selected_row = selected.is_some_and(|c| c.document == Some(document));
            let fill = if is_selected_row {
                visuals.selection.bg_fill.gamma_multiply(0.25)
            } else if row % 2 == 1 {
                visuals.faint_bg_color
            } else {
                visuals.panel_fill
            };
            painter.rect_filled(row_rect, 0.0, fill);

            let cells = document_cells(framing, &names, &self.model.labels);
            for (group, actor) in self.model.actors.iter().enumerate() {
                for (column, label) in self.model.labels.iter().enumerate() {
                    let stats = cells
                        .get(group)
                        .and_then(|c| c.get(column))
                        .copied()
                        .unwrap_or_default();
                    let rect = self.cell_rect(group, column, top, ROW_HEIGHT).shrink(1.0);
                    let cell = CellRef {
                        document: Some(document),
                        actor: actor.name.clone(),
                        label: Some(label.to_string()),
                    };
                    let view = CountCell {
                        key: (Some(document), group, column),
                        stats,
                        max: self.model.tally.max_cell,
                        colour: theme::frame_colour(&self.model.project.scheme, label),
                        strong: false,
                        accessible: format!(
                            "{} {label}: {} — {}",
                            actor.name,
                            stats.count,
                            doc.display_name()
                        ),
                        tooltip: format!(
                            "{} framing {} as {label}\n{}",
                            capitalised(&passages_text(stats.count)),
                            actor.name,
                            doc.display_name()
                        ),
                    };
                    if view.ui(ui, rect, body, selected == Some(&cell)) {
                        *action = Some(Action::Select(cell));
                    }
                }
                let rect = self
                    .cell_rect(group, self.model.labels.len(), top, ROW_HEIGHT)
                    .shrink(1.0);
                let summary = summary_of(framing, &actor.name);
                let cell = CellRef {
                    document: Some(document),
                    actor: actor.name.clone(),
                    label: None,
                };
                if summary_cell_ui(
                    ui,
                    self.model,
                    rect,
                    body,
                    summary,
                    &cell,
                    doc.display_name(),
                    selected == Some(&cell),
                ) {
                    *action = Some(Action::Select(cell));
                }
            }
            if let Some(open) = self.document_cells_ui(ui, frozen, row, document, doc, fill) {
                *action = Some(open);
            }
        }
        // The frozen columns' edge, so scrolled cells visibly slide under it.
        let x = painter.round_to_pixel_center(frozen.right());
        painter.vline(
            x,
            self.clip.top()..=self.totals_top + TOTALS_HEIGHT,
            visuals.widgets.noninteractive.bg_stroke,
        );
        self.group_separators(ui, body.top()..=self.totals_top + TOTALS_HEIGHT);
    }

    /// Title (click to open in the reader), source and date of one row.
    pub(super) fn document_cells_ui(
        &self,
        ui: &mut egui::Ui,
        frozen: Rect,
        row: usize,
        document: usize,
        doc: &Document,
        fill: Color32,
    ) -> Option<Action> {
        let top = self.row_top(row);
        let left = self.clip.left();
        let row_rect = Rect::from_x_y_ranges(left..=frozen.right(), top..=top + ROW_HEIGHT);
        let painter = ui.painter().with_clip_rect(frozen);
        painter.rect_filled(row_rect, 0.0, fill);
        let visuals = ui.visuals();
        let title_rect = Rect::from_x_y_ranges(left..=left + self.cols.title, row_rect.y_range());
        let title = doc.display_name();
        let elided = paint_truncated(
            &painter,
            title_rect,
            title,
            FontId::proportional(13.5),
            visuals.strong_text_color(),
            Align::Min,
        );
        paint_truncated(
            &painter,
            Rect::from_x_y_ranges(
                left + self.cols.title..=left + self.cols.title + self.cols.source,
                row_rect.y_range(),
            ),
            doc.meta.source.trim(),
            FontId::proportional(13.0),
            visuals.text_color(),
            Align::Min,
        );
        paint_truncated(
            &painter,
            Rect::from_x_y_ranges(
                left + self.cols.title + self.cols.source..=frozen.right(),
                row_rect.y_range(),
            ),
            doc.meta.date.trim(),
            FontId::proportional(13.0),
            visuals.weak_text_color(),
            Align::Min,
        );
        let hit = title_rect.intersect(frozen);
        if !hit.is_positive() {
            return None;
        }
        let response = ui.interact(
            hit,
            ui.scope_id().with(("matrix title", document)),
            Sense::click(),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Link,
                true,
                format!("Open {title} in the reader"),
            )
        });
        let clicked = response.clicked();
        response
            .on_hover_cursor(CursorIcon::PointingHand)
            .on_hover_ui(|ui| {
                ui.set_max_width(420.0);
                if elided {
                    ui.label(RichText::new(title).strong());
                }
                let byline = [doc.meta.source.trim(), doc.meta.date.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                if elided && !byline.is_empty() {
                    ui.label(RichText::new(byline).weak());
                }
                ui.label(RichText::new("Click to open in the reader").weak().small());
            });
        clicked.then_some(Action::Open(document))
    }

    /// Thin lines before each actor group, through header, body and totals.
    pub(super) fn group_separators(&self, ui: &egui::Ui, y: std::ops::RangeInclusive<f32>) {
        let area = Rect::from_min_max(
            pos2(self.clip.left() + self.cols.frozen(), self.clip.top()),
            pos2(self.right, self.clip.bottom()),
        );
        let painter = ui.painter().with_clip_rect(area);
        let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
        for group in 1..self.cols.groups {
            let x = self.origin.x + self.cols.group_left(group) - GROUP_GAP / 2.0;
            painter.vline(painter.round_to_pixel_center(x), y.clone(), stroke);
        }
    }

    /// The two header rows: actor names over their groups, label names over
    /// their columns, and the document columns' names.
    pub(super) fn header_ui(&self, ui: &mut egui::Ui) {
        let visuals = ui.visuals().clone();
        let top = self.clip.top();
        let header =
            Rect::from_x_y_ranges(self.clip.left()..=self.right, top..=top + HEADER_HEIGHT);
        let painter = ui.painter().with_clip_rect(header);
        painter.rect_filled(header, 0.0, visuals.panel_fill);
        let line = visuals.widgets.noninteractive.bg_stroke;
        painter.hline(
            header.x_range(),
            painter.round_to_pixel_center(header.bottom()),
            line,
        );

        let scroll_area =
            Rect::from_min_max(pos2(self.clip.left() + self.cols.frozen(), top), header.max);
        let scrolled = ui.painter().with_clip_rect(scroll_area);
        let label_top = top + GROUP_HEADER_HEIGHT;
        for (group, actor) in self.model.actors.iter().enumerate() {
            let left = self.origin.x + self.cols.group_left(group);
            let group_rect = Rect::from_min_size(
                pos2(left, top),
                vec2(self.cols.group_width(), GROUP_HEADER_HEIGHT),
            );
            // The actor's name stays in view while its group is partly
            // scrolled away to the left.
            let name_left = group_rect.left().max(scroll_area.left() + 4.0);
            let chip = Rect::from_center_size(
                pos2(name_left + 6.0, group_rect.center().y),
                vec2(10.0, 10.0),
            );
            scrolled.rect_filled(chip, 2.0, actor.colour);
            paint_truncated(
                &scrolled,
                Rect::from_x_y_ranges(
                    chip.right() + 2.0..=group_rect.right(),
                    group_rect.y_range(),
                ),
                &actor.name,
                FontId::proportional(14.5),
                visuals.strong_text_color(),
                Align::Min,
            );
            scrolled.hline(
                group_rect.x_range(),
                group_rect.bottom() - 1.0,
                Stroke::new(2.0, actor.colour),
            );
            for (column, label) in self.model.labels.iter().enumerate() {
                let rect = self.cell_rect(group, column, label_top, LABEL_HEADER_HEIGHT);
                let colour = theme::frame_colour(&self.model.project.scheme, label);
                scrolled.rect_filled(
                    Rect::from_center_size(
                        pos2(rect.center().x, rect.bottom() - 3.0),
                        vec2((rect.width() - 2.0 * CELL_PADDING).max(0.0), 3.0),
                    ),
                    1.0,
                    colour,
                );
                paint_truncated(
                    &scrolled,
                    rect,
                    label,
                    FontId::proportional(13.0),
                    visuals.text_color(),
                    Align::Center,
                );
            }
            let rect = self.cell_rect(
                group,
                self.model.labels.len(),
                label_top,
                LABEL_HEADER_HEIGHT,
            );
            paint_truncated(
                &scrolled,
                rect,
                "Summary",
                FontId::proportional(13.0),
                visuals.text_color(),
                Align::Min,
            );
        }
        self.group_separators(ui, top..=top + HEADER_HEIGHT);

        // The frozen corner over the document columns.
        let corner = Rect::from_min_size(
            pos2(self.clip.left(), top),
            vec2(self.cols.frozen(), HEADER_HEIGHT),
        );
        painter.rect_filled(corner, 0.0, visuals.panel_fill);
        painter.hline(
            corner.x_range(),
            painter.round_to_pixel_center(corner.bottom()),
            line,
        );
        painter.vline(
            painter.round_to_pixel_center(corner.right()),
            corner.y_range(),
            line,
        );
        let mut left = corner.left();
        for (name, width) in [
            ("Document", self.cols.title),
            ("Source", self.cols.source),
            ("Date", self.cols.date),
        ] {
            paint_truncated(
                &painter,
                Rect::from_x_y_ranges(left..=left + width, label_top..=corner.bottom()),
                name,
                FontId::proportional(13.0),
                visuals.text_color(),
                Align::Min,
            );
            left += width;
        }
        paint_truncated(
            &painter,
            Rect::from_x_y_ranges(corner.left()..=corner.right(), corner.top()..=label_top),
            "Focal actor →",
            FontId::proportional(12.0),
            visuals.weak_text_color(),
            Align::Max,
        );
    }

    /// The totals row: column sums, and in how many documents each actor
    /// is mentioned.
    pub(super) fn totals_ui(
        &self,
        ui: &mut egui::Ui,
        selected: Option<&CellRef>,
        action: &mut Option<Action>,
    ) {
        let visuals = ui.visuals().clone();
        let top = self.totals_top;
        let row = Rect::from_x_y_ranges(self.clip.left()..=self.right, top..=top + TOTALS_HEIGHT);
        let painter = ui.painter().with_clip_rect(row.intersect(self.clip));
        painter.rect_filled(row, 0.0, visuals.panel_fill);
        let line = Stroke::new(1.5, visuals.widgets.noninteractive.fg_stroke.color);
        painter.hline(
            row.x_range(),
            painter.round_to_pixel_center(row.top()),
            line,
        );

        let area = Rect::from_min_max(
            pos2(self.clip.left() + self.cols.frozen(), top),
            pos2(self.right, top + TOTALS_HEIGHT),
        )
        .intersect(self.clip);
        for (group, actor) in self.model.actors.iter().enumerate() {
            for (column, label) in self.model.labels.iter().enumerate() {
                let stats = self
                    .model
                    .tally
                    .totals
                    .get(group)
                    .and_then(|c| c.get(column))
                    .copied()
                    .unwrap_or_default();
                let rect = self
                    .cell_rect(group, column, top + 2.0, TOTALS_HEIGHT - 3.0)
                    .shrink2(vec2(1.0, 0.0));
                let cell = CellRef {
                    document: None,
                    actor: actor.name.clone(),
                    label: Some(label.to_string()),
                };
                let view = CountCell {
                    key: (None, group, column),
                    stats,
                    max: self.model.tally.max_total,
                    colour: theme::frame_colour(&self.model.project.scheme, label),
                    strong: true,
                    accessible: format!("{} {label}: {} — all documents", actor.name, stats.count),
                    tooltip: format!(
                        "{} framing {} as {label} in the {} listed documents",
                        capitalised(&passages_text(stats.count)),
                        actor.name,
                        self.model.tally.rows.len()
                    ),
                };
                if view.ui(ui, rect, area, selected == Some(&cell)) {
                    *action = Some(Action::Select(cell));
                }
            }
            let rect = self.cell_rect(group, self.model.labels.len(), top, TOTALS_HEIGHT);
            let mentioned = self
                .model
                .tally
                .mentioned_in
                .get(group)
                .copied()
                .unwrap_or(0);
            paint_truncated(
                &ui.painter().with_clip_rect(area),
                rect,
                &format!("named in {mentioned} of {}", self.model.tally.rows.len()),
                FontId::proportional(12.5),
                visuals.text_color(),
                Align::Min,
            );
        }
        self.group_separators(ui, top..=top + TOTALS_HEIGHT);
        let frozen = Rect::from_min_max(
            pos2(self.clip.left(), top),
            pos2(self.clip.left() + self.cols.frozen(), top + TOTALS_HEIGHT),
        );
        painter.rect_filled(
            frozen.shrink2(vec2(0.0, 1.0)).translate(vec2(0.0, 1.0)),
            0.0,
            visuals.panel_fill,
        );
        paint_truncated(
            &painter,
            frozen,
            &format!("Total · {} documents", self.model.tally.rows.len()),
            FontId::proportional(13.5),
            visuals.strong_text_color(),
            Align::Min,
        );
    }
}
