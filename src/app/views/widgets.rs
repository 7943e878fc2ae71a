//! Small widgets the views share: colour chips, frame badges, passage text
//! with its cues highlighted, the empty-project page.

use std::ops::Range;

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

use crate::framing::{CodeStatus, CodedPassage, EvidenceRole, FrameScheme, Origin};

use super::super::command::Command;
use super::super::theme;
use super::ViewCtx;

/// A small filled square in `colour`, e.g. before an actor's name.
pub fn colour_chip(ui: &mut egui::Ui, colour: Color32) {
    let size = egui::vec2(10.0, 10.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

/// A small "Read" button that opens document `index` in the reader.
pub fn read_button(ui: &mut egui::Ui, index: usize, commands: &mut Vec<Command>) {
    if ui
        .small_button("Read")
        .on_hover_text("Open this document in the reader")
        .clicked()
    {
        commands.push(Command::OpenReader {
            document: index,
            range: None,
        });
    }
}

/// A frame label as a coloured badge.
pub fn frame_badge(ui: &mut egui::Ui, scheme: &FrameScheme, label: &str) -> egui::Response {
    let fill = theme::frame_colour(scheme, label);
    let text = RichText::new(label).color(theme::text_on(fill)).small();
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| ui.label(text))
        .inner
}

/// Where a passage's label comes from, in words.
pub fn origin_text(passage: &CodedPassage) -> String {
    match (passage.origin, passage.status) {
        (_, Some(CodeStatus::Accepted)) => "✔ accepted".into(),
        (_, Some(CodeStatus::Rejected)) => "✖ rejected".into(),
        (_, Some(CodeStatus::Relabelled)) => "✏ relabelled by hand".into(),
        (_, Some(CodeStatus::Added)) => "✚ added by hand".into(),
        (Origin::Auto, None) | (Origin::Manual, None) => {
            if passage.passage.rule.is_empty() {
                "auto".into()
            } else {
                format!(
                    "auto · {} · score {:.2}",
                    passage.passage.rule, passage.passage.score
                )
            }
        }
    }
}

/// What the rule that decided a passage found, in words: its name and the
/// spans it used ("power-noun-loss: actor “Moscow’s”, word of power “grip”,
/// predicate “slipping”").
pub fn rule_text(text: &str, passage: &CodedPassage) -> String {
    let p = &passage.passage;
    if p.rule.is_empty() {
        return "No rule found the actor's weight judged here: neutral.".into();
    }
    let parts: Vec<String> = p
        .evidence
        .iter()
        .filter_map(|e| {
            let role = match e.role {
                EvidenceRole::Actor => "actor",
                EvidenceRole::PowerNoun => "word of power",
                EvidenceRole::Predicate => "predicate",
                EvidenceRole::Negator => "turned by",
            };
            Some(format!("{role} “{}”", text.get(e.range.clone())?))
        })
        .collect();
    if parts.is_empty() {
        format!("Rule {}", p.rule)
    } else {
        format!("Rule {}: {}", p.rule, parts.join(", "))
    }
}

/// The passage's text with the evidence of its rule marked: cue words
/// (predicates and words of power) in their frame's colour, underlined and
/// tinted; the actor the rule read underlined in the text colour; a word that
/// turned the frame ("no longer", "not") underlined and in italics.
/// Only cues of the passage's current frame are marked: a passage relabelled
/// by hand shows none of the cues of the frame it lost (and none at all when
/// its new frame has no cue in it, as neutral has none), nor the words that
/// turned them. Rejected passages are struck out.
pub fn passage_job(
    ui: &egui::Ui,
    text: &str,
    passage: &CodedPassage,
    scheme: &FrameScheme,
    wrap_width: f32,
) -> LayoutJob {
    let p = &passage.passage;
    let font = FontId::proportional(13.5);
    let rejected = passage.status == Some(CodeStatus::Rejected);
    let strike = if rejected {
        egui::Stroke::new(1.0, ui.visuals().weak_text_color())
    } else {
        egui::Stroke::NONE
    };
    let base = TextFormat {
        font_id: font.clone(),
        color: if rejected {
            ui.visuals().weak_text_color()
        } else {
            ui.visuals().text_color()
        },
        strikethrough: strike,
        ..Default::default()
    };
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: wrap_width,
            ..Default::default()
        },
        ..Default::default()
    };
    let frame_colour = theme::frame_colour(scheme, &p.frame);
    let cues: Vec<&crate::framing::CueSpan> =
        p.cues.iter().filter(|cue| cue.frame == p.frame).collect();
    // A relabelled passage keeps its old rule's evidence: the word that
    // turned a cue means something only while a turned cue is shown.
    let turned = passage.status != Some(CodeStatus::Relabelled) || cues.iter().any(|c| c.negated);
    let mut marks: Vec<(Range<usize>, TextFormat)> = cues
        .iter()
        .map(|cue| {
            let colour = theme::frame_colour(scheme, &cue.frame);
            let format = TextFormat {
                color: if rejected { base.color } else { colour },
                background: theme::highlight(colour, ui.visuals().dark_mode),
                underline: egui::Stroke::new(1.5, colour),
                ..base.clone()
            };
            (cue.range.clone(), format)
        })
        .collect();
    for e in &p.evidence {
        let format = match e.role {
            EvidenceRole::Actor => TextFormat {
                underline: egui::Stroke::new(1.0, base.color),
                ..base.clone()
            },
            EvidenceRole::Negator if !turned => continue,
            EvidenceRole::Negator => TextFormat {
                italics: true,
                underline: egui::Stroke::new(1.5, frame_colour),
                ..base.clone()
            },
            // Predicates and words of power are the cues above.
            EvidenceRole::Predicate | EvidenceRole::PowerNoun => continue,
        };
        marks.push((e.range.clone(), format));
    }
    marks.retain(|(r, _)| {
        r.start >= p.range.start
            && r.end <= p.range.end
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    });
    marks.sort_by_key(|(r, _)| r.start);
    let mut at = p.range.start;
    for (range, format) in marks {
        // Overlapping marks: the first one wins.
        if range.start < at {
            continue;
        }
        job.append(&text[at..range.start], 0.0, base.clone());
        job.append(&text[range.clone()], 0.0, format);
        at = range.end;
    }
    job.append(&text[at..p.range.end], 0.0, base);
    job
}

