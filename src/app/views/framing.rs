//! Placeholder while the view is written.

use super::ViewCtx;

#[derive(Default)]
pub struct FramingView {}

impl FramingView {
    pub fn ui(&mut self, ui: &mut egui::Ui, _ctx: &mut ViewCtx<'_>) {
        ui.label("framing");
    }
}
