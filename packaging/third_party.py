#!/usr/bin/env python3
"""Lists the crates compiled into the framescope binary for one target, with
their licences, for the packages' THIRD-PARTY.txt.

Usage: packaging/third_party.py TARGET-TRIPLE > THIRD-PARTY.txt

Reads `cargo metadata` (offline, from Cargo.lock) and follows only normal
dependencies from framescope for that platform: build scripts' and tests'
crates are not in the binary. Every crate is under a licence that allows
redistribution in binary form with notice; the notices themselves are in each
crate's source, named by its repository.
"""

import json
import subprocess
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    target = sys.argv[1]
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked",
             "--filter-platform", target],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    root = metadata["resolve"]["root"]

    shipped, stack = set(), [root]
    while stack:
        node = nodes[stack.pop()]
        for dep in node["deps"]:
            normal = any(k["kind"] is None for k in dep["dep_kinds"])
            if normal and dep["pkg"] not in shipped:
                shipped.add(dep["pkg"])
                stack.append(dep["pkg"])

    rows = sorted(
        (packages[i]["name"], packages[i]["version"],
         packages[i].get("license") or "see its licence file",
         packages[i].get("repository") or "")
        for i in shipped
    )
    print("Framescope is under MIT OR Apache-2.0 (LICENSE-MIT, LICENSE-APACHE).")
    print("It bundles the DejaVu Sans font (DejaVu-LICENSE.txt) and is built from")
    print(f"these {len(rows)} crates (target {target}), each under the licence named:")
    print()
    for name, version, licence, repository in rows:
        print(f"{name} {version}: {licence}" + (f" <{repository}>" if repository else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
