//! Which of a project's actors and documents the charts show: one rule for
//! every view and every rendered figure.

use crate::actors::{Grouping, Measure, Mention, MentionCount, source_label};

use super::Project;
#[cfg(doc)]
use super::Settings;

/// What the charts show, so the frequency chart and the dispersion plot
/// always agree.
impl Project {
    /// The actors the charts show, as dictionary indices in dictionary
    /// order: those [`Settings::shown_actors`] names, or every actor while it
    /// is empty. Names are compared as [`ActorDictionary::actor`] compares
    /// them (without case or diacritics); names the dictionary does not know
    /// are left out.
    pub fn shown_actors(&self) -> Vec<usize> {
        if self.settings.shown_actors.is_empty() {
            (0..self.dictionary.actors.len()).collect()
        } else {
            self.actors_named(&self.settings.shown_actors)
        }
    }

    /// The dictionary actors `names` name, as indices in dictionary order,
    /// each once; names are compared as [`ActorDictionary::actor`] compares
    /// them, and names it does not know are left out.
    pub fn actors_named(&self, names: &[String]) -> Vec<usize> {
        let mut actors: Vec<usize> = names
            .iter()
            .filter_map(|name| self.dictionary.actor(name))
            .map(|(index, _)| index)
            .collect();
        actors.sort_unstable();
        actors.dedup();
        actors
    }

    /// The [`Settings::shown_actors`] that shows `actors` (dictionary
    /// indices): their names in dictionary order, or an empty list (every
    /// actor) when they are the whole dictionary. `None` when `actors` holds
    /// no actor of the dictionary, since no setting shows none.
    pub fn shown_actors_setting(&self, actors: &[usize]) -> Option<Vec<String>> {
        let names: Vec<String> = self
            .dictionary
            .actors
            .iter()
            .enumerate()
            .filter(|(index, _)| actors.contains(index))
            .map(|(_, actor)| actor.name.clone())
            .collect();
        if names.is_empty() {
            None
        } else if names.len() == self.dictionary.actors.len() {
            Some(Vec::new())
        } else {
            Some(names)
        }
    }

