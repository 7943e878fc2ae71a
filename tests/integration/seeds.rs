//! Counts over the seed corpus in ../shared (when present), verified by reading
//! each article and by an independent regular-expression count.

use super::common::{count_map, shared, stdout_ok};

/// (file, actor, body count, full-text count)
const EXPECTED: &[(&str, &str, usize, usize)] = &[
    ("000_9f06d105d4afcf5f.txt", "Russia", 8, 8),
    ("000_9f06d105d4afcf5f.txt", "Iran", 2, 2),
    ("000_9f06d105d4afcf5f.txt", "Türkiye", 16, 16),
    ("001_0da3ae9da24c2355.txt", "Russia", 9, 9),
    ("001_0da3ae9da24c2355.txt", "Iran", 6, 6),
    ("001_0da3ae9da24c2355.txt", "Türkiye", 15, 15),
    ("002_efd591de500ca5b2.txt", "Russia", 1, 1),
    ("002_efd591de500ca5b2.txt", "Iran", 0, 0),
    ("002_efd591de500ca5b2.txt", "Türkiye", 2, 2),
    // The image file name "Russia-turkey-scaled" and the teasers after the bio
    // (Putin ×4, Russian ×4) are chrome: 18 in the full text, 10 in the body.
    ("003_1aac3e239055854e.txt", "Russia", 10, 18),
    ("003_1aac3e239055854e.txt", "Iran", 0, 0),
    ("003_1aac3e239055854e.txt", "Türkiye", 15, 16),
    ("004_d0c9a1167d0c72f5.txt", "Russia", 9, 9),
    ("004_d0c9a1167d0c72f5.txt", "Iran", 0, 0),
    ("004_d0c9a1167d0c72f5.txt", "Türkiye", 6, 6),
];

#[test]
fn seed_counts_match_a_careful_reading() {
    let Some(seeds) = shared("corpus/seeds") else {
        return;
    };
    let seeds = seeds.to_str().unwrap();
    let body = count_map(&stdout_ok(&["count", seeds]));
    let full = count_map(&stdout_ok(&["count", seeds, "--full"]));
    for &(file, actor, in_body, in_full) in EXPECTED {
        let key = (file.to_string(), actor.to_string());
        assert_eq!(body[&key], in_body, "{file} {actor} body");
        assert_eq!(full[&key], in_full, "{file} {actor} full");
    }
}

#[test]
fn dev_set_counts_match_the_hand_checked_labels() {
    let Some(dev) = shared("corpus/dev") else {
        return;
    };
    let texts = dev.join("texts");
    let dict = dev.join("dictionary.tsv");
    let args = |full: bool| {
        let mut a = vec![
            "count".to_string(),
            texts.display().to_string(),
            "--dict".into(),
            dict.display().to_string(),
        ];
        if full {
            a.push("--full".into());
        }
        a
    };
    let run = |full: bool| {
        let a = args(full);
        count_map(&stdout_ok(
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
        ))
    };
    let (body, full) = (run(false), run(true));
    let labels = std::fs::read_to_string(dev.join("mentions.tsv")).unwrap();
    let mut checked = 0;
    for line in labels.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let key = (f[0].to_string(), f[1].to_string());
        assert_eq!(full[&key], f[2].parse::<usize>().unwrap(), "{line} (full)");
        assert_eq!(body[&key], f[3].parse::<usize>().unwrap(), "{line} (body)");
        checked += 1;
    }
    assert!(checked > 100);
}
