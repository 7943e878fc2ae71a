//! Provenance: what produced a figure or an export, so a number in a report
//! can be traced and reproduced (Framescope version, dictionary and scheme
//! fingerprints, body or full text, date).

use serde::Serialize;

use crate::corpus::Scope;
use crate::project::Project;

/// Where a figure or export came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// `Framescope 0.1.0`.
    pub software: String,
    pub project: String,
    /// Fingerprint of the actor dictionary the numbers were counted with.
    pub dictionary: String,
    /// Fingerprint of the frame scheme the passages were labelled with.
    pub scheme: String,
    /// `body` or `full text`.
    pub scope: String,
    /// Included documents.
    pub documents: usize,
    /// When it was made (RFC 3339, UTC).
    pub created: String,
}

impl Provenance {
    /// The provenance of anything made from `project` now.
    pub fn of(project: &Project) -> Self {
        Self {
            software: format!("Framescope {}", env!("CARGO_PKG_VERSION")),
            project: project.name.clone(),
            dictionary: project.dictionary.fingerprint(),
            scheme: project.scheme.fingerprint(),
            scope: match project.settings.scope {
                Scope::Body => "body".into(),
                Scope::Full => "full text".into(),
            },
            documents: project.included_documents().count(),
            created: crate::framing::now(),
        }
    }

    /// Key–value pairs, in a fixed order (PNG text chunks, footers).
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Software", self.software.clone()),
            ("Title", self.project.clone()),
            ("Dictionary", self.dictionary.clone()),
            ("Scheme", self.scheme.clone()),
            ("Scope", self.scope.clone()),
            ("Documents", self.documents.to_string()),
            ("Creation Time", self.created.clone()),
        ]
    }

    /// One line for people: `Framescope 0.1.0 · dictionary 1a2b… · scheme 3c4d… · body · 2026-11-23T10:00:00Z`.
    pub fn line(&self) -> String {
        format!(
            "{} · project “{}” · dictionary {} · scheme {} · {} · {} documents · {}",
            self.software,
            self.project,
            self.dictionary,
            self.scheme,
            self.scope,
            self.documents,
            self.created
        )
    }
}
