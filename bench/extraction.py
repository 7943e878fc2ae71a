"""Helper of bench/extraction.sh: links the evaluation pages into a folder,
then scores Framescope's exported documents with the rules of trafilatura's
tests/eval_common.py (whitespace-normalised substring matching of the
"with" and "without" snippets, F1 over all snippets; both sides compared in
Unicode's composed form, see norm)."""

import json
import os
import re
import sys
import unicodedata


def norm(text):
    """Whitespace-normalised, as eval_common.norm, and in Unicode's composed
    form (NFC): a few pages write in decomposed form what the snippets write
    composed, and the two spellings are the same text."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())


def load(checkout):
    with open(os.path.join(checkout, "tests", "evaldata.json"), encoding="utf-8") as f:
        return json.load(f)


def resolve(checkout, name):
    "tests/cache first, then tests/eval, as eval_common.resolve."
    for sub in ("cache", "eval"):
        path = os.path.join(checkout, "tests", sub, name)
        if os.path.isfile(path):
            return path
    return None


def option(args, name, default=None):
    return args[args.index(name) + 1] if name in args else default


def pages(checkout, args):
    data = load(checkout)
    urls = sorted(data)
    limit = option(args, "--pages")
    if limit:
        urls = urls[: int(limit)]
    return data, urls


def page_name(index):
    "One file per evaluation entry (some entries share a page)."
    return f"page{index:04}.html"


def link(checkout, folder, args):
    data, urls = pages(checkout, args)
    os.makedirs(folder)
    for i, url in enumerate(urls):
        path = resolve(checkout, data[url]["file"])
        if path is None:
            sys.exit(f"{url}: page not found: {data[url]['file']}")
        os.symlink(path, os.path.join(folder, page_name(i)))


class Matrix:
    def __init__(self):
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, item, result):
        if result is None:
            tp = fp = 0
        else:
            resn = norm(result)
            tp = sum(1 for w in item["with"] if norm(w) in resn)
            fp = sum(1 for w in item["without"] if norm(w) in resn)
        self.tp += tp
        self.fp += fp
        self.fn += len(item["with"]) - tp
        self.tn += len(item["without"]) - fp
        return tp, fp

    def line(self, label):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * self.tp / (2 * self.tp + self.fp + self.fn)
        return f"{label:<16} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}"


def score(checkout, folder, documents, report, args):
    data, urls = pages(checkout, args)
    by_file = {}
    with open(documents, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            by_file[os.path.basename(record["origin"])] = record
    text, body = Matrix(), Matrix()
    missing, misses = [], []
    for i, url in enumerate(urls):
        item = data[url]
        record = by_file.get(page_name(i))
        if record is None:
            missing.append(url)
        t = text.add(item, record and record["text"])
        b = body.add(item, record and record["body_text"])
        if record is not None and b[0] < len(item["with"]):
            misses.append((page_name(i), data[url]["file"], len(item["with"]) - t[0],
                           len(item["with"]) - b[0], b[1], len(item["with"])))
    print(f"pages: {len(urls)}; snippets: {text.tp + text.fn} to find, {text.fp + text.tn} to leave out")
    print(text.line("extracted text"))
    print(body.line("body"))
    print(f"pages without a document: {len(missing)}")
    for url in missing:
        print(f"  {url}")
    if "--list" in args:
        print("pages where the body misses snippets (page, file, missed in text, missed in body, wrong in body, of):")
        for m in misses:
            print("  " + "  ".join(map(str, m)))
        with open(report, encoding="utf-8") as f:
            sys.stdout.write(f.read())


if __name__ == "__main__":
    command, checkout, *rest = sys.argv[1:]
    if command == "link":
        link(checkout, rest[0], rest[1:])
    else:
        score(checkout, rest[0], rest[1], rest[2], rest[3:])
