//! Pattern lists of the scheme (cues, negators, references) edited as text,
//! one pattern per line: the field with its bad lines in red and their errors
//! listed below, and how a list is read from and written as text.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, RichText, TextEdit, Ui};

use crate::actors::{Pattern, PatternSpec};
use crate::app::views::ViewCtx;
use crate::framing::FrameScheme;

use super::{SchemeView, send_edit};

/// Marker that makes a line of a cue list case-sensitive: `US [case]`.
pub(super) const CASE_MARKER: &str = "[case]";
/// Line errors listed under a cue list before "… and N more".
const MAX_LINE_ERRORS: usize = 4;

/// A pattern list field: what it is called and how it is shown.
pub(super) struct PatternList {
    title: &'static str,
    /// Shown while the list is empty.
    hint: &'static str,
    /// Lines the field shows before it scrolls.
    rows: usize,
}

impl PatternList {
    pub(super) const fn new(title: &'static str, hint: &'static str, rows: usize) -> Self {
        Self { title, hint, rows }
    }
}

impl SchemeView {
    /// Shows the scheme's pattern list `specs` in the field `list`; when it
    /// is changed, sends the scheme with `set` giving it the new list, under
    /// the undo key `key` (also the key of the field's draft).
    pub(super) fn scheme_list_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewCtx<'_>,
        key: &str,
        list: &PatternList,
        specs: &[PatternSpec],
        set: impl FnOnce(&mut FrameScheme, Vec<PatternSpec>),
    ) {
        if let Some(edited) = self.pattern_list_ui(ui, key, list, specs) {
            send_edit(ctx, Some(key.to_string()), |scheme| set(scheme, edited));
        }
    }

    /// A list of patterns edited as text, one per line, with bad lines in red
    /// and their errors listed below. Returns the new list when it changed.
    fn pattern_list_ui(
        &mut self,
        ui: &mut Ui,
        key: &str,
        list: &PatternList,
        specs: &[PatternSpec],
    ) -> Option<Vec<PatternSpec>> {
        let current = specs.to_vec();
        let mut text = self.drafts.text(key, &current, parse_pattern_lines, |v| {
            format_pattern_lines(v)
        });
        let errors = self.lines.errors(key, &text).to_vec();
        let label = ui
            .horizontal(|ui| {
                let label = ui.label(RichText::new(list.title).strong());
                ui.label(RichText::new(specs.len().to_string()).weak());
                label
            })
            .inner;

        let id = ui.make_persistent_id(("pattern-list", key));
        let focused = ui.memory(|m| m.has_focus(id));
        let visuals = ui.visuals();
        let stroke = if !errors.is_empty() {
            egui::Stroke::new(1.0, visuals.error_fg_color)
        } else if focused {
            visuals.selection.stroke
        } else {
            visuals.widgets.inactive.bg_stroke
        };
        let row_height = ui.text_style_height(&egui::TextStyle::Body);
        let list_height = list.rows as f32 * row_height + 8.0;
        let mut layouter = line_layouter(ui, &text, &errors);
        let response = egui::Frame::new()
            .fill(visuals.text_edit_bg_color())
            .stroke(stroke)
            .corner_radius(4.0)
            .inner_margin(egui::Margin::same(4))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt(("pattern-list-scroll", key))
                    // Inside the column's own scroll area the space left below is only
                    // what is visible, which would squash lists near the bottom.
                    .min_scrolled_height(list_height)
                    .max_height(list_height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        ui.add(
                            TextEdit::multiline(&mut text)
                                .id(id)
                                .hint_text(list.hint)
                                .frame(egui::Frame::NONE)
                                .desired_width(f32::INFINITY)
                                .desired_rows(list.rows.min(4))
                                .layouter(&mut layouter),
                        )
                    })
                    .inner
            })
            .inner
            .labelled_by(label.id);

        let error_colour = ui.visuals().error_fg_color;
        for error in errors.iter().take(MAX_LINE_ERRORS) {
            let text = format!("Line {}: {}", error.line + 1, error.message);
            ui.label(RichText::new(text).color(error_colour));
        }
        if errors.len() > MAX_LINE_ERRORS {
            let text = format!("… and {} more", errors.len() - MAX_LINE_ERRORS);
            ui.label(RichText::new(text).color(error_colour));
        }

        if response.changed() {
            let parsed = parse_pattern_lines(&text);
            self.drafts.keep(key, text);
            if parsed != current {
                return Some(parsed);
            }
        }
        None
    }
}

