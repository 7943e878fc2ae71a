//! The summary matrix (article × focal actor × frame), as in the code
//! matrices of MAXQDA or NVivo: one row per included document, for each focal
//! actor one column per label with the number of passages and a column with
//! the article's summary. Every number opens its passages: clicking a cell
//! lists them under the matrix.
//!
//! The table is painted by hand inside one two-way scroll area so that the
//! header, the document columns and the totals row stay put while the cells
//! scroll, and only the rows on screen are drawn.

use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align, Align2, Color32, CursorIcon, FontId, Layout, Rect, RichText, Sense, Stroke, StrokeKind,
    TextFormat, UiBuilder, pos2, vec2,
};

use crate::analysis::ProjectAnalysis;
use crate::corpus::Document;
use crate::framing::{ABSENT, Agreement, CodeStatus, CodedPassage, DocumentFraming};
use crate::project::Project;

use super::super::command::Command;
use super::super::theme;
use super::{ViewCtx, ViewKind, widgets};

/// Height of the row with the actors' names.
const GROUP_HEADER_HEIGHT: f32 = 26.0;
/// Height of the row with the label names.
const LABEL_HEADER_HEIGHT: f32 = 24.0;
const HEADER_HEIGHT: f32 = GROUP_HEADER_HEIGHT + LABEL_HEADER_HEIGHT;
const ROW_HEIGHT: f32 = 26.0;
const TOTALS_HEIGHT: f32 = 30.0;
/// Space between two actors' groups of columns.
const GROUP_GAP: f32 = 14.0;
/// Horizontal padding inside a cell.
const CELL_PADDING: f32 = 6.0;
/// At most this many passages are listed for one selection (a totals cell
/// of a large corpus can stand for thousands).
const MAX_LISTED: usize = 200;
/// Strongest tint of a cell, so its number stays readable on top.
const MAX_TINT: f32 = 0.85;

/// The matrix view and its UI state.
#[derive(Default)]
pub struct MatrixView {
    /// The cell whose passages are listed under the matrix.
    selected: Option<CellRef>,
    /// List only documents that mention at least one focal actor.
    mentioned_only: bool,
    /// The sums of the last frame, reused while their inputs stay the same.
    tally: Option<Tally>,
    /// The pass the view was last drawn in.
    last_pass: Option<u64>,
    /// The passages of the selected cell, found once per selection.
    listing: Option<Listing>,
}

/// A cell of the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CellRef {
    /// Index into the project's documents; `None` for the totals row.
    document: Option<usize>,
    /// The focal actor's name.
    actor: String,
    /// The label; `None` for the summary column (all the actor's passages).
    label: Option<String>,
}

/// What one cell shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct CellStats {
    /// Passages that count (not rejected).
    count: usize,
    /// Whether any passage behind the cell carries a manual decision
    /// (rejections included: they changed the count).
    manual: bool,
}

/// A focal actor's column group.
struct GroupActor {
    name: String,
    colour: Color32,
}

/// Everything the table needs for one frame, computed once.
struct Model<'a> {
    project: &'a Project,
    analysis: &'a ProjectAnalysis,
    actors: Vec<GroupActor>,
    labels: Vec<&'a str>,
    tally: &'a Tally,
}

/// The sums over every listed document. Kept between frames: for a large
/// corpus they take longer than a frame to compute.
#[derive(Clone, Debug, PartialEq)]
struct Tally {
    key: TallyKey,
    /// Indices of the documents listed, in corpus order.
    rows: Vec<usize>,
    /// Column sums over the listed documents, `[actor][label]`.
    totals: Vec<Vec<CellStats>>,
    /// Per actor, how many listed documents mention it.
    mentioned_in: Vec<usize>,
    /// Largest document cell, for the tint scale.
    max_cell: usize,
    /// Largest totals cell.
    max_total: usize,
}

/// What a [`Tally`] was computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TallyKey {
    /// Where the analysis lives. A new analysis is allocated while the old
    /// one is still held, so from one frame to the next a new analysis
    /// always has a new address; over a gap (the view hidden) an address
    /// may be reused, which is why [`MatrixView::tally`] only trusts
    /// consecutive frames.
    analysis: usize,
    documents: usize,
    /// Hash of every document's `included` flag.
    included: u64,
    actors: Vec<String>,
    labels: Vec<String>,
    mentioned_only: bool,
}

impl TallyKey {
    fn new(
        project: &Project,
        analysis: &ProjectAnalysis,
        actors: &[&str],
        labels: &[&str],
        mentioned_only: bool,
    ) -> Self {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for doc in &project.documents {
            doc.included.hash(&mut hasher);
        }
        Self {
            analysis: std::ptr::from_ref(analysis) as usize,
            documents: project.documents.len(),
            included: hasher.finish(),
            actors: actors.iter().map(ToString::to_string).collect(),
            labels: labels.iter().map(ToString::to_string).collect(),
            mentioned_only,
        }
    }
}

