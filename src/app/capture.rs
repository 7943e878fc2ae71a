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

/// Where a capture is.
enum Phase {
    /// Waiting for the zoom to reach the capture's pixels per point.
    Zoom,
    /// Waiting for the window to grow so the layout keeps its size in points.
    Resize,
    /// Drawing a few frames so layout settles and popups close.
    Settle(u32),
    /// Waiting for the window system's pixels.
    Shoot(Receiver<Arc<ColorImage>>),
}

/// A capture in progress.
pub struct Capture {
    pub request: CaptureRequest,
    pub path: PathBuf,
    /// The picture is a figure (the view alone, or a render): views leave
    /// out their controls while it is taken (see [`figure_only`]).
    figure: bool,
    phase: Phase,
    /// Frames spent in the current phase (to give up rather than hang).
    frames: u32,
    /// The window's size in points when the capture began.
    logical: egui::Vec2,
    /// Zoom and pixels per point to return to after a 2× capture.
    restore: Option<(f32, f32)>,
}

/// After a 2× capture: the window shrinks back once the zoom is restored
/// (a resize is measured in the pixels per point of the frame it is sent in).
pub struct Restore {
    ppp: f32,
    logical: egui::Vec2,
}

impl Restore {
    /// Sends the resize once the zoom is back; true when done.
    pub fn step(&self, ctx: &egui::Context) -> bool {
        if (ctx.pixels_per_point() - self.ppp).abs() < 0.01 {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(self.logical));
            true
        } else {
            ctx.request_repaint();
            false
        }
    }
}

/// Frames to wait for the zoom or the window size before giving up.
const PATIENCE: u32 = 90;

/// What a finished capture produced.
pub enum CaptureOutcome {
    Saved { path: PathBuf, size: [usize; 2] },
    Failed(String),
}

impl Capture {
    /// Starts a capture. For a scale other than the screen's, the UI is
    /// zoomed and the window grown so the layout stays as it is on screen.
    pub fn start(ctx: &egui::Context, request: CaptureRequest, path: PathBuf) -> Self {
        let ppp = ctx.pixels_per_point();
        let logical = ctx.content_rect().size();
        let (phase, restore) = if (request.scale - ppp).abs() > 0.01 {
            let zoom = ctx.zoom_factor();
            ctx.set_zoom_factor(zoom * request.scale / ppp);
            (Phase::Zoom, Some((zoom, ppp)))
        } else {
            (Phase::Settle(3), None)
        };
        Self {
            figure: request.area == CaptureArea::View,
            request,
            path,
            phase,
            frames: 0,
            logical,
            restore,
        }
    }

    /// A capture for `framescope render`: the window already has the figure's
    /// size and zoom, so nothing is resized or restored.
    pub fn for_render(request: CaptureRequest, path: PathBuf) -> Self {
        Self {
            figure: true,
            request,
            path,
            phase: Phase::Settle(6),
            frames: 0,
            logical: egui::Vec2::ZERO,
            restore: None,
        }
    }

    /// Before drawing a frame: nothing may float over the picture, and a
    /// figure leaves out the view's controls.
    pub fn before_frame(&self, ctx: &egui::Context) {
        egui::Popup::close_all(ctx);
        ctx.all_styles_mut(|s| s.interaction.tooltip_delay = f32::INFINITY);
        set_figure_only(ctx, self.figure);
    }

