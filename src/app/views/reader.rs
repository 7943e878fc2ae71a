//! The reader: one document's text with every actor mention coloured by
//! actor, framing passages tinted by frame and cue words underlined; text
//! outside the body is dimmed. Selecting text sets the body or adds a
//! passage by hand.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob};
use egui::{FontId, RichText, TextFormat};

use crate::analysis::DocumentAnalysis;
use crate::corpus::{Document, Scope, propose_body};
use crate::framing::{CodeStatus, CodedPassage, EvidenceRole, EvidenceSpan, FrameScheme};
use crate::project::Project;

use super::super::command::{CodeAction, Command, Edit, PassageRef};
use super::super::theme;
use super::ViewCtx;
use super::widgets::{colour_chip, ellipsize, frame_badge, origin_text};

/// What the reader highlights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Layers {
    mentions: bool,
    passages: bool,
    cues: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            mentions: true,
            passages: true,
            cues: true,
        }
    }
}

/// The reader's UI state.
#[derive(Default)]
pub struct ReaderView {
    document: usize,
    /// A range to scroll to on the next frame.
    scroll_to: Option<Range<usize>>,
    /// The range opened from a concordance or passage, outlined.
    focus: Option<Range<usize>>,
    /// The current text selection as a byte range.
    selection: Option<Range<usize>>,
    layers: Layers,
    add_actor: usize,
    add_frame: usize,
}

