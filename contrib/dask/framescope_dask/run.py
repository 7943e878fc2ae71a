"""Running `framescope` over the shards of a corpus on Dask workers and
merging the results into what one run over the whole corpus gives.

Each task runs the `framescope` binary on one shard (`count … --format
jsonl`, and `frames … --format jsonl`), with the dictionary and frame scheme
shipped to every worker once, and writes its results to the output folder
(a shared filesystem, like the corpus). A task that fails is retried; a
worker that dies has its tasks run elsewhere. The client then merges the
counts with `framescope merge` and concatenates the passages in corpus
order. Memory per worker is bounded by the shard size: one `framescope`
process reads one shard.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Optional, Sequence

from .shards import Shard, expand_inputs, make_shards

DEFAULT_SHARD_BYTES = 64 * 10**6


@dataclass
class Result:
    """Where the merged results are, and what produced them."""

    counts: str
    passages: Optional[str]
    provenance: str
    shards: int


@dataclass(frozen=True)
class Shipped:
    """A file every worker needs (dictionary, scheme): its name and bytes,
    scattered to the workers once."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _local_copy(shipped: Optional[Shipped]) -> Optional[str]:
    """The path of `shipped` on this worker, written once per worker."""
    if shipped is None:
        return None
    folder = os.path.join(tempfile.gettempdir(), "framescope-dask")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{shipped.sha256[:16]}-{os.path.basename(shipped.name)}")
    if not os.path.exists(path):
        partial = f"{path}.{os.getpid()}.partial"
        with open(partial, "wb") as out:
            out.write(shipped.data)
        os.replace(partial, path)
    return path


def _write_atomically(path: str, data: bytes) -> None:
    partial = f"{path}.{os.getpid()}.partial"
    with open(partial, "wb") as out:
        out.write(data)
    os.replace(partial, path)


def run_shard(
    shard: Shard,
    out_dir: str,
    binary: str,
    dictionary: Optional[Shipped],
    scheme: Optional[Shipped],
    options: Sequence[str],
    frames: bool,
) -> dict:
    """Runs `framescope` on one shard (on a worker) and writes its results
    as `out_dir/shards/NAME.counts.jsonl` (and `.passages.jsonl`). Rerunning
    a shard rewrites the same files. Returns the paths and sizes."""
    shards_dir = os.path.join(out_dir, "shards")
    os.makedirs(shards_dir, exist_ok=True)
    dict_path = _local_copy(dictionary)
    scheme_path = _local_copy(scheme)
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False, encoding="utf-8") as lst:
        for f in shard.files:
            lst.write(f.path + "\n")
        list_path = lst.name
    try:
        common = ["--files-from", list_path, "--format", "jsonl", *options]
        if shard.root is not None:
            common += ["--root", shard.root]
        if dict_path:
            common += ["--dict", dict_path]
        outputs = {}
        runs = [("counts", ["count", *common])]
        if frames:
            runs.append(("passages", ["frames", *common] + (["--scheme", scheme_path] if scheme_path else [])))
        for kind, args in runs:
            provenance = os.path.join(shards_dir, f"{shard.name}.{kind}.provenance.json")
            args = [*args, "--provenance", provenance]
            outputs[f"{kind}_provenance"] = provenance
            done = subprocess.run([binary, *args], capture_output=True)
            if done.returncode != 0:
                raise RuntimeError(
                    f"{shard.name}: framescope {args[0]} failed ({done.returncode}): "
                    + done.stderr.decode("utf-8", "replace").strip()
                )
            path = os.path.join(shards_dir, f"{shard.name}.{kind}.jsonl")
            _write_atomically(path, done.stdout)
            outputs[kind] = path
        return {"shard": shard.name, "files": len(shard.files), "bytes": shard.size, **outputs}
    finally:
        os.unlink(list_path)


