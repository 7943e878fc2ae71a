//! The corpus: every document with its metadata, size and mentions of the
//! focal actors; sort, filter, include or exclude, edit metadata in place,
//! import more.

use std::collections::BTreeSet;

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::corpus::{Document, Metadata};
use crate::project::{Edit, Project};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;
use super::widgets::{colour_chip, read_button};

/// Columns the table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SortKey {
    #[default]
    Corpus,
    Title,
    Source,
    Date,
    Words,
    /// Mentions of the n-th focal actor.
    Focal(usize),
}

/// Which documents the table lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Show {
    #[default]
    All,
    Included,
    Excluded,
}

/// The corpus view's UI state.
#[derive(Default)]
pub struct CorpusView {
    filter: String,
    show: Show,
    sort: SortKey,
    descending: bool,
    /// Selected documents (project indices), for setting their source at once.
    selected: BTreeSet<usize>,
    /// The document a Shift-click selects from.
    anchor: Option<usize>,
    /// The source being typed for the selected documents, while asked.
    new_source: Option<String>,
    /// The source field has just opened and takes the keyboard.
    focus_source: bool,
}

/// Editable metadata fields.
#[derive(Clone, Copy)]
enum EditableField {
    Title,
    Source,
    Author,
    Date,
}

impl EditableField {
    fn get(self, meta: &Metadata) -> &str {
        match self {
            EditableField::Title => &meta.title,
            EditableField::Source => &meta.source,
            EditableField::Author => &meta.author,
            EditableField::Date => &meta.date,
        }
    }

    fn set(self, meta: &mut Metadata, value: String) {
        match self {
            EditableField::Title => meta.title = value,
            EditableField::Source => meta.source = value,
            EditableField::Author => meta.author = value,
            EditableField::Date => meta.date = value,
        }
    }

    fn name(self) -> &'static str {
        match self {
            EditableField::Title => "title",
            EditableField::Source => "source",
            EditableField::Author => "author",
            EditableField::Date => "date",
        }
    }
}

