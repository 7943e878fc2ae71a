#!/usr/bin/env python3
"""Check Framescope's readers of other tools' files against an independent
reading of the same files (standard library only).

Usage:
  python3 tools/crosscheck.py qdpx FILE.qdpx...   REFI-QDA projects
  python3 tools/crosscheck.py dict FILE.dic|FILE.cat...   LIWC / WordStat

`qdpx`: imports each file with `framescope import`, counts sources, codes,
selections, codings and notes in its project XML here, and compares every
imported selection's span with the one this script reads: positions as code
points, or as UTF-16 code units where those cut fewer words (NVivo counts
UTF-16). `dict`: lists each category's entries as the file's layout gives
them (WordStat: tab depth, a line with deeper lines under it is a category;
LIWC: the `%` header, then words with category numbers) and compares them
with `framescope dict check`.

The binary is $FRAMESCOPE, else target/release/framescope. Prints one line
per file and the differences; exits 1 when a file differs.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

BINARY = os.environ.get("FRAMESCOPE", "target/release/framescope")


def framescope(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True)


# ----------------------------------------------------------------- REFI-QDA


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(el, name):
    return [c for c in el if local(c.tag) == name]


def cuts_words(text, spans):
    """How many spans start or end inside a word of `text`."""
    cut = 0
    for a, b in spans:
        if a > len(text) or b > len(text) or a > b:
            cut += 1
            continue
        inner = text[a:b]
        if a > 0 and inner[:1].isalnum() and text[a - 1].isalnum():
            cut += 1
        elif b < len(text) and inner[-1:].isalnum() and text[b].isalnum():
            cut += 1
    return cut


def utf16_text(text):
    """`text` with each astral character as two units, so that indexing
    counts UTF-16 code units."""
    return "".join(c if ord(c) < 0x10000 else c + "\0" for c in text)


def byte_span(text, a, b, utf16):
    if utf16:
        units = utf16_text(text)
        head, inner = units[:a].replace("\0", ""), units[a:b].replace("\0", "")
    else:
        head, inner = text[:a], text[a:b]
    start = len(head.encode())
    return start, start + len(inner.encode())


def check_qdpx(path):
    archive = zipfile.ZipFile(path)
    names = {n.lower(): n for n in archive.namelist()}
    qde = names.get("project.qde") or next(
        n for low, n in names.items() if low.endswith(".qde") and "/" not in low
    )
    root = ET.fromstring(archive.read(qde))
    counts = collections.Counter(local(el.tag) for el in root.iter())
    # Annotations: notes anchored to a passage, referred to by a source.
    anchors = {}
    for note in root.iter():
        if local(note.tag) == "Note":
            for s in children(note, "PlainTextSelection"):
                anchors[note.get("guid", "").strip("{}").lower()] = (
                    int(s.get("startPosition")),
                    int(s.get("endPosition")),
                )
    expected = []
    for source in root.iter():
        if local(source.tag) != "TextSource":
            continue
        inline = children(source, "PlainTextContent")
        if inline:
            text = inline[0].text or ""
        else:
            wanted = source.get("plainTextPath", "").replace("internal://", "").lstrip("/")
            entry = names.get(("sources/" + wanted).lower()) or names.get(wanted.lower())
            if entry is None:
                continue
            text = archive.read(entry).decode("utf-8-sig")
        spans = [
            (int(s.get("startPosition")), int(s.get("endPosition")))
            for s in children(source, "PlainTextSelection")
        ] + [
            anchors[key]
            for r in children(source, "NoteRef")
            if (key := r.get("targetGUID", "").strip("{}").lower()) in anchors
        ]
        utf16 = cuts_words(utf16_text(text), spans) < cuts_words(text, spans)
        expected += [byte_span(text, a, b, utf16) for a, b in spans]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "p.ron")
        run = framescope("import", path, "-o", out)
        if run.returncode != 0:
            print(f"{path}: framescope failed: {run.stderr.strip()}")
            return False
        ron = open(out, encoding="utf-8").read()
    line = next(l for l in run.stdout.splitlines() if l.startswith("REFI-QDA project:"))
    # Selections are the spans of manual codes and user selections.
    got = [
        (int(a), int(b))
        for a, b in re.findall(r"span: \(\s*start: (\d+),\s*end: (\d+),", ron)
    ]
    print(
        f"{os.path.basename(path)}: in the file {counts['TextSource']} text sources, "
        f"{counts['Code']} codes, {counts['PlainTextSelection']} text selections "
        f"(passages of annotations included), {counts['Coding']} codings, "
        f"{counts['Note']} notes"
    )
    print(f"  framescope: {line[len('REFI-QDA project: '):]}")
    same = sorted(got) == sorted(expected)
    print(
        f"  selection spans: {len(expected)} read here, {len(got)} imported, "
        + ("all equal" if same else "DIFFERENT")
    )
    return same


# ------------------------------------------------------------- dictionaries


def lines_of(path):
    raw = open(path, "rb").read().decode("utf-8", errors="replace")
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def reference_cat(path):
    lines = [l for l in lines_of(path) if l.strip()]
    def depth(line):
        # Tabs in the indentation; spaces before or among them do not count.
        return line[: len(line) - len(line.lstrip())].count("\t")

    categories = collections.OrderedDict()
    stack = []
    for i, line in enumerate(lines):
        d, text = depth(line), line.strip()
        deeper = i + 1 < len(lines) and depth(lines[i + 1]) > d
        while stack and stack[-1][0] >= d:
            stack.pop()
        if deeper or d == 0:
            name = text
            while name in categories and (d, name) not in stack:
                name += "'"
            stack.append((d, name))
            categories.setdefault(name, [])
        elif stack:
            entry = re.sub(r"\s*\(\s*[\d.]+\s*\)$", "", text).lower().replace("_", " ")
            categories[stack[-1][1]].append(entry)
    return categories


def reference_dic(path):
    lines = lines_of(path)
    marks = [i for i, l in enumerate(lines) if l.strip() == "%"]
    ids = {}
    for line in lines[marks[0] + 1 : marks[1]]:
        if line.strip():
            number, name = line.split(None, 1)
            ids[int(number)] = name.strip()
    categories = collections.OrderedDict((name, []) for name in ids.values())
    for line in lines[marks[1] + 1 :]:
        if not line.strip():
            continue
        parts = re.split(r"\t+", line.strip())
        if len(parts) == 1:
            parts = line.strip().rsplit(None, 1)
        word = parts[0].strip().lower()
        for number in " ".join(parts[1:]).split():
            if number.isdigit() and int(number) in ids:
                entries = categories[ids[int(number)]]
                if word not in entries:
                    entries.append(word)
    return categories


def framescope_dictionary(path):
    run = framescope("dict", "check", path)
    lines = run.stdout.splitlines()
    group, patterns = lines[0].index("group"), lines[0].index("patterns")
    actors = collections.OrderedDict()
    for line in lines[2:]:
        if not line.strip() or line.startswith(path):
            continue
        listed = line[patterns:].strip()
        actors[line[:group].strip()] = listed.split(", ") if listed else []
    return actors, [l for l in run.stderr.splitlines() if l.strip()]


def check_dictionary(path):
    wordstat = path.lower().endswith(".cat")
    reference = reference_cat(path) if wordstat else reference_dic(path)
    got, warnings = framescope_dictionary(path)
    ref_entries = sum(len(v) for v in reference.values())
    got_entries = sum(len(v) for v in got.values())
    print(
        f"{os.path.basename(path)}: read here {len(reference)} categories, "
        f"{ref_entries} entries; framescope {len(got)} actors, {got_entries} patterns"
    )
    same = True
    # Framescope renames a second category of the same name `NAME 2`.
    renamed = {k.replace("'", "") + (" 2" if k.endswith("'") else ""): v for k, v in reference.items()}
    for name, entries in renamed.items():
        if name not in got:
            if entries:
                same = False
                print(f"  missing: {name} ({len(entries)} entries)")
            continue
        # Both formats' entries match regardless of case.
        mine = {p.lower() for p in got[name]}
        if mine != set(entries):
            same = False
            print(f"  differs: {name}: {sorted(set(entries) ^ mine)[:6]}")
    for warning in warnings:
        print(f"  warning: {warning}")
    return same


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("qdpx", "dict"):
        sys.exit(__doc__)
    check = check_qdpx if sys.argv[1] == "qdpx" else check_dictionary
    results = [check(path) for path in sys.argv[2:]]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
