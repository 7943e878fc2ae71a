//! Design tokens in one place: fonts, colours of actors and frames, spacing,
//! light and dark themes, UI scale.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, Stroke};
use serde::{Deserialize, Serialize};

use crate::actors::Colour;
use crate::framing::FrameScheme;

/// DejaVu Sans (Bitstream Vera licence, see `assets/fonts/DejaVu-LICENSE.txt`):
/// a fallback for glyphs egui's bundled fonts lack, such as `ə` in Azərbaycan,
/// so every corpus string renders on every OS without relying on system fonts.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FALLBACK_NAME: &str = "DejaVuSans";

/// Space between groups of controls.
pub const GAP: f32 = 8.0;

/// egui's fonts, with DejaVu Sans added at the lowest priority.
pub fn fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        FALLBACK_NAME.to_owned(),
        Arc::new(FontData::from_static(FALLBACK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(FALLBACK_NAME.to_owned());
    }
    fonts
}

/// Installs fonts and our style tweaks on a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(fonts());
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
        style.spacing.interact_size.y = 22.0;
        // Desktop users expect to see that a long list scrolls: scroll bars
        // stay visible instead of floating in on hover.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
    });
}

/// The colour theme the user picked (`--theme light` on the command line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// An actor's or frame's colour as egui wants it.
pub fn colour(c: Colour) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// A soft background for highlighting text in `c`, readable in both themes.
pub fn highlight(c: Color32, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 90 } else { 60 };
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
}

/// The neutral frame's colour: a grey that reads in both themes.
pub const NEUTRAL: Color32 = Color32::from_rgb(0x8a, 0x8f, 0x98);

/// The colour of a frame label (`neutral`, an evaluative frame, `mixed`,
/// `absent`).
pub fn frame_colour(scheme: &FrameScheme, label: &str) -> Color32 {
    if let Some(frame) = scheme.frames.iter().find(|f| f.name == label) {
        colour(frame.colour)
    } else if label == crate::framing::MIXED {
        Color32::from_rgb(0xb0, 0x7c, 0xc6)
    } else {
        NEUTRAL
    }
}

/// The stroke around manual decisions, so they stand out from automatic ones.
pub fn manual_stroke(ui: &egui::Ui) -> Stroke {
    Stroke::new(2.0, ui.visuals().selection.stroke.color)
}

/// The background of a label drawn over a chart (a bar's value on hover):
/// the theme's popup frame (window fill, stroke, rounding and shadow) with
/// the fill made opaque, so the label reads over the bars and grid behind it
/// in light and dark themes alike.
pub fn hover_label_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::popup(style).fill(style.visuals.window_fill().to_opaque())
}

/// Text colour that reads on top of `background`.
pub fn text_on(background: Color32) -> Color32 {
    let luma = 0.299 * background.r() as f32
        + 0.587 * background.g() as f32
        + 0.114 * background.b() as f32;
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_labels_are_opaque_and_themed_in_both_themes() {
        for visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            let dark = visuals.dark_mode;
            let style = egui::Style {
                visuals: visuals.clone(),
                ..Default::default()
            };
            let frame = hover_label_frame(&style);
            assert!(frame.fill.is_opaque(), "dark {dark}: {:?}", frame.fill);
            assert_eq!(frame.fill, visuals.window_fill, "dark {dark}");
            assert_eq!(frame.stroke, visuals.window_stroke, "dark {dark}");
            // A theme with a see-through window fill still gets an opaque label.
            let mut see_through = style.clone();
            see_through.visuals.window_fill = Color32::from_black_alpha(100);
            assert!(hover_label_frame(&see_through).fill.is_opaque());
        }
    }

    #[test]
    fn every_letter_of_the_corpus_has_a_glyph() {
        let ctx = egui::Context::default();
        install(&ctx);
        // Fonts are loaded on the first frame (whose texture updates we drop).
        ctx.run_ui(Default::default(), |_| {})
            .textures_delta
            .clear();
        let font = egui::FontId::proportional(14.0);
        for text in [
            "Azərbaycan",
            "Bakı",
            "Türkiye",
            "Erdoğan",
            "“quotes” – dashes — ’s",
        ] {
            for c in text.chars() {
                assert!(
                    ctx.fonts_mut(|f| f.has_glyph(&font, c)),
                    "no glyph for {c:?} in {text}"
                );
            }
        }
    }

    #[test]
    fn without_the_fallback_schwa_is_missing() {
        // Pins why the fallback font is bundled: if egui ever ships `ə`,
        // this fails and the bundled font can be reconsidered.
        let ctx = egui::Context::default();
        ctx.run_ui(Default::default(), |_| {})
            .textures_delta
            .clear();
        let font = egui::FontId::proportional(14.0);
        assert!(!ctx.fonts_mut(|f| f.has_glyph(&font, 'ə')));
    }
}
