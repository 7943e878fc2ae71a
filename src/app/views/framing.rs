//! The framing view: articles side by side in columns, each listing, per
//! focal actor, the passages that frame it, with cue words highlighted, an
//! explicit "not mentioned" where the article never names the actor, and the
//! analyst's accept / reject / relabel / memo controls on every passage.

use egui::{RichText, Stroke};

use crate::analysis::DocumentAnalysis;
use crate::corpus::Document;
use crate::framing::{ABSENT, ArticleSummary, CodeStatus, CodedPassage, FrameScheme};
use crate::project::{Edit, Project};

use super::super::command::{CodeAction, Command, PassageRef};
use super::super::theme;
use super::ViewCtx;
use super::widgets::{colour_chip, frame_badge, origin_text, passage_job, read_button, waiting_ui};

/// Articles shown side by side until the analyst chooses.
const DEFAULT_COLUMNS: usize = 12;

/// The narrowest a column gets, whether shared out or dragged: below it the
/// passage cards' buttons no longer fit on one row. Columns that do not fit
/// side by side scroll sideways.
const MIN_COLUMN_WIDTH: f32 = 320.0;
/// The widest a column may be dragged.
const MAX_COLUMN_WIDTH: f32 = 2000.0;
/// Space between columns, which is also the divider dragged to resize them.
const COLUMN_GAP: f32 = 8.0;
/// The group frame's margin and stroke on both sides of a column.
const COLUMN_FRAME: f32 = 14.0;

/// The chooser's buttons that move a column left and right. Glyphs egui's
/// fonts or the bundled DejaVu Sans draw (see the glyph test below): the
/// triangles U+23F6 and U+23F7 drew as empty boxes.
const MOVE_LEFT: &str = "◀";
const MOVE_RIGHT: &str = "▶";

/// The memo dialog's width.
const MEMO_WIDTH: f32 = 460.0;
/// Space between the memo dialog and the passage card it stands beside.
const MEMO_GAP: f32 = 10.0;

/// The framing view's UI state.
#[derive(Default)]
pub struct FramingView {
    show_chooser: bool,
    show_rejected: bool,
    /// The width of every column, once the analyst dragged a divider;
    /// `None` shares the window's width out among the columns.
    column_width: Option<f32>,
    /// The passage whose memo is being written, and the draft.
    memo: Option<MemoDraft>,
    /// Where the columns in view were drawn in the last frame, by column
    /// position.
    column_rects: Vec<(usize, egui::Rect)>,
}

/// The memo being written.
struct MemoDraft {
    passage: PassageRef,
    draft: String,
    /// What saving the memo does to the passage's decision, in words.
    note: String,
    /// Where the passage's card was last drawn: the dialog stands beside it.
    card: egui::Rect,
}

/// The documents shown as columns, in order: the project's choice (ids that
/// still exist), or the first [`DEFAULT_COLUMNS`] included documents.
pub fn column_documents(project: &Project) -> Vec<usize> {
    let Some(chosen) = &project.settings.framing_documents else {
        // Side-by-side reading stops making sense long before a large corpus
        // ends; the chooser picks others.
        return (0..project.documents.len())
            .filter(|&i| project.documents[i].included)
            .take(DEFAULT_COLUMNS)
            .collect();
    };
    chosen
        .iter()
        .filter_map(|id| project.documents.iter().position(|d| &d.id == id))
        .collect()
}

/// The width of each of `n` columns: the analyst's choice, or an equal share
/// of `available` (the width of the view), never under [`MIN_COLUMN_WIDTH`].
fn column_width(chosen: Option<f32>, available: f32, n: usize) -> f32 {
    let shared = || {
        // Each column is followed by its divider. The pixel left over keeps
        // rounding from calling up a scroll bar for nothing.
        ((available - 1.0) / n.max(1) as f32 - COLUMN_GAP).floor()
    };
    chosen
        .unwrap_or_else(shared)
        .clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH)
}

/// What saving a memo does to the passage's decision, in the terms of the
/// passage's state (a memo on an automatic passage accepts it; on a
/// decided one it keeps the decision; see `framing::decide`).
fn memo_note(passage: &CodedPassage) -> String {
    let frame = &passage.passage.frame;
    match passage.status {
        None => {
            format!("The label “{frame}” is automatic: saving a memo accepts it as your decision.")
        }
        Some(CodeStatus::Accepted) => {
            format!("You accepted the label “{frame}”; the memo is kept with that decision.")
        }
        Some(CodeStatus::Rejected) => {
            "You rejected this passage; it stays rejected, with the memo.".into()
        }
        Some(CodeStatus::Relabelled) => format!(
            "You relabelled this passage “{frame}” by hand; it keeps that label, with the memo."
        ),
        Some(CodeStatus::Added) => {
            format!("You added this passage by hand as “{frame}”; the memo is kept with it.")
        }
    }
}

