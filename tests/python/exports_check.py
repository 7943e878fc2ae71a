#!/usr/bin/env python3
"""Reads Framescope's documents and sentences exports the way an analyst
would, with pandas and no options (run by .ci/run), and checks that every
sentence's [start, end) code points cut its text out of its document.

Usage: exports_check.py DOCUMENTS.csv SENTENCES.csv SENTENCES.jsonl
"""

import sys

import pandas as pd


def main() -> int:
    documents_csv, sentences_csv, sentences_jsonl = sys.argv[1:4]
    documents = pd.read_csv(documents_csv)
    texts = dict(zip(documents["id"], documents["text"]))
    for path, sentences in [
        (sentences_csv, pd.read_csv(sentences_csv)),
        (sentences_jsonl, pd.read_json(sentences_jsonl, lines=True)),
    ]:
        assert list(sentences.columns)[:4] == ["document", "index", "start", "end"], path
        wrong = [
            row.Index
            for row in sentences.itertuples()
            if texts[row.document][row.start : row.end] != row.text
        ]
        assert not wrong, f"{path}: rows {wrong[:5]} do not cut their text"
        assert sentences["in_body"].dtype == bool, path
    print(
        f"pandas: {len(documents)} documents and {len(sentences)} sentences read; "
        f"every sentence's offsets cut its text"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
