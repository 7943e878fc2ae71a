//! The corpus: every document with its metadata, size and mentions of the
//! focal actors; sort, filter, include or exclude, edit metadata in place,
//! import more.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::corpus::{Document, Metadata};
use crate::project::Project;

use super::super::command::{Command, Edit};
use super::super::theme;
use super::ViewCtx;
use super::widgets::colour_chip;

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
}

/// Editable metadata fields.
#[derive(Clone, Copy)]
enum Field {
    Title,
    Source,
    Author,
    Date,
}

impl Field {
    fn get(self, meta: &Metadata) -> &str {
        match self {
            Field::Title => &meta.title,
            Field::Source => &meta.source,
            Field::Author => &meta.author,
            Field::Date => &meta.date,
        }
    }

    fn set(self, meta: &mut Metadata, value: String) {
        match self {
            Field::Title => meta.title = value,
            Field::Source => meta.source = value,
            Field::Author => meta.author = value,
            Field::Date => meta.date = value,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Source => "source",
            Field::Author => "author",
            Field::Date => "date",
        }
    }
}

/// Whether `doc` matches the filter text (case-insensitive, any metadata).
fn matches_filter(doc: &Document, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let filter = filter.to_lowercase();
    [
        &doc.meta.title,
        &doc.meta.source,
        &doc.meta.author,
        &doc.meta.date,
        &doc.meta.origin,
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(&filter))
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
                shown && matches_filter(doc, self.filter.trim())
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
        ui.weak(format!(
            "{} of {} documents shown · click a column title to sort · click a cell to edit it",
            rows.len(),
            project.documents.len()
        ));
        self.table_ui(ui, ctx, &rows, &focal);
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
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
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
        table
            .header(26.0, |mut header| {
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
                    let i = rows[row.index()];
                    let doc = &project.documents[i];
                    let analysis = ctx.document_analysis(i);
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
                    for field in [Field::Title, Field::Source, Field::Author, Field::Date] {
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
                    row.col(|ui| {
                        if ui
                            .button("Read")
                            .on_hover_text("Open this document in the reader")
                            .clicked()
                        {
                            commands.push(Command::OpenReader {
                                document: i,
                                range: None,
                            });
                        }
                    });
                });
            });
        for c in commands {
            ctx.send(c);
        }
    }
}

/// A metadata field edited in place: looks like text, edits on click; each
/// keystroke is an edit, and a burst of typing undoes as one.
fn metadata_cell_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    index: usize,
    field: Field,
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

    #[test]
    fn the_filter_looks_at_every_metadata_field_ignoring_case() {
        let mut doc = Document {
            id: "x".into(),
            meta: Metadata::default(),
            text: String::new(),
            body: Vec::new(),
            included: true,
            duplicate_of: None,
            memo: String::new(),
        };
        doc.meta.source = "Caspian Ledger".into();
        doc.meta.author = "Aysel Məmmədova".into();
        assert!(matches_filter(&doc, "caspian"));
        assert!(matches_filter(&doc, "MƏMMƏD"));
        assert!(!matches_filter(&doc, "steppe"));
        assert!(matches_filter(&doc, ""));
    }
}
