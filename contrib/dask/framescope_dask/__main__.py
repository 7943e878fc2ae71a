"""`python -m framescope_dask`: count a corpus on a Dask cluster.

    python -m framescope_dask --scheduler tcp://scheduler:8786 \
        --binary /opt/framescope/framescope --dict actors.tsv \
        --shard-size 64MB -o results/ /shared/news/2024 /shared/news/2025

Without `--scheduler`, a local cluster of `--workers` processes is started
(one thread each: `framescope` uses every core it is given, so give each
worker its cores through the cluster, not threads).
"""

import argparse
import sys
import time

from .run import DEFAULT_SHARD_BYTES, run_corpus
from .shards import parse_size


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m framescope_dask", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="folders, files or glob patterns (on a filesystem the workers share)")
    parser.add_argument("-o", "--out", required=True, help="output folder (shared too)")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--workers", type=int, default=2, help="workers of the local cluster without --scheduler (default 2)")
    parser.add_argument("--binary", default="framescope", help="path of the framescope binary on the workers")
    parser.add_argument("--dict", help="actor dictionary (.tsv, .yml, .ron, .dic, .cat), shipped to every worker once")
    parser.add_argument("--scheme", help="frame scheme (.ron), shipped to every worker once")
    parser.add_argument("--shard-size", default=str(DEFAULT_SHARD_BYTES), help="most bytes of corpus per shard (default 64MB)")
    parser.add_argument("--by", choices=["document", "source"], default="document")
    parser.add_argument("--full", action="store_true", help="count the full text instead of the body")
    parser.add_argument("--no-frames", action="store_true", help="counts only, no framing passages")
    parser.add_argument("--retries", type=int, default=3, help="retries of a failed shard (default 3)")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    started = time.monotonic()
    try:
        result = run_corpus(
            args.inputs,
            args.out,
            client,
            binary=args.binary,
            dictionary=args.dict,
            scheme=args.scheme,
            shard_bytes=parse_size(args.shard_size),
            by=args.by,
            full=args.full,
            frames=not args.no_frames,
            retries=args.retries,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"{result.shards} shards in {time.monotonic() - started:.1f} s")
    print(f"counts:     {result.counts}")
    if result.passages:
        print(f"passages:   {result.passages}")
    print(f"provenance: {result.provenance}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