/// A layouter that paints the lines of `text` listed in `errors` red. When the
/// field's text has changed this frame, the lines are checked again.
fn line_layouter(
    ui: &Ui,
    text: &str,
    errors: &[LineError],
) -> impl FnMut(&Ui, &dyn egui::TextBuffer, f32) -> Arc<Galley> + use<> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = ui.visuals().text_color();
    let bad_colour = ui.visuals().error_fg_color;
    let checked = text.to_string();
    let bad_lines: HashSet<usize> = errors.iter().map(|e| e.line).collect();
    move |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let text = buffer.as_str();
        let fresh: HashSet<usize>;
        let bad = if text == checked {
            &bad_lines
        } else {
            fresh = line_errors(text).into_iter().map(|e| e.line).collect();
            &fresh
        };
        let mut job = LayoutJob::default();
        for (line, piece) in text.split_inclusive('\n').enumerate() {
            let colour = if bad.contains(&line) {
                bad_colour
            } else {
                normal
            };
            job.append(piece, 0.0, TextFormat::simple(font.clone(), colour));
        }
        job.wrap.max_width = wrap_width;
        ui.painter().layout_job(job)
    }
}

/// A bad line of a pattern list.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LineError {
    /// 0-based line number.
    line: usize,
    message: String,
}

/// The bad lines of `text` (one pattern per line; blank lines are skipped).
fn line_errors(text: &str) -> Vec<LineError> {
    text.split('\n')
        .enumerate()
        .filter_map(|(line, raw)| {
            let spec = parse_pattern_line(raw)?;
            let error = Pattern::compile(&spec).err()?;
            Some(LineError {
                line,
                message: error.to_string(),
            })
        })
        .collect()
}

/// Line errors of each pattern list, recomputed only when its text changes.
#[derive(Default)]
pub(super) struct LineChecks {
    by_field: HashMap<String, (String, Vec<LineError>)>,
}

impl LineChecks {
    fn errors(&mut self, key: &str, text: &str) -> &[LineError] {
        let entry = self
            .by_field
            .entry(key.to_string())
            .or_insert_with(|| (String::new(), Vec::new()));
        if entry.0 != text || entry.0.is_empty() {
            *entry = (text.to_string(), line_errors(text));
        }
        &entry.1
    }
}

/// One line of a pattern list: `None` for a blank line; a trailing `[case]`
/// (any letter case) makes the pattern case-sensitive.
fn parse_pattern_line(line: &str) -> Option<PatternSpec> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let cut = line.len().checked_sub(CASE_MARKER.len());
    match cut {
        Some(cut)
            if line.is_char_boundary(cut) && line[cut..].eq_ignore_ascii_case(CASE_MARKER) =>
        {
            Some(PatternSpec::case_sensitive(line[..cut].trim_end()))
        }
        _ => Some(PatternSpec::new(line)),
    }
}

/// A pattern list as typed, one pattern per line, blank lines skipped.
fn parse_pattern_lines(text: &str) -> Vec<PatternSpec> {
    text.split('\n').filter_map(parse_pattern_line).collect()
}

/// A pattern list as text: one pattern per line, case-sensitive ones marked
/// with a trailing `[case]`.
fn format_pattern_lines(specs: &[PatternSpec]) -> String {
    specs
        .iter()
        .map(|spec| {
            if spec.case_sensitive {
                format!("{} {CASE_MARKER}", spec.text.trim())
            } else {
                spec.text.trim().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_lines_round_trip() {
        let specs = vec![
            PatternSpec::new("weaken*"),
            PatternSpec::new("worn down"),
            PatternSpec::case_sensitive("US"),
        ];
        let text = format_pattern_lines(&specs);
        assert_eq!(text, "weaken*\nworn down\nUS [case]");
        assert_eq!(parse_pattern_lines(&text), specs);
    }

    #[test]
    fn blank_lines_and_spaces_do_not_make_patterns() {
        assert_eq!(
            parse_pattern_lines("  not \n\n\r\n  no longer\n"),
            vec![PatternSpec::new("not"), PatternSpec::new("no longer")]
        );
        assert!(parse_pattern_lines("").is_empty());
    }

    #[test]
    fn the_case_marker_is_read_in_any_case_and_only_at_the_end() {
        assert_eq!(
            parse_pattern_line("EU [CASE]"),
            Some(PatternSpec::case_sensitive("EU"))
        );
        assert_eq!(
            parse_pattern_line("EU[case]"),
            Some(PatternSpec::case_sensitive("EU"))
        );
        assert_eq!(
            parse_pattern_line("[case] EU"),
            Some(PatternSpec::new("[case] EU"))
        );
        // A marker alone is an empty case-sensitive pattern: reported, not dropped.
        assert_eq!(
            parse_pattern_line("[case]"),
            Some(PatternSpec::case_sensitive(""))
        );
        // Multi-byte text right before the marker's length does not panic.
        assert_eq!(
            parse_pattern_line("Türkiye"),
            Some(PatternSpec::new("Türkiye"))
        );
        assert_eq!(parse_pattern_line("ğğğğğ"), Some(PatternSpec::new("ğğğğğ")));
    }

    #[test]
    fn bad_lines_are_reported_with_their_line_numbers() {
        let errors = line_errors("weaken*\n\ndom*inant\n[case]\nfine");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3]);
        assert!(
            errors[0].message.contains("may only end"),
            "{}",
            errors[0].message
        );
    }
}