impl ReaderView {
    /// Shows `document`, scrolled to `range` if given.
    pub fn open(&mut self, document: usize, range: Option<Range<usize>>) {
        if self.document != document {
            self.selection = None;
        }
        self.document = document;
        self.scroll_to = range.clone();
        self.focus = range;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let project = ctx.project;
        if self.document >= project.documents.len() {
            self.document = 0;
            self.focus = None;
            self.selection = None;
        }
        let index = self.document;
        let doc = &project.documents[index];
        self.toolbar_ui(ui, project);
        ui.separator();
        let analysis = ctx.document_analysis(index);
        egui::Panel::right("reader side")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    self.side_ui(ui, ctx, index, analysis);
                });
            });
        self.text_ui(ui, project, doc, analysis);
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, project: &Project) {
        let docs = &project.documents;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(self.document > 0, egui::Button::new("◀"))
                .on_hover_text("Previous document")
                .clicked()
            {
                let previous = self.document - 1;
                self.open(previous, None);
            }
            if ui
                .add_enabled(self.document + 1 < docs.len(), egui::Button::new("▶"))
                .on_hover_text("Next document")
                .clicked()
            {
                let next = self.document + 1;
                self.open(next, None);
            }
            let current = docs
                .get(self.document)
                .map_or(String::new(), |d| ellipsize(d.display_name(), 70));
            let mut chosen = self.document;
            let label = ui.label("Document");
            egui::ComboBox::from_id_salt("reader document")
                .selected_text(current)
                .width(460.0)
                .show_ui(ui, |ui| {
                    for (i, d) in docs.iter().enumerate() {
                        ui.selectable_value(&mut chosen, i, ellipsize(d.display_name(), 80));
                    }
                })
                .response
                .labelled_by(label.id);
            if chosen != self.document {
                self.open(chosen, None);
            }
            ui.separator();
            ui.label("Highlight");
            ui.checkbox(&mut self.layers.mentions, "Mentions");
            ui.checkbox(&mut self.layers.passages, "Passages");
            ui.checkbox(&mut self.layers.cues, "Cue words");
        });
    }

    fn text_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        doc: &Document,
        analysis: Option<&DocumentAnalysis>,
    ) {
        let job = reader_job(ui, project, doc, analysis, self.layers, self.focus.clone());
        let meta = &doc.meta;
        ui.horizontal_wrapped(|ui| {
            ui.heading(RichText::new(doc.display_name()).strong());
        });
        let mut line = Vec::new();
        for part in [&meta.source, &meta.author, &meta.date] {
            if !part.trim().is_empty() {
                line.push(part.trim());
            }
        }
        if !line.is_empty() {
            ui.weak(line.join(" · "));
        }
        if !meta.url.is_empty() {
            ui.hyperlink(&meta.url);
        }
        ui.add_space(4.0);
        let mut text: &str = &doc.text;
        let mut layouter = |ui: &egui::Ui, _buf: &dyn egui::TextBuffer, wrap_width: f32| {
            let mut job = job.clone();
            job.wrap.max_width = wrap_width;
            ui.painter().layout_job(job)
        };
        egui::ScrollArea::vertical()
            .id_salt(("reader text", self.document))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let output = egui::TextEdit::multiline(&mut text)
                    .id_salt(("reader", self.document))
                    .hint_text("Document text")
                    .desired_width((ui.available_width() - 8.0).min(820.0))
                    .frame(egui::Frame::NONE)
                    .layouter(&mut layouter)
                    .show(ui);
                self.selection = output.cursor_range.and_then(|range| {
                    let [a, b] = range.sorted_cursors();
                    (a.index != b.index).then(|| {
                        char_to_byte(&doc.text, a.index.0)..char_to_byte(&doc.text, b.index.0)
                    })
                });
                if let Some(range) = self.scroll_to.take() {
                    let start = doc.text[..range.start.min(doc.text.len())].chars().count();
                    let rect = output.galley.pos_from_cursor(CCursor::new(start));
                    ui.scroll_to_rect(
                        rect.translate(output.galley_pos.to_vec2()).expand(40.0),
                        Some(egui::Align::Center),
                    );
                }
            });
    }

    fn side_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        index: usize,
        analysis: Option<&DocumentAnalysis>,
    ) {
        let project = ctx.project;
        let doc = &project.documents[index];
        ui.heading("Selection");
        match &self.selection {
            None => {
                ui.weak("Select text to set the body or to add a passage by hand.");
            }
            Some(range) => {
                let chars = doc.text[range.clone()].chars().count();
                ui.label(format!("{chars} characters selected"));
                if ui
                    .button("Set body to the selection")
                    .on_hover_text("Count only this part of the document (site chrome excluded)")
                    .clicked()
                {
                    ctx.send(Command::edit(Edit::Body {
                        document: index,
                        body: std::iter::once(range.clone()).collect(),
                    }));
                }
                self.add_passage_ui(ui, ctx, doc, range.clone());
            }
        }
        ui.horizontal(|ui| {
            if ui
                .button("Propose body")
                .on_hover_text("Let Framescope drop navigation, teasers and bios again")
                .clicked()
            {
                let proposal = propose_body(&doc.text, 0..doc.text.len());
                ctx.send(Command::edit(Edit::Body {
                    document: index,
                    body: proposal.ranges,
                }));
            }
            if ui
                .button("Whole text")
                .on_hover_text("Make the whole text the body")
                .clicked()
            {
                ctx.send(Command::edit(Edit::Body {
                    document: index,
                    body: std::iter::once(0..doc.text.len()).collect(),
                }));
            }
        });
        let body_chars: usize = doc
            .body
            .iter()
            .map(|r| doc.text[r.clone()].chars().count())
            .sum();
        ui.weak(format!(
            "Body: {body_chars} of {} characters{}",
            doc.text.chars().count(),
            if project.settings.scope == Scope::Full {
                " (the project counts the full text)"
            } else {
                ""
            }
        ));
        ui.separator();
        let Some(analysis) = analysis else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Analysing…");
            });
            return;
        };
        ui.heading("Actors in this document");
        let mut counts: Vec<(usize, usize)> = analysis
            .scoped
            .per_actor(project.dictionary.actors.len())
            .into_iter()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .collect();
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        if counts.is_empty() {
            ui.weak("No actor is mentioned in the body.");
        }
        for (actor, n) in counts {
            let a = &project.dictionary.actors[actor];
            ui.horizontal(|ui| {
                colour_chip(ui, theme::colour(a.colour));
                let first = analysis.scoped.mentions.iter().find(|m| m.actor == actor);
                if ui
                    .link(format!("{} ({n})", a.name))
                    .on_hover_text("Go to the first mention")
                    .clicked()
                    && let Some(m) = first
                {
                    self.scroll_to = Some(m.range.clone());
                    self.focus = Some(m.range.clone());
                }
            });
        }
        ui.separator();
        ui.heading("Passages");
        let scheme = &project.scheme;
        let passages = &analysis.framing.passages;
        if passages.is_empty() {
            ui.weak("No passage names a focal actor.");
        }
        for p in passages {
            ui.horizontal(|ui| {
                frame_badge(ui, scheme, &p.passage.frame);
                ui.label(RichText::new(&p.passage.actor).strong());
                if p.status == Some(CodeStatus::Rejected) {
                    ui.weak("rejected");
                }
            });
            let preview = ellipsize(doc.text[p.passage.range.clone()].trim(), 90);
            let hover = format!(
                "{}\n{}",
                origin_text(p),
                super::widgets::rule_text(&doc.text, p)
            );
            if ui.link(preview).on_hover_text(hover).clicked() {
                self.scroll_to = Some(p.passage.range.clone());
                self.focus = Some(p.passage.range.clone());
            }
            ui.add_space(4.0);
        }
    }

    fn add_passage_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        doc: &Document,
        range: Range<usize>,
    ) {
        let project = ctx.project;
        let scheme: &FrameScheme = &project.scheme;
        let actors = &scheme.focal_actors;
        let labels = scheme.labels();
        if actors.is_empty() || labels.is_empty() {
            ui.weak("Add focal actors and frames in the frame scheme to code passages.");
            return;
        }
        self.add_actor = self.add_actor.min(actors.len() - 1);
        self.add_frame = self.add_frame.min(labels.len() - 1);
        ui.add_space(4.0);
        ui.label("Add the selection as a passage:");
        ui.horizontal(|ui| {
            let label = ui.label("Actor");
            egui::ComboBox::from_id_salt("add passage actor")
                .selected_text(&actors[self.add_actor])
                .show_ui(ui, |ui| {
                    for (i, a) in actors.iter().enumerate() {
                        ui.selectable_value(&mut self.add_actor, i, a);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Frame");
            egui::ComboBox::from_id_salt("add passage frame")
                .selected_text(labels[self.add_frame])
                .show_ui(ui, |ui| {
                    for (i, l) in labels.iter().enumerate() {
                        ui.selectable_value(&mut self.add_frame, i, *l);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if ui.button("Add passage").clicked() {
            ctx.send(Command::Code {
                passage: PassageRef {
                    document: doc.id.clone(),
                    range,
                    actor: actors[self.add_actor].clone(),
                    frame: labels[self.add_frame].to_string(),
                },
                action: CodeAction::Add,
            });
        }
    }
}

/// The byte offset of the `chars`-th character of `text` (its end if past).
/// The evidence spans of a passage that turned its frame (negators, past and
/// doubt markers).
fn negators(p: &CodedPassage) -> impl Iterator<Item = &EvidenceSpan> {
    p.passage
        .evidence
        .iter()
        .filter(|e| e.role == EvidenceRole::Negator)
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// The document text as a layout job: mentions on a tinted background in
/// their actor's colour, passages tinted by frame, cues underlined in their
/// frame's colour, text outside the body dimmed, the focus range outlined.
fn reader_job(
    ui: &egui::Ui,
    project: &Project,
    doc: &Document,
    analysis: Option<&DocumentAnalysis>,
    layers: Layers,
    focus: Option<Range<usize>>,
) -> LayoutJob {
    let text = &doc.text;
    let dark = ui.visuals().dark_mode;
    let scheme = &project.scheme;
    let actors = &project.dictionary.actors;
    let empty = Vec::new();
    let mentions = analysis.map_or(&empty, |a| &a.mentions);
    let passages: Vec<_> = analysis
        .map(|a| {
            a.framing
                .passages
                .iter()
                .filter(|p| p.status != Some(CodeStatus::Rejected))
                .collect()
        })
        .unwrap_or_default();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in &doc.body {
        cuts.extend([r.start, r.end]);
    }
    if layers.mentions {
        for m in mentions {
            cuts.extend([m.range.start, m.range.end]);
        }
    }
    for p in &passages {
        if layers.passages {
            cuts.extend([p.passage.range.start, p.passage.range.end]);
        }
        if layers.cues {
            for c in &p.passage.cues {
                cuts.extend([c.range.start, c.range.end]);
            }
            for e in negators(p) {
                cuts.extend([e.range.start, e.range.end]);
            }
        }
    }
    if let Some(f) = &focus {
        cuts.extend([f.start, f.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let font = FontId::proportional(15.0);
    let normal = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let inside = |r: &Range<usize>| r.start <= a && b <= r.end;
        let in_body = project.settings.scope == Scope::Full || doc.body.iter().any(inside);
        let mut format = TextFormat {
            font_id: font.clone(),
            color: if in_body { normal } else { weak },
            line_height: Some(23.0),
            ..Default::default()
        };
        if layers.passages
            && let Some(p) = passages.iter().find(|p| inside(&p.passage.range))
        {
            let c = theme::frame_colour(scheme, &p.passage.frame);
            format.background = egui::Color32::from_rgba_unmultiplied(
                c.r(),
                c.g(),
                c.b(),
                if dark { 38 } else { 28 },
            );
        }
        if layers.cues
            && let Some(c) = passages
                .iter()
                .flat_map(|p| &p.passage.cues)
                .find(|c| inside(&c.range))
        {
            let colour = theme::frame_colour(scheme, &c.frame);
            format.underline = egui::Stroke::new(2.0, colour);
            format.color = colour;
        }
        // A word that turned the frame ("no longer", "not"): underlined in
        // the passage's frame colour and in italics.
        if layers.cues
            && let Some(p) = passages
                .iter()
                .find(|p| negators(p).any(|e| inside(&e.range)))
        {
            format.underline =
                egui::Stroke::new(2.0, theme::frame_colour(scheme, &p.passage.frame));
            format.italics = true;
        }
        if layers.mentions
            && let Some(m) = mentions.iter().find(|m| inside(&m.range))
            && let Some(actor) = actors.get(m.actor)
        {
            format.background = theme::highlight(theme::colour(actor.colour), dark);
            format.color = if in_body {
                ui.visuals().strong_text_color()
            } else {
                weak
            };
        }
        if focus.as_ref().is_some_and(inside) {
            format.background = ui.visuals().selection.bg_fill;
            format.color = ui.visuals().selection.stroke.color;
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_positions_map_to_byte_offsets() {
        let text = "Bakı və Ankara";
        assert_eq!(char_to_byte(text, 0), 0);
        assert_eq!(char_to_byte(text, 4), "Bakı".len());
        assert_eq!(char_to_byte(text, 99), text.len());
    }
}
