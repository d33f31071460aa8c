#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time `circa stats` on the benchmark graphs and report peak memory and scaling.

Usage: bench/load.py [--runs N] [--circa PATH] [--shared DIR] [GRAPH ...]   (default: s10k s100k)

Graphs come from shared/bench/make-graphs.py (written once into bench/out/). Each run is a whole
process, as a user sees it: reading the CSV, validating every row, building the igraph multigraph,
its strong money components and the summary. For each graph: min and median wall time over the
runs, peak resident memory, and deals per second, so linear scaling shows as a flat rate. The
targets of issue 2 apply to s100k (1,000,000 deals): under 2 s and under 400 MB.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

TARGET_GRAPH, TARGET_SECONDS, TARGET_MB = "s100k", 2.0, 400

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def peak_mb_of(command):
    """Runs @command once in a child of our own, so its peak RSS is not mixed with other runs."""
    code = ("import resource, subprocess, sys; "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + command, capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="*", default=["s10k", "s100k"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--circa", default=os.path.join(root, "build", "src", "cli", "circa"))
    parser.add_argument("--shared", default=os.environ.get("CIRCA_SHARED", os.path.join(root, "..", "shared")))
    args = parser.parse_args()

    out = os.path.join(here, "out")
    print(f"{'graph':<10} {'deals':>10} {'min s':>7} {'median s':>9} {'peak MB':>8} {'M deals/s':>10}")
    verdicts = []
    for graph in args.graphs:
        csv = os.path.join(out, graph + ".csv")
        if not os.path.exists(csv):
            generator = os.path.join(args.shared, "bench", "make-graphs.py")
            if not os.path.exists(generator):
                sys.exit(f"bench: cannot find {generator}; pass --shared DIR")
            subprocess.run([sys.executable, generator, out, graph], check=True, stdout=subprocess.DEVNULL)
        command = [args.circa, "stats", csv]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"bench: circa stats {graph} failed:\n{result.stderr.decode()}")
        peak_mb = peak_mb_of(command)
        with open(csv, "rb") as f:
            deals = sum(1 for _ in f) - 1
        median = statistics.median(times)
        print(f"{graph:<10} {deals:>10,} {min(times):>7.2f} {median:>9.2f} {peak_mb:>8.0f} {deals / median / 1e6:>10.2f}")
        if graph == TARGET_GRAPH:
            verdicts.append(f"{graph}: median {median:.2f} s (target < {TARGET_SECONDS:.0f} s: "
                            f"{'met' if median < TARGET_SECONDS else 'MISSED'}), peak {peak_mb:.0f} MB "
                            f"(target < {TARGET_MB} MB: {'met' if peak_mb < TARGET_MB else 'MISSED'})")
    for verdict in verdicts:
        print(verdict)


if __name__ == "__main__":
    main()
