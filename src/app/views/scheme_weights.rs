//! The frame scheme's rules and their weights, and learning them from the
//! analyst's decisions: part of the scheme view.
//!
//! Every weight is a visible number on a named rule; editing one, or applying
//! learned weights, is one scheme edit (undoable like the others). Learning
//! itself runs in the background ([`Command::LearnWeights`]).

use egui::{RichText, Ui};

use crate::project::Edit;

use super::ViewCtx;
use crate::app::command::Command;
use crate::framing::{Learned, scheme_rules, with_weights};

/// Draws the rules with their weights, the learning controls and the outcome
/// of the last learning.
pub fn weights_ui(ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
    let scheme = &ctx.project.scheme;
    ui.heading("Rules and their weights");
    ui.label(
        RichText::new(format!(
            "Each class of words speaks of an actor that is its agent or its target; a \
             unit's label is the frame with the most weight, if it reaches {:.2}.",
            scheme.grammar.min_weight
        ))
        .weak(),
    );
    ui.add_space(4.0);

    let fingerprint = scheme.fingerprint();
    let learned: Option<&Learned> = match &ctx.learning.result {
        Some((from, Ok(l))) if *from == fingerprint => Some(l),
        _ => None,
    };
    let decisions = ctx.project.codes.len();
    ui.horizontal_wrapped(|ui| {
        let button = egui::Button::new("Learn from my decisions");
        let enabled = decisions > 0 && !ctx.learning.running;
        let response = ui.add_enabled(enabled, button).on_hover_text(
            "Re-estimate every rule's weight from your accepted, rejected, relabelled and \
             added passages, and show agreement before and after (cross-validated over \
             documents).",
        );
        if response.clicked() {
            ctx.send(Command::LearnWeights);
        }
        if ctx.learning.running {
            ui.spinner();
            ui.label("Learning…");
        } else if decisions == 0 {
            ui.weak("Decide on some passages in the framing view first.");
        }
    });
    match &ctx.learning.result {
        Some((_, Err(e))) => {
            ui.colored_label(ui.visuals().warn_fg_color, e);
        }
        Some((from, Ok(l))) if *from != fingerprint => {
            if l.scheme == *scheme {
                ui.weak("The learned weights are in use.");
            } else {
                ui.weak("The scheme changed since the last learning: learn again.");
            }
        }
        _ => {}
    }
    if let Some(l) = learned {
        let percent = |n: usize| 100.0 * n as f64 / l.examples.max(1) as f64;
        ui.label(format!(
            "From {} decisions in {} documents: these weights agree on {} ({:.0}%); learned \
             weights, on documents they were not fitted on, {} ({:.0}%).",
            l.examples,
            l.documents,
            l.before,
            percent(l.before),
            l.after,
            percent(l.after)
        ));
        if ui
            .button("Apply learned weights")
            .on_hover_text("One edit: undo puts the present weights back.")
            .clicked()
        {
            ctx.send(Command::edit(Edit::scheme(l.scheme.clone())));
        }
    }
    ui.add_space(4.0);

    let rules = scheme_rules(scheme);
    let mut weights: Vec<f64> = rules.iter().map(|r| r.weight).collect();
    let mut edited = None;
    egui::Grid::new("scheme-rule-weights")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong("rule");
            ui.strong("frame");
            ui.strong("weight");
            ui.strong("learned");
            ui.strong("decisions");
            ui.end_row();
            for (row, rule) in rules.iter().enumerate() {
                let name = ui.label(&rule.rule);
                ui.label(rule.frame.as_deref().unwrap_or("its cue's frame"));
                let drag = egui::DragValue::new(&mut weights[row])
                    .range(0.0..=5.0)
                    .speed(0.01)
                    .max_decimals(3);
                if ui.add(drag).labelled_by(name.id).changed() {
                    edited = Some(row);
                }
                let learnt = learned.and_then(|l| l.rules.iter().find(|r| r.rule == rule.rule));
                match learnt {
                    Some(r) if (r.learned - r.default).abs() > 1e-9 => {
                        ui.label(format!("{:.2}", r.learned));
                    }
                    Some(_) => {
                        ui.weak("same");
                    }
                    None => {
                        ui.weak("–");
                    }
                }
                ui.label(learnt.map_or(String::new(), |r| r.support.to_string()));
                ui.end_row();
            }
        });
    if let Some(row) = edited {
        let mut dense = vec![0.0; rules.last().map_or(0, |r| r.index + 1)];
        for (rule, weight) in rules.iter().zip(&weights) {
            dense[rule.index] = *weight;
        }
        ctx.send(Command::edit_keyed(
            Edit::scheme(with_weights(scheme, &dense)),
            format!("scheme:weight:{}", rules[row].rule),
        ));
    }
}