/// The page views show while the project has no documents.
pub fn empty_project_ui(ui: &mut egui::Ui, ctx: &mut ViewCtx<'_>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("This project has no documents yet");
        ui.label("Import articles (.txt, .md, .html, .csv, .jsonl) or drop files and folders on the window.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let width = 260.0;
            ui.add_space((ui.available_width() - width).max(0.0) / 2.0);
            if ui.button("Import files…").clicked() {
                ctx.send(Command::ImportFiles(None));
            }
            if ui.button("Import folder…").clicked() {
                ctx.send(Command::ImportFolder(None));
            }
        });
    });
}

/// "Analysing…" while no analysis is available yet.
pub fn waiting_ui(ui: &mut egui::Ui) {
    ui.centered_and_justified(|ui| {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Analysing the corpus…");
        });
    });
}

/// Shortens `s` to `max` characters with an ellipsis.
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_shortened_on_a_character_boundary() {
        assert_eq!(ellipsize("Azərbaycan", 5), "Azər…");
        assert_eq!(ellipsize("Bakı", 5), "Bakı");
    }
}

#[cfg(test)]
mod rule_text_tests {
    use super::*;
    use crate::framing::EvidenceSpan;
    use crate::test_fixtures::russia_passage;

    #[test]
    fn a_rule_is_named_with_the_spans_it_found() {
        let text = "Moscow's grip is slipping.";
        let span = |w: &str, role| EvidenceSpan {
            range: text.find(w).unwrap()..text.find(w).unwrap() + w.len(),
            role,
        };
        let mut passage = russia_passage(text, "declining", "power-noun-loss");
        passage.passage.evidence = vec![
            span("Moscow", EvidenceRole::Actor),
            span("grip", EvidenceRole::PowerNoun),
            span("slipping", EvidenceRole::Predicate),
        ];
        assert_eq!(
            rule_text(text, &passage),
            "Rule power-noun-loss: actor “Moscow”, word of power “grip”, predicate “slipping”"
        );
        assert_eq!(origin_text(&passage), "auto · power-noun-loss · score 1.00");
        passage.passage.rule.clear();
        assert!(rule_text(text, &passage).contains("neutral"));
    }

