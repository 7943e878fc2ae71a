//! Under the matrix: the passages behind the selected cell, each with a
//! way to open it in the reader.

use super::*;

impl MatrixView {
    /// The passages behind the selected cell.
    pub(super) fn detail_ui(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model<'_>,
        commands: &mut Vec<Command>,
    ) {
        ui.add_space(4.0);
        let Some(cell) = self.selected.clone() else {
            self.listing = None;
            ui.horizontal(|ui| {
                ui.label(RichText::new("Passages").strong());
                ui.label(
                    RichText::new("Click a number in the matrix to read the passages behind it.")
                        .weak(),
                );
            });
            return;
        };
        if self.listing.as_ref().is_none_or(|l| l.cell != cell) {
            self.listing = Some(Listing::new(model, &cell, MAX_LISTED));
        }
        let Some(listing) = &self.listing else {
            return;
        };
        let resolve = |(document, index): &(usize, usize)| {
            let (_, framing) = model.document(*document)?;
            Some((*document, framing.passages.get(*index)?))
        };
        let counted: Vec<_> = listing.counted.iter().filter_map(resolve).collect();
        let rejected: Vec<_> = listing.rejected.iter().filter_map(resolve).collect();
        let (counted_total, rejected_total) = (listing.counted_total, listing.rejected_total);

        ui.horizontal(|ui| {
            let colour = model
                .actors
                .iter()
                .find(|a| a.name == cell.actor)
                .map_or(theme::NEUTRAL, |a| a.colour);
            widgets::colour_chip(ui, colour);
            ui.label(RichText::new(&cell.actor).strong());
            match &cell.label {
                Some(label) => {
                    widgets::frame_badge(ui, &model.project.scheme, label);
                }
                None => {
                    ui.label(RichText::new("all frames").weak());
                }
            }
            let place = match cell.document.and_then(|d| model.project.documents.get(d)) {
                Some(doc) => format!("in {}", widgets::ellipsize(doc.display_name(), 70)),
                None => format!("in all {} listed documents", model.tally.rows.len()),
            };
            ui.label(RichText::new(place).weak());
            let mut summary = passages_text(counted_total);
            if rejected_total > 0 {
                summary.push_str(&format!(" · {rejected_total} rejected, not counted"));
            }
            ui.label(RichText::new(format!("· {summary}")).weak());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("✖ Close")
                    .on_hover_text("Clear the selection")
                    .clicked()
                {
                    self.selected = None;
                }
                if ui
                    .button("Show in framing view")
                    .on_hover_text("Compare these articles side by side and code their passages")
                    .clicked()
                {
                    commands.push(Command::ShowView(ViewKind::Framing));
                }
            });
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("matrix passage list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if counted.is_empty() && rejected.is_empty() {
                    ui.label(
                        RichText::new(empty_selection_text(model, &cell))
                            .weak()
                            .italics(),
                    );
                }
                let show_document = cell.document.is_none();
                for (document, passage) in counted.iter().take(MAX_LISTED) {
                    passage_ui(ui, model, *document, passage, show_document, commands);
                }
                if counted_total > MAX_LISTED {
                    more_ui(ui, counted_total - MAX_LISTED);
                }
                if !rejected.is_empty() {
                    ui.add_space(6.0);
                    ui.label(RichText::new("Rejected by the analyst — not counted").strong());
                    for (document, passage) in rejected.iter().take(MAX_LISTED) {
                        passage_ui(ui, model, *document, passage, show_document, commands);
                    }
                    if rejected_total > MAX_LISTED {
                        more_ui(ui, rejected_total - MAX_LISTED);
                    }
                }
            });
    }
}

