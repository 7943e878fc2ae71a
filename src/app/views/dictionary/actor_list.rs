//! The actor list on the left of the dictionary view: the filter, the
//! buttons that add, remove and move actors, and a row per actor with its
//! group (or pattern count) and mention total.

use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align, Color32, FontId, Galley, RichText, Sense, TextEdit, Ui, vec2};

use crate::actors::Actor;
use crate::app::theme;
use crate::app::views::ViewCtx;
use crate::app::views::format::{plural, thousands};

use super::totals::Total;
use super::{CorpusSummary, DictionaryView, display_name, send_edit};
use crate::actors::group_path;

/// Default width of the actor list.
pub(super) const LIST_WIDTH: f32 = 320.0;
/// Height of one row of the actor list (name above group).
const ROW_HEIGHT: f32 = 40.0;

impl DictionaryView {
    /// The list panel: heading, buttons, filter, mention summary and rows.
    pub(super) fn actor_list_ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewCtx<'_>,
        corpus: &CorpusSummary,
    ) {
        let project = ctx.project;
        let dictionary = &project.dictionary;
        ui.add_space(theme::GAP);
        ui.horizontal(|ui| {
            ui.heading("Actors");
            ui.label(RichText::new(dictionary.actors.len().to_string()).weak());
        });
        ui.add_space(2.0);
        self.list_toolbar_ui(ui, ctx);
        ui.add_space(2.0);
        ui.add(
            TextEdit::singleline(&mut self.filter)
                .hint_text("Filter by name, group or pattern")
                .desired_width(f32::INFINITY),
        );
        ui.label(RichText::new(self.totals.summary(corpus, project.settings.scope)).weak());
        ui.separator();

        let mut clicked = None;
        let mut shown = 0;
        egui::ScrollArea::vertical()
            .id_salt("actor-list")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                for (index, actor) in dictionary.actors.iter().enumerate() {
                    if !actor.matches_filter(&self.filter) {
                        continue;
                    }
                    shown += 1;
                    let row = ActorRow {
                        actor,
                        total: self.totals.get(&actor.name),
                        selected: index == self.selected,
                        has_error: self.bad_patterns.actor_has_error(index),
                    };
                    let response = row.ui(ui);
                    if response.clicked() {
                        clicked = Some(index);
                    }
                    if row.selected && self.scroll_to_selected {
                        response.scroll_to_me(Some(Align::Center));
                        self.scroll_to_selected = false;
                    }
                }
                if dictionary.actors.is_empty() {
                    ui.add_space(theme::GAP);
                    ui.label(RichText::new("The dictionary is empty.").weak());
                    ui.label(RichText::new("Add an actor to start counting.").weak());
                } else if shown == 0 {
                    ui.add_space(theme::GAP);
                    ui.label(
                        RichText::new(format!("No actor matches “{}”.", self.filter.trim())).weak(),
                    );
                }
            });
        if let Some(index) = clicked {
            self.select(index, ctx);
        }
    }

    /// Add, remove and move buttons over the list.
    fn list_toolbar_ui(&mut self, ui: &mut Ui, ctx: &mut ViewCtx<'_>) {
        let dictionary = &ctx.project.dictionary;
        let count = dictionary.actors.len();
        let has_selection = self.selected < count;
        ui.horizontal(|ui| {
            if ui
                .button("Add actor")
                .on_hover_text("Add a new actor at the end of the list")
                .clicked()
            {
                self.add_actor(ctx);
            }
            let remove_hint = match dictionary.actors.get(self.selected) {
                Some(actor) => format!(
                    "Remove “{}” and its {} (Undo brings it back)",
                    actor.name,
                    plural(actor.patterns.len(), "pattern", "patterns")
                ),
                None => "Select an actor to remove".to_string(),
            };
            if ui
                .add_enabled(has_selection, egui::Button::new("Remove"))
                .on_hover_text(remove_hint)
                .clicked()
            {
                self.remove_selected(ctx);
            }
            let can_up = has_selection && self.selected > 0;
            if ui
                .add_enabled(can_up, egui::Button::new("Move up"))
                .on_hover_text("Move the actor up (charts and tables follow this order)")
                .clicked()
            {
                self.move_selected(ctx, self.selected - 1);
            }
            let can_down = has_selection && self.selected + 1 < count;
            if ui
                .add_enabled(can_down, egui::Button::new("Move down"))
                .on_hover_text("Move the actor down (charts and tables follow this order)")
                .clicked()
            {
                self.move_selected(ctx, self.selected + 1);
            }
        });
    }

    /// Adds a new actor at the end ([`crate::actors::ActorDictionary::new_actor`]),
    /// selects it and puts the cursor in its name.
    pub(super) fn add_actor(&mut self, ctx: &mut ViewCtx<'_>) {
        let index = ctx.project.dictionary.actors.len();
        send_edit(ctx, None, |dictionary| {
            let actor = dictionary.new_actor();
            dictionary.actors.push(actor);
        });
        self.select(index, ctx);
        self.filter.clear();
        self.focus_name = true;
        self.scroll_to_selected = true;
    }

    fn remove_selected(&mut self, ctx: &mut ViewCtx<'_>) {
        let index = self.selected;
        if index >= ctx.project.dictionary.actors.len() {
            return;
        }
        // A rename of an actor being removed is not one the frame scheme
        // should follow.
        self.renaming = None;
        send_edit(ctx, None, |dictionary| {
            dictionary.actors.remove(index);
        });
        self.drafts.clear();
    }

    fn move_selected(&mut self, ctx: &mut ViewCtx<'_>, to: usize) {
        let (from, count) = (self.selected, ctx.project.dictionary.actors.len());
        if from < count && to < count {
            self.finish_rename(ctx, None);
            send_edit(ctx, None, |dictionary| dictionary.actors.swap(from, to));
            self.selected = to;
            self.drafts.clear();
            self.scroll_to_selected = true;
        }
    }
}