/// Sums the passages of every included document (only those that mention
/// a focal actor with `key.mentioned_only`).
fn tally(
    project: &Project,
    analysis: &ProjectAnalysis,
    actors: &[&str],
    labels: &[&str],
    key: TallyKey,
) -> Tally {
    let mut tally = Tally {
        rows: Vec::new(),
        totals: vec![vec![CellStats::default(); labels.len()]; actors.len()],
        mentioned_in: vec![0; actors.len()],
        max_cell: 0,
        max_total: 0,
        key,
    };
    // One scratch buffer for every document.
    let mut scratch = vec![CellStats::default(); actors.len() * labels.len()];
    for (index, (doc, da)) in project
        .documents
        .iter()
        .zip(&analysis.documents)
        .enumerate()
    {
        if !doc.included {
            continue;
        }
        let mentioned = |n: &&str| summary_of(&da.framing, n).is_some_and(|s| s != ABSENT);
        if tally.key.mentioned_only && !actors.iter().any(mentioned) {
            continue;
        }
        tally.rows.push(index);
        for (count, name) in tally.mentioned_in.iter_mut().zip(actors) {
            *count += usize::from(mentioned(name));
        }
        fill_cells(&da.framing, actors, labels, &mut scratch);
        let largest = add_cells(&mut tally.totals, &scratch);
        tally.max_cell = tally.max_cell.max(largest);
    }
    tally.max_total = max_count(&tally.totals);
    tally
}

/// Column widths: the document columns stay at the left while the actor
/// groups scroll.
#[derive(Clone, Debug, PartialEq)]
struct Columns {
    title: f32,
    source: f32,
    date: f32,
    /// One per label.
    labels: Vec<f32>,
    summary: f32,
    groups: usize,
}

impl Columns {
    /// Width of the document columns (frozen at the left).
    fn frozen(&self) -> f32 {
        self.title + self.source + self.date
    }

    fn group_width(&self) -> f32 {
        self.labels.iter().sum::<f32>() + self.summary
    }

    /// Left edge of actor group `group`, from the table's left edge.
    fn group_left(&self, group: usize) -> f32 {
        self.frozen() + GROUP_GAP + group as f32 * (self.group_width() + GROUP_GAP)
    }

    /// Left edge and width of column `column` of group `group`; columns
    /// `0..labels` are the labels, column `labels` is the summary.
    fn cell(&self, group: usize, column: usize) -> (f32, f32) {
        let left = self.group_left(group) + self.labels.iter().take(column).sum::<f32>();
        let width = self.labels.get(column).copied().unwrap_or(self.summary);
        (left, width)
    }

    fn total(&self) -> f32 {
        self.group_left(self.groups) + 8.0
    }
}

/// What a click in the table asks for.
enum Action {
    Select(CellRef),
    Open(usize),
}

