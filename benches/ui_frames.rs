//! UI frame times with a large project: the real app, headless (egui_kittest),
//! stepping frames in every view and printing the median and 95th percentile
//! of the time to lay out one frame (egui's CPU work; rasterising is the
//! GPU's). Also prints the project's save and open times.
//!
//! `cargo bench --bench ui_frames` (50,000 documents; `BENCH_DOCS=5000` for a
//! quicker run; `BENCH_ACTORS=Russia,Iran` to chart only those actors).

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use framescope::app::{Command, FramescopeApp, Prefs, Start, ViewKind, install_fonts};
use framescope::bench_corpus::bench_documents;
use framescope::project::{Project, load_project, save_project};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let n: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let started = Instant::now();
    let mut project = Project::new("Benchmark");
    project.documents = bench_documents(n, 42).into_iter().map(Into::into).collect();
    // `BENCH_ACTORS=Russia,Iran`: the charts show only these actors (the
    // dispersion view showed the focal actors by default before it shared
    // the frequency chart's choice, which is every actor by default).
    if let Ok(actors) = std::env::var("BENCH_ACTORS") {
        project.settings.shown_actors = actors.split(',').map(str::to_string).collect();
    }
    let bytes: usize = project.documents.iter().map(|d| d.text.len()).sum();
    println!(
        "{n} documents, {:.0} MB of text, generated in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.ron");
    let t = Instant::now();
    save_project(&project, &path).expect("the project saves");
    let save = t.elapsed();
    let t = Instant::now();
    load_project(&path).expect("the project opens");
    let open = t.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "project file {:.0} MB: save {:.2} s, open {:.2} s",
        size as f64 / 1e6,
        save.as_secs_f64(),
        open.as_secs_f64()
    );

    let app =
        FramescopeApp::new(Prefs::default(), Start::Project(path.clone())).without_native_dialogs();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
    let t = Instant::now();
    while harness.state().is_busy() || harness.state().analysis().is_none() {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    println!(
        "opened and analysed in the app in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    println!("{:<14} {:>10} {:>10}", "view", "median", "p95");
    for view in ViewKind::ALL {
        harness.state_mut().send(Command::ShowView(view));
        for _ in 0..5 {
            harness.step();
        }
        let mut times: Vec<Duration> = (0..40)
            .map(|_| {
                let t = Instant::now();
                harness.step();
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{:<14} {:>8.2}ms {:>8.2}ms",
            view.label(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3
        );
    }
}