impl CorpusView {
    /// Document indices in display order.
    fn rows(&self, ctx: &ViewCtx<'_>, focal: &[usize]) -> Vec<usize> {
        let project = ctx.project;
        let mut rows: Vec<usize> = (0..project.documents.len())
            .filter(|&i| {
                let doc = &project.documents[i];
                let shown = match self.show {
                    Show::All => true,
                    Show::Included => doc.included,
                    Show::Excluded => !doc.included,
                };
                shown && doc.matches_filter(self.filter.trim())
            })
            .collect();
        let words = |i: usize| ctx.document_analysis(i).map_or(0, |a| a.scoped.words);
        let mentions = |i: usize, actor: usize| {
            ctx.document_analysis(i).map_or(0, |a| {
                a.scoped
                    .mentions
                    .iter()
                    .filter(|m| m.actor == actor)
                    .count()
            })
        };
        let docs = &project.documents;
        match self.sort {
            SortKey::Corpus => {}
            SortKey::Title => rows.sort_by_cached_key(|&i| docs[i].display_name().to_lowercase()),
            SortKey::Source => rows.sort_by_cached_key(|&i| docs[i].meta.source.to_lowercase()),
            SortKey::Date => rows.sort_by_cached_key(|&i| docs[i].meta.date.clone()),
            SortKey::Words => rows.sort_by_cached_key(|&i| words(i)),
            SortKey::Focal(k) => {
                if let Some(&actor) = focal.get(k) {
                    rows.sort_by_cached_key(|&i| mentions(i, actor));
                }
            }
        }
        if self.descending {
            rows.reverse();
        }
        rows
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        let project = ctx.project;
        let focal: Vec<usize> = project
            .scheme
            .focal_actors
            .iter()
            .filter_map(|name| project.dictionary.actor(name).map(|(i, _)| i))
            .collect();
        ui.horizontal(|ui| {
            if ui.button("Import files…").clicked() {
                ctx.send(Command::ImportFiles(None));
            }
            if ui.button("Import folder…").clicked() {
                ctx.send(Command::ImportFolder(None));
            }
            ui.separator();
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter by title, source, author, date…")
                    .desired_width(260.0),
            );
            if !self.filter.is_empty() && ui.button("Clear").clicked() {
                self.filter.clear();
            }
            ui.separator();
            ui.selectable_value(&mut self.show, Show::All, "All");
            ui.selectable_value(&mut self.show, Show::Included, "Included");
            ui.selectable_value(&mut self.show, Show::Excluded, "Excluded");
        });
        ui.separator();
        if project.documents.is_empty() {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.heading("No documents yet");
                ui.label(
                    "Import articles (.txt, .md, .html, .csv, .jsonl) with the buttons above, \
                     or drop files and folders on the window.",
                );
            });
            return;
        }
        let rows = self.rows(ctx, &focal);
        self.selected.retain(|&i| i < project.documents.len());
        ui.weak(format!(
            "{} of {} documents shown · click a column title to sort · click a cell to edit it \
             · click a row number to select (Ctrl/⌘ or Shift for several)",
            rows.len(),
            project.documents.len()
        ));
        self.selection_ui(ui, ctx, &rows);
        self.table_ui(ui, ctx, &rows, &focal);
    }

    /// The selected documents that are shown, in display order.
    fn chosen(&self, rows: &[usize]) -> Vec<usize> {
        rows.iter()
            .copied()
            .filter(|i| self.selected.contains(i))
            .collect()
    }

    /// What can be done with the selected rows: set their source at once.
    fn selection_ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>, rows: &[usize]) {
        let chosen = self.chosen(rows);
        if chosen.is_empty() {
            self.new_source = None;
            return;
        }
        let n = chosen.len();
        let documents = if n == 1 { "document" } else { "documents" };
        ui.horizontal(|ui| {
            ui.label(format!("{n} selected"));
            match &mut self.new_source {
                None => {
                    if ui
                        .button(format!("Set source of {n} {documents}…"))
                        .on_hover_text("Give the selected documents one source (one undo step)")
                        .clicked()
                    {
                        // Start from the source they share, if they share one.
                        let first = &ctx.project.documents[chosen[0]].meta.source;
                        let shared = chosen
                            .iter()
                            .all(|&i| &ctx.project.documents[i].meta.source == first);
                        self.new_source = Some(if shared { first.clone() } else { String::new() });
                        self.focus_source = true;
                    }
                    if ui.button("Clear selection").clicked() {
                        self.selected.clear();
                        self.anchor = None;
                    }
                }
                Some(source) => {
                    let label = ui.label("New source:");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(source)
                                .hint_text("outlet name")
                                .desired_width(220.0),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.focus_source) {
                        field.request_focus();
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let apply = ui.button(format!("Apply to {n} {documents}")).clicked();
                    let cancel = ui.button("Cancel").clicked();
                    if apply || enter {
                        let source = source.trim().to_string();
                        let changes = chosen.iter().map(|&i| (i, source.clone())).collect();
                        ctx.send(Command::edit(Edit::Sources(changes)));
                        self.new_source = None;
                    } else if cancel {
                        self.new_source = None;
                    }
                }
            }
        });
    }

    /// A click on the row showing document `document`: plain selects it alone
    /// (or clears a lone selection of it), Ctrl/⌘ adds or removes it, Shift
    /// selects every row from the last one clicked.
    fn click_row(&mut self, rows: &[usize], document: usize, modifiers: egui::Modifiers) {
        let position = |d: usize| rows.iter().position(|&r| r == d);
        match (
            modifiers.shift,
            self.anchor.and_then(position),
            position(document),
        ) {
            (true, Some(from), Some(to)) => {
                if !modifiers.command {
                    self.selected.clear();
                }
                self.selected.extend(&rows[from.min(to)..=from.max(to)]);
                return;
            }
            _ if modifiers.command => {
                if !self.selected.remove(&document) {
                    self.selected.insert(document);
                }
            }
            _ if self.selected.len() == 1 && self.selected.contains(&document) => {
                self.selected.clear();
            }
            _ => {
                self.selected.clear();
                self.selected.insert(document);
            }
        }
        self.anchor = Some(document);
    }

    fn header_ui(&mut self, ui: &mut egui::Ui, label: &str, key: SortKey) {
        let arrow = if self.sort == key {
            if self.descending { " ⏷" } else { " ⏶" }
        } else {
            ""
        };
        if ui
            .add(egui::Button::new(RichText::new(format!("{label}{arrow}")).strong()).frame(false))
            .on_hover_text(format!("Sort by {}", label.to_lowercase()))
            .clicked()
        {
            if self.sort == key {
                self.descending = !self.descending;
            } else {
                self.sort = key;
                self.descending = matches!(key, SortKey::Words | SortKey::Focal(_));
            }
        }
    }

    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut ViewCtx<'_>,
        rows: &[usize],
        focal: &[usize],
    ) {
        let project: &Project = ctx.project;
        let mut table = TableBuilder::new(ui)
            .id_salt("corpus table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(34.0))
            .column(Column::exact(34.0))
            .column(Column::initial(380.0).at_least(160.0).clip(true))
            .column(Column::initial(150.0).at_least(80.0).clip(true))
            .column(Column::initial(130.0).at_least(60.0).clip(true))
            .column(Column::initial(96.0).at_least(70.0))
            .column(Column::initial(64.0));
        for _ in focal {
            table = table.column(Column::initial(72.0));
        }
        table = table.column(Column::remainder().at_least(60.0));
        let mut commands = Vec::new();
        let mut clicked = None;
        table
            .header(26.0, |mut header| {
                header.col(|ui| {
                    ui.strong("#").on_hover_text(
                        "Click a row number to select the row; Ctrl/⌘-click adds or removes \
                         one, Shift-click selects a run",
                    );
                });
                header.col(|ui| {
                    ui.strong("In").on_hover_text("Included in the analysis");
                });
                header.col(|ui| self.header_ui(ui, "Title", SortKey::Title));
                header.col(|ui| self.header_ui(ui, "Source", SortKey::Source));
                header.col(|ui| {
                    ui.strong("Author");
                });
                header.col(|ui| self.header_ui(ui, "Date", SortKey::Date));
                header.col(|ui| self.header_ui(ui, "Words", SortKey::Words));
                for (k, &actor) in focal.iter().enumerate() {
                    header.col(|ui| {
                        colour_chip(ui, theme::colour(project.dictionary.actors[actor].colour));
                        self.header_ui(
                            ui,
                            &project.dictionary.actors[actor].name,
                            SortKey::Focal(k),
                        );
                    });
                }
                header.col(|ui| {
                    ui.strong("");
                });
            })
            .body(|body| {
                body.rows(26.0, rows.len(), |mut row| {
                    let position = row.index();
                    let i = rows[position];
                    let doc = &project.documents[i];
                    let analysis = ctx.document_analysis(i);
                    let selected = self.selected.contains(&i);
                    row.set_selected(selected);
                    row.col(|ui| {
                        let number = ui
                            .add(egui::Button::selectable(
                                selected,
                                (position + 1).to_string(),
                            ))
                            .on_hover_text("Select (Ctrl/⌘ or Shift to select several)");
                        if number.clicked() {
                            clicked = Some(i);
                        }
                    });
                    row.col(|ui| {
                        let mut included = doc.included;
                        let hover = if let Some(of) = &doc.duplicate_of {
                            format!("Duplicate of {of}: left out unless you include it")
                        } else {
                            "Include this document in counts, plots and framing".to_string()
                        };
                        if ui
                            .checkbox(&mut included, "")
                            .on_hover_text(hover)
                            .changed()
                        {
                            commands.push(Command::edit(Edit::Included {
                                document: i,
                                included,
                            }));
                        }
                    });
                    for field in [
                        EditableField::Title,
                        EditableField::Source,
                        EditableField::Author,
                        EditableField::Date,
                    ] {
                        row.col(|ui| metadata_cell_ui(ui, doc, i, field, &mut commands));
                    }
                    row.col(|ui| {
                        ui.label(analysis.map_or("…".into(), |a| a.scoped.words.to_string()));
                    });
                    for &actor in focal {
                        row.col(|ui| {
                            let n = analysis.map(|a| {
                                a.scoped
                                    .mentions
                                    .iter()
                                    .filter(|m| m.actor == actor)
                                    .count()
                            });
                            match n {
                                Some(0) => {
                                    ui.weak("0");
                                }
                                Some(n) => {
                                    ui.label(n.to_string());
                                }
                                None => {
                                    ui.weak("…");
                                }
                            }
                        });
                    }
                    row.col(|ui| read_button(ui, i, &mut commands));
                    // A click on the row outside its fields and buttons.
                    if row.response().clicked() {
                        clicked = Some(i);
                    }
                });
            });
        if let Some(document) = clicked {
            let modifiers = click_modifiers(ui);
            self.click_row(rows, document, modifiers);
        }
        for c in commands {
            ctx.send(c);
        }
    }
}

