//! Reading a REFI-QDA code tree (`<Codes>` of a `.qdpx` or a `.qdc`) and
//! sorting it into what the frame scheme can hold — one parent code per
//! focal actor whose children are frame labels, the shape Framescope's own
//! export writes — and the rest, kept as user codes.

use std::collections::HashMap;

use super::xml::Element;
use crate::actors::Colour;
use crate::framing::{Frame, FrameScheme, UserCode};

/// Words Framescope's export puts in the description of a code it keeps
/// only because manual codes use it (an actor that is not focal, a label
/// outside the scheme): such codes are read back as codes, not added to
/// the scheme.
const KEPT_FOR_CODES: &str = "kept because manual codes use it";

/// A GUID as a lookup key: braces dropped, lower case.
pub(crate) fn guid_key(guid: &str) -> String {
    guid.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

/// The codes under `codes` (a `<Codes>` element or a parent `<Code>`), in
/// order. A code without a `guid` gets its name as id; one without a name
/// is called by its id. `note` gives the text of the note a `<NoteRef>`
/// names (a codebook alone has none): a code's notes become its memo.
pub(crate) fn read_codes(
    codes: &Element,
    note: &mut dyn FnMut(&str) -> Option<String>,
) -> Vec<UserCode> {
    codes
        .children_named("Code")
        .map(|code| {
            let memo: Vec<String> = code
                .children_named("NoteRef")
                .filter_map(|r| note(r.attr("targetGUID")?))
                .collect();
            let guid = code.attr("guid").unwrap_or_default().trim().to_string();
            let name = code.attr("name").map(str::trim).unwrap_or_default();
            let name = if name.is_empty() {
                guid.clone()
            } else {
                name.to_string()
            };
            UserCode {
                guid: if guid.is_empty() { name.clone() } else { guid },
                name,
                colour: code.attr("color").map(str::to_string),
                description: code.child_text("Description").unwrap_or_default(),
                memo: memo.join("\n\n"),
                codable: code
                    .attr("isCodable")
                    .is_none_or(|v| v.trim() != "false" && v.trim() != "0"),
                children: read_codes(code, note),
            }
        })
        .collect()
}

/// A code tree sorted into frame codes and user codes.
#[derive(Debug, Default)]
pub(crate) struct SortedCodes {
    /// GUID key → (actor, label) for the children of actor codes.
    pub frame_codes: HashMap<String, (String, String)>,
    /// Actors to make focal, in codebook order.
    pub focal_actors: Vec<String>,
    /// Frames the scheme lacks, with the colour the codebook gave them.
    pub new_frames: Vec<(String, Option<String>)>,
    /// Everything else, as it was.
    pub user_codes: Vec<UserCode>,
}

impl SortedCodes {
    /// The GUID keys of every user code.
    pub fn user_guids(&self) -> Vec<String> {
        self.user_codes
            .iter()
            .flat_map(UserCode::walk)
            .map(|c| guid_key(&c.guid))
            .collect()
    }
}

/// Words Framescope's export puts in the description of a focal actor's code.
const FOCAL_ACTOR_CODE: &str = "(Framescope focal actor)";

/// Whether a top-level code has the shape of a focal actor's code: children
/// that have none of their own, and either only labels of the scheme as
/// children or a description saying Framescope wrote it (then its children
/// are that project's frames, which this scheme may lack). Another tool's
/// code named after an actor, with themes under it, stays a user code: its
/// themes are not frames.
fn is_actor_code(code: &UserCode, scheme: &FrameScheme) -> bool {
    let written_by_framescope =
        code.description.contains(FOCAL_ACTOR_CODE) || code.description.contains(KEPT_FOR_CODES);
    !code.children.is_empty()
        && code.children.iter().all(|c| c.children.is_empty())
        && (written_by_framescope || code.children.iter().all(|c| scheme.is_label(&c.name)))
}

/// Sorts `codes` against `scheme`.
pub(crate) fn sort_codes(codes: Vec<UserCode>, scheme: &FrameScheme) -> SortedCodes {
    let mut sorted = SortedCodes::default();
    for code in codes {
        if !is_actor_code(&code, scheme) {
            sorted.user_codes.push(code);
            continue;
        }
        let actor = code.name.trim().to_string();
        if !code.description.contains(KEPT_FOR_CODES)
            && !sorted
                .focal_actors
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&actor))
        {
            sorted.focal_actors.push(actor.clone());
        }
        for child in code.children {
            let label = child.name.trim().to_string();
            let known = scheme.is_label(&label)
                || sorted
                    .new_frames
                    .iter()
                    .any(|(f, _)| f.eq_ignore_ascii_case(&label));
            if !known && !child.description.contains(KEPT_FOR_CODES) {
                sorted
                    .new_frames
                    .push((label.clone(), child.colour.clone()));
            }
            sorted
                .frame_codes
                .insert(guid_key(&child.guid), (actor.clone(), label));
        }
    }
    sorted
}

