//! Project open and save times for the benchmark (`bench/run.sh`):
//! `cargo run --release --example project_io -- PROJECT.ron` opens the
//! project, saves it to a temporary file beside it, and prints both times.

use std::time::Instant;

use framescope::project::{load_project, save_project};

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: project_io PROJECT.ron"))?;
    let started = Instant::now();
    let project = load_project(&path)?;
    let open = started.elapsed();
    let copy = path.with_extension("copy.ron");
    let started = Instant::now();
    save_project(&project, &copy)?;
    let save = started.elapsed();
    let bytes = std::fs::metadata(&copy)?.len();
    std::fs::remove_file(&copy)?;
    println!(
        "{} documents, {:.0} MB file: open {:.2} s, save {:.2} s",
        project.documents.len(),
        bytes as f64 / 1e6,
        open.as_secs_f64(),
        save.as_secs_f64()
    );
    Ok(())
}