    /// The actors mentioned at least once in an included document, as
    /// dictionary indices in dictionary order. `mentions` holds each
    /// document's mentions, in project order (as an analysis holds them).
    pub fn mentioned_actors<'a>(
        &self,
        mentions: impl IntoIterator<Item = &'a [Mention]>,
    ) -> Vec<usize> {
        let mut mentioned = vec![false; self.dictionary.actors.len()];
        for (_, found) in self.included_with(mentions) {
            for mention in found {
                if let Some(seen) = mentioned.get_mut(mention.actor) {
                    *seen = true;
                }
            }
        }
        mentioned
            .iter()
            .enumerate()
            .filter(|(_, seen)| **seen)
            .map(|(index, _)| index)
            .collect()
    }

    /// Indices of the included documents, in corpus order.
    pub fn included_indices(&self) -> Vec<usize> {
        self.included_with(&self.documents)
            .map(|(index, _)| index)
            .collect()
    }

    /// Indices of the included documents that mention one of `actors`, in
    /// corpus order. `mentions` holds each document's mentions, in project
    /// order (as an analysis holds them).
    pub fn included_mentioning<'a>(
        &self,
        mentions: impl IntoIterator<Item = &'a [Mention]>,
        actors: &[usize],
    ) -> Vec<usize> {
        self.included_with(mentions)
            .filter(|(_, found)| found.iter().any(|m| actors.contains(&m.actor)))
            .map(|(index, _)| index)
            .collect()
    }

    /// The included documents' indices, each with its entry of `per_document`
    /// (one entry per project document, in project order).
    fn included_with<I: IntoIterator>(
        &self,
        per_document: I,
    ) -> impl Iterator<Item = (usize, I::Item)> {
        self.documents
            .iter()
            .zip(per_document)
            .enumerate()
            .filter(|(_, (doc, _))| doc.included)
            .map(|(index, (_, entry))| (index, entry))
    }

    /// A count table of this project (as
    /// [`crate::analysis::ProjectAnalysis::counts`] makes it) in its groups:
    /// one slice per source or document, one row per dictionary actor.
    pub fn count_groups<'r>(
        &self,
        rows: &'r [MentionCount],
    ) -> std::slice::Chunks<'r, MentionCount> {
        rows.chunks(self.dictionary.actors.len().max(1))
    }

    /// The indices of the documents behind group `group` of a count table
    /// `rows` grouped by `grouping`: its document, or the included documents
    /// of its source.
    pub fn documents_behind(
        &self,
        rows: &[MentionCount],
        grouping: Grouping,
        group: usize,
    ) -> Vec<usize> {
        match grouping {
            Grouping::Document => self
                .included_with(&self.documents)
                .nth(group)
                .map(|(index, _)| index)
                .into_iter()
                .collect(),
            Grouping::Source => {
                let source = self
                    .count_groups(rows)
                    .nth(group)
                    .and_then(|rows| rows.first())
                    .map(|row| row.source.as_str());
                self.included_with(&self.documents)
                    .filter(|(_, doc)| Some(source_label(doc)) == source)
                    .map(|(index, _)| index)
                    .collect()
            }
        }
    }

    /// The groups of a count table `rows` with the highest total `measure`
    /// over the shown actors ([`Self::shown_actors`]): at most `max` of them,
    /// by index in table order. Of groups with equal totals the earlier go
    /// first.
    pub fn busiest_count_groups(
        &self,
        rows: &[MentionCount],
        measure: Measure,
        max: usize,
    ) -> Vec<usize> {
        let shown = self.shown_actors();
        let totals: Vec<f64> = self
            .count_groups(rows)
            .map(|group| {
                shown
                    .iter()
                    .filter_map(|&actor| group.get(actor))
                    .map(|row| measure.value(row))
                    .sum()
            })
            .collect();
        let mut order: Vec<usize> = (0..totals.len()).collect();
        // Stable: equal totals keep table order.
        order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
        order.truncate(max);
        order.sort_unstable();
        order
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::actors::{DocumentMentions, tabulate_mentions};
    use crate::corpus::Document;
    use crate::corpus::Metadata;
    use crate::project::Settings;

    /// A project with the default dictionary that shows the actors `names`
    /// name.
    fn showing(names: &[&str]) -> Project {
        let mut project = Project::new("test");
        project.settings.shown_actors = names.iter().map(|name| name.to_string()).collect();
        project
    }

    /// The dictionary index of the default actor `name`.
    fn actor(project: &Project, name: &str) -> usize {
        project.dictionary.actor(name).expect("a default actor").0
    }

    /// The names of `actors`.
    fn names(project: &Project, actors: &[usize]) -> Vec<String> {
        actors
            .iter()
            .map(|&a| project.dictionary.actors[a].name.clone())
            .collect()
    }

    #[test]
    fn with_no_actor_named_every_actor_is_shown() {
        let project = showing(&[]);
        let every: Vec<usize> = (0..project.dictionary.actors.len()).collect();
        assert!(every.len() > 10);
        assert_eq!(project.shown_actors(), every);
        let mut no_dictionary = showing(&[]);
        no_dictionary.dictionary.actors.clear();
        assert!(no_dictionary.shown_actors().is_empty());
    }

    #[test]
    fn names_the_dictionary_does_not_know_are_left_out() {
        let project = showing(&["Atlantis", "Iran", ""]);
        assert_eq!(project.shown_actors(), [actor(&project, "Iran")]);
        assert!(showing(&["Atlantis"]).shown_actors().is_empty());
    }

    #[test]
    fn shown_actors_come_in_dictionary_order_each_once() {
        let project = showing(&["Türkiye", "Iran", "Russia", "Iran"]);
        let mut expected = ["Russia", "Iran", "Türkiye"].map(|name| actor(&project, name));
        expected.sort_unstable();
        assert_eq!(project.shown_actors(), expected);
        assert_eq!(
            project.actors_named(&project.settings.shown_actors),
            expected
        );
    }

    #[test]
    fn names_are_compared_as_the_dictionary_compares_them() {
        // Without case or diacritics, and without spaces around.
        let project = showing(&["turkiye", "  RUSSIA "]);
        let mut shown = names(&project, &project.shown_actors());
        shown.sort();
        assert_eq!(shown, ["Russia", "Türkiye"]);
    }

    #[test]
    fn the_setting_for_a_choice_shows_that_choice() {
        let project = showing(&[]);
        let chosen = [actor(&project, "Türkiye"), actor(&project, "Russia")];
        let setting = project
            .shown_actors_setting(&chosen)
            .expect("two actors can be shown");
        assert_eq!(setting, names(&project, &project.actors_named(&setting)));
        let saved = Project {
            settings: Settings {
                shown_actors: setting,
                ..Settings::default()
            },
            ..project.clone()
        };
        let mut expected = chosen.to_vec();
        expected.sort_unstable();
        assert_eq!(saved.shown_actors(), expected);
        // Every actor is saved as "all"; no actor cannot be saved.
        let every: Vec<usize> = (0..project.dictionary.actors.len()).collect();
        assert_eq!(project.shown_actors_setting(&every), Some(Vec::new()));
        assert_eq!(project.shown_actors_setting(&[]), None);
        assert_eq!(project.shown_actors_setting(&[every.len()]), None);
    }

    /// An article from `source`, included or not.
    fn document(source: &str, included: bool) -> Arc<Document> {
        let text = format!("An article from {source}.");
        Arc::new(Document {
            id: Document::id_for_text(&text),
            meta: Metadata {
                source: source.into(),
                ..Metadata::default()
            },
            body: std::iter::once(0..text.len()).collect(),
            text,
            included,
            duplicate_of: None,
            memo: String::new(),
        })
    }

    /// A mention of `actor` (where does not matter here).
    fn mention(actor: usize) -> Mention {
        Mention { range: 0..1, actor }
    }

    /// A project with an article from each of `sources`, included or not.
    fn corpus(sources: &[(&str, bool)]) -> Project {
        let mut project = showing(&[]);
        project.documents = sources
            .iter()
            .map(|&(source, included)| document(source, included))
            .collect();
        project
    }

    #[test]
    fn only_included_documents_mention_actors() {
        let project = corpus(&[("A", true), ("B", false), ("A", true), ("C", true)]);
        let mentions = [
            vec![mention(3), mention(1), mention(3)],
            vec![mention(0)],
            vec![],
            vec![mention(5)],
        ];
        let per_document = || mentions.iter().map(Vec::as_slice);
        assert_eq!(project.mentioned_actors(per_document()), [1, 3, 5]);
        assert_eq!(project.included_indices(), [0, 2, 3]);
        assert_eq!(project.included_mentioning(per_document(), &[5, 3]), [0, 3]);
        assert!(project.included_mentioning(per_document(), &[0]).is_empty());
    }

    /// `project`'s count table grouped by `grouping`, each document with the
    /// mentions of `mentions` (one list per document) in 100 words.
    fn count_table(
        project: &Project,
        mentions: &[Vec<Mention>],
        grouping: Grouping,
    ) -> Vec<MentionCount> {
        let found: Vec<DocumentMentions> = mentions
            .iter()
            .map(|m| DocumentMentions {
                mentions: m.clone(),
                words: 100,
            })
            .collect();
        let entries = project
            .documents
            .iter()
            .zip(&found)
            .filter(|(doc, _)| doc.included)
            .map(|(doc, found)| (&**doc, doc.display_name(), found));
        tabulate_mentions(entries, &project.dictionary, grouping)
    }

    #[test]
    fn behind_a_count_group_are_its_document_or_its_sources_included_documents() {
        let project = corpus(&[("A", true), ("B", false), ("A", true), ("C", true)]);
        let mentions = vec![Vec::new(); 4];
        let by_source = count_table(&project, &mentions, Grouping::Source);
        let behind = |group| project.documents_behind(&by_source, Grouping::Source, group);
        assert_eq!(behind(0), [0, 2]);
        assert_eq!(behind(1), [3]);
        assert!(behind(2).is_empty());
        let by_document = count_table(&project, &mentions, Grouping::Document);
        let behind = |group| project.documents_behind(&by_document, Grouping::Document, group);
        assert_eq!([behind(0), behind(1), behind(2)], [[0], [2], [3]]);
        assert!(behind(3).is_empty());
    }

    #[test]
    fn the_busiest_count_groups_have_most_of_the_shown_actors_and_keep_table_order() {
        let mut project = corpus(&[("A", true), ("B", true), ("C", true), ("D", true)]);
        project.settings.shown_actors = vec!["Russia".into()];
        let (russia, iran) = (actor(&project, "Russia"), actor(&project, "Iran"));
        let mentions = [
            vec![mention(iran); 5],
            vec![mention(russia)],
            vec![mention(russia); 3],
            vec![mention(russia)],
        ];
        let rows = count_table(&project, &mentions, Grouping::Document);
        assert_eq!(project.count_groups(&rows).count(), 4);
        // Iran is not shown; of the two groups with one mention the first wins.
        assert_eq!(project.busiest_count_groups(&rows, Measure::Raw, 2), [1, 2]);
        assert_eq!(
            project.busiest_count_groups(&rows, Measure::Raw, 9),
            [0, 1, 2, 3]
        );
        assert!(
            project
                .busiest_count_groups(&rows, Measure::Raw, 0)
                .is_empty()
        );
    }
}
