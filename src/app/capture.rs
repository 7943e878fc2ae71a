//! Screenshots of the window or of the view in front, at 1× or 2× pixels
//! per point, as the user sees them but without menus or tooltips over them.
//! The same code serves the in-app "Capture" commands and `framescope
//! render`, so a scripted figure has exactly the app's pixels.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{ColorImage, Rect};

use crate::project::Project;
use crate::report::{Provenance, encode_png, write_atomic};

/// What part of the window a capture keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureArea {
    /// The whole window.
    Window,
    /// The view in front (below the tabs, above the status bar).
    View,
}

/// A screenshot to take.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptureRequest {
    pub area: CaptureArea,
    /// Pixels per point of the image: 1 for the screen's size, 2 for print.
    pub scale: f32,
    /// `None` asks with a save dialog.
    pub path: Option<PathBuf>,
}

/// A capture in progress.
pub struct Capture {
    pub request: CaptureRequest,
    pub path: PathBuf,
    /// Frames to draw before taking the picture (layout settles, tooltips
    /// and popups close, a resized window is redrawn).
    frames_to_settle: u32,
    /// The zoom to restore when the capture changed it for 2×.
    restore: Option<(f32, egui::Vec2)>,
    image: Option<Receiver<Arc<ColorImage>>>,
}

/// What a finished capture produced.
pub enum Outcome {
    Saved { path: PathBuf, size: [usize; 2] },
    Failed(String),
}

impl Capture {
    /// Starts a capture: switches tooltips off and, for a scale other than the
    /// current one, zooms the UI and grows the window to keep its layout.
    pub fn start(ctx: &egui::Context, request: CaptureRequest, path: PathBuf) -> Self {
        let ppp = ctx.pixels_per_point();
        let restore = if (request.scale - ppp).abs() > 0.01 {
            let zoom = ctx.zoom_factor();
            let size = ctx.content_rect().size();
            ctx.set_zoom_factor(zoom * request.scale / ppp);
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            Some((zoom, size))
        } else {
            None
        };
        Self {
            request,
            path,
            frames_to_settle: if restore.is_some() { 8 } else { 3 },
            restore,
            image: None,
        }
    }

    /// A capture for `framescope render`: the window already has the figure's
    /// size and zoom, so nothing is resized or restored.
    pub fn for_render(request: CaptureRequest, path: PathBuf) -> Self {
        Self {
            request,
            path,
            frames_to_settle: 6,
            restore: None,
            image: None,
        }
    }

    /// Before drawing a frame: nothing may float over the picture.
    pub fn before_frame(&self, ctx: &egui::Context) {
        egui::Popup::close_all(ctx);
        ctx.all_styles_mut(|s| s.interaction.tooltip_delay = f32::INFINITY);
    }

    /// After drawing a frame: asks for the picture once things have settled
    /// (`ready` is false while background work would still change the view),
    /// and turns it into a PNG when it arrives.
    pub fn after_frame(
        &mut self,
        ctx: &egui::Context,
        ready: bool,
        view_rect: Rect,
        project: &Project,
    ) -> Option<Outcome> {
        let Some(receiver) = &self.image else {
            if self.frames_to_settle > 0 || !ready {
                self.frames_to_settle = self.frames_to_settle.saturating_sub(1);
                ctx.request_repaint();
                return None;
            }
            let (sender, receiver) = channel();
            ctx.request_screenshot(move |image| {
                // The receiver only goes away when the capture was abandoned.
                let _ = sender.send(image);
            });
            self.image = Some(receiver);
            ctx.request_repaint();
            return None;
        };
        let outcome = match receiver.try_recv() {
            Err(TryRecvError::Empty) => {
                ctx.request_repaint();
                return None;
            }
            Err(TryRecvError::Disconnected) => {
                Outcome::Failed("the window system gave no screenshot".into())
            }
            Ok(image) => self.save(ctx, &image, view_rect, project),
        };
        self.finish(ctx);
        Some(outcome)
    }

    fn save(
        &self,
        ctx: &egui::Context,
        image: &ColorImage,
        view_rect: Rect,
        project: &Project,
    ) -> Outcome {
        let [w, h] = image.size;
        let (x0, y0, x1, y1) = match self.request.area {
            CaptureArea::Window => (0, 0, w, h),
            CaptureArea::View => {
                let ppp = ctx.pixels_per_point();
                let px = |v: f32, max: usize| ((v * ppp).round().max(0.0) as usize).min(max);
                (
                    px(view_rect.min.x, w),
                    px(view_rect.min.y, h),
                    px(view_rect.max.x, w),
                    px(view_rect.max.y, h),
                )
            }
        };
        if x1 <= x0 || y1 <= y0 {
            return Outcome::Failed("the view has no visible area".into());
        }
        let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
        for y in y0..y1 {
            for pixel in &image.pixels[y * w + x0..y * w + x1] {
                rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
            }
        }
        let size = [x1 - x0, y1 - y0];
        let png = encode_png(
            size[0] as u32,
            size[1] as u32,
            &rgba,
            &Provenance::of(project),
        );
        match png.and_then(|bytes| write_atomic(&self.path, &bytes)) {
            Ok(()) => Outcome::Saved {
                path: self.path.clone(),
                size,
            },
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    /// Puts zoom, window size and tooltips back as they were.
    pub fn finish(&self, ctx: &egui::Context) {
        ctx.all_styles_mut(|s| {
            s.interaction.tooltip_delay = egui::style::Interaction::default().tooltip_delay;
        });
        if let Some((zoom, size)) = self.restore {
            ctx.set_zoom_factor(zoom);
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
    }
}

/// A file name for a capture: project, view and date, e.g.
/// `demo-russia-frequency-2026-11-23.png`.
pub fn default_file_name(project: &str, view: &str) -> String {
    let date = crate::framing::now();
    let day = date.get(..10).unwrap_or("today");
    format!(
        "{}-{}-{day}.png",
        super::file_stem_of(project),
        view.to_lowercase().replace(' ', "-")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_file_names_name_project_view_and_day() {
        let name = default_file_name("Demo: Russia", "Frame scheme");
        assert!(name.starts_with("demo--russia-frame-scheme-20"), "{name}");
        assert!(name.ends_with(".png"));
    }
}