def framescope_version(binary: str) -> str:
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def run_corpus(
    inputs: Sequence[str],
    out_dir: str,
    client,
    binary: str = "framescope",
    dictionary: Optional[str] = None,
    scheme: Optional[str] = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    by: str = "document",
    full: bool = False,
    frames: bool = True,
    retries: int = 3,
) -> Result:
    """Counts actor mentions (and finds framing passages) in the corpus named
    by `inputs` (folders, files, glob patterns on a filesystem the workers
    share) on the Dask `client`'s cluster, one task per shard of at most
    `shard_bytes`. Writes `counts.jsonl`, `passages.jsonl` and
    `provenance.json` to `out_dir` (shared too; shard results go to
    `out_dir/shards/`). `binary` is the path of `framescope` on the workers
    (and here, for the merge)."""
    os.makedirs(out_dir, exist_ok=True)
    out_dir = os.path.abspath(out_dir)
    files = expand_inputs(inputs)
    if not files:
        raise ValueError("the inputs name no files")
    shards = make_shards(files, shard_bytes)

    def ship(path: Optional[str]) -> Optional[Shipped]:
        if path is None:
            return None
        with open(path, "rb") as f:
            return Shipped(os.path.basename(path), f.read())

    shipped_dict, shipped_scheme = ship(dictionary), ship(scheme)
    # Sent to every worker once, not with every task.
    dict_future = client.scatter(shipped_dict, broadcast=True) if shipped_dict else None
    scheme_future = client.scatter(shipped_scheme, broadcast=True) if shipped_scheme else None
    options = ["--by", by] if by != "document" else []
    if full:
        options.append("--full")
    futures = [
        client.submit(
            run_shard,
            shard,
            out_dir,
            binary,
            dict_future,
            scheme_future,
            options,
            frames,
            key=f"framescope-{shard.name}-{os.path.basename(out_dir)}",
            retries=retries,
            pure=False,
        )
        for shard in shards
    ]
    done = client.gather(futures)

    counts_path = os.path.join(out_dir, "counts.jsonl")
    merged = subprocess.run(
        [binary, "merge", *[d["counts"] for d in done], "--format", "jsonl"],
        capture_output=True,
        check=True,
    )
    _write_atomically(counts_path, merged.stdout)
    passages_path = None
    if frames:
        passages_path = os.path.join(out_dir, "passages.jsonl")
        with open(f"{passages_path}.partial", "wb") as out:
            for d in done:
                with open(d["passages"], "rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
        os.replace(f"{passages_path}.partial", passages_path)

    # Every shard must have been counted with the same dictionary and scheme.
    fingerprints = {}
    for d in done:
        for kind in ("counts", "passages"):
            path = d.get(f"{kind}_provenance")
            if path is None:
                continue
            with open(path, encoding="utf-8") as f:
                shard_provenance = json.load(f)
            for what in ("dictionary", "scheme"):
                fingerprints.setdefault(what, set()).add(shard_provenance[what])
    for what, seen in fingerprints.items():
        if len(seen) != 1:
            raise RuntimeError(f"the shards were run with different {what} fingerprints: {sorted(seen)}")

    def described(what: str, path: Optional[str], shipped: Optional[Shipped]) -> dict:
        return {
            "fingerprint": next(iter(fingerprints.get(what, {None}))),
            "file": path,
            "sha256": None if shipped is None else shipped.sha256,
        }

    provenance = {
        "framescope": framescope_version(binary),
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "inputs": [os.fspath(i) for i in inputs],
        "scope": "full text" if full else "body",
        "by": by,
        "dictionary": described("dictionary", dictionary, shipped_dict),
        "scheme": described("scheme", scheme, shipped_scheme),
        "files": len(files),
        "bytes": sum(f.size for f in files),
        "shards": done,
    }
    provenance_path = os.path.join(out_dir, "provenance.json")
    _write_atomically(provenance_path, json.dumps(provenance, indent=2).encode())
    return Result(counts_path, passages_path, provenance_path, len(shards))