    /// After drawing a frame: moves the capture on (`ready` is false while
    /// background work would still change the view) and turns the picture
    /// into a PNG when it arrives.
    pub fn after_frame(
        &mut self,
        ctx: &egui::Context,
        ready: bool,
        view_rect: Rect,
        project: &Project,
    ) -> Option<CaptureOutcome> {
        ctx.request_repaint();
        self.frames += 1;
        let outcome = match &self.phase {
            Phase::Zoom => {
                if (ctx.pixels_per_point() - self.request.scale).abs() < 0.01 {
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(self.logical));
                    self.phase = Phase::Resize;
                    self.frames = 0;
                    return None;
                }
                if self.frames < PATIENCE {
                    return None;
                }
                CaptureOutcome::Failed("the interface could not be zoomed for the capture".into())
            }
            Phase::Resize => {
                if (ctx.content_rect().size() - self.logical).length() < 1.0 {
                    self.phase = Phase::Settle(3);
                    return None;
                }
                if self.frames < PATIENCE {
                    return None;
                }
                CaptureOutcome::Failed(format!(
                    "the window could not grow to {:.0}×{:.0} pixels for a {}× capture (the \
                     screen may be too small); capture at 1×, or use `framescope render --scale {}`",
                    self.logical.x * self.request.scale,
                    self.logical.y * self.request.scale,
                    self.request.scale,
                    self.request.scale
                ))
            }
            Phase::Settle(n) => {
                if *n > 0 || !ready {
                    self.phase = Phase::Settle(n.saturating_sub(1));
                    return None;
                }
                let (sender, receiver) = channel();
                ctx.request_screenshot(move |image| {
                    // The receiver only goes away when the capture was abandoned.
                    let _ = sender.send(image);
                });
                self.phase = Phase::Shoot(receiver);
                return None;
            }
            Phase::Shoot(receiver) => match receiver.try_recv() {
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    CaptureOutcome::Failed("the window system gave no screenshot".into())
                }
                Ok(image) => self.save(ctx, &image, view_rect, project),
            },
        };
        Some(outcome)
    }

    fn save(
        &self,
        ctx: &egui::Context,
        image: &ColorImage,
        view_rect: Rect,
        project: &Project,
    ) -> CaptureOutcome {
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
            return CaptureOutcome::Failed("the view has no visible area".into());
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
            Ok(()) => CaptureOutcome::Saved {
                path: self.path.clone(),
                size,
            },
            Err(e) => CaptureOutcome::Failed(e.to_string()),
        }
    }

    /// Puts tooltips and the zoom back; the returned [`Restore`] shrinks the
    /// window once the zoom has taken effect.
    pub fn finish(&self, ctx: &egui::Context) -> Option<Restore> {
        set_figure_only(ctx, false);
        ctx.all_styles_mut(|s| {
            s.interaction.tooltip_delay = egui::style::Interaction::default().tooltip_delay;
        });
        let (zoom, ppp) = self.restore?;
        ctx.set_zoom_factor(zoom);
        Some(Restore {
            ppp,
            logical: self.logical,
        })
    }
}

fn figure_only_id() -> egui::Id {
    egui::Id::unique("framescope capture: figure only")
}

/// Whether the frame being drawn is a figure: a capture of the view or a
/// `framescope render`. Views then draw their content with a title instead of
/// their toolbars (plot, axes, legend and title, no buttons), and nothing that
/// follows the pointer.
pub fn figure_only(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(figure_only_id()))
        .unwrap_or(false)
}

/// Marks the frames that follow as a figure or not (see [`figure_only`]).
pub fn set_figure_only(ctx: &egui::Context, on: bool) {
    ctx.data_mut(|d| {
        if on {
            d.insert_temp(figure_only_id(), true);
        } else {
            d.remove::<bool>(figure_only_id());
        }
    });
}

/// A file name for a capture: project, view and date, e.g.
/// `demo-russia-frequency-2026-11-23.png`.
pub fn default_file_name(project: &str, view: &str) -> String {
    let date = crate::framing::now();
    let day = date.get(..10).unwrap_or("today");
    format!(
        "{}-{}-{day}.png",
        super::file_questions::file_stem_of(project),
        view.to_lowercase().replace(' ', "-")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(area: CaptureArea) -> CaptureRequest {
        CaptureRequest {
            area,
            scale: 1.0,
            path: None,
        }
    }

    #[test]
    fn captures_of_the_view_and_renders_are_figures_until_they_finish() {
        let ctx = egui::Context::default();
        assert!(!figure_only(&ctx));
        // The view alone: a figure while it is taken, and not after.
        let capture = Capture::start(&ctx, request(CaptureArea::View), "v.png".into());
        capture.before_frame(&ctx);
        assert!(figure_only(&ctx));
        assert!(capture.finish(&ctx).is_none());
        assert!(!figure_only(&ctx));
        // The whole window is a screenshot of the app, controls included.
        let capture = Capture::start(&ctx, request(CaptureArea::Window), "w.png".into());
        capture.before_frame(&ctx);
        assert!(!figure_only(&ctx));
        capture.finish(&ctx);
        // `framescope render` draws the view alone, so it is a figure.
        let render = Capture::for_render(request(CaptureArea::Window), "r.png".into());
        render.before_frame(&ctx);
        assert!(figure_only(&ctx));
        render.finish(&ctx);
        assert!(!figure_only(&ctx));
    }

    #[test]
    fn capture_file_names_name_project_view_and_day() {
        let name = default_file_name("Demo: Russia", "Frame scheme");
        assert!(name.starts_with("demo--russia-frame-scheme-20"), "{name}");
        assert!(name.ends_with(".png"));
    }
}
