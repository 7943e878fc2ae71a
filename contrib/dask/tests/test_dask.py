"""The Dask runner gives exactly what one `framescope` run over the whole
corpus gives, on a LocalCluster of two worker processes, even when a worker
is killed in the middle of the run.

The binary is $FRAMESCOPE (default: the repository's target/debug build).
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from framescope_dask import expand_inputs, make_shards, run_corpus

REPO = Path(__file__).resolve().parents[3]
BINARY = os.environ.get("FRAMESCOPE", str(REPO / "target" / "debug" / "framescope"))


def framescope(*args):
    done = subprocess.run([BINARY, *map(str, args)], capture_output=True, check=True)
    return done.stdout


def records(jsonl: bytes):
    return [json.loads(line) for line in jsonl.decode().splitlines() if line.strip()]


def canonical(rows):
    """Rows as sorted JSON strings: order aside, the same rows."""
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "news"
    framescope("bench-corpus", "--size", "3MB", "--seed", "7", "-o", folder)
    return folder


@pytest.fixture(scope="module")
def one_run(corpus):
    """Counts (per document and per source) and passages of one run."""
    return {
        "document": records(framescope("count", corpus, "--format", "jsonl")),
        "source": records(framescope("count", corpus, "--by", "source", "--format", "jsonl")),
        "passages": records(framescope("frames", corpus, "--format", "jsonl")),
    }


@pytest.fixture
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


def test_a_glob_reads_as_the_folder_it_starts_from(corpus):
    folder = expand_inputs([corpus])
    pattern = expand_inputs([str(corpus / "**" / "*")])
    assert sorted(f.path for f in pattern) == sorted(f.path for f in folder)
    assert {f.root for f in pattern} == {str(corpus)}


def test_shards_cover_the_corpus_in_order_within_their_size(corpus):
    files = expand_inputs([corpus])
    shards = make_shards(files, 200_000)
    assert [f for s in shards for f in s.files] == files
    assert len(shards) > 5
    assert all(s.size <= 200_000 or len(s.files) == 1 for s in shards)
    assert all(s.root == str(corpus) for s in shards)


@pytest.mark.parametrize("by", ["document", "source"])
def test_merged_shards_equal_one_run(corpus, one_run, client, tmp_path, by):
    result = run_corpus([corpus], tmp_path / "out", client, binary=BINARY,
                        shard_bytes=250_000, by=by, frames=by == "document")
    assert result.shards > 5
    merged = records(Path(result.counts).read_bytes())
    assert canonical(merged) == canonical(one_run[by])
    if by == "document":
        passages = records(Path(result.passages).read_bytes())
        # Shards in corpus order: the passages come out in one run's order.
        assert passages == one_run["passages"]
    provenance = json.loads(Path(result.provenance).read_text())
    assert provenance["framescope"].startswith("framescope ")
    assert len(provenance["shards"]) == result.shards
    assert provenance["files"] == len(expand_inputs([corpus]))
    assert provenance["dictionary"]["fingerprint"] and provenance["scheme"]["fingerprint"]


def test_the_dictionary_and_scheme_are_shipped_and_used(corpus, client, tmp_path):
    dictionary = tmp_path / "two.tsv"
    dictionary.write_text("# actor\tpattern\nRussia\trussia*\nRussia\tmoscow\nIran\tiran*\nIran\ttehran\n")
    expected = records(framescope("count", corpus, "--dict", dictionary, "--format", "jsonl"))
    result = run_corpus([corpus], tmp_path / "out", client, binary=BINARY,
                        dictionary=str(dictionary), shard_bytes=400_000, frames=False)
    merged = records(Path(result.counts).read_bytes())
    assert canonical(merged) == canonical(expected)
    assert {r["actor"] for r in merged} == {"Russia", "Iran"}


def test_a_worker_killed_mid_run_changes_nothing(corpus, one_run, client, tmp_path):
    # A slow binary, so the run is still going when the worker dies.
    slow = tmp_path / "slow-framescope"
    slow.write_text(f"#!/bin/sh\nsleep 0.4\nexec {BINARY} \"$@\"\n")
    slow.chmod(0o755)
    out = tmp_path / "out"
    shards_dir = out / "shards"
    result = {}

    def run():
        result["value"] = run_corpus([corpus], out, client, binary=str(slow), shard_bytes=150_000)

    runner = threading.Thread(target=run)
    runner.start()
    deadline = time.monotonic() + 120
    while not (shards_dir.is_dir() and any(shards_dir.glob("*.passages.jsonl"))):
        assert time.monotonic() < deadline, "no shard finished"
        time.sleep(0.05)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    runner.join(timeout=300)
    assert not runner.is_alive()
    done = result["value"]
    finished = len(list(shards_dir.glob("*.counts.jsonl")))
    assert finished == done.shards and done.shards > 10
    assert canonical(records(Path(done.counts).read_bytes())) == canonical(one_run["document"])
    assert records(Path(done.passages).read_bytes()) == one_run["passages"]


def test_the_command_line_runs_a_local_cluster(corpus, one_run, tmp_path):
    out = tmp_path / "cli"
    done = subprocess.run(
        [sys.executable, "-m", "framescope_dask", "--workers", "2", "--binary", BINARY,
         "--shard-size", "1MB", "-o", str(out), str(corpus)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert "shards in" in done.stdout
    merged = records((out / "counts.jsonl").read_bytes())
    assert canonical(merged) == canonical(one_run["document"])
