//! The dispersion ("X-ray") plot, as in AntConc's concordance plot and
//! Voyant's bubblelines: one row per included document, a track standing for
//! its whole text, and a thin tick wherever a shown actor is mentioned. The
//! body is a filled band on the track, so a reader sees at once which
//! mentions count and which sit in site chrome.
//!
//! Rows are painted by hand inside `ScrollArea::show_rows`, so only the rows
//! on screen cost anything, however large the corpus.

use std::ops::Range;

use egui::text::LayoutJob;
use egui::{
    Align, Align2, Color32, CursorIcon, FontId, Layout, Rect, RichText, Sense, Stroke, StrokeKind,
    TextFormat, UiBuilder, pos2, vec2,
};

use crate::actors::{ActorDictionary, Mention, kwic_line};
use crate::analysis::ProjectAnalysis;
use crate::corpus::{Document, Scope};
use crate::project::Project;

use super::super::command::Command;
use super::super::theme;
use super::{ViewCtx, widgets};

/// Height of a row with one track.
const ROW_HEIGHT: f32 = 40.0;
/// Height of one actor's lane when each actor has its own.
const LANE_HEIGHT: f32 = 14.0;
/// Vertical padding above and below the lanes of a row.
const LANE_PADDING: f32 = 6.0;
/// Width of the lane names between the document label and the track.
const LANE_LABEL_WIDTH: f32 = 92.0;
/// Width of the mention count at the right of each row.
const COUNT_WIDTH: f32 = 76.0;
/// How far (in points) from a tick the pointer may be and still pick it.
const HIT_DISTANCE: f32 = 4.0;
/// Characters of context on each side of a mention in the tooltip.
const TOOLTIP_CONTEXT: usize = 70;
/// Height of the position ruler above the rows.
const RULER_HEIGHT: f32 = 20.0;

/// The dispersion view and its UI state.
#[derive(Default)]
pub struct DispersionView {
    /// Actors picked in the menu, by name. `None` follows the project: its
    /// shown actors, else the scheme's focal actors. Kept in the view, not
    /// the project, so exploring here does not change the other charts.
    chosen: Option<Vec<String>>,
    /// One lane per actor in each row instead of all ticks on one track.
    lanes: bool,
    /// Leave out documents that never mention a shown actor.
    hide_empty: bool,
}

/// An actor drawn in the plot.
#[derive(Clone, Debug, PartialEq)]
struct ShownActor {
    /// Index in the dictionary, as in [`Mention::actor`].
    index: usize,
    name: String,
    colour: Color32,
}

/// One mention placed on a document's track.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tick {
    /// Position along the text: 0 at the start, 1 at the end.
    x: f32,
    /// Which shown actor (index into the shown list); also its lane.
    lane: usize,
    /// Index into the document's mentions.
    mention: usize,
    /// Whether the mention lies in the analysed scope (and so is counted).
    counted: bool,
}

/// Where the parts of one row go.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RowLayout {
    /// Title and source.
    label: Rect,
    /// Actor names beside their lanes (lanes mode only).
    lane_labels: Option<Rect>,
    /// The text, start to end.
    track: Rect,
    /// The mention count.
    count: Rect,
}

impl DispersionView {
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
        let actors = self.shown_actors(project, analysis);
        let lanes: Vec<usize> = actors.iter().map(|a| a.index).collect();
        let rows = self.rows(project, analysis, &lanes);

        heading_ui(ui, project, rows.len());
        self.controls_ui(ui, project, analysis, &actors);
        legend_ui(ui, &actors, analysis.scope);
        ui.separator();

        if actors.is_empty() {
            message_ui(
                ui,
                "No actors are shown",
                "Pick one or more actors in the Actors menu above.",
            );
            return;
        }
        if rows.is_empty() {
            let detail = if self.hide_empty {
                "No included document mentions the shown actors. Untick “Hide documents without mentions” to list them all."
            } else {
                "Every document is excluded. Include documents in the corpus view."
            };
            message_ui(ui, "No documents to show", detail);
            return;
        }

        let row_height = self.row_height(actors.len());
        let spacing = ui.spacing().item_spacing.y;
        let content_height = rows.len() as f32 * (row_height + spacing);
        let overflows = content_height > ui.available_height() - RULER_HEIGHT;
        let scrollbar = if overflows {
            ui.spacing().scroll.allocated_width()
        } else {
            0.0
        };
        ruler_ui(ui, self.lanes, scrollbar);

