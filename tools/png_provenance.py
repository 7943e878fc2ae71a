#!/usr/bin/env python3
"""Print the provenance Framescope writes into a PNG's iTXt text chunks.

Usage: python3 tools/png_provenance.py FIGURE.png

(ImageMagick's `identify -verbose` does not list iTXt chunks in every build;
this reads them with the standard library only.)
"""
import struct
import sys
import zlib


def itxt_chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    at = 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        at += 12 + length
        if kind != b"iTXt":
            continue
        key, rest = body.split(b"\0", 1)
        compressed = rest[0] == 1
        _language, _translated, text = rest[2:].split(b"\0", 2)
        if compressed:
            text = zlib.decompress(text)
        yield key.decode("latin-1"), text.decode("utf-8")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    path = sys.argv[1]
    try:
        with open(path, "rb") as f:
            chunks = list(itxt_chunks(f.read()))
    except (OSError, ValueError) as e:
        sys.exit(f"{path}: {e}")
    if not chunks:
        sys.exit(f"{path}: no provenance (no iTXt text chunks)")
    for key, value in chunks:
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