/// One row of the actor list: chip, name, group and mention total.
struct ActorRow<'a> {
    actor: &'a Actor,
    total: Total,
    selected: bool,
    has_error: bool,
}

impl ActorRow<'_> {
    fn ui(&self, ui: &mut Ui) -> egui::Response {
        let width = ui.available_width();
        let (rect, response) = ui.allocate_exact_size(vec2(width, ROW_HEIGHT), Sense::click());
        let name = display_name(&self.actor.name);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, self.selected, &name)
        });
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let visuals = ui.visuals();
        let (fill, text_colour) = if self.selected {
            (visuals.selection.bg_fill, visuals.selection.stroke.color)
        } else if response.hovered() {
            (visuals.widgets.hovered.weak_bg_fill, visuals.text_color())
        } else {
            (Color32::TRANSPARENT, visuals.text_color())
        };
        let weak_colour = if self.selected {
            text_colour.gamma_multiply(0.8)
        } else {
            visuals.weak_text_color()
        };
        let painter = ui.painter();
        painter.rect_filled(rect, 4.0, fill);

        let inner = rect.shrink2(vec2(8.0, 4.0));
        let chip = egui::Rect::from_center_size(
            egui::pos2(inner.left() + 6.0, inner.center().y),
            vec2(12.0, 12.0),
        );
        painter.rect_filled(chip, 3.0, theme::colour(self.actor.colour));

        let count_text = match self.total {
            Total::Count { mentions, .. } => thousands(mentions),
            Total::Unknown => "…".to_string(),
        };
        let count_colour = match self.total {
            Total::Count { current: true, .. } => text_colour,
            _ => weak_colour,
        };
        let count = one_line(
            ui,
            &count_text,
            FontId::proportional(13.0),
            count_colour,
            80.0,
        );
        let count_pos = egui::pos2(
            inner.right() - count.size().x,
            inner.center().y - count.size().y / 2.0,
        );
        let text_left = chip.right() + 10.0;
        let text_width = (count_pos.x - text_left - 8.0).max(10.0);

        let mut title = name.clone();
        if self.has_error {
            title = format!("⚠ {title}");
        }
        let title_colour = if self.has_error && !self.selected {
            visuals.error_fg_color
        } else {
            text_colour
        };
        let name_galley = one_line(
            ui,
            &title,
            FontId::proportional(14.0),
            title_colour,
            text_width,
        );
        let group_text = if self.actor.group.is_empty() {
            plural(self.actor.patterns.len(), "pattern", "patterns")
        } else {
            group_path(&self.actor.group)
        };
        let group_galley = one_line(
            ui,
            &group_text,
            FontId::proportional(11.5),
            weak_colour,
            text_width,
        );
        let total_height = name_galley.size().y + group_galley.size().y;
        let top = inner.center().y - total_height / 2.0;
        painter.galley(egui::pos2(text_left, top), name_galley.clone(), text_colour);
        painter.galley(
            egui::pos2(text_left, top + name_galley.size().y),
            group_galley,
            weak_colour,
        );
        painter.galley(count_pos, count, count_colour);
        response.on_hover_text(format!(
            "{}: {} · {}",
            name,
            plural(self.actor.patterns.len(), "pattern", "patterns"),
            match self.total {
                Total::Count { mentions, .. } => plural(mentions, "mention", "mentions"),
                Total::Unknown => "mentions not counted yet".to_string(),
            }
        ))
    }
}

/// `text` laid out on one line, cut with "…" at `max_width`.
fn one_line(ui: &Ui, text: &str, font: FontId, colour: Color32, max_width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_string(), font, colour);
    job.wrap = TextWrapping {
        max_width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}
