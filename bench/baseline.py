#!/usr/bin/env python3
"""Baseline for the benchmark: per-document actor counts with Python's `re`.

Reads the dictionary as TSV (`framescope dict export`), turns each actor's
patterns into one case-insensitive, whole-word alternation (`*` = any word
continuation), and counts matches in every file under DIR (whole files, like
ripgrep). Prints the number of files and the total count.
Usage: baseline.py DICT.tsv DIR
"""
import os
import re
import sys


def actor_regexes(tsv_path):
    patterns = {}
    with open(tsv_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or cols[0] == "actor":
                continue
            actor, pattern = cols[0], cols[1]
            body = re.escape(pattern.rstrip("*"))
            if pattern.endswith("*"):
                body += r"\w*"
            patterns.setdefault(actor, []).append(body)
    return {a: re.compile(r"\b(?:" + "|".join(p) + r")\b", re.IGNORECASE) for a, p in patterns.items()}


def main():
    regexes = actor_regexes(sys.argv[1])
    files = 0
    total = 0
    for root, _, names in os.walk(sys.argv[2]):
        for name in names:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            files += 1
            for rx in regexes.values():
                total += len(rx.findall(text))
    print(files, total)


if __name__ == "__main__":
    main()
