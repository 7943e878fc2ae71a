//! Placeholder while the view is written.

use super::ViewCtx;

#[derive(Default)]
pub struct DictionaryView {}

impl DictionaryView {
    pub fn ui(&mut self, ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
        ui.label("dictionary");
    }
}