        egui::ScrollArea::vertical()
            .id_salt("dispersion rows")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, visible| {
                for row in visible {
                    if let Some(&document) = rows.get(row) {
                        self.row_ui(ui, ctx, document, row, &actors, &lanes, row_height);
                    }
                }
            });
    }

    /// The actors to draw, in dictionary order.
    fn shown_actors(&self, project: &Project, analysis: &ProjectAnalysis) -> Vec<ShownActor> {
        let names = match &self.chosen {
            Some(chosen) => chosen.clone(),
            None => {
                let focal: Vec<String> = analysis
                    .focal_actors
                    .iter()
                    .map(|(_, name)| name.clone())
                    .collect();
                default_actor_names(&project.settings.shown_actors, &focal, || {
                    mentioned_actor_names(project, analysis)
                })
            }
        };
        resolve_actors(&project.dictionary, &names)
    }

    /// Indices of the documents that get a row.
    fn rows(&self, project: &Project, analysis: &ProjectAnalysis, lanes: &[usize]) -> Vec<usize> {
        project
            .documents
            .iter()
            .zip(&analysis.documents)
            .enumerate()
            .filter(|(_, (doc, _))| doc.included)
            .filter(|(_, (_, da))| {
                !self.hide_empty || da.mentions.iter().any(|m| lanes.contains(&m.actor))
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn row_height(&self, actors: usize) -> f32 {
        if self.lanes {
            (actors as f32 * LANE_HEIGHT + 2.0 * LANE_PADDING).max(ROW_HEIGHT)
        } else {
            ROW_HEIGHT
        }
    }

    /// The actors menu and the display toggles.
    fn controls_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        analysis: &ProjectAnalysis,
        actors: &[ShownActor],
    ) {
        ui.horizontal_wrapped(|ui| {
            let label = format!("Actors ({}) ▾", actors.len());
            let config = egui::containers::menu::MenuConfig::new()
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
            egui::containers::menu::MenuButton::new(label)
                .config(config)
                .ui(ui, |ui| self.actor_menu_ui(ui, project, analysis, actors))
                .0
                .on_hover_text("Choose which actors' mentions are drawn");
            ui.add_space(theme::GAP);
            ui.checkbox(&mut self.lanes, "One lane per actor")
                .on_hover_text("Give each actor its own line in every document row");
            ui.checkbox(&mut self.hide_empty, "Hide documents without mentions")
                .on_hover_text("List only documents that mention at least one shown actor");
        });
    }

    /// The checkbox list inside the actors menu.
    fn actor_menu_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        analysis: &ProjectAnalysis,
        actors: &[ShownActor],
    ) {
        ui.set_min_width(220.0);
        ui.horizontal(|ui| {
            if ui
                .button("Default")
                .on_hover_text(
                    "The project's shown actors, or the focal actors of the frame scheme",
                )
                .clicked()
            {
                self.chosen = None;
            }
            if ui
                .button("Mentioned")
                .on_hover_text("Every actor mentioned at least once")
                .clicked()
            {
                self.chosen = Some(mentioned_actor_names(project, analysis));
            }
            if ui.button("None").on_hover_text("Clear the list").clicked() {
                self.chosen = Some(Vec::new());
            }
        });
        ui.separator();
        let mut names: Vec<String> = actors.iter().map(|a| a.name.clone()).collect();
        let mut changed = false;
        egui::ScrollArea::vertical()
            .id_salt("dispersion actor list")
            .max_height(360.0)
            .show(ui, |ui| {
                for actor in &project.dictionary.actors {
                    let mut on = names.contains(&actor.name);
                    ui.horizontal(|ui| {
                        widgets::colour_chip(ui, theme::colour(actor.colour));
                        if ui.checkbox(&mut on, actor.name.as_str()).changed() {
                            changed = true;
                            if on {
                                names.push(actor.name.clone());
                            } else {
                                names.retain(|n| *n != actor.name);
                            }
                        }
                    });
                }
            });
        if changed {
            self.chosen = Some(names);
        }
    }

    /// One document row: label, lanes, track and count.
    #[allow(clippy::too_many_arguments)]
    fn row_ui(
        &self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        document: usize,
        row: usize,
        actors: &[ShownActor],
        lanes: &[usize],
        height: f32,
    ) {
        let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
        // Copied out of `ctx` so they outlive the borrows `ctx.send` needs.
        let (project, Some(project_analysis)) = (ctx.project, ctx.analysis) else {
            return;
        };
        let (Some(doc), Some(analysis)) = (
            project.documents.get(document),
            project_analysis.documents.get(document),
        ) else {
            return;
        };
        let scope = project_analysis.scope;
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
        let layout = row_layout(rect, self.lanes);
        let ticks = row_ticks(doc, &analysis.mentions, lanes, scope);

        document_label_ui(ui, ctx, layout.label, document, doc);
        if let Some(names) = layout.lane_labels {
            lane_labels_ui(ui, names, actors);
        }
        self.track_ui(
            ui,
            ctx,
            &layout,
            document,
            doc,
            &analysis.mentions,
            &ticks,
            actors,
        );
        count_ui(ui, layout.count, document, &ticks, actors, scope);
    }

    /// The track: the text's extent, the body band and one tick per mention;
    /// hovering a tick shows the mention in context, clicking opens it.
    #[allow(clippy::too_many_arguments)]
    fn track_ui(
        &self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        layout: &RowLayout,
        document: usize,
        doc: &Document,
        mentions: &[Mention],
        ticks: &[Tick],
        actors: &[ShownActor],
    ) {
        let track = layout.track;
        let lane_height = track.height() / actors.len().max(1) as f32;
        let visuals = ui.visuals().clone();
        let painter = ui.painter().clone();
        let outline = visuals.widgets.noninteractive.bg_stroke;
        painter.rect_stroke(track, 2.0, outline, StrokeKind::Inside);

        let id = ui.scope_id().with(("dispersion track", document));
        let response = ui.interact(track, id, Sense::click());
        let title = doc.display_name().to_string();
        let counted = ticks.iter().filter(|t| t.counted).count();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Canvas,
                true,
                format!("Dispersion plot of {title}: {}", mentions_text(counted)),
            )
        });

        if doc.text.is_empty() || ticks.is_empty() {
            let text = if doc.text.is_empty() {
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

        let body_fill = visuals.widgets.inactive.bg_fill;
        for (start, end) in body_spans(&doc.body, doc.text.len()) {
            let band = Rect::from_x_y_ranges(
                track.left() + start * track.width()..=track.left() + end * track.width(),
                track.y_range(),
            );
            painter.rect_filled(band, 1.0, body_fill);
        }
        if self.lanes {
            // Hairlines between lanes so each actor's ticks read as one line.
            for lane in 1..actors.len() {
                let y = painter.round_to_pixel_center(track.top() + lane as f32 * lane_height);
                painter.hline(
                    track.x_range(),
                    y,
                    Stroke::new(1.0, outline.color.gamma_multiply(0.5)),
                );
            }
        }
        for quarter in [0.25, 0.5, 0.75] {
            let x = painter.round_to_pixel_center(track.left() + quarter * track.width());
            painter.vline(
                x,
                track.y_range(),
                Stroke::new(1.0, outline.color.gamma_multiply(0.5)),
            );
        }

        let hovered = response.hover_pos().and_then(|pos| {
            let lane = self
                .lanes
                .then(|| ((pos.y - track.top()) / lane_height).floor().max(0.0) as usize);
            let x = (pos.x - track.left()) / track.width().max(1.0);
            nearest_tick(ticks, x, lane, HIT_DISTANCE / track.width().max(1.0))
        });

        // Faded (uncounted) ticks first, so counted ones sit on top.
        let mut order: Vec<&Tick> = ticks.iter().collect();
        order.sort_by_key(|t| t.counted);
        for tick in order {
            self.paint_tick(&painter, track, lane_height, tick, actors, None);
        }
        let Some(hit) = hovered.and_then(|i| ticks.get(i)) else {
            return;
        };
        let marker = Stroke::new(1.0, visuals.strong_text_color());
        self.paint_tick(&painter, track, lane_height, hit, actors, Some(marker));
        let Some(mention) = mentions.get(hit.mention) else {
            return;
        };
        let nearby = ticks
            .iter()
            .filter(|t| (t.x - hit.x).abs() * track.width() <= HIT_DISTANCE)
            .count()
            .saturating_sub(1);
        let response = response.on_hover_cursor(CursorIcon::PointingHand);
        if response.clicked() {
            ctx.send(Command::OpenReader {
                document,
                range: Some(mention.range.clone()),
            });
        }
        if let Some(actor) = actors.get(hit.lane) {
            response.on_hover_ui_at_pointer(|ui| {
                mention_tooltip_ui(ui, doc, mention.range.clone(), actor, hit.counted, nearby);
            });
        }
    }

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

/// The view's title and what it shows.
fn heading_ui(ui: &mut egui::Ui, project: &Project, rows: usize) {
    ui.horizontal(|ui| {
        ui.heading("Dispersion");
        let included = project.documents.iter().filter(|d| d.included).count();
        let shown = if rows == included {
            format!("{rows} of {included} included documents")
        } else {
            format!("{rows} of {included} included documents (others have no mentions)")
        };
        ui.label(
            RichText::new(format!(
                "Where in each text the actors are mentioned · {shown}"
            ))
            .weak(),
        );
    });
    ui.add_space(2.0);
}

/// The colours of the shown actors and what the band and faded ticks mean.
fn legend_ui(ui: &mut egui::Ui, actors: &[ShownActor], scope: Scope) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Legend:").weak());
        for actor in actors {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                widgets::colour_chip(ui, actor.colour);
                ui.label(&actor.name);
            });
        }
        if actors.is_empty() {
            ui.label(RichText::new("no actors").weak().italics());
        }
        ui.add_space(theme::GAP * 2.0);
        let (rect, _) = ui.allocate_exact_size(vec2(28.0, 12.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 1.0, ui.visuals().widgets.inactive.bg_fill);
        ui.painter().rect_stroke(
            rect,
            1.0,
            ui.visuals().widgets.noninteractive.bg_stroke,
            StrokeKind::Inside,
        );
        let explanation = match scope {
            Scope::Body => "body: mentions counted · short faded ticks lie outside it",
            Scope::Full => "body (the full text is counted)",
        };
        ui.label(RichText::new(explanation).weak());
    });
}

