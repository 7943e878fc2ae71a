//! The framing view: articles side by side in columns, each listing, per
//! focal actor, the passages that frame it, with cue words highlighted, an
//! explicit "not mentioned" where the article never names the actor, and the
//! analyst's accept / reject / relabel / memo controls on every passage.

use egui::{RichText, Stroke};

use crate::analysis::DocumentAnalysis;
use crate::corpus::Document;
use crate::framing::{ABSENT, ArticleSummary, CodeStatus, CodedPassage, FrameScheme};
use crate::project::Project;

use super::super::command::{CodeAction, Command, Edit, PassageRef};
use super::super::theme;
use super::ViewCtx;
use super::widgets::{colour_chip, ellipsize, frame_badge, origin_text, passage_job, waiting_ui};

/// Articles shown side by side until the analyst chooses.
const DEFAULT_COLUMNS: usize = 12;

/// Width of one article column.
const COLUMN_WIDTH: f32 = 360.0;
/// Space between columns.
const COLUMN_GAP: f32 = 8.0;

/// The framing view's UI state.
#[derive(Default)]
pub struct FramingView {
    show_chooser: bool,
    show_rejected: bool,
    /// The passage whose memo is being written, and the draft.
    memo: Option<(PassageRef, String)>,
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
                .default_size(300.0)
                .show(ui, |ui| self.chooser_ui(ui, ctx, &columns));
        }
        if columns.is_empty() {
            ui.weak("No articles chosen: pick some with “Choose articles”.");
            return;
        }
        let mut commands = Vec::new();
        // Only the columns in view are laid out: a dozen columns of passages
        // would otherwise cost tens of milliseconds a frame.
        let step = COLUMN_WIDTH + COLUMN_GAP;
        egui::ScrollArea::horizontal()
            .id_salt("framing columns")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let height = ui.available_height();
                let total = egui::vec2(columns.len() as f32 * step - COLUMN_GAP, height);
                let (area, _) = ui.allocate_exact_size(total, egui::Sense::hover());
                for (k, &index) in columns.iter().enumerate() {
                    let x = k as f32 * step;
                    if x + COLUMN_WIDTH < viewport.min.x || x > viewport.max.x {
                        continue;
                    }
                    let rect = egui::Rect::from_min_size(
                        area.min + egui::vec2(x, 0.0),
                        egui::vec2(COLUMN_WIDTH, height),
                    );
                    let doc = &ctx.project.documents[index];
                    let analysis = ctx.document_analysis(index);
                    ui.scope_builder(
                        egui::UiBuilder::new()
                            .max_rect(rect)
                            .layout(egui::Layout::top_down(egui::Align::Min)),
                        |ui| {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                ui.set_width(COLUMN_WIDTH - 14.0);
                                ui.set_height(height - 14.0);
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
                }
            });
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
        ui.separator();
        let mut order: Vec<usize> = columns.to_vec();
        let mut changed = false;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.weak("Shown, in column order:");
            let n = order.len();
            let mut swap = None;
            let mut remove = None;
            for (k, &i) in order.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(k > 0, egui::Button::new("⏶").small())
                        .on_hover_text("Move left")
                        .clicked()
                    {
                        swap = Some((k, k - 1));
                    }
                    if ui
                        .add_enabled(k + 1 < n, egui::Button::new("⏷").small())
                        .on_hover_text("Move right")
                        .clicked()
                    {
                        swap = Some((k, k + 1));
                    }
                    let mut on = true;
                    if ui
                        .checkbox(&mut on, ellipsize(project.documents[i].display_name(), 32))
                        .on_hover_text(project.documents[i].display_name())
                        .changed()
                    {
                        remove = Some(k);
                    }
                });
            }
            if let Some((a, b)) = swap {
                order.swap(a, b);
                changed = true;
            }
            if let Some(k) = remove {
                order.remove(k);
                changed = true;
            }
            ui.separator();
            ui.weak("Not shown:");
            for (i, doc) in project.documents.iter().enumerate() {
                if order.contains(&i) {
                    continue;
                }
                let mut on = false;
                if ui
                    .checkbox(&mut on, ellipsize(doc.display_name(), 36))
                    .on_hover_text(doc.display_name())
                    .changed()
                {
                    order.push(i);
                    changed = true;
                }
            }
        });
        if changed {
            let ids = order
                .iter()
                .map(|&i| project.documents[i].id.clone())
                .collect();
            set_columns(ctx, Some(ids));
        }
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
            if ui
                .small_button("Read")
                .on_hover_text("Open in the reader")
                .clicked()
            {
                commands.push(Command::OpenReader {
                    document: index,
                    range: None,
                });
            }
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
        egui::Frame::new()
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
                ui.horizontal_wrapped(|ui| {
                    let origin = RichText::new(origin_text(passage)).small();
                    let origin = if manual {
                        ui.label(origin.color(ui.visuals().selection.stroke.color))
                    } else {
                        ui.label(origin.weak())
                    };
                    origin.on_hover_text(super::widgets::rule_text(&doc.text, passage));
                    let r = passage_ref(doc, passage);
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
                    ui.menu_button("Relabel", |ui| {
                        for label in labels {
                            if *label != passage.passage.frame && ui.button(*label).clicked() {
                                send(CodeAction::Relabel((*label).to_string()));
                                ui.close();
                            }
                        }
                    });
                    if ui
                        .small_button("Memo")
                        .on_hover_text("Write a note on this passage")
                        .clicked()
                    {
                        self.memo = Some((r.clone(), passage.memo.clone()));
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
            });
        ui.add_space(4.0);
    }

    fn memo_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let Some((passage, draft)) = &mut self.memo else {
            return;
        };
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("memo editor")).show(ui.ctx(), |ui| {
            ui.set_width(460.0);
            ui.heading(format!("Memo on a passage about {}", passage.actor));
            ui.add(
                egui::TextEdit::multiline(draft)
                    .hint_text("Why this label? What to check?")
                    .desired_rows(5)
                    .desired_width(f32::INFINITY),
            );
            ui.weak("Saving a memo on an automatic passage accepts its label.");
            ui.horizontal(|ui| {
                if ui.button("Save memo").clicked() {
                    ctx.send(Command::Code {
                        passage: passage.clone(),
                        action: CodeAction::Memo(draft.clone()),
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
