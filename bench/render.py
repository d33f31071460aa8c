#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time `circa render` against Graphviz's own `dot -Tsvg` on the DOT that circa writes.

Usage: bench/render.py [--runs N] [--circa PATH] [--shared DIR] [--graph NAME] [--max-length L]
                       [--limit N]

On the benchmark graph (default deals20k: 2,000 entities, 20,000 deals) circa finds the round
trips up to --max-length hops (default 3), highlights the --limit largest (default 10) and draws
SVG through libgvc. The same command with --format dot writes the graph it lays out; `dot -Tsvg`
then lays out and draws that file. circa's overhead is its whole-process time minus dot's: the
loading, the search, building the graph and copying the picture out. Target: under 10% of
circa's total. Times are medians over --runs interleaved runs (default 1: dot takes minutes here).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_SHARE = 0.10

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{result.stderr.decode()}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--graph", default="deals20k")
    parser.add_argument("--max-length", type=int, default=3)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--layout", default="dot",
                        help="Graphviz layout for both (dot -K LAYOUT); auto: circa's own choice "
                             "by size, and dot with the layout it chose")
    parser.add_argument("--circa", default=os.path.join(root, "build", "src", "cli", "circa"))
    parser.add_argument("--shared", default=os.environ.get("CIRCA_SHARED", os.path.join(root, "..", "shared")))
    args = parser.parse_args()

    if shutil.which("dot") is None:
        sys.exit("bench: Graphviz's dot is missing (Debian: graphviz)")
    out = os.path.join(here, "out")
    csv = os.path.join(out, args.graph + ".csv")
    if not os.path.exists(csv):
        generator = os.path.join(args.shared, "bench", "make-graphs.py")
        if not os.path.exists(generator):
            sys.exit(f"bench: cannot find {generator}; pass --shared DIR")
        subprocess.run([sys.executable, generator, out, args.graph], check=True, stdout=subprocess.DEVNULL)

    work = tempfile.mkdtemp(prefix="circa-render-bench-")
    try:
        common = [args.circa, "render", csv, "--max-length", str(args.max_length), "--limit",
                  str(args.limit)]
        layout = args.layout
        if layout == "auto":
            # What circa chose says itself on stderr when it is not dot.
            said = subprocess.run(common + ["-o", os.path.join(work, "probe.svg"), "--timeout",
                                            "600"], capture_output=True, text=True).stderr
            layout = "sfdp" if "laid out by sfdp" in said else "dot"
        else:
            common += ["--layout", layout]
        dot_file = os.path.join(work, "graph.dot")
        # Interleaved, so that the machine's noise falls on both alike; medians are quoted.
        runs = {"dot": [], "svg": [], "graphviz": []}
        for _ in range(args.runs):
            runs["dot"].append(timed(common + ["--format", "dot", "-o", dot_file]))
            runs["svg"].append(timed(common + ["-o", os.path.join(work, "circa.svg")]))
            runs["graphviz"].append(timed(["dot", "-K" + layout, "-Tsvg", dot_file, "-o",
                                           os.path.join(work, "dot.svg")]))
        circa_dot, circa_svg, graphviz = (statistics.median(runs[k]) for k in ("dot", "svg",
                                                                               "graphviz"))
        size = os.path.getsize(os.path.join(work, "circa.svg"))
    finally:
        shutil.rmtree(work)

    overhead = max(circa_svg - graphviz, 0.0)
    share = overhead / circa_svg
    print(f"circa render {args.graph}.csv --max-length {args.max_length} --limit {args.limit} "
          f"--layout {args.layout}{' (' + layout + ')' if args.layout == 'auto' else ''}, "
          f"median of {args.runs} run(s)")
    print(f"  circa, DOT only (load, search, build the graph): {circa_dot:8.2f} s")
    print(f"  circa, SVG (the same plus layout and drawing):   {circa_svg:8.2f} s   ({size:,} bytes)")
    print(f"  dot -K{layout} -Tsvg on circa's DOT:  {graphviz:8.2f} s   "
          f"(circa / dot: {circa_svg / graphviz:.2f})")
    print(f"  circa's overhead: {overhead:.2f} s = {100 * share:.1f}% of its total "
          f"(target < {100 * TARGET_SHARE:.0f}%: {'met' if share < TARGET_SHARE else 'MISSED'})")


if __name__ == "__main__":
    main()
