#!/usr/bin/env python3
"""A third-party reader of Framescope's REFI-QDA exports (run by .ci/run).

Reads PROJECT.qdpx and CODEBOOK.qdc with pyrefiqda (an independent parser
generated from the REFI-QDA schemas) and checks them against what
`framescope frames --format jsonl` says the project holds: one text source
per included document, one coded selection per passage, each selection's
text (code points of the source's plain text, end exclusive) exactly the
passage's text, and the same code tree in the project and in the codebook.

Usage: refi_check.py PROJECT.qdpx CODEBOOK.qdc PASSAGES.jsonl DOCUMENTS
Prints one line with the numbers; exits non-zero on the first mismatch.
"""

import json
import sys
import tempfile
from pathlib import Path

from pyrefiqda import RefiCodebook, RefiProject


def count_codes(codes) -> int:
    return sum(1 + count_codes(code.code) for code in codes)


def main() -> int:
    qdpx, qdc, passages_path, documents = sys.argv[1:5]
    passages = [json.loads(line) for line in Path(passages_path).read_text().splitlines()]
    with tempfile.TemporaryDirectory() as extract:
        project = RefiProject.load(qdpx, extract_dir=extract)
        sources = project.sources.text_source
        assert len(sources) == int(documents), (len(sources), documents)
        quotes = []
        for source in sources:
            path = source.plain_text_path.removeprefix("internal://")
            text = (Path(extract) / "sources" / path).read_text(encoding="utf-8")
            for selection in source.plain_text_selection:
                quotes.append(text[selection.start_position:selection.end_position])
                assert selection.coding, f"selection {selection.guid} has no coding"
    expected = sorted(p["text"] for p in passages)
    assert sorted(quotes) == expected, "the selections' texts differ from the passages"
    project_codes = count_codes(project.code_book.codes.code)
    codebook = RefiCodebook.load(qdc)
    codebook_codes = count_codes(codebook.codes.code)
    assert project_codes == codebook_codes > 0, (project_codes, codebook_codes)
    print(
        f"pyrefiqda: {len(sources)} sources, {len(quotes)} selections matching the "
        f"passages' text, {project_codes} codes in the project and in the codebook"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
