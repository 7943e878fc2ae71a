//! The reader: one document's text with every actor mention coloured by
//! actor, framing passages tinted by frame and cue words underlined; text
//! outside the body is dimmed. Selecting text sets the body or adds a
//! passage by hand.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob};
use egui::{FontId, Key, Modifiers, RichText, TextFormat};

use crate::analysis::DocumentAnalysis;
use crate::corpus::{Document, Scope, propose_body};
use crate::framing::{CodeStatus, CodedPassage, EvidenceRole, EvidenceSpan, FrameScheme};
use crate::project::{Edit, Project};
use crate::text::byte_offset;

use super::super::command::{CodeAction, Command, PassageRef};
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
    /// The span the selection controls act on ("Set body", "Add
    /// passage"): a byte range of the document text. Kept here rather than
    /// read from the text widget, whose selection collapses as soon as it
    /// loses focus (opening the actor or frame box does that), until the
    /// passage is added or the choice cancelled.
    span: Option<Range<usize>>,
    /// The text widget's latest non-empty selection, so that only a new
    /// selection replaces `span` (and a cancelled one does not come back).
    seen: Option<Range<usize>>,
    /// Scroll the side panel to the selection controls on the next frame.
    reveal: bool,
    /// The document text widget, which may hold focus while Enter and Esc
    /// act on the selection controls (it is read-only).
    text_id: Option<egui::Id>,
    layers: Layers,
    add_actor: usize,
    add_frame: usize,
}

