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
#[cfg(doc)]
use crate::framing::ArticleSummary;
use crate::framing::{ABSENT, Agreement, CodeStatus, CodedPassage, DocumentFraming};
use crate::project::Project;

use super::super::command::Command;
use super::super::theme;
use super::{ViewCtx, ViewKind, widgets};

mod cells;
mod detail;
mod table;

use cells::*;
use detail::*;
use table::*;

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
    /// The labels the analysis used ([`ProjectAnalysis::labels`]), the
    /// columns of each actor's group.
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

/// What a [`Tally`] was computed from: the project revision (documents
/// included or not, the scheme), the analysis, and the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TallyKey {
    revision: u64,
    generation: u64,
    mentioned_only: bool,
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
        let key = TallyKey {
            revision: ctx.revision,
            generation: analysis.generation,
            mentioned_only: self.mentioned_only,
        };
        let tally = self.tally(project, analysis, key);
        let model = Model::new(project, analysis, &tally);
        self.forget_stale_selection(&model);
        self.matrix_ui(ui, ctx, &model);
        self.tally = Some(tally);
    }

    /// The sums for this frame: last frame's if nothing they depend on has
    /// changed, else computed afresh.
    fn tally(&mut self, project: &Project, analysis: &ProjectAnalysis, key: TallyKey) -> Tally {
        match self.tally.take() {
            Some(tally) if tally.key == key => tally,
            _ => {
                // The listing points into the old analysis.
                self.listing = None;
                let actors: Vec<&str> = analysis
                    .focal_actors
                    .iter()
                    .map(|(_, name)| name.as_str())
                    .collect();
                let labels: Vec<&str> = analysis.labels.iter().map(String::as_str).collect();
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
            labels: analysis.labels.iter().map(String::as_str).collect(),
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

/// The view's title and what it counts.
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

/// The counts of one document, `[actor][label]`: its summaries' counts
/// ([`ArticleSummary::counts`], what `framescope frames --summary` prints),
/// and whether any passage (rejected ones too) was decided by hand.
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
/// by actor), which is cleared first. `labels` are the analysis's, the order
/// of the summaries' counts.
fn fill_cells(
    framing: &DocumentFraming,
    actors: &[&str],
    labels: &[&str],
    cells: &mut [CellStats],
) {
    cells.fill(CellStats::default());
    let width = labels.len();
    for (a, actor) in actors.iter().enumerate() {
        let Some(summary) = framing.summary(actor) else {
            continue;
        };
        let row = cells.iter_mut().skip(a * width).take(width);
        for (cell, &count) in row.zip(&summary.counts) {
            cell.count = count;
        }
    }
    for passage in framing.passages.iter().filter(|p| p.status.is_some()) {
        let p = &passage.passage;
        let (Some(a), Some(l)) = (
            actors.iter().position(|n| *n == p.actor),
            labels.iter().position(|n| *n == p.frame),
        ) else {
            continue;
        };
        if let Some(cell) = cells.get_mut(a * width + l) {
            cell.manual = true;
        }
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
    framing.summary(actor).map(|s| s.summary.as_str())
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
    use crate::framing::{FramePassage, Origin, Reference};
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

    /// A framing of `passages` summarised as the engine does, for the
    /// focal actors Russia and Iran of the default scheme ([`LABELS`]).
    fn framing(passages: Vec<CodedPassage>) -> DocumentFraming {
        let scheme = crate::framing::FrameScheme::default_scheme();
        assert_eq!(scheme.labels(), LABELS);
        let counted: Vec<&FramePassage> = passages
            .iter()
            .filter(|p| p.status != Some(CodeStatus::Rejected))
            .map(|p| &p.passage)
            .collect();
        let summaries = ["Russia", "Iran"]
            .iter()
            .map(|actor| crate::framing::summarise(&scheme, actor, &counted, false))
            .collect();
        DocumentFraming {
            passages,
            summaries,
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
        let f = DocumentFraming {
            passages: Vec::new(),
            summaries: vec![crate::framing::ArticleSummary {
                actor: "Iran".into(),
                counts: vec![0; LABELS.len()],
                summary: ABSENT.into(),
            }],
        };
        assert_eq!(summary_of(&f, "Iran"), Some(ABSENT));
        assert_eq!(summary_of(&f, "Russia"), None);
    }

    #[test]
    fn columns_never_overlap() {
        let cols = ColumnWidths {
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
        let base = ColumnWidths {
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
        let key = |only| TallyKey {
            revision: 0,
            generation: analysis.generation,
            mentioned_only: only,
        };
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
        let (project, analysis) = demo();
        let neutral_total = |a: &ProjectAnalysis| {
            a.documents
                .iter()
                .flat_map(|d| &d.framing.passages)
                .filter(|p| p.passage.actor == "Russia" && p.passage.frame == "neutral")
                .count()
        };
        let before = neutral_total(&analysis);
        // The view and whether it is in front.
        let mut harness = super::super::test_support::live_harness(
            project,
            (MatrixView::default(), true),
            |(view, shown), ui, ctx| {
                if *shown {
                    view.ui(ui, ctx);
                }
            },
        );
        let latest = |h: &egui_kittest::Harness<'_, _>| -> ProjectAnalysis {
            let app: &super::super::test_support::TestApp<(MatrixView, bool)> = h.state();
            app.analysis.clone().expect("the demo project analyses")
        };
        harness.run();
        harness.get_by_label(&format!("Russia neutral: {before} — all documents"));
        for shown in [true, false] {
            // A re-analysis that finds one neutral passage fewer, seen while
            // the view is in front, then while another view is.
            harness.state_mut().view.1 = shown;
            let mut next = latest(&harness);
            let neutral = next.labels.iter().position(|l| l == "neutral").unwrap();
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
                if let Some(s) = d.framing.summaries.iter_mut().find(|s| s.actor == "Russia") {
                    s.counts[neutral] -= 1;
                }
            }
            // A new analysis is a new generation.
            next.generation += 1;
            harness.state_mut().analysis = Some(next);
            harness.run();
            harness.state_mut().view.1 = true;
            harness.run();
            let expected = neutral_total(&latest(&harness));
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
