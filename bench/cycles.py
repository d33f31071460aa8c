#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time `circa cycles` against networkx's simple_cycles on the benchmark graphs.

Usage: bench/cycles.py [--runs N] [--nx-timeout S] [--skip-networkx] [--circa PATH] [--shared DIR]
                       [CASE ...]   (default: every case; a graph name such as s10k selects its cases)

Graphs come from shared/bench/make-graphs.py (written once into bench/out/). Each case runs circa
twice as a whole process, as a user sees it (reading the CSV, validating every row, building the
graph, searching): once with --count, which counts a cycle per loop of entities, and once with
--per-deal --count, which counts one cycle per choice of parallel deal on each hop. Each time is the
minimum over --runs runs. networkx 3.x counts `sum(1 for _ in nx.simple_cycles(G, length_bound=L))`
on an nx.DiGraph read from NAME.edges; a DiGraph merges parallel deals, so its count is the
entity-level one and is compared with circa's --count. networkx runs once per case in a child process
that is killed when its search passes --nx-timeout seconds; its graph construction is timed apart
and not included in its search time. The ratio is networkx search time over circa's entity-level
whole-process time. A case's target applies to every circa command of the case (both counts).
"""
import argparse
import os
import platform
import subprocess
import sys
import time

# name, graph, --max-length (None: all lengths), target seconds (None: no target)
CASES = [
    ("k11", "k11", None, 0.9),
    ("s10k-L4", "s10k", 4, None),
    ("s10k-L5", "s10k", 5, None),
    ("s10k-L6", "s10k", 6, 1.0),
    ("diamonds-L8", "diamonds", 8, 0.1),
    ("deals20k-L3", "deals20k", 3, None),
    ("deals20k-L4", "deals20k", 4, 30.0),
]

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

# Runs in a child: builds the DiGraph, reports its build time at once, then counts the cycles.
NX_CHILD = r"""
import sys, time
import networkx as nx
path, bound = sys.argv[1], (int(sys.argv[2]) if sys.argv[2] != "-" else None)
start = time.perf_counter()
G = nx.DiGraph()
with open(path) as f:
    G.add_edges_from((int(a), int(b)) for a, b in (line.split() for line in f))