/// The modifier keys held at this frame's click: those of the button
/// release itself (they may have changed since within the frame).
fn click_modifiers(ui: &egui::Ui) -> egui::Modifiers {
    ui.input(|i| {
        i.events
            .iter()
            .rev()
            .find_map(|e| match e {
                egui::Event::PointerButton {
                    button: egui::PointerButton::Primary,
                    pressed: false,
                    modifiers,
                    ..
                } => Some(*modifiers),
                _ => None,
            })
            .unwrap_or(i.modifiers)
    })
}

/// A metadata field edited in place: looks like text, edits on click; each
/// keystroke is an edit, and a burst of typing undoes as one.
fn metadata_cell_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    index: usize,
    field: EditableField,
    commands: &mut Vec<Command>,
) {
    let mut value = field.get(&doc.meta).to_string();
    let response = ui.add(
        egui::TextEdit::singleline(&mut value)
            .frame(egui::Frame::NONE)
            .hint_text(format!("no {}", field.name()))
            .desired_width(f32::INFINITY)
            // Fill the row and centre the text, level with the other cells.
            .min_size(egui::vec2(0.0, ui.available_height()))
            .align(egui::Align2::LEFT_CENTER),
    );
    if response.changed() {
        let mut meta = doc.meta.clone();
        field.set(&mut meta, value);
        commands.push(Command::edit_keyed(
            Edit::Metadata {
                document: index,
                meta,
            },
            format!("meta:{index}:{}", field.name()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    fn harness() -> egui_kittest::Harness<'static, (CorpusView, Vec<Command>)> {
        let (project, analysis) = super::super::test_support::demo();
        let mut harness = super::super::test_support::view_harness(
            &project,
            &analysis,
            CorpusView::default(),
            CorpusView::ui,
        );
        harness.run();
        harness
    }

    #[test]
    fn two_selected_rows_get_one_source_in_one_edit() {
        let mut harness = harness();
        harness.get_by_role_and_label(Role::Button, "1").click();
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "2")
            .click_modifiers(egui::Modifiers::COMMAND);
        harness.run();
        harness.get_by_label("2 selected");
        harness.get_by_label("Set source of 2 documents…").click();
        harness.run();
        // The two sources differ: the field starts empty.
        harness
            .get_by_label("New source:")
            .type_text("Kura Institute");
        harness.run();
        harness.get_by_label("Apply to 2 documents").click();
        harness.run();
        let sent = &harness.state().1;
        assert_eq!(
            sent,
            &vec![Command::edit(Edit::Sources(vec![
                (0, "Kura Institute".into()),
                (1, "Kura Institute".into()),
            ]))]
        );
    }

    #[test]
    fn clicks_select_one_row_ctrl_toggles_and_shift_selects_a_run() {
        let rows = [4, 2, 7, 1, 3];
        let mut view = CorpusView::default();
        let (plain, ctrl, shift) = (
            egui::Modifiers::NONE,
            egui::Modifiers::COMMAND,
            egui::Modifiers::SHIFT,
        );
        let steps: &[(usize, egui::Modifiers, &[usize])] = &[
            (2, plain, &[2]),
            (1, ctrl, &[1, 2]),
            (2, ctrl, &[1]),
            // From the last row clicked (2) to 3, in display order.
            (3, shift, &[1, 2, 3, 7]),
            (4, plain, &[4]),
            (4, plain, &[]),
            (7, plain, &[7]),
            (3, ctrl | shift, &[1, 3, 7]),
        ];
        for &(document, modifiers, want) in steps {
            view.click_row(&rows, document, modifiers);
            let got: Vec<usize> = view.selected.iter().copied().collect();
            assert_eq!(got, want, "after clicking {document} with {modifiers:?}");
        }
    }
}
