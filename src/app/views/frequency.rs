//! Placeholder while the view is written.

use super::ViewCtx;

#[derive(Default)]
pub struct FrequencyView {}

impl FrequencyView {
    pub fn ui(&mut self, ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
        ui.label("frequency");
    }
}
