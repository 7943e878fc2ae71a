//! Placeholder while the view is written.

use super::ViewCtx;

#[derive(Default)]
pub struct ReaderView {}

impl ReaderView {
    pub fn ui(&mut self, ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
        ui.label("reader");
    }
}

impl ReaderView {
    pub fn open(&mut self, _document: usize, _range: Option<std::ops::Range<usize>>) {}
}