print(f"built {time.perf_counter() - start:.6f} {G.number_of_nodes()} {G.number_of_edges()}", flush=True)
start = time.perf_counter()
count = sum(1 for _ in nx.simple_cycles(G, length_bound=bound))
print(f"counted {time.perf_counter() - start:.6f} {count}", flush=True)
"""


def ensure_graph(out, graph, shared):
    csv, edges = os.path.join(out, graph + ".csv"), os.path.join(out, graph + ".edges")
    if not (os.path.exists(csv) and os.path.exists(edges)):
        generator = os.path.join(shared, "bench", "make-graphs.py")
        if not os.path.exists(generator):
            sys.exit(f"bench: cannot find {generator}; pass --shared DIR or set CIRCA_SHARED")
        subprocess.run([sys.executable, generator, out, graph], check=True, stdout=subprocess.DEVNULL)
    return csv, edges


def time_circa(command, runs):
    """Returns (count, min wall seconds) of @command run @runs times as whole processes."""
    times, counts = [], set()
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"bench: {' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
        counts.add(int(result.stdout.strip()))
    if len(counts) != 1:
        sys.exit(f"bench: {' '.join(command)} counted differently across runs: {sorted(counts)}")
    return counts.pop(), min(times)


def run_networkx(edges, bound, timeout):
    """Returns (build s, search s or None, count or None, note). Kills the child at @timeout s of search."""
    child = subprocess.Popen([sys.executable, "-c", NX_CHILD, edges, "-" if bound is None else str(bound)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = child.stdout.readline().split()
    if not first or first[0] != "built":
        child.kill()
        _, err = child.communicate()
        return None, None, None, f"failed: {err.strip().splitlines()[-1:] or ['no output']}"
    build = float(first[1])
    start = time.perf_counter()
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return build, None, None, f"did not finish in {timeout:g} s"
    elapsed = time.perf_counter() - start
    words = out.split()
    if child.returncode != 0 or len(words) != 3 or words[0] != "counted":
        tail = (err.strip().splitlines() or ["no output"])[-1]
        return build, None, None, f"failed after {elapsed:.0f} s: {tail}"
    return build, float(words[1]), int(words[2]), ""


def machine_facts(circa, skip_networkx):
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    version = subprocess.run([circa, "--version"], capture_output=True, text=True).stdout.strip()
    nx_version = "not used (--skip-networkx)"
    if not skip_networkx:
        result = subprocess.run([sys.executable, "-c", "import networkx; print(networkx.__version__)"],
                                capture_output=True, text=True)
        nx_version = result.stdout.strip() if result.returncode == 0 else "not importable"
    print(f"machine: nproc {os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), cpu {model}")
    print(f"python {platform.python_version()}, networkx {nx_version}, {version}")
    return nx_version


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE",
                        help=f"cases or graphs (default all): {', '.join(c[0] for c in CASES)}")
    parser.add_argument("--runs", type=int, default=3, help="circa runs per command; the minimum counts")
    parser.add_argument("--nx-timeout", type=float, default=60.0, help="seconds of networkx search per case")
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--circa", default=os.path.join(root, "build", "src", "cli", "circa"))
    parser.add_argument("--shared", default=os.environ.get("CIRCA_SHARED", os.path.join(root, "..", "shared")))
    args = parser.parse_args()
    if args.runs < 1:
        sys.exit("bench: --runs must be at least 1")

    selected = [c for c in CASES if not args.cases or c[0] in args.cases or c[1] in args.cases]
    unknown = [n for n in args.cases if not any(n in (c[0], c[1]) for c in CASES)]
    if unknown:
        sys.exit(f"bench: unknown case {', '.join(unknown)}; known: {', '.join(c[0] for c in CASES)}")

    nx_version = machine_facts(args.circa, args.skip_networkx)
    skip_nx = args.skip_networkx or nx_version == "not importable"
    print(f"circa: whole process, min of {args.runs} runs; 'entity' = --count, 'per-deal' = --per-deal --count.")
    print(f"networkx: DiGraph (parallel deals merged: entity-level count), one run, search time only "
          f"(graph construction shown apart as 'nx build'), limit {args.nx_timeout:g} s.")
    print("ratio = networkx search / circa entity time; target applies to both circa commands.")
    print()
    header = (f"{'case':<12} {'circa entity':>13} {'circa per-deal':>15} {'entity s':>9} {'per-deal s':>10} "
              f"{'nx build s':>10} {'networkx s':>22} {'nx count':>11} {'agree':>5} {'nx/circa':>9}  target")
    print(header)
    print("-" * len(header))

    out = os.path.join(here, "out")
    os.makedirs(out, exist_ok=True)
    verdicts, disagreements = [], []
    for name, graph, bound, target in selected:
        csv, edges = ensure_graph(out, graph, args.shared)
        base = [args.circa, "cycles", csv] + ([] if bound is None else ["--max-length", str(bound)])
        entity_count, entity_s = time_circa(base + ["--count"], args.runs)
        deal_count, deal_s = time_circa(base + ["--per-deal", "--count"], args.runs)

        build_cell, nx_cell, count_cell, agree, ratio = "-", "skipped", "-", "-", "-"
        if not skip_nx:
            build, search, nx_count, note = run_networkx(edges, bound, args.nx_timeout)
            build_cell = "-" if build is None else f"{build:.3f}"
            if search is None:
                nx_cell = note
                if note.startswith("did not finish"):
                    ratio = f">{args.nx_timeout / entity_s:,.0f}"
            else:
                nx_cell, count_cell = f"{search:.2f}", f"{nx_count:,}"
                agree = "yes" if nx_count == entity_count else "NO"
                ratio = f"{search / entity_s:,.0f}" if search / entity_s >= 10 else f"{search / entity_s:.2f}"
                if nx_count != entity_count:
                    disagreements.append(f"{name}: circa --count {entity_count:,}, networkx {nx_count:,}")

        target_cell = ""
        if target is not None:
            slowest = max(entity_s, deal_s)
            met = slowest < target
            target_cell = f"< {target:g} s: {'met' if met else 'MISSED'}"
            verdicts.append((name, met, slowest, target))
        print(f"{name:<12} {entity_count:>13,} {deal_count:>15,} {entity_s:>9.3f} {deal_s:>10.3f} "
              f"{build_cell:>10} {nx_cell:>22} {count_cell:>11} {agree:>5} {ratio:>9}  {target_cell}",
              flush=True)

    print()
    if verdicts:
        met = sum(1 for v in verdicts if v[1])
        detail = "; ".join(f"{n} {s:.3f} s < {t:g} s {'met' if m else 'MISSED'}" for n, m, s, t in verdicts)
        print(f"targets: {met}/{len(verdicts)} met ({detail})")
    else:
        print("targets: none among the selected cases")
    if disagreements:
        print("COUNT MISMATCH (circa entity-level vs networkx): " + "; ".join(disagreements))
    elif not skip_nx:
        print("counts: every networkx count that finished equals circa's entity-level count")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
