//! Actors and their mentions: the dictionary and its pattern language, the
//! matcher, counts and concordances.

mod counts;
mod dictionary;
mod io;
mod kwic;
mod matcher;
mod pattern;

pub use counts::{
    DocumentMentions, Grouping, Measure, MentionCount, PatternCount, UNKNOWN_SOURCE,
    count_mentions, count_pattern, merge_counts, source_label, tabulate_mentions,
};
pub use dictionary::{
    Actor, ActorDictionary, Colour, DictionaryError, PatternPosition, actor_name_key, group_path,
    parse_group_path, same_actor_name, unused_name,
};
pub use io::{
    DictionaryFileError, DictionaryFormat, parse_dictionary, read_dictionary, to_tsv, to_yaml,
};
pub use kwic::{KwicLine, concordance, kwic_line};
pub use matcher::{Matcher, Mention};
pub use pattern::{MAX_PATTERN_CHARS, Pattern, PatternError, PatternSpec};