impl MatrixView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let project = ctx.project;
        let Some(analysis) = ctx.analysis else {
            widgets::waiting_ui(ui);
            return;
        };
        if analysis.documents.len() != project.documents.len() {
            // The analysis is one step behind an import or undo.
            widgets::waiting_ui(ui);
            return;
        }
        let tally = self.tally(ui, project, analysis);
        let model = Model::new(project, analysis, &tally);
        self.forget_stale_selection(&model);
        self.matrix_ui(ui, ctx, &model);
        self.tally = Some(tally);
    }

    /// The sums for this frame: last frame's if nothing they depend on has
    /// changed, else computed afresh.
    fn tally(&mut self, ui: &egui::Ui, project: &Project, analysis: &ProjectAnalysis) -> Tally {
        let actors: Vec<&str> = analysis
            .focal_actors
            .iter()
            .map(|(_, name)| name.as_str())
            .collect();
        let labels = project.scheme.labels();
        let key = TallyKey::new(project, analysis, &actors, &labels, self.mentioned_only);
        let pass = ui.ctx().cumulative_pass_nr();
        let consecutive = self
            .last_pass
            .is_some_and(|last| last == pass || last + 1 == pass);
        self.last_pass = Some(pass);
        match self.tally.take() {
            Some(tally) if consecutive && tally.key == key => tally,
            _ => {
                // The listing points into the old analysis.
                self.listing = None;
                tally(project, analysis, &actors, &labels, key)
            }
        }
    }

    /// Heading, controls, the table and the passages under it.
    fn matrix_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>, model: &Model<'_>) {
        heading_ui(ui, model);
        self.controls_ui(ui);
        ui.separator();

        if model.actors.is_empty() {
            no_focal_actors_ui(ui, ctx);
            return;
        }
        if model.tally.rows.is_empty() {
            let detail = if self.mentioned_only {
                "No included document mentions a focal actor. Untick the filter to list them all."
            } else {
                "Every document is excluded. Include documents in the corpus view."
            };
            message_ui(ui, "No documents to show", detail);
            return;
        }

        egui::Panel::bottom("matrix validity").show(ui, |ui| {
            validity_ui(ui, ctx.analysis.and_then(|a| a.validity.as_ref()))
        });
        let mut commands = Vec::new();
        // Two panels: a one-line hint while nothing is selected, so the
        // matrix gets the room, and a resizable list once a cell is picked.
        if self.selected.is_some() {
            egui::Panel::bottom("matrix passages")
                .resizable(true)
                .default_size(300.0)
                .size_range(120.0..=(ui.available_height() * 0.75).max(120.0))
                .show(ui, |ui| self.detail_ui(ui, model, &mut commands));
        } else {
            egui::Panel::bottom("matrix passages hint")
                .exact_size(34.0)
                .show(ui, |ui| self.detail_ui(ui, model, &mut commands));
        }
        let action = table_ui(ui, model, self.selected.as_ref());
        match action {
            Some(Action::Select(cell)) => {
                // A second click on the selected cell clears the selection.
                if self.selected.as_ref() == Some(&cell) {
                    self.selected = None;
                } else {
                    self.selected = Some(cell);
                }
            }
            Some(Action::Open(document)) => commands.push(Command::OpenReader {
                document,
                range: None,
            }),
            None => {}
        }
        for command in commands {
            ctx.send(command);
        }
    }

    /// Drops a selection whose document, actor or label is gone.
    fn forget_stale_selection(&mut self, model: &Model<'_>) {
        let Some(cell) = &self.selected else {
            return;
        };
        let valid = model.actors.iter().any(|a| a.name == cell.actor)
            && cell
                .label
                .as_deref()
                .is_none_or(|l| model.labels.contains(&l))
            && cell.document.is_none_or(|d| model.tally.rows.contains(&d));
        if !valid {
            self.selected = None;
        }
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(
                &mut self.mentioned_only,
                "Only documents that mention a focal actor",
            )
            .on_hover_text(
                "Leave out documents whose summary is “not mentioned” for every focal actor",
            );
            ui.add_space(theme::GAP * 2.0);
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
            ui.painter().rect_stroke(
                rect,
                2.0,
                ui.visuals().widgets.noninteractive.bg_stroke,
                StrokeKind::Inside,
            );
            manual_marker(ui.painter(), rect, theme::manual_stroke(ui).color);
            ui.label(RichText::new("includes manual decisions").weak());
            ui.add_space(theme::GAP);
            ui.label(
                RichText::new("Shading grows with the count · click a cell to list its passages")
                    .weak(),
            );
        });
    }

    /// The passages behind the selected cell.
    fn detail_ui(&mut self, ui: &mut egui::Ui, model: &Model<'_>, commands: &mut Vec<Command>) {
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

impl<'a> Model<'a> {
    fn new(project: &'a Project, analysis: &'a ProjectAnalysis, tally: &'a Tally) -> Self {
        let actors: Vec<GroupActor> = analysis
            .focal_actors
            .iter()
            .map(|(_, name)| GroupActor {
                name: name.clone(),
                colour: project
                    .dictionary
                    .actor(name)
                    .map_or(theme::NEUTRAL, |(_, a)| theme::colour(a.colour)),
            })
            .collect();
        Model {
            project,
            analysis,
            actors,
            labels: project.scheme.labels(),
            tally,
        }
    }

    fn document(&self, index: usize) -> Option<(&'a Document, &'a DocumentFraming)> {
        Some((
            self.project.documents.get(index)?,
            &self.analysis.documents.get(index)?.framing,
        ))
    }

    fn names(&self) -> Vec<&str> {
        self.actors.iter().map(|a| a.name.as_str()).collect()
    }
}

/// The view's title and what it counts.
/// The footer: how far the automatic labels agree with the analyst's
/// decisions (the figure `framescope eval PROJECT.ron` prints).
fn validity_ui(ui: &mut egui::Ui, validity: Option<&Agreement>) {
    ui.horizontal_wrapped(|ui| {
        let Some(a) = validity else {
            ui.weak(
                "Agreement with your decisions appears here once you accept, reject or \
                 relabel passages.",
            );
            return;
        };
        let percent = if a.labels_total == 0 {
            0.0
        } else {
            100.0 * a.labels_agreeing as f64 / a.labels_total as f64
        };
        ui.label(format!(
            "Automatic labels agree with your decisions on {} of {} passages ({percent:.0}%), \
             κ {:.2}",
            a.labels_agreeing, a.labels_total, a.kappa
        ))
        .on_hover_text(
            "Your accepted, relabelled and added passages are the reference; a rejected \
             passage counts as one the engine should not have labelled.",
        );
        for s in &a.scores {
            if s.reference > 0 || s.predicted > 0 {
                ui.weak(format!("· {} F1 {:.2}", s.label, s.f1));
            }
        }
        if a.summaries_total > 0 {
            ui.weak(format!(
                "· article summaries {} of {}",
                a.summaries_agreeing, a.summaries_total
            ));
        }
    });
}

fn heading_ui(ui: &mut egui::Ui, model: &Model<'_>) {
    ui.horizontal(|ui| {
        ui.heading("Matrix");
        ui.label(
            RichText::new(format!(
                "Passages per article, focal actor and frame · {} of {} included documents",
                model.tally.rows.len(),
                model
                    .project
                    .documents
                    .iter()
                    .filter(|d| d.included)
                    .count()
            ))
            .weak(),
        );
    });
    ui.add_space(2.0);
}

fn no_focal_actors_ui(ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
    ui.add_space(ui.available_height() / 4.0);
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new("The frame scheme has no focal actors")
                .heading()
                .weak(),
        );
        ui.label(
            RichText::new(
                "Name the actors whose framing you study (e.g. Russia, Iran) in the frame scheme.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        if ui.button("Edit the frame scheme").clicked() {
            ctx.send(Command::ShowView(ViewKind::Scheme));
        }
    });
}

