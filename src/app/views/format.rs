//! Numbers written for people, as the views show them: thousands separators,
//! counted nouns ("1 pattern", "2,500 matches") and sizes in megabytes.

/// `n` with thousands separators: 1,234,567.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun it counts: "1 pattern", "3 patterns", "1,204 mentions".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Bytes as megabytes: "12.3 MB".
pub fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(plural(1, "match", "matches"), "1 match");
        assert_eq!(plural(2500, "match", "matches"), "2,500 matches");
    }

    #[test]
    fn sizes_are_written_in_megabytes_with_one_decimal() {
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(5 * 1024 * 1024), "5.2 MB");
        assert_eq!(megabytes(12_345_678), "12.3 MB");
    }
}
