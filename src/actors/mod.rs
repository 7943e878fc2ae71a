//! Actors and their mentions: the dictionary and its pattern language, its
//! files (TSV, YAML, RON, LIWC, WordStat), the matcher, counts and
//! concordances.

mod counts;
mod dictionary;
mod io;
mod kwic;
mod liwc;
mod matcher;
mod pattern;
mod wordstat;

pub use counts::{
    DocumentMentions, Grouping, Measure, MentionCount, PatternCount, UNKNOWN_SOURCE,
    count_mentions, count_pattern, merge_counts, source_label, tabulate_mentions,
};
pub use dictionary::{
    Actor, ActorDictionary, Colour, DictionaryError, PatternPosition, actor_name_key, group_path,
    parse_group_path, same_actor_name, unused_name,
};
pub use io::{
    DictionaryFileError, DictionaryFormat, dictionary_text, parse_dictionary,
    parse_dictionary_bytes, parse_dictionary_with_warnings, read_dictionary,
    read_dictionary_with_warnings, to_ron, to_tsv, to_yaml,
};
pub use kwic::{KwicLine, concordance, kwic_line};
pub use liwc::{parse_liwc, to_liwc};
pub use matcher::{Matcher, Mention};
pub use pattern::{MAX_PATTERN_CHARS, Pattern, PatternError, PatternSpec};
pub use wordstat::{parse_wordstat, to_wordstat};
