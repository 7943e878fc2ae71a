//! Evaluation of the framing engine on the labelled development set in
//! ../shared/corpus/dev (when present): precision, recall and F1 per frame and
//! the confusion matrix, printed. Run with
//! `cargo test framing_eval -- --nocapture` to see the figures.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use framescope::actors::{Matcher, read_dictionary};
use framescope::corpus::{ImportOptions, Scope, import_paths};
use framescope::framing::{FrameDetector, FrameScheme, frame_document};
use framescope::text::CharOffsets;

const LABELS: [&str; 4] = ["declining", "persisting", "neutral", "none"];

fn tsv(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .map(|h| h.to_string())
                .zip(l.split('\t').map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn framing_eval_on_the_dev_set() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    if !dev.is_dir() {
        eprintln!("skipping: {} not found", dev.display());
        return;
    }
    // Gold units (char offsets) and labels.
    let mut units: BTreeMap<(String, usize), (usize, usize)> = BTreeMap::new();
    for r in tsv(&dev.join("sentences.tsv")) {
        units.insert(
            (r["file"].clone(), r["sentence_index"].parse().unwrap()),
            (
                r["char_start"].parse().unwrap(),
                r["char_end"].parse().unwrap(),
            ),
        );
    }
    let mut gold: BTreeMap<(String, usize, String), String> = BTreeMap::new();
    for r in tsv(&dev.join("frames.tsv")) {
        gold.insert(
            (
                r["file"].clone(),
                r["sentence_index"].parse().unwrap(),
                r["actor"].clone(),
            ),
            r["label"].to_lowercase(),
        );
    }

    let dictionary = read_dictionary(&dev.join("dictionary.tsv")).unwrap();
    let matcher = Matcher::new(&dictionary).unwrap();
    let detector = FrameDetector::new(&FrameScheme::default_scheme(), &dictionary).unwrap();
    let (docs, _) = import_paths(
        &[dev.join("texts")],
        &ImportOptions::default(),
        &[],
        &mut |_| true,
    );
    let mut predicted: BTreeMap<(String, usize, String), String> = BTreeMap::new();
    let mut unmatched = 0;
    for doc in &docs {
        let file = doc.meta.origin.rsplit('/').next().unwrap().to_string();
        let offsets = CharOffsets::new(&doc.text);
        let framing = frame_document(doc, &[], &matcher, &detector, Scope::Body);
        for p in framing.counted() {
            let r = offsets.char_range(p.passage.range.clone());
            // The gold unit overlapping the passage most.
            let best = units
                .iter()
                .filter(|((f, _), _)| *f == file)
                .map(|((_, i), &(s, e))| (r.end.min(e).saturating_sub(r.start.max(s)), *i))
                .max();
            match best {
                Some((overlap, i)) if overlap > 0 => {
                    predicted.insert(
                        (file.clone(), i, p.passage.actor.clone()),
                        p.passage.frame.clone(),
                    );
                }
                _ => unmatched += 1,
            }
        }
    }

    let mut keys: Vec<_> = gold.keys().chain(predicted.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    let index = |l: &str| LABELS.iter().position(|x| *x == l).unwrap();
    let mut confusion = [[0usize; 4]; 4];
    for k in &keys {
        let g = gold.get(k).map_or("none", String::as_str);
        let p = predicted.get(k).map_or("none", String::as_str);
        confusion[index(g)][index(p)] += 1;
    }
    println!(
        "\nFraming on the dev set ({} gold labels, {} predicted, {} predictions outside gold units)",
        gold.len(),
        predicted.len(),
        unmatched
    );
    println!(
        "{:>12} {:>9} {:>9} {:>9} {:>9}",
        "gold \\ pred", LABELS[0], LABELS[1], LABELS[2], LABELS[3]
    );
    for (g, row) in confusion.iter().enumerate() {
        println!(
            "{:>12} {:>9} {:>9} {:>9} {:>9}",
            LABELS[g], row[0], row[1], row[2], row[3]
        );
    }
    let mut f1s = Vec::new();
    for (i, label) in LABELS.iter().enumerate().take(3) {
        let tp = confusion[i][i] as f64;
        let predicted_n: usize = (0..4).map(|g| confusion[g][i]).sum();
        let gold_n: usize = confusion[i].iter().sum();
        let precision = if predicted_n == 0 {
            0.0
        } else {
            tp / predicted_n as f64
        };
        let recall = if gold_n == 0 { 0.0 } else { tp / gold_n as f64 };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        println!("{label:>12}  precision {precision:.2}  recall {recall:.2}  F1 {f1:.2}");
        f1s.push(f1);
    }
    let macro_f1 = f1s.iter().sum::<f64>() / 3.0;
    let labelled_right: usize = (0..3).map(|i| confusion[i][i]).sum();
    println!(
        "macro F1 {macro_f1:.2}; {labelled_right} of {} gold labels exactly right",
        gold.len()
    );
    // A floor, well under the current figures, so a regression fails the build.
    assert!(macro_f1 > 0.45, "macro F1 fell to {macro_f1:.2}");
}