    #[test]
    fn the_passage_text_marks_the_actor_the_cue_and_the_negator() {
        let (text, passage) = negated_dominance();
        let job = job(text, &passage);
        let section = |w: &str| {
            job.sections
                .iter()
                .find(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0] == w)
                .unwrap_or_else(|| panic!("no section for {w:?}: {:?}", job.sections))
        };
        assert!(section("Moscow").format.underline.width > 0.0);
        assert!(!section("Moscow").format.italics);
        assert!(section("no longer").format.italics);
        assert!(section("calls the shots").format.underline.width > 0.0);
        assert_eq!(section(" ").format.underline.width, 0.0);
        assert_eq!(job.text, text);
    }

    /// "Moscow no longer calls the shots." as the detector labels it:
    /// declining, on a negated cue.
    fn negated_dominance() -> (&'static str, CodedPassage) {
        let text = "Moscow no longer calls the shots.";
        let range = |w: &str| {
            let start = text.find(w).expect("the word is in the text");
            start..start + w.len()
        };
        let mut passage = russia_passage(text, "declining", "negated-dominance-as-agent");
        passage.passage.cues = vec![crate::framing::CueSpan {
            range: range("calls the shots"),
            frame: "declining".into(),
            negated: true,
        }];
        passage.passage.evidence = vec![
            EvidenceSpan {
                range: range("Moscow"),
                role: EvidenceRole::Actor,
            },
            EvidenceSpan {
                range: range("calls the shots"),
                role: EvidenceRole::Predicate,
            },
            EvidenceSpan {
                range: range("no longer"),
                role: EvidenceRole::Negator,
            },
        ];
        (text, passage)
    }

    fn job(text: &str, passage: &CodedPassage) -> LayoutJob {
        let scheme = FrameScheme::default_scheme();
        let ctx = egui::Context::default();
        let mut job = None;
        ctx.run_ui(Default::default(), |ui| {
            job = Some(passage_job(ui, text, passage, &scheme, 400.0));
        })
        .textures_delta
        .clear();
        job.expect("the pass ran")
    }

    /// The sections of `job` marked as cues: tinted behind.
    fn cue_sections(job: &LayoutJob) -> Vec<&str> {
        job.sections
            .iter()
            .filter(|s| s.format.background != Color32::TRANSPARENT)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect()
    }

    #[test]
    fn a_passage_relabelled_to_neutral_shows_no_cue_of_its_old_frame() {
        let (text, mut passage) = negated_dominance();
        assert_eq!(cue_sections(&job(text, &passage)), ["calls the shots"]);
        passage.origin = Origin::Manual;
        passage.status = Some(CodeStatus::Relabelled);
        passage.passage.frame = "neutral".into();
        let job = job(text, &passage);
        assert_eq!(cue_sections(&job), Vec::<&str>::new());
        // Nor the word that turned the cue it no longer shows; the actor
        // stays marked.
        for s in &job.sections {
            let words = &job.text[s.byte_range.start.0..s.byte_range.end.0];
            assert!(!s.format.italics, "{words:?} is marked as turning a cue");
            if words != "Moscow" {
                assert_eq!(s.format.underline.width, 0.0, "{words:?} is underlined");
            }
        }
        assert_eq!(job.text, text);
        assert!(origin_text(&passage).contains("relabelled by hand"));
    }

    #[test]
    fn a_relabelled_passage_shows_the_cues_of_its_new_frame_only() {
        let (text, mut passage) = negated_dominance();
        let range = |w: &str| {
            let start = text.find(w).expect("the word is in the text");
            start..start + w.len()
        };
        passage.passage.cues.push(crate::framing::CueSpan {
            range: range("Moscow"),
            frame: "persisting".into(),
            negated: false,
        });
        passage.status = Some(CodeStatus::Relabelled);
        passage.passage.frame = "persisting".into();
        assert_eq!(cue_sections(&job(text, &passage)), ["Moscow"]);
        // Accepted as it was: its own frame's cues, and the negator.
        passage.status = Some(CodeStatus::Accepted);
        passage.passage.frame = "declining".into();
        let job = job(text, &passage);
        assert_eq!(cue_sections(&job), ["calls the shots"]);
        assert!(job.sections.iter().any(|s| s.format.italics));
    }
}