/// Where the memo dialog (of `size`) stands so that it does not cover
/// `card`: to its right, else to its left, else below or above it, within
/// `screen`. Where there is room on no side, the side with the most room,
/// kept on the screen. Returns the dialog's left-top corner.
fn memo_position(card: egui::Rect, size: egui::Vec2, screen: egui::Rect) -> egui::Pos2 {
    let clamp = |v: f32, min: f32, max: f32| v.clamp(min, max.max(min));
    let x_along = clamp(card.left(), screen.left(), screen.right() - size.x);
    let y_along = clamp(card.top(), screen.top(), screen.bottom() - size.y);
    let right = card.right() + MEMO_GAP;
    let left = card.left() - MEMO_GAP - size.x;
    let below = card.bottom() + MEMO_GAP;
    let above = card.top() - MEMO_GAP - size.y;
    if right + size.x <= screen.right() {
        egui::pos2(right, y_along)
    } else if left >= screen.left() {
        egui::pos2(left, y_along)
    } else if below + size.y <= screen.bottom() {
        egui::pos2(x_along, below)
    } else if above >= screen.top() {
        egui::pos2(x_along, above)
    } else if screen.bottom() - card.bottom() >= card.top() - screen.top() {
        egui::pos2(
            x_along,
            clamp(below, screen.top(), screen.bottom() - size.y),
        )
    } else {
        egui::pos2(
            x_along,
            clamp(above, screen.top(), screen.bottom() - size.y),
        )
    }
}

fn passage_ref(doc: &Document, passage: &CodedPassage) -> PassageRef {
    PassageRef {
        document: doc.id.clone(),
        range: passage.passage.range.clone(),
        actor: passage.passage.actor.clone(),
        frame: passage.passage.frame.clone(),
    }
}