/// The position scale over the tracks, aligned with the rows below.
fn ruler_ui(ui: &mut egui::Ui, lanes: bool, scrollbar: f32) {
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
fn count_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    document: usize,
    ticks: &[Tick],
    actors: &[ShownActor],
    scope: Scope,
) {
    let counted = ticks.iter().filter(|t| t.counted).count();
    let outside = ticks.len() - counted;
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
    let id = ui.scope_id().with(("dispersion count", document));
    ui.interact(rect, id, Sense::hover()).on_hover_ui(|ui| {
        let place = match scope {
            Scope::Body => "in the body",
            Scope::Full => "in the text",
        };
        ui.label(RichText::new(format!("{} {place}", mentions_text(counted))).strong());
        for (lane, actor) in actors.iter().enumerate() {
            let n = ticks.iter().filter(|t| t.lane == lane && t.counted).count();
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

/// A centred notice in place of the plot.
fn message_ui(ui: &mut egui::Ui, title: &str, detail: &str) {
    ui.add_space(ui.available_height() / 4.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(title).heading().weak());
        ui.label(RichText::new(detail).weak());
    });
}

/// "1 mention", "3 mentions".
fn mentions_text(n: usize) -> String {
    if n == 1 {
        "1 mention".into()
    } else {
        format!("{n} mentions")
    }
}

/// Splits a row's rectangle into label, lane names, track and count. The
/// label takes about a quarter of the width, within readable bounds.
fn row_layout(rect: Rect, lanes: bool) -> RowLayout {
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

/// Where byte `offset` lies along a text of `len` bytes, from 0 to 1.
fn position(offset: usize, len: usize) -> f32 {
    if len == 0 {
        0.0
    } else {
        (offset.min(len) as f64 / len as f64) as f32
    }
}

/// The ticks of one document: each mention of an actor in `lanes` (the
/// dictionary indices of the shown actors, in lane order).
fn row_ticks(doc: &Document, mentions: &[Mention], lanes: &[usize], scope: Scope) -> Vec<Tick> {
    let len = doc.text.len();
    mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let lane = lanes.iter().position(|&a| a == m.actor)?;
            Some(Tick {
                x: position(m.range.start, len),
                lane,
                mention: i,
                counted: doc.in_scope(&m.range, scope),
            })
        })
        .collect()
}

/// The body ranges as (start, end) fractions of the track.
fn body_spans(body: &[Range<usize>], len: usize) -> Vec<(f32, f32)> {
    body.iter()
        .filter(|r| r.start < r.end)
        .map(|r| (position(r.start, len), position(r.end, len)))
        .collect()
}

/// The tick nearest to `x` (a fraction of the track) within `tolerance`;
/// with a `lane`, only ticks in that lane.
fn nearest_tick(ticks: &[Tick], x: f32, lane: Option<usize>, tolerance: f32) -> Option<usize> {
    ticks
        .iter()
        .enumerate()
        .filter(|(_, t)| lane.is_none_or(|l| t.lane == l))
        .map(|(i, t)| (i, (t.x - x).abs()))
        .filter(|(_, d)| *d <= tolerance)
        // On a tie the earlier tick wins, so the pick does not flicker.
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(i, _)| i)
}