/// A centred notice in place of the table.
fn message_ui(ui: &mut egui::Ui, title: &str, detail: &str) {
    ui.add_space(ui.available_height() / 4.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(title).heading().weak());
        ui.label(RichText::new(detail).weak());
    });
}

/// Column widths that fit the label names; the title column takes what is
/// left when the table is narrower than the view.
fn columns(ui: &egui::Ui, model: &Model<'_>, available: f32) -> Columns {
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
    let mut columns = Columns {
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
fn fit_columns(columns: &mut Columns, available: f32) {
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
fn table_ui(ui: &mut egui::Ui, model: &Model<'_>, selected: Option<&CellRef>) -> Option<Action> {
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
            let table = Table::new(model, &cols, origin, clip, viewport, content);
            table.body_ui(ui, selected, &mut action);
            table.header_ui(ui);
            table.totals_ui(ui, selected, &mut action);
        });
    action
}

/// Where the parts of the table are on screen this frame.
struct Table<'m, 'a> {
    model: &'m Model<'a>,
    cols: &'m Columns,
    /// Screen position of the table's top-left corner (moves as it scrolls).
    origin: egui::Pos2,
    /// The visible area.
    clip: Rect,
    /// Right edge of the table on screen.
    right: f32,
    /// Top of the totals row: under the last row, or pinned to the bottom.
    totals_top: f32,
    /// Rows that intersect the visible area.
    visible_rows: std::ops::Range<usize>,
}

impl<'m, 'a> Table<'m, 'a> {
    fn new(
        model: &'m Model<'a>,
        cols: &'m Columns,
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

    fn row_top(&self, row: usize) -> f32 {
        self.origin.y + HEADER_HEIGHT + row as f32 * ROW_HEIGHT
    }

    /// The scrolling cells' area between the frozen parts.
    fn body_clip(&self) -> Rect {
        Rect::from_min_max(
            pos2(
                self.clip.left() + self.cols.frozen(),
                self.clip.top() + HEADER_HEIGHT,
            ),
            pos2(self.right, self.totals_top),
        )
    }

    /// A scrolling cell's rectangle, from its table coordinates.
    fn cell_rect(&self, group: usize, column: usize, top: f32, height: f32) -> Rect {
        let (left, width) = self.cols.cell(group, column);
        Rect::from_min_size(pos2(self.origin.x + left, top), vec2(width, height))
    }

    fn body_ui(&self, ui: &mut egui::Ui, selected: Option<&CellRef>, action: &mut Option<Action>) {
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
    fn document_cells_ui(
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
    fn group_separators(&self, ui: &egui::Ui, y: std::ops::RangeInclusive<f32>) {
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
    fn header_ui(&self, ui: &mut egui::Ui) {
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
    fn totals_ui(
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

/// A number cell: tinted by its frame's colour, marked when it holds manual
/// decisions, outlined when selected.
struct CountCell {
    /// (document, group, column): stable and unique, unlike titles, which
    /// repeat when a corpus holds the same article twice.
    key: (Option<usize>, usize, usize),
    stats: CellStats,
    max: usize,
    colour: Color32,
    /// Bold number (the totals row).
    strong: bool,
    /// The accessible name, e.g. "Russia declining: 3 — title".
    accessible: String,
    tooltip: String,
}

impl CountCell {
    /// Draws the cell clipped to `area`; returns whether it was clicked.
    fn ui(self, ui: &mut egui::Ui, rect: Rect, area: Rect, selected: bool) -> bool {
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
fn summary_cell_ui(
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

/// One passage in the list under the matrix: label, origin, text, memo.
fn passage_ui(
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
fn empty_selection_text(model: &Model<'_>, cell: &CellRef) -> String {
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
struct Listing {
    cell: CellRef,
    counted: Vec<(usize, usize)>,
    counted_total: usize,
    rejected: Vec<(usize, usize)>,
    rejected_total: usize,
}

impl Listing {
    fn new(model: &Model<'_>, cell: &CellRef, limit: usize) -> Self {
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
fn more_ui(ui: &mut egui::Ui, more: usize) {
    ui.label(
        RichText::new(format!(
            "… and {more} more. Pick a single document's cell to narrow the list."
        ))
        .weak(),
    );
}

/// Paints `text` on one line inside `rect`, cut with "…" if too long;
/// returns whether it was cut.
fn paint_truncated(
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
fn manual_marker(painter: &egui::Painter, rect: Rect, colour: Color32) {
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

/// The counts of one document, `[actor][label]`: passages that are not
/// rejected, and whether any passage (rejected ones too) was decided by hand.
fn document_cells(
    framing: &DocumentFraming,
    actors: &[&str],
    labels: &[&str],
) -> Vec<Vec<CellStats>> {
    let mut flat = vec![CellStats::default(); actors.len() * labels.len()];
    fill_cells(framing, actors, labels, &mut flat);
    flat.chunks(labels.len().max(1))
        .take(actors.len())
        .map(<[CellStats]>::to_vec)
        .collect()
}

/// [`document_cells`] into a flat buffer of `actors × labels` cells (row
/// by actor), which is cleared first.
fn fill_cells(
    framing: &DocumentFraming,
    actors: &[&str],
    labels: &[&str],
    cells: &mut [CellStats],
) {
    cells.fill(CellStats::default());
    for passage in &framing.passages {
        let p = &passage.passage;
        let (Some(a), Some(l)) = (
            actors.iter().position(|n| *n == p.actor),
            labels.iter().position(|n| *n == p.frame),
        ) else {
            continue;
        };
        let Some(cell) = cells.get_mut(a * labels.len() + l) else {
            continue;
        };
        if passage.status != Some(CodeStatus::Rejected) {
            cell.count += 1;
        }
        cell.manual |= passage.status.is_some();
    }
}

/// Adds one document's cells (flat, as [`fill_cells`] leaves them) to the
/// totals; returns the document's largest count.
fn add_cells(totals: &mut [Vec<CellStats>], cells: &[CellStats]) -> usize {
    let labels = totals.first().map_or(0, Vec::len);
    let mut largest = 0;
    for (group, row) in totals.iter_mut().enumerate() {
        for (column, total) in row.iter_mut().enumerate() {
            if let Some(cell) = cells.get(group * labels + column) {
                total.count += cell.count;
                total.manual |= cell.manual;
                largest = largest.max(cell.count);
            }
        }
    }
    largest
}

fn max_count(cells: &[Vec<CellStats>]) -> usize {
    cells.iter().flatten().map(|c| c.count).max().unwrap_or(0)
}

/// Whether a passage is behind the cell of `actor` and `label` (any label
/// for the summary column); rejected ones are too, listed struck out.
fn in_cell(passage: &CodedPassage, actor: &str, label: Option<&str>) -> bool {
    passage.passage.actor == actor && label.is_none_or(|l| passage.passage.frame == l)
}

/// The document's summary label for `actor`, if the analysis has one.
fn summary_of<'a>(framing: &'a DocumentFraming, actor: &str) -> Option<&'a str> {
    framing
        .summaries
        .iter()
        .find(|s| s.actor == actor)
        .map(|s| s.summary.as_str())
}

/// How strongly a cell is tinted: nothing for zero, then from a visible
/// minimum up to [`MAX_TINT`] for the largest count.
fn intensity(count: usize, max: usize) -> f32 {
    if count == 0 || max == 0 {
        return 0.0;
    }
    let share = (count.min(max) as f32 / max as f32).sqrt();
    0.2 + (MAX_TINT - 0.2) * share
}

/// `colour` laid over `background` with opacity `t`.
fn tint(background: Color32, colour: Color32, t: f32) -> Color32 {
    background.lerp_to_gamma(colour, t.clamp(0.0, 1.0))
}

/// Whether a passage's ranges (and its cues') can be cut out of `text`.
fn passage_fits(text: &str, passage: &CodedPassage) -> bool {
    let p = &passage.passage;
    text.get(p.range.clone()).is_some()
        && p.cues.iter().all(|c| text.get(c.range.clone()).is_some())
}

/// "1 passage", "3 passages".
fn passages_text(n: usize) -> String {
    if n == 1 {
        "1 passage".into()
    } else {
        format!("{n} passages")
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::{ArticleSummary, FramePassage, Origin, Reference};
    use egui_kittest::kittest::Queryable;

    fn passage(actor: &str, frame: &str, status: Option<CodeStatus>) -> CodedPassage {
        CodedPassage {
            passage: FramePassage {
                sentence_index: 0,
                range: 0..4,
                actor: actor.into(),
                frame: frame.into(),
                score: 1.0,
                cues: Vec::new(),
                reference: Reference::Name,
                rule: "manual".into(),
                evidence: vec![],
            },
            origin: if status.is_some() {
                Origin::Manual
            } else {
                Origin::Auto
            },
            status,
            memo: String::new(),
        }
    }

    fn framing(passages: Vec<CodedPassage>) -> DocumentFraming {
        DocumentFraming {
            passages,
            summaries: vec![ArticleSummary {
                actor: "Iran".into(),
                counts: Vec::new(),
                summary: ABSENT.into(),
            }],
        }
    }

    const LABELS: [&str; 3] = ["declining", "persisting", "neutral"];

    #[test]
    fn cells_count_passages_per_actor_and_label() {
        let f = framing(vec![
            passage("Russia", "declining", None),
            passage("Russia", "declining", None),
            passage("Iran", "neutral", None),
        ]);
        let cells = document_cells(&f, &["Russia", "Iran"], &LABELS);
        let counts: Vec<Vec<usize>> = cells
            .iter()
            .map(|r| r.iter().map(|c| c.count).collect())
            .collect();
        assert_eq!(counts, vec![vec![2, 0, 0], vec![0, 0, 1]]);
        assert!(cells.iter().flatten().all(|c| !c.manual));
    }

    #[test]
    fn rejected_passages_do_not_count_but_mark_the_cell_as_decided() {
        let f = framing(vec![
            passage("Russia", "declining", Some(CodeStatus::Rejected)),
            passage("Russia", "persisting", Some(CodeStatus::Accepted)),
        ]);
        let cells = document_cells(&f, &["Russia"], &LABELS);
        assert_eq!(
            cells[0][0],
            CellStats {
                count: 0,
                manual: true
            }
        );
        assert_eq!(
            cells[0][1],
            CellStats {
                count: 1,
                manual: true
            }
        );
        assert_eq!(cells[0][2], CellStats::default());
    }

    #[test]
    fn passages_of_unknown_actors_or_labels_are_ignored() {
        let f = framing(vec![
            passage("Armenia", "declining", None),
            passage("Russia", "vanished", None),
        ]);
        let cells = document_cells(&f, &["Russia"], &LABELS);
        assert_eq!(max_count(&cells), 0);
        assert!(document_cells(&f, &[], &LABELS).is_empty());
    }

    #[test]
    fn totals_add_up_the_documents() {
        let a = framing(vec![passage("Russia", "declining", None)]);
        let b = framing(vec![
            passage("Russia", "declining", Some(CodeStatus::Added)),
            passage("Russia", "declining", None),
            passage("Russia", "neutral", None),
        ]);
        let mut totals = vec![vec![CellStats::default(); 3]];
        let mut scratch = vec![CellStats::default(); 3];
        fill_cells(&a, &["Russia"], &LABELS, &mut scratch);
        assert_eq!(add_cells(&mut totals, &scratch), 1);
        fill_cells(&b, &["Russia"], &LABELS, &mut scratch);
        assert_eq!(add_cells(&mut totals, &scratch), 2);
        assert_eq!(
            totals[0][0],
            CellStats {
                count: 3,
                manual: true
            }
        );
        assert_eq!(totals[0][2].count, 1);
        assert_eq!(max_count(&totals), 3);
    }

    #[test]
    fn a_cell_lists_exactly_the_passages_it_counts_plus_rejected_ones() {
        let f = framing(vec![
            passage("Russia", "declining", None),
            passage("Russia", "declining", Some(CodeStatus::Rejected)),
            passage("Russia", "neutral", None),
            passage("Iran", "declining", None),
        ]);
        let listed = |actor, label| {
            f.passages
                .iter()
                .filter(|p| in_cell(p, actor, label))
                .count()
        };
        assert_eq!(listed("Russia", Some("declining")), 2);
        assert_eq!(listed("Russia", None), 3);
        assert_eq!(listed("Turkey", None), 0);
    }

    #[test]
    fn zero_is_untinted_and_the_largest_count_is_tinted_most() {
        assert_eq!(intensity(0, 5), 0.0);
        assert_eq!(intensity(3, 0), 0.0);
        assert!(intensity(1, 5) >= 0.2);
        assert!(intensity(1, 5) < intensity(4, 5));
        assert!((intensity(5, 5) - MAX_TINT).abs() < 1e-6);
        assert!((intensity(50, 5) - MAX_TINT).abs() < 1e-6);
    }

    #[test]
    fn tint_blends_from_the_background_to_the_colour() {
        let bg = Color32::from_rgb(0, 0, 0);
        let red = Color32::from_rgb(200, 0, 0);
        assert_eq!(tint(bg, red, 0.0), bg);
        assert_eq!(tint(bg, red, 1.0), red);
        assert_eq!(tint(bg, red, 7.0), red);
    }

    #[test]
    fn summaries_are_found_by_actor() {
        let f = framing(Vec::new());
        assert_eq!(summary_of(&f, "Iran"), Some(ABSENT));
        assert_eq!(summary_of(&f, "Russia"), None);
    }

    #[test]
    fn columns_never_overlap() {
        let cols = Columns {
            title: 200.0,
            source: 100.0,
            date: 80.0,
            labels: vec![70.0, 90.0, 70.0],
            summary: 120.0,
            groups: 3,
        };
        let mut right = cols.frozen();
        for group in 0..3 {
            for column in 0..=3 {
                let (left, width) = cols.cell(group, column);
                assert!(left >= right, "group {group} column {column}");
                assert!(width > 0.0);
                right = left + width;
            }
        }
        assert!(cols.total() >= right);
    }

    #[test]
    fn the_title_column_gives_and_takes_room_within_bounds() {
        let base = Columns {
            title: 280.0,
            source: 140.0,
            date: 92.0,
            labels: vec![72.0; 3],
            summary: 124.0,
            groups: 4,
        };
        let mut wide = base.clone();
        fit_columns(&mut wide, 5000.0);
        assert_eq!(wide.title, 460.0);
        let mut snug = base.clone();
        fit_columns(&mut snug, base.total() - 40.0);
        assert_eq!(snug.title, 240.0);
        assert!((snug.total() - (base.total() - 40.0)).abs() < 1e-3);
        let mut narrow = base.clone();
        fit_columns(&mut narrow, 600.0);
        assert_eq!((narrow.title, narrow.source), (240.0, 110.0));
    }

    /// The demo project, analysed, in a harness showing the matrix; the
    /// state is the view and the commands it sent.
    fn demo_harness(
        project: &Project,
        analysis: &ProjectAnalysis,
    ) -> egui_kittest::Harness<'static, (MatrixView, Vec<Command>)> {
        super::super::test_support::view_harness(
            project,
            analysis,
            MatrixView::default(),
            MatrixView::ui,
        )
    }

    fn demo() -> (Project, ProjectAnalysis) {
        super::super::test_support::demo()
    }

    #[test]
    fn clicking_a_cell_lists_its_passages_and_each_opens_in_the_reader() {
        let (project, analysis) = demo();
        let (document, doc) = project
            .documents
            .iter()
            .enumerate()
            .find(|(i, _)| {
                let names = ["Russia"];
                document_cells(&analysis.documents[*i].framing, &names, &LABELS)[0][0].count >= 2
            })
            .expect("some demo article frames Russia as declining twice");
        let count =
            document_cells(&analysis.documents[document].framing, &["Russia"], &LABELS)[0][0].count;
        let mut harness = demo_harness(&project, &analysis);
        harness.run();
        let label = format!("Russia declining: {count} — {}", doc.display_name());
        harness.get_by_label(&label).click();
        harness.run();
        let open = harness.get_all_by_label("Open in reader").count();
        assert_eq!(open, count);
        harness
            .get_all_by_label("Open in reader")
            .next()
            .unwrap()
            .click();
        harness.run();
        harness.get_by_label("Show in framing view").click();
        harness.run();
        let commands = &harness.state().1;
        assert!(matches!(
            commands.first(),
            Some(Command::OpenReader { document: d, range: Some(_) }) if *d == document
        ));
        assert_eq!(commands.get(1), Some(&Command::ShowView(ViewKind::Framing)));
    }

    #[test]
    fn an_actor_an_article_never_names_reads_not_mentioned() {
        let (project, analysis) = demo();
        let absent = project
            .documents
            .iter()
            .zip(&analysis.documents)
            .find(|(_, da)| summary_of(&da.framing, "Iran") == Some(ABSENT))
            .map(|(d, _)| d.display_name().to_string())
            .expect("some demo article never names Iran");
        let mut harness = demo_harness(&project, &analysis);
        harness.run();
        harness.get_by_label(&format!("Iran summary: not mentioned — {absent}"));
    }

    #[test]
    fn a_scheme_without_focal_actors_points_to_the_scheme_editor() {
        let (project, mut analysis) = demo();
        analysis.focal_actors.clear();
        let mut harness = demo_harness(&project, &analysis);
        harness.run();
        harness.get_by_label("Edit the frame scheme").click();
        harness.run();
        assert_eq!(harness.state().1, vec![Command::ShowView(ViewKind::Scheme)]);
    }

    #[test]
    fn the_tally_sums_included_documents_and_can_skip_unmentioning_ones() {
        let (mut project, analysis) = demo();
        project.document_mut(0).unwrap().included = false;
        let actors = ["Russia", "Iran"];
        let labels = project.scheme.labels();
        let key = |only| TallyKey::new(&project, &analysis, &actors, &labels, only);
        let all = tally(&project, &analysis, &actors, &labels, key(false));
        assert_eq!(all.rows, (1..project.documents.len()).collect::<Vec<_>>());
        let counts = |t: &Tally| -> Vec<Vec<usize>> {
            t.totals
                .iter()
                .map(|r| r.iter().map(|c| c.count).collect())
                .collect()
        };
        let mut expected = vec![vec![0; labels.len()]; actors.len()];
        for &row in &all.rows {
            let cells = document_cells(&analysis.documents[row].framing, &actors, &labels);
            for (total, cells) in expected.iter_mut().zip(cells) {
                for (t, c) in total.iter_mut().zip(cells) {
                    *t += c.count;
                }
            }
        }
        assert_eq!(counts(&all), expected);
        let mentioning = tally(&project, &analysis, &actors, &labels, key(true));
        let never = all
            .rows
            .iter()
            .filter(|&&r| {
                actors
                    .iter()
                    .all(|a| summary_of(&analysis.documents[r].framing, a) == Some(ABSENT))
            })
            .count();
        assert_eq!(mentioning.rows.len(), all.rows.len() - never);
        assert_eq!(counts(&mentioning), counts(&all));
    }

    #[test]
    fn totals_follow_a_new_analysis_even_after_the_view_was_hidden() {
        type State = (
            MatrixView,
            Vec<Command>,
            std::sync::Arc<ProjectAnalysis>,
            bool,
        );
        let (project, analysis) = demo();
        let neutral_total = |a: &ProjectAnalysis| {
            a.documents
                .iter()
                .flat_map(|d| &d.framing.passages)
                .filter(|p| p.passage.actor == "Russia" && p.passage.frame == "neutral")
                .count()
        };
        let before = neutral_total(&analysis);
        let mut harness = egui_kittest::Harness::builder()
            .with_size(vec2(1280.0, 800.0))
            .with_context_setup(theme::install)
            .build_ui_state(
                move |ui, (view, commands, analysis, shown): &mut State| {
                    if *shown {
                        let mut ctx = ViewCtx {
                            project: &project,
                            analysis: Some(analysis),
                            commands,
                            revision: 0,
                            learning: &Default::default(),
                        };
                        view.ui(ui, &mut ctx);
                    }
                },
                (
                    MatrixView::default(),
                    Vec::new(),
                    std::sync::Arc::new(analysis.clone()),
                    true,
                ),
            );
        harness.run();
        harness.get_by_label(&format!("Russia neutral: {before} — all documents"));
        for shown in [true, false] {
            // A re-analysis that finds one neutral passage fewer, seen while
            // the view is in front, then while another view is.
            harness.state_mut().3 = shown;
            let mut next = (*harness.state().2).clone();
            if let Some(d) = next.documents.iter_mut().find(|d| {
                d.framing
                    .passages
                    .iter()
                    .any(|p| p.passage.actor == "Russia" && p.passage.frame == "neutral")
            }) {
                let at = d
                    .framing
                    .passages
                    .iter()
                    .position(|p| p.passage.actor == "Russia" && p.passage.frame == "neutral")
                    .unwrap_or(0);
                d.framing.passages.remove(at);
            }
            harness.state_mut().2 = std::sync::Arc::new(next);
            harness.run();
            harness.state_mut().3 = true;
            harness.run();
            let expected = neutral_total(&harness.state().2);
            harness.get_by_label(&format!("Russia neutral: {expected} — all documents"));
        }
    }

    #[test]
    fn a_passage_out_of_the_text_is_not_drawn() {
        let p = passage("Russia", "declining", None);
        assert!(passage_fits("Iran and more", &p));
        assert!(!passage_fits("Ir", &p));
        assert!(!passage_fits("Irrən", &p)); // byte 4 is inside `ə`
    }
}
