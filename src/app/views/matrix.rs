//! Placeholder while the view is written.

use super::ViewCtx;

#[derive(Default)]
pub struct MatrixView {}

impl MatrixView {
    pub fn ui(&mut self, ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
        ui.label("matrix");
    }
}