/// The actors shown until the analyst picks some: the project's shown
/// actors, else the scheme's focal actors, else every actor mentioned.
fn default_actor_names(
    shown: &[String],
    focal: &[String],
    mentioned: impl FnOnce() -> Vec<String>,
) -> Vec<String> {
    if !shown.is_empty() {
        shown.to_vec()
    } else if !focal.is_empty() {
        focal.to_vec()
    } else {
        mentioned()
    }
}

/// Names of the actors mentioned at least once in an included document.
fn mentioned_actor_names(project: &Project, analysis: &ProjectAnalysis) -> Vec<String> {
    let mut seen = vec![false; project.dictionary.actors.len()];
    for (doc, da) in project.documents.iter().zip(&analysis.documents) {
        if doc.included {
            for m in &da.mentions {
                if let Some(s) = seen.get_mut(m.actor) {
                    *s = true;
                }
            }
        }
    }
    project
        .dictionary
        .actors
        .iter()
        .zip(seen)
        .filter(|(_, s)| *s)
        .map(|(a, _)| a.name.clone())
        .collect()
}

/// The dictionary's actors named in `names`, in dictionary order, each once;
/// names the dictionary does not know are skipped.
fn resolve_actors(dictionary: &ActorDictionary, names: &[String]) -> Vec<ShownActor> {
    let mut indices: Vec<usize> = names
        .iter()
        .filter_map(|n| dictionary.actor(n).map(|(i, _)| i))
        .collect();
    indices.sort_unstable();
    indices.dedup();
    indices
        .into_iter()
        .filter_map(|i| {
            let actor = dictionary.actors.get(i)?;
            Some(ShownActor {
                index: i,
                name: actor.name.clone(),
                colour: theme::colour(actor.colour),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;
    use egui_kittest::kittest::Queryable;

    fn doc(text: &str, body: Range<usize>) -> Document {
        Document {
            id: Document::id_for_text(text),
            meta: Metadata::default(),
            text: text.into(),
            body: vec![body],
            included: true,
            duplicate_of: None,
            memo: String::new(),
        }
    }

    fn mention(range: Range<usize>, actor: usize) -> Mention {
        Mention { range, actor }
    }

    #[test]
    fn ticks_sit_at_the_mentions_share_of_the_text() {
        let d = doc("0123456789", 0..10);
        let ticks = row_ticks(&d, &[mention(5..6, 3)], &[3], Scope::Body);
        assert_eq!(ticks.len(), 1);
        assert!((ticks[0].x - 0.5).abs() < 1e-6);
        assert_eq!(ticks[0].lane, 0);
    }

    #[test]
    fn only_shown_actors_get_ticks_in_their_own_lane() {
        let d = doc("Russia and Iran and Armenia", 0..27);
        let mentions = [mention(0..6, 0), mention(11..15, 1), mention(20..27, 2)];
        let ticks = row_ticks(&d, &mentions, &[2, 0], Scope::Body);
        let lanes: Vec<_> = ticks.iter().map(|t| (t.mention, t.lane)).collect();
        assert_eq!(lanes, vec![(0, 1), (2, 0)]);
    }

    #[test]
    fn mentions_outside_the_body_are_not_counted_unless_the_full_text_is() {
        let d = doc("Menu Russia. Body about Russia.", 13..31);
        let mentions = [mention(5..11, 0), mention(24..30, 0)];
        let body: Vec<_> = row_ticks(&d, &mentions, &[0], Scope::Body)
            .iter()
            .map(|t| t.counted)
            .collect();
        assert_eq!(body, vec![false, true]);
        let full = row_ticks(&d, &mentions, &[0], Scope::Full);
        assert!(full.iter().all(|t| t.counted));
    }

    #[test]
    fn an_empty_text_puts_nothing_out_of_range() {
        assert_eq!(position(0, 0), 0.0);
        assert_eq!(position(12, 10), 1.0);
        assert!(body_spans(std::slice::from_ref(&(0..0)), 0).is_empty());
    }

    #[test]
    fn body_ranges_become_spans_of_the_track() {
        let body = vec![10..20, 25..75];
        assert_eq!(body_spans(&body, 100), vec![(0.1, 0.2), (0.25, 0.75)]);
    }

    #[test]
    fn the_nearest_tick_within_reach_is_picked() {
        let tick = |x, lane| Tick {
            x,
            lane,
            mention: 0,
            counted: true,
        };
        let ticks = [tick(0.1, 0), tick(0.5, 1), tick(0.52, 0)];
        assert_eq!(nearest_tick(&ticks, 0.51, None, 0.05), Some(1));
        assert_eq!(nearest_tick(&ticks, 0.51, Some(0), 0.05), Some(2));
        assert_eq!(nearest_tick(&ticks, 0.3, None, 0.05), None);
        assert_eq!(nearest_tick(&[], 0.3, None, 0.05), None);
    }

    #[test]
    fn defaults_follow_shown_then_focal_then_mentioned_actors() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let mentioned = || s(&["Armenia"]);
        assert_eq!(
            default_actor_names(&s(&["EU"]), &s(&["Iran"]), mentioned),
            s(&["EU"])
        );
        assert_eq!(
            default_actor_names(&[], &s(&["Iran"]), mentioned),
            s(&["Iran"])
        );
        assert_eq!(default_actor_names(&[], &[], mentioned), s(&["Armenia"]));
    }

    #[test]
    fn unknown_and_repeated_actor_names_are_dropped() {
        let dict = ActorDictionary::default_dictionary();
        let first = dict.actors[0].name.clone();
        let names = vec![first.clone(), "Atlantis".into(), first.to_uppercase()];
        let actors = resolve_actors(&dict, &names);
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].name, first);
    }

    fn demo_harness(
        project: &Project,
        analysis: &ProjectAnalysis,
    ) -> egui_kittest::Harness<'static, (DispersionView, Vec<Command>)> {
        super::super::test_support::view_harness(
            project,
            analysis,
            DispersionView::default(),
            DispersionView::ui,
        )
    }

    fn demo() -> (Project, ProjectAnalysis) {
        super::super::test_support::demo()
    }

    #[test]
    fn clicking_a_tick_opens_the_reader_at_that_mention() {
        let (project, analysis) = demo();
        let (russia, _) = project
            .dictionary
            .actor("Russia")
            .expect("the demo knows Russia");
        let document = 1;
        let doc = &project.documents[document];
        let da = &analysis.documents[document];
        // The first Russia mention that stands clear of its neighbours, so
        // the click cannot land on another tick.
        let ticks = row_ticks(doc, &da.mentions, &[russia], analysis.scope);
        let mut harness = demo_harness(&project, &analysis);
        harness.run();
        let label = format!("Dispersion plot of {}:", doc.display_name());
        let track = harness.get_by_label_contains(&label).rect();
        let clear = |t: &&Tick| {
            da.mentions.iter().all(|m| {
                m.range == da.mentions[t.mention].range
                    || (position(m.range.start, doc.text.len()) - t.x).abs() * track.width()
                        > 3.0 * HIT_DISTANCE
            })
        };
        let tick = ticks.iter().find(clear).expect("a tick stands alone");
        let pos = egui::pos2(track.left() + tick.x * track.width(), track.center().y);
        harness.event(egui::Event::PointerMoved(pos));
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::default(),
            });
        }
        harness.run();
        assert_eq!(
            harness.state().1,
            vec![Command::OpenReader {
                document,
                range: Some(da.mentions[tick.mention].range.clone()),
            }]
        );
    }

    #[test]
    fn lanes_and_an_empty_actor_list_draw_without_trouble() {
        let (project, analysis) = demo();
        let mut harness = demo_harness(&project, &analysis);
        harness.run();
        harness.get_by_label("One lane per actor").click();
        harness.run();
        assert!(harness.state().0.lanes);
        harness.state_mut().0.chosen = Some(Vec::new());
        harness.run();
        assert!(harness.query_by_label_contains("Dispersion plot").is_none());
    }

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
