//! Codes from a REFI-QDA codebook that are not frames: another tool's
//! thematic codes, kept in the project so that a `.qdpx` or `.qdc` export
//! writes them again, and the notes attached to nothing Framescope keeps.
//! Framescope's analysis does not use them.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One code of an imported code tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserCode {
    /// The code's GUID as the codebook gave it (hyphenated UUID, with or
    /// without braces, or another tool's short id); exports write a UUID
    /// derived from it when it is not a UUID.
    pub guid: String,
    pub name: String,
    /// `#rrggbb` or `#rgb`, when the codebook gave a colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The notes attached to the code (its memo), joined by blank lines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// Whether the code may be applied to text (`isCodable`).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub codable: bool,
    /// Sub-codes, in codebook order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<UserCode>,
}

/// A span of a document coded with user codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSelection {
    /// Document id.
    pub document: String,
    /// Byte range of the selected text.
    pub span: Range<usize>,
    /// GUIDs of the [`UserCode`]s applied; empty for a selection that
    /// carried no coding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// The note attached to the selection.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

/// A note of an imported project attached to nothing Framescope keeps
/// (a journal entry, a project memo), kept so exports write it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectNote {
    pub name: String,
    pub text: String,
    /// When it was written (`creationDateTime`), as the file gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

impl UserCode {
    /// This code and all codes under it, depth first.
    pub fn walk(&self) -> Vec<&UserCode> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.walk());
        }
        out
    }
}