/// One passage in the list under the matrix: label, origin, text, memo.
pub(super) fn passage_ui(
    ui: &mut egui::Ui,
    model: &Model<'_>,
    document: usize,
    passage: &CodedPassage,
    show_document: bool,
    commands: &mut Vec<Command>,
) {
    let Some((doc, _)) = model.document(document) else {
        return;
    };
    let manual = passage.status.is_some();
    let stroke = if manual {
        theme::manual_stroke(ui)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(stroke)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                widgets::frame_badge(ui, &model.project.scheme, &passage.passage.frame);
                let origin = RichText::new(widgets::origin_text(passage));
                ui.label(if manual {
                    origin.strong()
                } else {
                    origin.weak()
                })
                .on_hover_text(widgets::rule_text(&doc.text, passage));
                if show_document {
                    ui.label(RichText::new(widgets::ellipsize(doc.display_name(), 60)).weak());
                }
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if ui
                        .button("Open in reader")
                        .on_hover_text("Show this passage in its document")
                        .clicked()
                    {
                        commands.push(Command::OpenReader {
                            document,
                            range: Some(passage.passage.range.clone()),
                        });
                    }
                });
            });
            if passage_fits(&doc.text, passage) {
                let job = widgets::passage_job(
                    ui,
                    &doc.text,
                    passage,
                    &model.project.scheme,
                    ui.available_width(),
                );
                ui.label(job);
            } else {
                // The analysis lags behind an edit of this document.
                ui.label(
                    RichText::new("(the passage is being re-analysed)")
                        .weak()
                        .italics(),
                );
            }
            if !passage.memo.trim().is_empty() {
                ui.label(
                    RichText::new(format!("Memo: {}", passage.memo.trim()))
                        .italics()
                        .weak(),
                );
            }
        });
    ui.add_space(4.0);
}

/// Why a selection lists nothing.
pub(super) fn empty_selection_text(model: &Model<'_>, cell: &CellRef) -> String {
    let doc = cell
        .document
        .and_then(|d| model.project.documents.get(d))
        .map_or("None of the listed documents".to_string(), |d| {
            widgets::ellipsize(d.display_name(), 70)
        });
    match &cell.label {
        Some(label) => format!("{doc} has no passage framing {} as {label}.", cell.actor),
        None => format!("{doc} has no passage on {}.", cell.actor),
    }
}

/// The passages behind the selected cell, as (document, index into its
/// passages), in document order: those that count, then rejected ones, each
/// cut at a limit (a totals cell of a large corpus stands for thousands)
/// but with its full count. Indices stay valid while the analysis does
/// (see [`MatrixView::tally`]).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Listing {
    pub(super) cell: CellRef,
    pub(super) counted: Vec<(usize, usize)>,
    pub(super) counted_total: usize,
    pub(super) rejected: Vec<(usize, usize)>,
    pub(super) rejected_total: usize,
}

impl Listing {
    pub(super) fn new(model: &Model<'_>, cell: &CellRef, limit: usize) -> Self {
        let documents: &[usize] = match &cell.document {
            Some(d) => std::slice::from_ref(d),
            None => &model.tally.rows,
        };
        let mut listing = Listing {
            cell: cell.clone(),
            counted: Vec::new(),
            counted_total: 0,
            rejected: Vec::new(),
            rejected_total: 0,
        };
        for &document in documents {
            let Some((_, framing)) = model.document(document) else {
                continue;
            };
            for (index, passage) in framing.passages.iter().enumerate() {
                if !in_cell(passage, &cell.actor, cell.label.as_deref()) {
                    continue;
                }
                let (list, total) = if passage.status == Some(CodeStatus::Rejected) {
                    (&mut listing.rejected, &mut listing.rejected_total)
                } else {
                    (&mut listing.counted, &mut listing.counted_total)
                };
                *total += 1;
                if list.len() < limit {
                    list.push((document, index));
                }
            }
        }
        listing
    }
}

/// "… and 12 more" under a list cut at [`MAX_LISTED`].
pub(super) fn more_ui(ui: &mut egui::Ui, more: usize) {
    ui.label(
        RichText::new(format!(
            "… and {more} more. Pick a single document's cell to narrow the list."
        ))
        .weak(),
    );
}

/// Whether a passage's ranges (and its cues') can be cut out of `text`.
pub(super) fn passage_fits(text: &str, passage: &CodedPassage) -> bool {
    let p = &passage.passage;
    text.get(p.range.clone()).is_some()
        && p.cues.iter().all(|c| text.get(c.range.clone()).is_some())
}
