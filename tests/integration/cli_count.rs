//! `framescope count` on hand-checked fixtures.

use super::common::{count_map, fixture, framescope, stdout_ok};

#[test]
fn csv_header_is_exact() {
    let out = stdout_ok(&["count", fixture("edge-cases.txt").to_str().unwrap()]);
    assert_eq!(
        out.lines().next(),
        Some("document,source,actor,mentions,words,per_1000")
    );
}

#[test]
fn edge_case_counts_match_a_careful_reading() {
    let out = stdout_ok(&["count", fixture("edge-cases.txt").to_str().unwrap()]);
    let counts = count_map(&out);
    let get = |actor: &str| counts[&("edge-cases.txt".to_string(), actor.to_string())];
    // TÜRKİYE’s, Erdoğan’s, Turkey's, Türkiye — "Turkic" is not Türkiye.
    assert_eq!(get("Türkiye"), 4);
    // Baku’s, Bakıʼs (pattern `baki`: ı folds to i), Azərbaycan, Baku, Azerbaijan (in Armenia–Azerbaijan).
    assert_eq!(get("Azerbaijan"), 5);
    // Russo-, Russia (Ukraine-Russia), Russians, Russia’s — not Prussia.
    assert_eq!(get("Russia"), 4);
    // Ukrainian, Ukraine.
    assert_eq!(get("Ukraine"), 2);
    // US, U.S.-backed, U.S., United␤States — "us" twice is the pronoun.
    assert_eq!(get("United States"), 4);
    // EU and Brussels; EU4Dialogue is one word.
    assert_eq!(get("European Union"), 2);
    // Tehran’s, Iran’s, Iran's, IRAN.
    assert_eq!(get("Iran"), 4);
    assert_eq!(get("Armenia"), 1);
}

#[test]
fn missing_input_is_a_user_error_with_one_line() {
    let out = framescope(&["count", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    assert!(
        stderr.starts_with("no/such/file.txt: cannot open") || stderr.contains("error:"),
        "{stderr}"
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(
        framescope(&["count", "--by", "planet", "x.txt"])
            .status
            .code(),
        Some(2)
    );
}
