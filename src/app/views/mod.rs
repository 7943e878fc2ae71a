//! The views: each is a type with its own UI state and a `ui` method that
//! reads the project and its analysis and sends [`Command`]s. The app only
//! arranges them.

mod actor_picker;
mod corpus;
mod dictionary;
mod dispersion;
mod format;
mod framing;
mod frequency;
mod matrix;
mod reader;
mod scheme;
mod scheme_weights;
#[cfg(test)]
mod test_support;
mod widgets;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analysis::{DocumentAnalysis, ProjectAnalysis};
use crate::project::Project;

use super::command::Command;

/// Which view is in front (named in lower case on the command line:
/// `--view matrix`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
pub enum ViewKind {
    Corpus,
    Reader,
    #[default]
    Frequency,
    Dispersion,
    Framing,
    Matrix,
    Dictionary,
    Scheme,
}

impl ViewKind {
    /// Every view, in tab order.
    pub const ALL: [ViewKind; 8] = [
        ViewKind::Corpus,
        ViewKind::Reader,
        ViewKind::Frequency,
        ViewKind::Dispersion,
        ViewKind::Framing,
        ViewKind::Matrix,
        ViewKind::Dictionary,
        ViewKind::Scheme,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ViewKind::Corpus => "Corpus",
            ViewKind::Reader => "Reader",
            ViewKind::Frequency => "Frequency",
            ViewKind::Dispersion => "Dispersion",
            ViewKind::Framing => "Framing",
            ViewKind::Matrix => "Matrix",
            ViewKind::Dictionary => "Dictionary",
            ViewKind::Scheme => "Frame scheme",
        }
    }
}

/// What a view reads and where it sends its commands.
pub struct ViewCtx<'a> {
    pub project: &'a Project,
    /// The latest analysis if it fits the project ([`ProjectAnalysis::fits`]):
    /// `None` before the first one finishes and while the documents,
    /// dictionary or scope have changed since the last one.
    pub analysis: Option<&'a ProjectAnalysis>,
    pub commands: &'a mut Vec<Command>,
    /// Changes whenever the project or its analysis changes (caches of
    /// derived data key on it and on [`ProjectAnalysis::generation`]).
    pub revision: u64,
    /// Learning rule weights from the analyst's decisions (the scheme view).
    pub learning: &'a LearningState,
}

/// Learning rule weights from the analyst's decisions: whether it runs, and
/// what it last gave.
#[derive(Debug, Default)]
pub struct LearningState {
    pub running: bool,
    /// The fingerprint of the scheme learning started from, and its outcome.
    pub result: Option<(String, Result<crate::framing::Learned, String>)>,
}

impl<'a> ViewCtx<'a> {
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The analysis of document `index`, once there is one that fits.
    pub fn document_analysis(&self, index: usize) -> Option<&'a DocumentAnalysis> {
        self.analysis?.documents.get(index)
    }
}

/// All views and their UI state.
pub struct Views {
    pub current: ViewKind,
    corpus: corpus::CorpusView,
    reader: reader::ReaderView,
    frequency: frequency::FrequencyView,
    dispersion: dispersion::DispersionView,
    framing: framing::FramingView,
    matrix: matrix::MatrixView,
    dictionary: dictionary::DictionaryView,
    scheme: scheme::SchemeView,
}

impl Views {
    pub fn new(current: ViewKind) -> Self {
        Self {
            current,
            corpus: Default::default(),
            reader: Default::default(),
            frequency: Default::default(),
            dispersion: Default::default(),
            framing: Default::default(),
            matrix: Default::default(),
            dictionary: Default::default(),
            scheme: Default::default(),
        }
    }

    /// Forgets selections that belonged to the previous project.
    pub fn project_replaced(&mut self) {
        let current = self.current;
        *self = Self::new(current);
    }

    /// Brings the reader to the front on `document`, scrolled to `range`.
    pub fn open_reader(&mut self, document: usize, range: Option<Range<usize>>) {
        self.reader.open(document, range);
        self.current = ViewKind::Reader;
    }

    /// Where the frequency chart drew the bar of `actor` in bar group
    /// `group` in the last frame (UI tests click there).
    pub fn frequency_bar_position(&self, group: usize, actor: usize) -> Option<egui::Pos2> {
        self.frequency.bar_position(group, actor)
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
        if ctx.project.documents.is_empty()
            && !matches!(
                self.current,
                ViewKind::Corpus | ViewKind::Dictionary | ViewKind::Scheme
            )
        {
            widgets::empty_project_ui(ui, ctx);
            return;
        }
        match self.current {
            ViewKind::Corpus => self.corpus.ui(ui, ctx),
            ViewKind::Reader => self.reader.ui(ui, ctx),
            ViewKind::Frequency => self.frequency.ui(ui, ctx),
            ViewKind::Dispersion => self.dispersion.ui(ui, ctx),
            ViewKind::Framing => self.framing.ui(ui, ctx),
            ViewKind::Matrix => self.matrix.ui(ui, ctx),
            ViewKind::Dictionary => self.dictionary.ui(ui, ctx),
            ViewKind::Scheme => self.scheme.ui(ui, ctx),
        }
    }
}

/// The row of view tabs under the menu bar.
pub fn tab_bar_ui(ui: &mut egui::Ui, current: ViewKind, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for view in ViewKind::ALL {
            let text = view.label();
            if ui
                .selectable_label(current == view, text)
                .on_hover_text(format!("Show the {} view", view.label().to_lowercase()))
                .clicked()
            {
                commands.push(Command::ShowView(view));
            }
        }
    });
}
