//! REFI-QDA codebook import (`.qdc`): the codes that have the shape of a
//! focal actor's frame codes go into the frame scheme, the rest are kept as
//! user codes. Both the 1.0 namespace and the older `urn:QDA-XML:codebook:0:4`
//! read, as do GUIDs in braces, short ids and descriptions given as
//! attributes.

use std::path::Path;

use super::codebook::{SchemeChanges, apply_to_scheme, merge_user_codes, read_codes, sort_codes};
use super::xml::{parse, xml_text};
use crate::file_error::FileError;
use crate::framing::UserCode;
use crate::project::Project;

/// What a codebook import changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CodebookImport {
    /// Codes in the file, all levels counted.
    pub codes: usize,
    /// Focal actors and frames added to the scheme.
    pub scheme: SchemeChanges,
    /// Codes kept as user codes (all levels counted).
    pub user_codes: usize,
    /// What was not imported (sets of codes, unknown elements, codes the
    /// project already has).
    pub warnings: Vec<String>,
}

/// A codebook file as read: its code tree, and what in it is not read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QdcFile {
    pub codes: Vec<UserCode>,
    pub warnings: Vec<String>,
}

/// Reads the `.qdc` at `path` into `project`'s scheme and user codes.
pub fn import_qdc(path: &Path, project: &mut Project) -> Result<CodebookImport, FileError> {
    let file = read_qdc(path)?;
    Ok(apply_codebook(file, project))
}

/// [`import_qdc`] from the file's bytes; `file` names it in errors.
pub fn import_qdc_bytes(
    bytes: &[u8],
    file: &str,
    project: &mut Project,
) -> Result<CodebookImport, FileError> {
    let read = read_qdc_bytes(bytes, file)?;
    Ok(apply_codebook(read, project))
}

/// The code tree of the `.qdc` at `path`, as the file gives it (the slow
/// part of an import, for a background thread; [`apply_codebook`] then
/// takes it in).
pub fn read_qdc(path: &Path) -> Result<QdcFile, FileError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: file.clone(),
        source,
    })?;
    read_qdc_bytes(&bytes, &file)
}

/// [`read_qdc`] from the file's bytes; `file` names it in errors.
pub fn read_qdc_bytes(bytes: &[u8], file: &str) -> Result<QdcFile, FileError> {
    let root = parse(&xml_text(bytes, file)?, file)?;
    if root.name != "CodeBook" {
        return Err(FileError::Invalid {
            path: file.to_string(),
            message: format!("the root element is `<{}>`, not `<CodeBook>`", root.name),
        });
    }
    let mut warnings = Vec::new();
    for child in &root.children {
        match child.name.as_str() {
            "Codes" | "Description" => {}
            "Sets" => {
                let names: Vec<String> = child
                    .children_named("Set")
                    .map(|s| format!("`{}`", s.attr("name").unwrap_or_default().trim()))
                    .collect();
                if !names.is_empty() {
                    warnings.push(format!(
                        "sets of codes are not imported: {}",
                        names.join(", ")
                    ));
                }
            }
            other => warnings.push(format!("`<{other}>` is not imported")),
        }
    }
    let codes = root
        .child("Codes")
        .map(|codes| read_codes(codes, &mut |_| None))
        .unwrap_or_default();
    Ok(QdcFile { codes, warnings })
}

/// Takes a codebook into `project`: codes with the shape of a focal
/// actor's frame codes go into the scheme, the others are kept as user
/// codes (those whose GUID the project already has are left out, and
/// counted in a warning).
pub fn apply_codebook(file: QdcFile, project: &mut Project) -> CodebookImport {
    let QdcFile {
        codes,
        mut warnings,
    } = file;
    let total = codes.iter().map(|c| c.walk().len()).sum();
    let mut sorted = sort_codes(codes, &project.scheme);
    let scheme = apply_to_scheme(&sorted, &mut project.scheme);
    let user: Vec<UserCode> = std::mem::take(&mut sorted.user_codes);
    let offered: usize = user.iter().map(|c| c.walk().len()).sum();
    let before: usize = project.user_codes.iter().map(|c| c.walk().len()).sum();
    merge_user_codes(&mut project.user_codes, user);
    let after: usize = project.user_codes.iter().map(|c| c.walk().len()).sum();
    let user_codes = after - before;
    if user_codes < offered {
        warnings.push(format!(
            "{} codes the project already has (same GUID) were left as they are",
            offered - user_codes
        ));
    }
    CodebookImport {
        codes: total,
        scheme,
        user_codes,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codebooks_of_either_namespace_read_alike() {
        for namespace in ["urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:0:4"] {
            let xml = format!(
                r#"<?xml version="1.0"?><CodeBook xmlns="{namespace}"><Codes>
                <Code guid="{{6F2B0C4E-1111-4A2B-9C3D-000000000001}}" name="Türkiye" isCodable="true">
                  <Code guid="x1" name="declining" isCodable="true"/>
                  <Code guid="x2" name="persisting" isCodable="true"/>
                </Code>
                <Code guid="c7" name="Emotions" isCodable="true" description="how it feels">
                  <Code guid="c8" name="Fear" isCodable="true"/>
                </Code></Codes></CodeBook>"#
            );
            let mut project = Project::new("p");
            let focal = project.scheme.focal_actors.len();
            let result = import_qdc_bytes(xml.as_bytes(), "c.qdc", &mut project).unwrap();
            assert_eq!(result.scheme.focal_actors, ["Türkiye"]);
            assert!(result.scheme.frames.is_empty());
            assert_eq!(result.user_codes, 2);
            assert_eq!(result.codes, 5);
            assert_eq!(project.scheme.focal_actors.len(), focal + 1);
            assert_eq!(project.user_codes[0].description, "how it feels");
            assert_eq!(project.user_codes[0].children[0].name, "Fear");
        }
    }

    #[test]
    fn sets_and_codes_already_there_are_reported() {
        let xml = r#"<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti Win 23.4.0">
          <Codes><Code guid="c1" name="code1" isCodable="true"><Description>d</Description></Code></Codes>
          <Sets><Set name="code group 1" guid="s1"><MemberCode targetGUID="c1"/></Set></Sets>
        </CodeBook>"#;
        let mut project = Project::new("p");
        let first = import_qdc_bytes(xml.as_bytes(), "c.qdc", &mut project).unwrap();
        assert_eq!((first.codes, first.user_codes), (1, 1));
        assert_eq!(
            first.warnings,
            ["sets of codes are not imported: `code group 1`"]
        );
        let again = import_qdc_bytes(xml.as_bytes(), "c.qdc", &mut project).unwrap();
        assert_eq!(again.user_codes, 0);
        assert_eq!(
            again.warnings[1],
            "1 codes the project already has (same GUID) were left as they are"
        );
        assert_eq!(project.user_codes.len(), 1);
    }

    #[test]
    fn a_malformed_codebook_names_line_and_column() {
        let xml =
            "<CodeBook>\n<Codes>\n  <Code guid=\"a\" name=\"x\"></Codex>\n</Codes></CodeBook>";
        let err = import_qdc_bytes(xml.as_bytes(), "c.qdc", &mut Project::new("p"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.qdc:3:"), "{err}");
    }
}
