//! Non-modal notifications ("toasts") in the bottom-right corner: errors stay
//! until closed, information fades after a few seconds.

use std::time::{Duration, Instant};

use egui::{Align2, RichText};

const INFO_LIFETIME: Duration = Duration::from_secs(6);
const MAX_SHOWN: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug)]
struct Notification {
    level: Level,
    text: String,
    shown: Instant,
}

/// The queue of notifications.
#[derive(Debug, Default)]
pub struct Notifications {
    items: Vec<Notification>,
}

impl Notifications {
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text.into());
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text.into());
    }

    fn push(&mut self, level: Level, text: String) {
        self.items.push(Notification {
            level,
            text,
            shown: Instant::now(),
        });
        if self.items.len() > MAX_SHOWN {
            self.items.remove(0);
        }
    }

    /// The texts currently shown (newest last); tests read them.
    pub fn texts(&self) -> Vec<(Level, &str)> {
        self.items
            .iter()
            .map(|n| (n.level, n.text.as_str()))
            .collect()
    }

    pub fn ui(&mut self, ctx: &egui::Context) {
        self.items
            .retain(|n| n.level == Level::Error || n.shown.elapsed() < INFO_LIFETIME);
        if self.items.is_empty() {
            return;
        }
        if self.items.iter().any(|n| n.level != Level::Error) {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
        let mut close = None;
        egui::Area::new(egui::Id::unique("notifications"))
            .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for (i, n) in self.items.iter().enumerate() {
                    let (icon, colour) = match n.level {
                        Level::Info => ("ℹ", ui.visuals().hyperlink_color),
                        Level::Warning => ("⚠", ui.visuals().warn_fg_color),
                        Level::Error => ("⚠", ui.visuals().error_fg_color),
                    };
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(icon).color(colour).strong());
                            ui.add(egui::Label::new(&n.text).wrap());
                            if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                                close = Some(i);
                            }
                        });
                    });
                    ui.add_space(4.0);
                }
            });
        if let Some(i) = close {
            self.items.remove(i);
        }
    }
}
