//! A cheap look at how deeply brackets nest, taken before a parser that is
//! slow on deep nesting sees the text.

/// How deeply YAML's flow lists and mappings may nest. serde_norway refuses
/// values nested deeper than this anyway (its recursion limit), but only
/// after libyaml has read them, in time that grows with the square of the
/// depth: `[` 200,000 deep takes minutes.
pub(crate) const YAML_MAX_NESTING: usize = 128;

/// Where `[` and `{` first open more than `limit` deep: the line and column
/// (in characters), from 1. Every bracket counts, in quoted text too, and
/// the depth never goes below zero; a file that only looks this deep (more
/// than `limit` brackets left open in its text) is refused with it.
pub(crate) fn bracket_depth_past(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
            }
            '[' | '{' => {
                depth += 1;
                if depth > limit {
                    return Some((line, column));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bracket_past_the_limit_is_found() {
        assert_eq!(bracket_depth_past("a: [[x]]", 2), None);
        assert_eq!(bracket_depth_past("a: [[x]]\nb: [{[x", 2), Some((2, 6)));
        // Closing brackets never count below zero.
        assert_eq!(bracket_depth_past("]]]]\n[[[", 2), Some((2, 3)));
        // Siblings do not add up.
        assert_eq!(bracket_depth_past(&"[x] ".repeat(1000), 2), None);
    }
}