impl FramingView {
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        if ctx.analysis.is_none() {
            waiting_ui(ui);
            return;
        }
        let columns = column_documents(ctx.project);
        self.toolbar_ui(ui, ctx, &columns);
        ui.separator();
        if self.show_chooser {
            egui::Panel::left("framing chooser")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| self.chooser_ui(ui, ctx, &columns));
        }
        self.column_rects.clear();
        if columns.is_empty() {
            ui.weak("No articles chosen: pick some with “Choose articles”.");
            return;
        }
        let mut commands = Vec::new();
        let width = column_width(self.column_width, ui.available_width(), columns.len());
        let step = width + COLUMN_GAP;
        let mut resized = None;
        // Only the columns in view are laid out: a dozen columns of passages
        // would otherwise cost tens of milliseconds a frame.
        egui::ScrollArea::horizontal()
            .id_salt("framing columns")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let height = ui.available_height();
                let total = egui::vec2(columns.len() as f32 * step, height);
                let (area, _) = ui.allocate_exact_size(total, egui::Sense::hover());
                for (k, &index) in columns.iter().enumerate() {
                    let x = k as f32 * step;
                    if x + step < viewport.min.x || x > viewport.max.x {
                        continue;
                    }
                    let rect = egui::Rect::from_min_size(
                        area.min + egui::vec2(x, 0.0),
                        egui::vec2(width, height),
                    );
                    self.column_rects.push((k, rect));
                    let doc = &ctx.project.documents[index];
                    let analysis = ctx.document_analysis(index);
                    ui.scope_builder(
                        egui::UiBuilder::new()
                            .max_rect(rect)
                            .layout(egui::Layout::top_down(egui::Align::Min)),
                        |ui| {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                ui.set_width(width - COLUMN_FRAME);
                                ui.set_height(height - COLUMN_FRAME);
                                self.column_ui(
                                    ui,
                                    ctx.project,
                                    index,
                                    doc,
                                    analysis,
                                    &mut commands,
                                );
                            });
                        },
                    );
                    if let Some(new) = divider_ui(ui, k, rect, width) {
                        resized = Some(new);
                    }
                }
            });
        if let Some(new) = resized {
            self.column_width = new;
        }
        for c in commands {
            ctx.send(c);
        }
        self.memo_ui(ui, ctx);
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, columns: &[usize]) {
        ui.horizontal(|ui| {
            ui.toggle_value(&mut self.show_chooser, "Choose articles…")
                .on_hover_text("Pick which articles stand side by side, and their order");
            ui.checkbox(&mut self.show_rejected, "Show rejected passages");
            if self.column_width.is_some()
                && ui
                    .button("Fit columns")
                    .on_hover_text("Share the window's width out among the columns again")
                    .clicked()
            {
                self.column_width = None;
            }
            ui.separator();
            let included = ctx.project.included_documents().count();
            ui.weak(format!(
                "{} of {included} included articles · focal actors: {}",
                columns.len(),
                ctx.project.scheme.focal_actors.join(", ")
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                legend_ui(ui, &ctx.project.scheme);
            });
        });
    }

    /// Every document in corpus order, ticked when it is a column and
    /// numbered with its column: ticking and moving change the numbers,
    /// never the rows, so the next click lands where the pointer is.
    fn chooser_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>, columns: &[usize]) {
        let project = ctx.project;
        ui.heading("Articles in columns");
        ui.horizontal(|ui| {
            if ui.button("All included").clicked() {
                set_columns(ctx, None);
            }
            if ui.button("None").clicked() {
                set_columns(ctx, Some(Vec::new()));
            }
        });
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "Tick an article to add it as the last column; the number is its column, \
                     {MOVE_LEFT} {MOVE_RIGHT} move it."
                ))
                .weak(),
            )
            .wrap(),
        );
        ui.separator();
        let mut order: Vec<usize> = columns.to_vec();
        let n = order.len();
        let mut change = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            let arrow = egui::vec2(20.0, ui.spacing().interact_size.y);
            for (i, doc) in project.documents.iter().enumerate() {
                let position = order.iter().position(|&o| o == i);
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    // Titles end in "…" at the panel's edge.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    if let Some(k) = position {
                        if ui
                            .add_enabled(
                                k > 0,
                                egui::Button::new(MOVE_LEFT).small().min_size(arrow),
                            )
                            .on_hover_text("Move this column left")
                            .clicked()
                        {
                            change = Some(ColumnChange::Swap(k, k - 1));
                        }
                        if ui
                            .add_enabled(
                                k + 1 < n,
                                egui::Button::new(MOVE_RIGHT).small().min_size(arrow),
                            )
                            .on_hover_text("Move this column right")
                            .clicked()
                        {
                            change = Some(ColumnChange::Swap(k, k + 1));
                        }
                    } else {
                        // Where the arrows stand on shown rows, so that
                        // every row's checkbox lines up.
                        ui.add_space(2.0 * arrow.x + ui.spacing().item_spacing.x);
                    }
                    let number = position.map_or(String::new(), |k| (k + 1).to_string());
                    ui.add_sized(
                        egui::vec2(22.0, arrow.y),
                        egui::Label::new(RichText::new(number).strong()),
                    );
                    let mut on = position.is_some();
                    let name = doc.display_name();
                    let hover = if doc.included {
                        name.to_string()
                    } else {
                        format!("{name} (excluded from the analysis)")
                    };
                    if ui.checkbox(&mut on, name).on_hover_text(hover).changed() {
                        change = Some(match position {
                            Some(k) => ColumnChange::Remove(k),
                            None => ColumnChange::Add(i),
                        });
                    }
                });
            }
        });
        let Some(change) = change else {
            return;
        };
        match change {
            ColumnChange::Swap(a, b) => order.swap(a, b),
            ColumnChange::Remove(k) => {
                order.remove(k);
            }
            ColumnChange::Add(i) => order.push(i),
        }
        let ids = order
            .iter()
            .map(|&i| project.documents[i].id.clone())
            .collect();
        set_columns(ctx, Some(ids));
    }

    fn column_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        index: usize,
        doc: &Document,
        analysis: Option<&DocumentAnalysis>,
        commands: &mut Vec<Command>,
    ) {
        let scheme = &project.scheme;
        ui.add(egui::Label::new(RichText::new(doc.display_name()).strong().size(15.0)).wrap());
        let mut meta = Vec::new();
        for part in [&doc.meta.source, &doc.meta.date] {
            if !part.trim().is_empty() {
                meta.push(part.trim());
            }
        }
        ui.horizontal(|ui| {
            ui.weak(if meta.is_empty() {
                "no source or date".to_string()
            } else {
                meta.join(" · ")
            });
            read_button(ui, index, commands);
        });
        let Some(analysis) = analysis else {
            ui.spinner();
            return;
        };
        let labels = scheme.labels();
        for summary in &analysis.framing.summaries {
            summary_row_ui(ui, project, summary, &labels);
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("framing column", index))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for summary in &analysis.framing.summaries {
                    self.actor_section_ui(ui, project, doc, analysis, summary, &labels, commands);
                }
            });
    }

    #[allow(clippy::too_many_arguments)]
    fn actor_section_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        doc: &Document,
        analysis: &DocumentAnalysis,
        summary: &ArticleSummary,
        labels: &[&str],
        commands: &mut Vec<Command>,
    ) {
        let scheme = &project.scheme;
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if let Some((_, actor)) = project.dictionary.actor(&summary.actor) {
                colour_chip(ui, theme::colour(actor.colour));
            }
            ui.label(RichText::new(&summary.actor).heading().size(16.0));
        });
        if summary.summary == ABSENT {
            ui.label(
                RichText::new(format!(
                    "{} is not mentioned in this article.",
                    summary.actor
                ))
                .italics()
                .weak(),
            );
            ui.add_space(6.0);
            return;
        }
        for label in labels {
            let passages: Vec<&CodedPassage> = analysis
                .framing
                .passages
                .iter()
                .filter(|p| p.passage.actor == summary.actor && p.passage.frame == *label)
                .filter(|p| self.show_rejected || p.status != Some(CodeStatus::Rejected))
                .collect();
            if passages.is_empty() {
                continue;
            }
            ui.horizontal(|ui| {
                frame_badge(ui, scheme, label);
                ui.weak(format!("{}", passages.len()));
            });
            for p in passages {
                self.passage_card_ui(ui, scheme, doc, p, labels, commands);
            }
        }
        let any = analysis
            .framing
            .passages
            .iter()
            .any(|p| p.passage.actor == summary.actor);
        if !any {
            ui.weak("Named, but in no passage of the body.");
        }
        ui.add_space(6.0);
    }

    fn passage_card_ui(
        &mut self,
        ui: &mut egui::Ui,
        scheme: &FrameScheme,
        doc: &Document,
        passage: &CodedPassage,
        labels: &[&str],
        commands: &mut Vec<Command>,
    ) {
        let manual = passage.status.is_some();
        let stroke = if manual {
            theme::manual_stroke(ui)
        } else {
            Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
        };
        let fill = if manual {
            ui.visuals().extreme_bg_color
        } else {
            ui.visuals().faint_bg_color
        };
        let r = passage_ref(doc, passage);
        let card = egui::Frame::new()
            .stroke(stroke)
            .fill(fill)
            .corner_radius(4.0)
            .inner_margin(egui::Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let job = passage_job(ui, &doc.text, passage, scheme, ui.available_width());
                ui.add(egui::Label::new(job).wrap());
                if !passage.memo.is_empty() {
                    ui.label(RichText::new(format!("Memo: {}", passage.memo)).italics());
                }
                // The origin on a line of its own: next to the buttons it
                // pushed the last of them onto a line of their own.
                let origin = RichText::new(origin_text(passage)).small();
                let origin = if manual {
                    origin.color(ui.visuals().selection.stroke.color)
                } else {
                    origin.weak()
                };
                let rule = super::widgets::rule_text(&doc.text, passage);
                ui.add(egui::Label::new(origin).wrap()).on_hover_text(
                    if passage.status == Some(CodeStatus::Relabelled) {
                        format!("Relabelled by hand. The automatic label came from: {rule}")
                    } else {
                        rule
                    },
                );
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    let mut send = |action| {
                        commands.push(Command::Code {
                            passage: r.clone(),
                            action,
                        })
                    };
                    if passage.status != Some(CodeStatus::Accepted)
                        && passage.status != Some(CodeStatus::Rejected)
                        && ui
                            .small_button("Accept")
                            .on_hover_text("The label is right")
                            .clicked()
                    {
                        send(CodeAction::Accept);
                    }
                    if passage.status == Some(CodeStatus::Rejected) {
                        if ui
                            .small_button("Restore")
                            .on_hover_text("Undo the rejection")
                            .clicked()
                        {
                            send(CodeAction::Reset);
                        }
                    } else if ui
                        .small_button("Reject")
                        .on_hover_text("Not a passage about this actor's influence")
                        .clicked()
                    {
                        send(CodeAction::Reject);
                    }
                    egui::containers::menu::MenuButton::from_button(
                        egui::Button::new("Relabel").small(),
                    )
                    .ui(ui, |ui| {
                        for label in labels {
                            if *label != passage.passage.frame && ui.button(*label).clicked() {
                                send(CodeAction::Relabel((*label).to_string()));
                                ui.close();
                            }
                        }
                    })
                    .0
                    .on_hover_text("Give the passage another frame");
                    if ui
                        .small_button("Memo")
                        .on_hover_text("Write a note on this passage")
                        .clicked()
                    {
                        self.memo = Some(MemoDraft {
                            passage: r.clone(),
                            draft: passage.memo.clone(),
                            note: memo_note(passage),
                            card: egui::Rect::NOTHING,
                        });
                    }
                    if manual
                        && passage.status != Some(CodeStatus::Rejected)
                        && ui
                            .small_button("Reset")
                            .on_hover_text(
                                "Forget the manual decision; the automatic label holds again",
                            )
                            .clicked()
                    {
                        send(CodeAction::Reset);
                    }
                });
            })
            .response
            .rect;
        if let Some(memo) = &mut self.memo
            && memo.passage == r
        {
            // The part in view: a card half scrolled away is beside the
            // dialog where it can be seen.
            memo.card = card.intersect(ui.clip_rect());
        }
        ui.add_space(4.0);
    }

    /// The memo dialog, beside the passage it is about, saying what saving
    /// does to the passage's decision.
    fn memo_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let Some(memo) = &mut self.memo else {
            return;
        };
        let id = egui::Id::unique("memo editor");
        let screen = ui.ctx().content_rect().shrink(4.0);
        let size = ui
            .ctx()
            .memory(|m| m.area_rect(id))
            .map_or(egui::vec2(MEMO_WIDTH + 20.0, 240.0), |r| r.size());
        let card = if memo.card.is_positive() {
            memo.card
        } else {
            // Not drawn (its column scrolled out of view): in the middle.
            egui::Rect::from_center_size(screen.center(), egui::Vec2::ZERO)
        };
        let area = egui::Area::new(id)
            .kind(egui::UiKind::Modal)
            .sense(egui::Sense::hover())
            .order(egui::Order::Foreground)
            .interactable(true)
            .constrain_to(screen)
            .fixed_pos(memo_position(card, size, screen));
        let mut close = false;
        let modal = egui::Modal::new(id)
            .area(area)
            // Light enough to read the passage through.
            .backdrop_color(egui::Color32::from_black_alpha(40))
            .show(ui.ctx(), |ui| {
                // Which passage the memo is about: its card outlined above
                // the backdrop.
                if memo.card.is_positive() {
                    ui.painter().with_clip_rect(screen).rect_stroke(
                        memo.card.expand(2.0),
                        5.0,
                        Stroke::new(2.0, ui.visuals().selection.stroke.color),
                        egui::StrokeKind::Outside,
                    );
                }
                ui.set_width(MEMO_WIDTH);
                ui.heading(format!("Memo on a passage about {}", memo.passage.actor));
                ui.add(egui::Label::new(RichText::new(&memo.note).weak()).wrap());
                ui.add(
                    egui::TextEdit::multiline(&mut memo.draft)
                        .hint_text("Why this label? What to check?")
                        .desired_rows(5)
                        .desired_width(f32::INFINITY),
                );
                ui.horizontal(|ui| {
                    if ui.button("Save memo").clicked() {
                        ctx.send(Command::Code {
                            passage: memo.passage.clone(),
                            action: CodeAction::Memo(memo.draft.clone()),
                        });
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if close || modal.should_close() {
            self.memo = None;
        }
    }
}

/// A change the chooser makes to the column order.
enum ColumnChange {
    Swap(usize, usize),
    Remove(usize),
    Add(usize),
}

/// The divider after column `k` (drawn in `rect`, `width` wide): dragging it
/// makes every column wider or narrower so that it follows the pointer;
/// a double click shares the window's width out again. Returns the new
/// column width, if any (`Some(None)`: shared out again).
fn divider_ui(ui: &mut egui::Ui, k: usize, rect: egui::Rect, width: f32) -> Option<Option<f32>> {
    let handle = egui::Rect::from_min_max(
        egui::pos2(rect.right(), rect.top()),
        egui::pos2(rect.right() + COLUMN_GAP, rect.bottom()),
    );
    let response = ui
        .interact(
            handle,
            egui::Id::unique(("framing column divider", k)),
            egui::Sense::click_and_drag(),
        )
        .on_hover_cursor(egui::CursorIcon::ResizeColumn)
        .on_hover_text(
            "Drag to make the columns wider or narrower; double-click to fit them to the window",
        );
    let visuals = ui.visuals();
    let stroke = if response.hovered() || response.dragged() {
        visuals.widgets.hovered.fg_stroke
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    let x = handle.center().x;
    ui.painter()
        .vline(x, handle.y_range().shrink(handle.height() * 0.3), stroke);
    if response.double_clicked() {
        return Some(None);
    }
    let dx = response.drag_delta().x;
    if response.dragged() && dx != 0.0 {
        // The divider after column k moves by k + 1 times the change.
        let new = (width + dx / (k + 1) as f32).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        return Some(Some(new));
    }
    None
}

fn set_columns(ctx: &mut ViewCtx<'_>, ids: Option<Vec<String>>) {
    let mut settings = ctx.project.settings.clone();
    settings.framing_documents = ids;
    ctx.send(Command::edit_keyed(
        Edit::Settings(settings),
        "framing columns",
    ));
}

/// One line per focal actor under a column's title: passage counts per frame
/// and the article's overall summary.
fn summary_row_ui(ui: &mut egui::Ui, project: &Project, summary: &ArticleSummary, labels: &[&str]) {
    let scheme = &project.scheme;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new(&summary.actor).strong());
        let shown = if summary.summary == ABSENT {
            "not mentioned"
        } else {
            summary.summary.as_str()
        };
        frame_badge(ui, scheme, shown).on_hover_text("The article's overall framing of this actor");
        for (label, n) in labels.iter().zip(&summary.counts) {
            if *n > 0 {
                ui.label(
                    RichText::new(format!("{label} {n}"))
                        .small()
                        .color(theme::frame_colour(scheme, label)),
                );
            }
        }
    });
}

fn legend_ui(ui: &mut egui::Ui, scheme: &FrameScheme) {
    for label in scheme.labels().into_iter().rev() {
        frame_badge(ui, scheme, label);
    }
    ui.weak("Frames:");
}

#[cfg(test)]
mod tests {

    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{By, NodeT, Queryable};

    use super::*;
    use crate::analysis::ProjectAnalysis;
    use crate::framing::{Decision, decide};

    type TestApp = super::super::test_support::TestApp<FramingView>;

    /// The demo project.
    fn demo() -> Project {
        super::super::test_support::demo_project()
    }

    /// Shows `documents` (indices) as the columns.
    fn show(project: &mut Project, documents: &[usize]) {
        project.settings.framing_documents = Some(
            documents
                .iter()
                .map(|&i| project.documents[i].id.clone())
                .collect(),
        );
    }

    /// Relabels document `document`'s passage that begins with `start` by hand.
    fn relabel(project: &mut Project, document: usize, start: &str, to: &str) {
        let analysis = analyse(project);
        let doc = &project.documents[document];
        let passage = analysis.documents[document]
            .framing
            .passages
            .iter()
            .find(|p| doc.text[p.passage.range.clone()].starts_with(start))
            .unwrap_or_else(|| panic!("no passage begins with {start:?}"));
        let (id, text) = (doc.id.clone(), doc.text.clone());
        decide(
            &mut project.codes,
            &id,
            &text,
            passage.passage.range.clone(),
            &passage.passage.actor,
            &passage.passage.frame,
            Decision::Relabel(to.into()),
        )
        .expect("a passage's range is a span of its text");
    }

    fn analyse(project: &Project) -> ProjectAnalysis {
        super::super::test_support::analysed(project)
    }

    /// The framing view over `project`; edits (the chooser's) are applied
    /// as the app applies them.
    fn harness(project: Project) -> Harness<'static, TestApp> {
        super::super::test_support::live_harness(project, FramingView::default(), FramingView::ui)
    }

    /// Where the title of document `document`'s column starts.
    fn title_left(h: &Harness<'_, TestApp>, document: usize) -> f32 {
        let name = h.state().project.documents[document].display_name();
        // The topmost: a title may be a passage too.
        h.get_all_by_label(name)
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap_or_else(|| panic!("no column titled {name:?}"))
            .left()
    }

    #[test]
    fn every_glyph_the_view_draws_is_in_the_installed_fonts() {
        let ctx = egui::Context::default();
        theme::install(&ctx);
        // Fonts are loaded on the first frame (whose texture updates we drop).
        ctx.run_ui(Default::default(), |_| {})
            .textures_delta
            .clear();
        let font = egui::FontId::proportional(14.0);
        let has = |c: char| ctx.fonts_mut(|f| f.has_glyph(&font, c));
        // Every string of the view and of the widgets it uses: any character
        // outside ASCII in these files is one they may draw.
        for (file, source) in [
            ("framing.rs", include_str!("framing.rs")),
            ("widgets.rs", include_str!("widgets.rs")),
        ] {
            for c in source.chars().filter(|c| !c.is_ascii()) {
                assert!(has(c), "no glyph for {c:?} (U+{:04X}) in {file}", c as u32);
            }
        }
        // The arrows the chooser drew before, as empty boxes.
        assert!(!has('\u{23F6}') && !has('\u{23F7}'));
    }

    #[test]
    fn two_columns_share_the_window_width() {
        let mut project = demo();
        show(&mut project, &[0, 1]);
        let mut h = harness(project);
        h.run();
        let step = title_left(&h, 1) - title_left(&h, 0);
        assert!(
            step - COLUMN_GAP > 560.0,
            "two columns in 1280 px are {step} px apart"
        );
        // And both fit: the second column ends inside the window.
        assert!(title_left(&h, 1) + step - COLUMN_GAP <= 1280.0 + COLUMN_FRAME);
    }

    #[test]
    fn many_columns_keep_a_minimum_width_and_scroll_sideways() {
        // All ten articles of the demo.
        let mut h = harness(demo());
        h.run();
        let step = title_left(&h, 1) - title_left(&h, 0);
        assert!(
            step - COLUMN_GAP >= MIN_COLUMN_WIDTH,
            "columns {step} px apart"
        );
        let columns = &h.state().view.column_rects;
        assert!(columns.len() < 10, "only the columns in view are drawn");
        assert!(columns.iter().all(|(_, r)| r.width() >= MIN_COLUMN_WIDTH));
    }

    #[test]
    fn dragging_a_divider_resizes_every_column_and_a_double_click_fits_them_again() {
        let mut project = demo();
        show(&mut project, &[0, 1, 2]);
        let mut h = harness(project);
        h.run();
        let before = title_left(&h, 1) - title_left(&h, 0);
        // The divider after the first column, dragged 90 px to the right.
        let (_, first) = h.state().view.column_rects[0];
        let from = egui::pos2(first.right() + COLUMN_GAP / 2.0, first.center().y);
        let to = from + egui::vec2(90.0, 0.0);
        h.drag_at(from);
        h.run();
        for x in [30.0, 60.0, 90.0] {
            h.hover_at(from + egui::vec2(x, 0.0));
            h.run();
        }
        h.drop_at(to);
        h.run();
        let after = title_left(&h, 1) - title_left(&h, 0);
        assert!((after - before - 90.0).abs() < 1.0, "{before} → {after}");
        assert!(h.state().view.column_width.is_some());
        // The divider followed the pointer.
        let (_, first) = h.state().view.column_rects[0];
        assert!((first.right() + COLUMN_GAP / 2.0 - to.x).abs() < 1.0);

        // Two clicks, a frame apart (a quarter of a second in the harness:
        // within a double click's delay once it is lengthened).
        h.ctx
            .options_mut(|o| o.input_options.max_double_click_delay = 1.0);
        for _ in 0..2 {
            for pressed in [true, false] {
                h.event(egui::Event::PointerButton {
                    pos: to,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::default(),
                });
            }
            h.step();
        }
        h.run();
        assert_eq!(h.state().view.column_width, None);
        assert!((title_left(&h, 1) - title_left(&h, 0) - before).abs() < 1.0);
    }

    #[test]
    fn the_shared_width_never_goes_under_the_minimum() {
        assert_eq!(column_width(None, 1281.0, 2), 632.0);
        assert_eq!(column_width(None, 1281.0, 12), MIN_COLUMN_WIDTH);
        assert_eq!(column_width(Some(100.0), 1281.0, 2), MIN_COLUMN_WIDTH);
        assert_eq!(column_width(Some(500.0), 1281.0, 2), 500.0);
    }

    /// The label of the chooser's checkbox that holds `pos`.
    fn checkbox_at(h: &Harness<'_, TestApp>, pos: egui::Pos2) -> Option<String> {
        h.get_all_by_role(Role::CheckBox)
            .find(|c| c.rect().contains(pos))
            .and_then(|c| c.accesskit_node().label())
    }

    #[test]
    fn ticking_an_article_leaves_every_row_where_it_was() {
        let mut project = demo();
        show(&mut project, &[0, 1]);
        let mut h = harness(project);
        h.state_mut().view.show_chooser = true;
        h.run();
        let shown = |h: &Harness<'_, TestApp>| column_documents(&h.state().project);
        // Tick an article that is not shown, then untick one that is.
        for (document, columns) in [(5, vec![0, 1, 5]), (0, vec![1, 5])] {
            let name = h.state().project.documents[document].display_name();
            let prefix: String = name.chars().take(24).collect();
            let checkbox = h.get(By::new().role(Role::CheckBox).label_contains(&prefix));
            let at = checkbox.rect().center();
            checkbox.click();
            h.run();
            assert_eq!(shown(&h), columns);
            let under = checkbox_at(&h, at).unwrap_or_default();
            assert!(
                under.starts_with(&prefix),
                "after ticking {prefix:?} the pointer is on {under:?}"
            );
        }
    }

    #[test]
    fn the_arrows_move_a_column_and_only_renumber_the_rows() {
        let mut project = demo();
        show(&mut project, &[0, 1, 2]);
        let mut h = harness(project);
        h.state_mut().view.show_chooser = true;
        h.run();
        let rows = |h: &Harness<'_, TestApp>| -> Vec<(Option<String>, i32)> {
            h.get_all_by_role(Role::CheckBox)
                .map(|c| (c.accesskit_node().label(), c.rect().top() as i32))
                .collect()
        };
        let before = rows(&h);
        // The second article's "move left" arrow: the second enabled one.
        let lefts: Vec<_> = h.get_all_by_label(MOVE_LEFT).collect();
        assert_eq!(lefts.len(), 3, "one per shown article");
        lefts[1].click();
        h.run();
        assert_eq!(column_documents(&h.state().project), vec![1, 0, 2]);
        assert_eq!(rows(&h), before);
        h.get_by_label("All included").click();
        h.run();
        assert_eq!(h.state().project.settings.framing_documents, None);
    }

    #[test]
    fn the_memo_dialog_says_what_saving_does_and_stands_beside_the_passage() {
        let mut project = demo();
        let start = "Diplomats in the Azerbaijani capital";
        relabel(&mut project, 1, start, "neutral");
        show(&mut project, &[0, 1]);
        let doc = project.documents[1].clone();
        let analysis = analyse(&project);
        let passage = analysis.documents[1]
            .framing
            .passages
            .iter()
            .find(|p| doc.text[p.passage.range.clone()].starts_with(start))
            .expect("the passage is still there");
        assert_eq!(passage.status, Some(CodeStatus::Relabelled));
        let sentence = &doc.text[passage.passage.range.clone()];
        let mut h = harness(project);
        h.run();
        h.get_by_label(sentence).scroll_to_me();
        h.run();
        let text = h.get_by_label(sentence).rect();
        // The card's Memo button: the first under its text.
        let memo = h
            .get_all_by_label("Memo")
            .filter(|b| b.rect().top() >= text.bottom() - 1.0 && b.rect().left() < text.right())
            .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
            .expect("the card has a Memo button");
        let card = text.union(memo.rect());
        memo.click();
        h.run();

        assert_eq!(
            h.query_all_by_label_contains("accepts").count(),
            0,
            "a relabelled passage's memo accepts nothing"
        );
        h.get_by_label_contains("You relabelled this passage “neutral” by hand");
        let dialog = [
            h.get_by_label_contains("Memo on a passage about Russia")
                .rect(),
            h.get_by_role(Role::MultilineTextInput).rect(),
            h.get_by_label("Save memo").rect(),
            h.get_by_label("Cancel").rect(),
        ]
        .into_iter()
        .reduce(|a, b| a.union(b))
        .expect("four rects");
        assert!(
            !dialog.intersects(card),
            "the dialog {dialog:?} covers the passage {card:?}"
        );
        assert!(
            egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))
                .contains_rect(dialog)
        );

        h.get_by_label("Cancel").click();
        h.run();
        assert!(h.state().view.memo.is_none());
    }

    #[test]
    fn memo_notes_follow_the_passage_decision() {
        let (_, analysis) = super::super::test_support::demo();
        let mut passage = analysis.documents[1].framing.passages[0].clone();
        passage.passage.frame = "neutral".into();
        let mut note = |status| {
            passage.status = status;
            memo_note(&passage)
        };
        assert!(note(None).contains("accepts"));
        assert!(note(Some(CodeStatus::Accepted)).contains("You accepted the label “neutral”"));
        for (status, says) in [
            (CodeStatus::Rejected, "rejected"),
            (CodeStatus::Relabelled, "relabelled this passage “neutral”"),
            (CodeStatus::Added, "added this passage by hand as “neutral”"),
        ] {
            let note = note(Some(status));
            assert!(note.contains(says), "{note}");
            assert!(!note.contains("accept"), "{note}");
        }
    }

    #[test]
    fn the_memo_dialog_goes_where_there_is_room_beside_the_card() {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
        let size = egui::vec2(480.0, 240.0);
        let at =
            |card: egui::Rect| egui::Rect::from_min_size(memo_position(card, size, screen), size);
        let cards = [
            // A narrow column's card on the left, in the middle, on the right.
            egui::Rect::from_min_max(egui::pos2(8.0, 100.0), egui::pos2(320.0, 300.0)),
            egui::Rect::from_min_max(egui::pos2(400.0, 600.0), egui::pos2(720.0, 780.0)),
            egui::Rect::from_min_max(egui::pos2(950.0, 700.0), egui::pos2(1270.0, 790.0)),
            // A window-wide card at the top and at the bottom.
            egui::Rect::from_min_max(egui::pos2(8.0, 60.0), egui::pos2(1270.0, 300.0)),
            egui::Rect::from_min_max(egui::pos2(8.0, 500.0), egui::pos2(1270.0, 790.0)),
        ];
        for card in cards {
            let dialog = at(card);
            assert!(!dialog.intersects(card), "{dialog:?} covers {card:?}");
            assert!(screen.contains_rect(dialog), "{dialog:?} leaves the screen");
        }
        // Beside, not below, when there is room beside.
        assert_eq!(at(cards[0]).left(), cards[0].right() + MEMO_GAP);
        assert_eq!(at(cards[2]).right(), cards[2].left() - MEMO_GAP);
    }

    #[test]
    fn a_card_keeps_its_buttons_on_one_row_at_the_narrowest() {
        let mut project = demo();
        // The most buttons a card has: Accept, Reject, Relabel, Memo, Reset.
        relabel(&mut project, 0, "The government’s critics", "declining");
        relabel(
            &mut project,
            1,
            "Diplomats in the Azerbaijani capital",
            "persisting",
        );
        relabel(&mut project, 2, "Western commentators", "persisting");
        // All ten articles: every column at the narrowest.
        let mut h = harness(project);
        h.run();
        let resets: Vec<_> = h.get_all_by_label("Reset").map(|b| b.rect()).collect();
        assert!(resets.len() >= 3, "{} cards with Reset", resets.len());
        for reset in resets {
            for other in ["Accept", "Reject", "Relabel", "Memo"] {
                assert!(
                    h.get_all_by_label(other)
                        .any(|b| (b.rect().center().y - reset.center().y).abs() < 1.0),
                    "{other} is not on Reset's row"
                );
            }
        }
    }
}