/// What applying a sorted codebook changed in a scheme.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SchemeChanges {
    /// Actors made focal.
    pub focal_actors: Vec<String>,
    /// Frames added (with no cues yet).
    pub frames: Vec<String>,
}

/// Makes the codebook's actors focal and adds its frames (without cues) to
/// `scheme`.
pub(crate) fn apply_to_scheme(sorted: &SortedCodes, scheme: &mut FrameScheme) -> SchemeChanges {
    let mut changes = SchemeChanges::default();
    for actor in &sorted.focal_actors {
        if !scheme.is_focal(actor) {
            *scheme = scheme.with_focal(actor, true);
            changes.focal_actors.push(actor.clone());
        }
    }
    for (name, colour) in &sorted.new_frames {
        if scheme.is_label(name) {
            continue;
        }
        let colour = colour
            .as_deref()
            .and_then(|c| c.parse::<Colour>().ok())
            .unwrap_or_else(|| Colour::first_unused(scheme.frames.iter().map(|f| f.colour)));
        scheme.frames.push(Frame {
            name: name.clone(),
            colour,
            opposite: None,
            cues: Vec::new(),
            weak_cues: Vec::new(),
            in_past: None,
        });
        changes.frames.push(name.clone());
    }
    changes
}

/// Adds `codes` to `existing`, leaving out codes whose GUID is already there.
pub(crate) fn merge_user_codes(existing: &mut Vec<UserCode>, codes: Vec<UserCode>) {
    let known: Vec<String> = existing
        .iter()
        .flat_map(UserCode::walk)
        .map(|c| guid_key(&c.guid))
        .collect();
    existing.extend(
        codes
            .into_iter()
            .filter(|c| !known.contains(&guid_key(&c.guid))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::refi::xml::parse;

    fn codes(xml: &str) -> Vec<UserCode> {
        read_codes(&parse(xml, "f").unwrap(), &mut |_| None)
    }

    #[test]
    fn actor_codes_become_frame_codes_and_the_rest_user_codes() {
        let tree = codes(
            r##"<Codes>
              <Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Russia" isCodable="true">
                <Description>Passages about Russia's influence, by frame (Framescope focal actor).</Description>
                <Code guid="a2" name="declining" isCodable="true"/>
                <Code guid="a3" name="resurgent" isCodable="true" color="#123456"/>
              </Code>
              <Code guid="i1" name="Iran" isCodable="true">
                <Code guid="i2" name="Economy" isCodable="true"/>
                <Code guid="i3" name="Military" isCodable="true"/>
              </Code>
              <Code guid="t1" name="Themes" isCodable="false" description="attr description">
                <Code guid="t2" name="Energy" isCodable="true">
                  <Description>Gas and oil</Description>
                  <Code guid="t3" name="Pipelines" isCodable="true"/>
                </Code>
              </Code>
            </Codes>"##,
        );
        let scheme = FrameScheme::default_scheme();
        let sorted = sort_codes(tree, &scheme);
        assert_eq!(sorted.frame_codes.len(), 2);
        assert_eq!(
            sorted.frame_codes["a3"],
            ("Russia".into(), "resurgent".into())
        );
        assert_eq!(sorted.focal_actors, ["Russia"]);
        assert_eq!(
            sorted.new_frames,
            [("resurgent".to_string(), Some("#123456".to_string()))]
        );
        // Another tool's code named after a focal actor, with themes under
        // it, is not a frame code: its themes are no frames.
        assert_eq!(sorted.user_codes.len(), 2);
        assert_eq!(sorted.user_codes[0].name, "Iran");
        let themes = &sorted.user_codes[1];
        assert!(!themes.codable);
        assert_eq!(themes.description, "attr description");
        assert_eq!(themes.children[0].description, "Gas and oil");
        assert_eq!(themes.walk().len(), 3);
        assert_eq!(sorted.user_guids(), ["i1", "i2", "i3", "t1", "t2", "t3"]);
        let mut scheme = scheme;
        let before = scheme.frames.len();
        let changes = apply_to_scheme(&sorted, &mut scheme);
        assert_eq!(changes.frames, ["resurgent"]);
        assert_eq!(scheme.frames.len(), before + 1);
        assert_eq!(guid_key("{AB-C}"), "ab-c");
    }
}
