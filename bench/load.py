#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time `circa stats` on the 1,000,000-deal benchmark graph s100k and report peak memory.

Usage: bench/load.py [--runs N] [--graph NAME] [--circa PATH] [--shared DIR]

The graph comes from shared/bench/make-graphs.py (written once into bench/out/). Each run is a
whole process, as a user would see it: reading the CSV, validating every row, building the igraph
multigraph, strong components and the summary. Prints min and median wall time and the peak
resident set size, against the targets of issue 2 (2 s, 400 MB).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

TARGET_SECONDS = 2.0
TARGET_MB = 400

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--graph", default="s100k")
    parser.add_argument("--circa", default=os.path.join(root, "build", "src", "cli", "circa"))
    parser.add_argument("--shared", default=os.environ.get("CIRCA_SHARED", os.path.join(root, "..", "shared")))
    args = parser.parse_args()

    out = os.path.join(here, "out")
    csv = os.path.join(out, args.graph + ".csv")
    if not os.path.exists(csv):
        generator = os.path.join(args.shared, "bench", "make-graphs.py")
        if not os.path.exists(generator):
            sys.exit(f"bench: cannot find {generator}; pass --shared DIR")
        subprocess.run([sys.executable, generator, out, args.graph], check=True)

    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = subprocess.run([args.circa, "stats", csv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"bench: circa stats failed:\n{result.stderr.decode()}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    deals = sum(1 for _ in open(csv, "rb")) - 1

    best, median = min(times), statistics.median(times)
    print(f"circa stats {args.graph}.csv ({deals:,} deals), {args.runs} runs")
    print(f"  wall time: min {best:.2f} s, median {median:.2f} s   (target < {TARGET_SECONDS:.0f} s: "
          f"{'met' if median < TARGET_SECONDS else 'MISSED'})")
    print(f"  peak memory: {peak_mb:.0f} MB   (target < {TARGET_MB} MB: "
          f"{'met' if peak_mb < TARGET_MB else 'MISSED'})")
    print(f"  throughput: {deals / median / 1e6:.2f} M deals/s")


if __name__ == "__main__":
    main()