impl ReaderView {
    /// Shows `document`, scrolled to `range` if given.
    pub fn open(&mut self, document: usize, range: Option<Range<usize>>) {
        if self.document != document {
            self.span = None;
            self.seen = None;
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
            self.span = None;
            self.seen = None;
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
        let job = reader_job(
            ui,
            project,
            doc,
            analysis,
            self.layers,
            self.focus.clone(),
            self.span.clone(),
        );
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
                self.text_id = Some(output.response.id);
                // The widget reports a selection only while it has focus.
                let selected = output.cursor_range.and_then(|range| {
                    let [a, b] = range.sorted_cursors();
                    (a.index != b.index).then(|| {
                        byte_offset(&doc.text, a.index.0)..byte_offset(&doc.text, b.index.0)
                    })
                });
                self.selection_seen(ui.ctx(), selected);
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
        if self
            .span
            .as_ref()
            .is_some_and(|r| r.is_empty() || doc.text.get(r.clone()).is_none())
        {
            // The text changed under the span (another project, an undo).
            self.span = None;
        }
        match self.span.clone() {
            None => {
                ui.weak("Select text to set the body or to add a passage by hand.");
            }
            Some(range) => {
                let controls = ui.vertical(|ui| self.selection_ui(ui, ctx, index, range));
                if std::mem::take(&mut self.reveal) {
                    controls.response.scroll_to_me(None);
                }
            }
        }
        ui.horizontal(|ui| {
            body_button(
                ui,
                ctx,
                (
                    "Propose body",
                    "Let Framescope drop navigation, teasers and bios again",
                ),
                index,
                || propose_body(&doc.text, 0..doc.text.len()).ranges,
            );
            body_button(
                ui,
                ctx,
                ("Whole text", "Make the whole text the body"),
                index,
                || std::iter::once(0..doc.text.len()).collect(),
            );
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
                if p.status.is_some() {
                    // A manual decision, worded and coloured as in the
                    // framing view ("✔ accepted", "✚ added by hand", …).
                    ui.label(
                        RichText::new(origin_text(p))
                            .small()
                            .color(ui.visuals().selection.stroke.color),
                    );
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

    /// Takes a selection the text widget reports (`None` when nothing is
    /// selected or the widget lost focus): a new non-empty one becomes the
    /// span the selection controls act on.
    fn selection_seen(&mut self, ctx: &egui::Context, selected: Option<Range<usize>>) {
        if selected == self.seen {
            return;
        }
        if let Some(range) = &selected {
            self.span = Some(range.clone());
            self.reveal = true;
            // The side panel is drawn before the text: show the span now.
            ctx.request_repaint();
        }
        self.seen = selected;
    }

    /// Enter (add the passage) and Esc (cancel), taken from the input only
    /// while they mean nothing else: no popup (an open combo box closes on
    /// Esc), no modal and no focus on any widget but the read-only document
    /// text (a text field or a focused button use Enter themselves).
    fn selection_keys(&self, ui: &egui::Ui) -> (bool, bool) {
        let free = !egui::Popup::is_any_open(ui.ctx())
            && ui.memory(|m| {
                m.top_modal_layer().is_none()
                    && m.focused().is_none_or(|id| Some(id) == self.text_id)
            });
        if !free {
            return (false, false);
        }
        ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        })
    }

    /// The controls for the remembered span: what it is, set the body to
    /// it, add it as a passage, cancel.
    fn selection_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        index: usize,
        range: Range<usize>,
    ) {
        let doc = &ctx.project.documents[index];
        let (enter, escape) = self.selection_keys(ui);
        if escape {
            self.span = None;
            return;
        }
        let selected = &doc.text[range.clone()];
        let chars = selected.chars().count();
        ui.label(format!("{chars} characters selected"));
        let quote = selected.split_whitespace().collect::<Vec<_>>().join(" ");
        ui.add(
            egui::Label::new(RichText::new(format!("“{}”", ellipsize(&quote, 160))).italics())
                .wrap(),
        );
        body_button(
            ui,
            ctx,
            (
                "Set body to the selection",
                "Count only this part of the document (site chrome excluded)",
            ),
            index,
            || vec![range.clone()],
        );
        self.add_passage_ui(ui, ctx, doc, range, enter);
    }

    fn add_passage_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        doc: &Document,
        range: Range<usize>,
        enter: bool,
    ) {
        let project = ctx.project;
        let scheme: &FrameScheme = &project.scheme;
        let actors = &scheme.focal_actors;
        let labels = scheme.labels();
        if actors.is_empty() || labels.is_empty() {
            ui.weak("Add focal actors and frames in the frame scheme to code passages.");
            self.cancel_ui(ui);
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
        ui.horizontal(|ui| {
            let add = ui
                .button("Add passage")
                .on_hover_text("Code the selection with this actor and frame (Enter)");
            if add.clicked() || enter {
                ctx.send(Command::Code {
                    passage: PassageRef {
                        document: doc.id.clone(),
                        range,
                        actor: actors[self.add_actor].clone(),
                        frame: labels[self.add_frame].to_string(),
                    },
                    action: CodeAction::Add,
                });
                self.span = None;
            }
            self.cancel_ui(ui);
        });
    }

    fn cancel_ui(&mut self, ui: &mut egui::Ui) {
        if ui
            .button("Cancel")
            .on_hover_text("Forget the selection (Esc)")
            .clicked()
        {
            self.span = None;
        }
    }
}

/// The evidence spans of a passage that turned its frame (negators, past and
/// doubt markers).
fn negators(p: &CodedPassage) -> impl Iterator<Item = &EvidenceSpan> {
    p.passage
        .evidence
        .iter()
        .filter(|e| e.role == EvidenceRole::Negator)
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
    span: Option<Range<usize>>,
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
    for r in focus.iter().chain(&span) {
        cuts.extend([r.start, r.end]);
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
        // The remembered span stays marked after the text widget's own
        // selection is gone (it collapses when the widget loses focus).
        if span.as_ref().is_some_and(inside) {
            format.background = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        }
        if focus.as_ref().is_some_and(inside) {
            format.background = ui.visuals().selection.bg_fill;
            format.color = ui.visuals().selection.stroke.color;
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

/// A button (text, tooltip) that sets document `index`'s body to what
/// `body` gives when clicked.
fn body_button(
    ui: &mut egui::Ui,
    ctx: &mut ViewCtx<'_>,
    (text, tooltip): (&str, &str),
    index: usize,
    body: impl FnOnce() -> Vec<Range<usize>>,
) {
    if ui.button(text).on_hover_text(tooltip).clicked() {
        ctx.send(Command::edit(Edit::Body {
            document: index,
            body: body(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::analysis::ProjectAnalysis;
    use egui::accesskit::{Action, ActionData, ActionRequest, Role, TextSelection};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};

    /// The reader drawn on the demo project; its state is the view and the
    /// commands it sent.
    type ReaderHarness = Harness<'static, (ReaderView, Vec<Command>)>;

    /// A sentence of a demo article that frames Iran as persisting.
    const SENTENCE: &str = "Iran, meanwhile, has strengthened its hand.";

    /// The demo project with the reader on the article holding [`SENTENCE`]:
    /// the harness, the document's index and the sentence's byte range.
    fn reader_on_sentence(
        project: &Project,
        analysis: &ProjectAnalysis,
    ) -> (ReaderHarness, usize, Range<usize>) {
        let document = project
            .documents
            .iter()
            .position(|d| d.text.contains(SENTENCE))
            .expect("a demo article holds the sentence");
        let start = project.documents[document]
            .text
            .find(SENTENCE)
            .expect("found just above");
        let mut view = ReaderView::default();
        view.open(document, None);
        let mut harness =
            super::super::test_support::view_harness(project, analysis, view, ReaderView::ui);
        harness.run();
        (harness, document, start..start + SENTENCE.len())
    }

    /// Selects `span` of `text` in the document text widget the way an
    /// assistive technology does (a drag is impractical to aim in a test):
    /// focus the widget, then ask it through AccessKit to set its selection.
    /// The widget then reports the selection to the view exactly as after a
    /// drag.
    fn select(harness: &mut ReaderHarness, text: &str, span: &Range<usize>) {
        harness.get_by_role(Role::MultilineTextInput).focus();
        harness.run();
        let request = {
            let node = harness
                .get_by_role(Role::MultilineTextInput)
                .accesskit_node();
            let position = |byte: usize| {
                node.text_position_from_global_usv_index(text[..byte].chars().count())
                    .expect("the span lies in the text")
                    .to_raw()
            };
            let (target_node, target_tree) = node.locate();
            ActionRequest {
                action: Action::SetTextSelection,
                target_node,
                target_tree,
                data: Some(ActionData::SetTextSelection(TextSelection {
                    anchor: position(span.start),
                    focus: position(span.end),
                })),
            }
        };
        harness.event(egui::Event::AccessKitActionRequest(request));
        harness.run();
    }

    /// Opens the combo box labelled `combo` and clicks `option` in it.
    fn choose(harness: &mut ReaderHarness, combo: &str, option: &str) {
        harness.get_by_role_and_label(Role::ComboBox, combo).click();
        harness.run();
        harness.get_by_role_and_label(Role::Button, option).click();
        harness.run();
    }

    fn added(document: &Document, range: Range<usize>, actor: &str, frame: &str) -> Command {
        Command::Code {
            passage: PassageRef {
                document: document.id.clone(),
                range,
                actor: actor.into(),
                frame: frame.into(),
            },
            action: CodeAction::Add,
        }
    }

    #[test]
    fn a_selection_survives_choosing_actor_and_frame_and_is_added_with_them() {
        let (project, analysis) = super::super::test_support::demo();
        let (mut harness, document, span) = reader_on_sentence(&project, &analysis);
        let doc = &project.documents[document];
        // The defaults differ from the choice below, so the test sees it.
        assert_ne!(project.scheme.focal_actors[0], "Iran");
        assert_ne!(project.scheme.labels()[0], "persisting");
        select(&mut harness, &doc.text, &span);
        harness.get_by_label("Add passage");
        choose(&mut harness, "Actor", "Iran");
        choose(&mut harness, "Frame", "persisting");
        // The span is still there, quoted, after both boxes took the focus.
        let quote = format!("“{SENTENCE}”");
        harness.get_by_label(&quote);
        harness.get_by_label("Add passage").click();
        harness.run();
        assert_eq!(
            harness.state().1,
            vec![added(doc, span, "Iran", "persisting")]
        );
        // Added: the controls go.
        assert!(harness.query_by_label(&quote).is_none());
        assert!(harness.query_by_label("Add passage").is_none());
    }

    #[test]
    fn enter_adds_the_remembered_span() {
        let (project, analysis) = super::super::test_support::demo();
        let (mut harness, document, span) = reader_on_sentence(&project, &analysis);
        let doc = &project.documents[document];
        select(&mut harness, &doc.text, &span);
        choose(&mut harness, "Actor", "Iran");
        harness.key_press(Key::Enter);
        harness.run();
        let frame = project.scheme.labels()[0];
        assert_eq!(harness.state().1, vec![added(doc, span, "Iran", frame)]);
        assert!(harness.query_by_label("Add passage").is_none());
    }

    #[test]
    fn escape_closes_an_open_box_first_and_then_forgets_the_span() {
        let (project, analysis) = super::super::test_support::demo();
        let (mut harness, document, span) = reader_on_sentence(&project, &analysis);
        select(&mut harness, &project.documents[document].text, &span);
        choose(&mut harness, "Actor", "Iran");
        // Esc with the frame box open closes the box only.
        harness
            .get_by_role_and_label(Role::ComboBox, "Frame")
            .click();
        harness.run();
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "persisting")
                .is_some()
        );
        harness.key_press(Key::Escape);
        harness.run();
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "persisting")
                .is_none()
        );
        let quote = format!("“{SENTENCE}”");
        harness.get_by_label(&quote);
        harness.get_by_label("Add passage");
        // The next Esc cancels: the controls go, and Enter adds nothing.
        harness.key_press(Key::Escape);
        harness.run();
        assert!(harness.query_by_label(&quote).is_none());
        assert!(harness.query_by_label("Add passage").is_none());
        harness.key_press(Key::Enter);
        harness.run();
        assert_eq!(harness.state().1, Vec::new());
    }

    #[test]
    fn a_new_selection_scrolls_the_side_panel_to_its_controls() {
        let (project, analysis) = super::super::test_support::demo();
        let (mut harness, document, span) = reader_on_sentence(&project, &analysis);
        let doc = &project.documents[document];
        let last = analysis.documents[document]
            .framing
            .passages
            .last()
            .expect("the article has passages");
        let preview = ellipsize(doc.text[last.passage.range.clone()].trim(), 90);
        harness.get_by_label(&preview).scroll_to_me();
        harness.run();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
        let in_view = |harness: &Harness<'_, _>, label: &str| {
            screen.contains_rect(harness.get_by_label(label).rect())
        };
        assert!(
            !in_view(&harness, "Selection"),
            "the side panel is scrolled past its top"
        );
        select(&mut harness, &doc.text, &span);
        assert!(in_view(&harness, "Add passage"));
        assert!(in_view(&harness, &format!("“{SENTENCE}”")));
    }

    #[test]
    fn the_passage_list_marks_every_manual_decision() {
        let (project, mut analysis) = super::super::test_support::demo();
        let statuses = [
            CodeStatus::Accepted,
            CodeStatus::Rejected,
            CodeStatus::Relabelled,
            CodeStatus::Added,
        ];
        let document = analysis
            .documents
            .iter()
            .position(|d| d.framing.passages.len() >= statuses.len())
            .expect("a demo article has enough passages");
        let passages = &mut analysis.documents[document].framing.passages;
        for (p, status) in passages.iter_mut().zip(statuses) {
            p.status = Some(status);
        }
        let mut view = ReaderView::default();
        view.open(document, None);
        let mut harness =
            super::super::test_support::view_harness(&project, &analysis, view, ReaderView::ui);
        harness.run();
        // The framing view's words for each decision ("✔ accepted", …).
        let marks: Vec<String> = analysis.documents[document].framing.passages[..statuses.len()]
            .iter()
            .map(origin_text)
            .collect();
        for mark in &marks {
            assert!(!mark.starts_with("auto"), "{mark}");
            assert_eq!(harness.query_all_by_label(mark).count(), 1, "{mark}");
        }
    }
}
