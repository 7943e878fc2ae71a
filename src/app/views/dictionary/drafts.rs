//! Text typed into fields whose value is parsed (a group path, a list of
//! patterns), kept while it still stands for the project's value. The
//! dictionary and scheme views share it.

use std::collections::HashMap;

/// Text typed into fields whose value is parsed. Writing the parsed value
/// back into the field would undo half-typed input (a trailing ` / `, a new
/// empty line), so the typed text is shown as long as it still parses to the
/// project's value; after an undo it no longer does, and the field shows the
/// project's value again.
#[derive(Default)]
pub(in crate::app::views) struct Drafts {
    texts: HashMap<String, String>,
}

impl Drafts {
    /// The text to show in the field `key` whose value is `value`.
    pub(in crate::app::views) fn text<T: PartialEq>(
        &self,
        key: &str,
        value: &T,
        parse: impl Fn(&str) -> T,
        format: impl Fn(&T) -> String,
    ) -> String {
        match self.texts.get(key) {
            Some(draft) if parse(draft) == *value => draft.clone(),
            _ => format(value),
        }
    }

    /// Remembers what was typed into the field `key`.
    pub(in crate::app::views) fn keep(&mut self, key: &str, text: String) {
        self.texts.insert(key.to_string(), text);
    }

    /// Forgets every draft (the fields they belonged to are gone).
    pub(in crate::app::views) fn clear(&mut self) {
        self.texts.clear();
    }
}
