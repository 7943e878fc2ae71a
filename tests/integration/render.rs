//! `framescope render`: every view of the demo project drawn by the real app
//! in a virtual X display, at 1× and 2×, checked for size and content.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A private Xvfb display, killed when dropped.
struct VirtualDisplay {
    child: Child,
    name: String,
}

impl VirtualDisplay {
    fn start() -> Self {
        let number = (90..200)
            .find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())
            .expect("a free X display number");
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([&name, "-screen", "0", "3400x2200x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (install the Debian package `xvfb`; .ci/run does)");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "Xvfb did not start on {name}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, name }
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Renders and returns the PNG's size, its pixels and its distinct colours.
fn render(display: &VirtualDisplay, out: &Path, args: &[&str]) -> ([u32; 2], Vec<u8>, usize) {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_framescope"))
        .arg("render")
        .arg("projects/demo.ron")
        .args(args)
        .arg("-o")
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_DATA_HOME", data.path())
        .env("XDG_CONFIG_HOME", data.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "render {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(out).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(info.buffer_size());
    let colours: HashSet<&[u8]> = pixels.chunks(4).collect();
    let count = colours.len();
    ([info.width, info.height], pixels, count)
}

#[test]
fn every_view_renders_at_1x_and_2x_and_the_actor_choice_shows() {
    let display = VirtualDisplay::start();
    let dir = tempfile::tempdir().unwrap();
    for view in ["frequency", "dispersion", "framing", "matrix", "reader"] {
        for scale in [1u32, 2] {
            let out = dir.path().join(format!("{view}-{scale}x.png"));
            let (size, _, colours) = render(
                &display,
                &out,
                &[
                    "--view",
                    view,
                    "--width",
                    "900",
                    "--height",
                    "600",
                    "--scale",
                    &scale.to_string(),
                ],
            );
            assert_eq!(size, [900 * scale, 600 * scale], "{view} at {scale}×");
            assert!(
                colours > 100,
                "{view} at {scale}× looks blank: {colours} colours"
            );
        }
    }
    // The frequency chart shows the actors asked for, so the picture changes.
    let one = dir.path().join("russia.png");
    let three = dir.path().join("three.png");
    let args = |actors: &'static str| {
        [
            "--view",
            "frequency",
            "--actors",
            actors,
            "--width",
            "900",
            "--height",
            "600",
        ]
    };
    let (_, russia, _) = render(&display, &one, &args("Russia"));
    let (_, all_three, _) = render(&display, &three, &args("Russia,Iran,Türkiye"));
    assert_ne!(
        russia, all_three,
        "choosing actors did not change the chart"
    );
}

#[test]
fn render_of_a_missing_project_fails_with_its_name() {
    let output = Command::new(env!("CARGO_BIN_EXE_framescope"))
        .args([
            "render",
            "no-such-project.ron",
            "--view",
            "matrix",
            "-o",
            "/tmp/x.png",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-project.ron"), "{stderr}");
}
