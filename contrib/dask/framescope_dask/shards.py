"""Expanding a corpus into files and cutting it into shards of bounded size.

Files are listed in the order `framescope` reads a folder (entries sorted by
name, sub-folders walked where they fall, hidden entries skipped), so the
shards, taken in order, are the corpus in the order one run reads it. Each
file keeps the folder it was found under (its *root*): Framescope uses the
sub-folder below that root as a fallback source (outlet), and a shard passes
it on with `--root`.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Sequence


@dataclass(frozen=True)
class CorpusFile:
    """One file of the corpus: its path, size in bytes, and the folder
    given that it was found under (`None` for a file given by itself)."""

    path: str
    size: int
    root: Optional[str]


@dataclass
class Shard:
    """Consecutive files of one root, at most `max_bytes` together (a single
    larger file is a shard of its own)."""

    index: int
    root: Optional[str]
    files: list = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def name(self) -> str:
        return f"shard-{self.index:05d}"


def _walk(folder: str) -> Iterator[str]:
    """Files under `folder` as `framescope` lists them: each folder's entries
    sorted by name, sub-folders walked in place, hidden entries skipped."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.isfile(path):
            yield path


def _glob_base(pattern: str) -> Optional[str]:
    """The folder a glob pattern starts from: its leading parts without
    wildcards (`/news/2025` for `/news/2025/**/*.txt`)."""
    head = pattern
    while glob.has_magic(head):
        head = os.path.dirname(head)
    return os.path.abspath(head) if head and os.path.isdir(head) else None


def expand_inputs(inputs: Iterable[str]) -> list:
    """The corpus files named by `inputs`: folders (walked), glob patterns
    (`**` matches sub-folders; matches sorted) and plain files. A path is
    listed once, where it first appears."""
    seen = set()
    files = []

    def add(path: str, root: Optional[str]) -> None:
        path = os.path.abspath(path)
        if path in seen:
            return
        seen.add(path)
        files.append(CorpusFile(path, os.path.getsize(path), root))

    for item in inputs:
        item = os.fspath(item)
        if os.path.isdir(item):
            root = os.path.abspath(item)
            for path in _walk(root):
                add(path, root)
        elif os.path.isfile(item):
            add(item, None)
        elif glob.has_magic(item):
            # A pattern's files are placed below the folder it starts from,
            # as if that folder had been given.
            base = _glob_base(item)
            for match in sorted(glob.glob(item, recursive=True)):
                if os.path.isfile(match):
                    add(match, base)
                elif os.path.isdir(match):
                    for path in _walk(match):
                        add(path, base or os.path.abspath(match))
        else:
            raise FileNotFoundError(f"{item}: no such file, folder or matching path")
    return files


def make_shards(files: Sequence[CorpusFile], max_bytes: int) -> list:
    """Cuts `files`, in order, into shards of at most `max_bytes` each."""
    if max_bytes <= 0:
        raise ValueError("the shard size must be positive")
    shards: list = []
    for f in files:
        last = shards[-1] if shards else None
        if last is None or last.root != f.root or last.size + f.size > max_bytes:
            last = Shard(len(shards), f.root)
            shards.append(last)
        last.files.append(f)
    return shards


def parse_size(text: str) -> int:
    """`64MB`, `512KB`, `1GB` or a number of bytes."""
    text = text.strip().upper().replace(" ", "")
    for suffix, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3), ("B", 1)):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)]) * factor)
    return int(text)
