//! Framing: the frame scheme, passage detection, manual codes and article
//! summaries.

mod analyse;
mod clause;
mod codes;
mod detect;
mod eval;
mod grammar;
mod learn;
mod scheme;
mod summary;
mod user_codes;

pub use analyse::{DocumentFraming, frame_document, frame_document_with_mentions};
pub use codes::{
    CodeStatus, CodedPassage, Decision, DecisionError, ManualCode, Origin, apply_codes, decide,
    now, quote_hash, upsert_code,
};
pub use detect::{
    CueSpan, EvidenceRole, EvidenceSpan, FrameDetector, FramePassage, Reference, Unit,
    document_units,
};
pub use eval::{
    Agreement, AgreementBuilder, Comparison, GoldError, GoldSet, GoldUnit, LabelScore, NONE,
    agreement_with_codes, evaluate_codes,
};
pub use grammar::{Grammar, RoleEffect, WordClass, expand_entry, inflections};
pub use learn::{ExampleSet, Learned, RuleWeight, SchemeRule, learn, scheme_rules, with_weights};
pub use scheme::{Frame, FrameScheme, SchemeError};
pub use summary::{ABSENT, ArticleSummary, MIXED, summarise};
pub use user_codes::{ProjectNote, UserCode, UserSelection};
