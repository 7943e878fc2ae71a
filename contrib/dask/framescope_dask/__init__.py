"""Run Framescope over a corpus too large for one machine on a Dask cluster:
the corpus is cut into shards of bounded size, each shard counted (and its
framing passages found) by the `framescope` binary on a worker, and the
results merged into exactly what one run over the whole corpus gives."""

from .run import DEFAULT_SHARD_BYTES, Result, run_corpus, run_shard
from .shards import CorpusFile, Shard, expand_inputs, make_shards, parse_size

__all__ = [
    "DEFAULT_SHARD_BYTES",
    "CorpusFile",
    "Result",
    "Shard",
    "expand_inputs",
    "make_shards",
    "parse_size",
    "run_corpus",
    "run_shard",
]
