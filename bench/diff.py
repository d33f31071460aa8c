#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time `circa diff` on two versions of s100k against the workaround without it.

Usage: bench/diff.py [--runs N] [--changes N] [--seed S] [--max-length L] [--circa PATH]
                     [--shared DIR]

The base is s100k (1,000,000 deals, from shared/bench/make-graphs.py, written once into
bench/out/). The head, bench/out/s100k-head-SEED-N.csv, differs from it by N deals (default 100),
chosen with a seeded generator: 40% added (half of them the reverse of an existing deal, so they
close loops), 30% removed, 30% with a changed amount. `circa diff BASE HEAD --max-length L
--format json` (default L 4) runs as a whole process, as CI runs it. The peer is what a pipeline
does without `circa diff`: two `circa cycles FILE --max-length L --format csv --limit 0 --sort none`
runs, one after the other, then a Python comparison of the key sets (new, broken, and changed:
same key, another bottleneck or certainty). Both give the same new, broken and changed keys, or
the benchmark fails. Medians over --runs runs (default 3), the peak memory of one circa diff run,
and the ratio peer / circa diff. Target: circa diff under 5 s.
"""
import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_SECONDS = 5.0
GRAPH = "s100k"

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def ensure_graph(out, shared):
    path = os.path.join(out, GRAPH + ".csv")
    if not os.path.exists(path):
        generator = os.path.join(shared, "bench", "make-graphs.py")
        if not os.path.exists(generator):
            sys.exit(f"bench: cannot find {generator}; pass --shared DIR or set CIRCA_SHARED")
        subprocess.run([sys.executable, generator, out, GRAPH], check=True, stdout=subprocess.DEVNULL)
    return path


def make_head(base, out, changes, seed):
    """Writes the head version of @base, @changes deals apart; returns (path, what changed)."""
    head = os.path.join(out, f"{GRAPH}-head-{seed}-{changes}.csv")
    with open(base, encoding="utf-8", newline="") as f:
        header = f.readline()
        rows = f.readlines()
    rng = random.Random(seed)
    n_added = changes * 4 // 10
    n_removed = changes * 3 // 10
    n_changed = changes - n_added - n_removed
    picked = rng.sample(range(len(rows)), n_removed + n_changed + n_added // 2)
    removed = set(picked[:n_removed])
    changed = set(picked[n_removed:n_removed + n_changed])
    reversed_of = picked[n_removed + n_changed:]
    entities = [row.split(",", 4)[2] for row in rng.sample(rows, 2 * n_added)]
    added = []
    for i in range(n_added):
        if i < len(reversed_of):
            # id,date,payer,payee,amount_usd,kind,status: the payee pays the payer back.
            _, date, payer, payee, amount, kind, status = rows[reversed_of[i]].rstrip("\n").split(",")
            added.append(f"x{i},{date},{payee},{payer},{int(amount) // 2 + 1},equity,{status}\n")
        else:
            payer, payee = entities[2 * i], entities[2 * i + 1]
            if payer == payee:
                payee = entities[(2 * i + 2) % len(entities)]
            amount = int(10 ** rng.uniform(6, 11))
            added.append(f"x{i},2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},{payer},{payee},"
                         f"{amount},{rng.choice(['equity', 'loan', 'chips', 'compute'])},signed\n")
    with open(head + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(header)
        for index, row in enumerate(rows):
            if index in removed:
                continue
            if index in changed:
                fields = row.rstrip("\n").split(",")
                old = int(fields[4])
                new = max(1, int(old * rng.choice([0.25, 0.5, 2, 4])))
                fields[4] = str(new if new != old else old + 1)
                row = ",".join(fields) + "\n"
            f.write(row)
        f.writelines(added)
    os.replace(head + ".tmp", head)
    return head, (n_added, n_removed, n_changed)


def run_checked(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return result


def loop_changes_of_json(text):
    """{kind: set(keys)} from circa diff's JSON, wherever its loop changes are."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            kind = node.get("change") or node.get("kind") or node.get("status")
            if isinstance(node.get("key"), str) and kind in ("new", "known", "changed", "broken"):
                found.setdefault(kind, set()).add(node["key"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(text))
    return found


def cycles_csv(circa, path, max_length, cwd):
    command = [circa, "cycles", path, "--max-length", str(max_length), "--format", "csv",
               "--limit", "0", "--sort", "none"]
    result = run_checked(command, cwd)
    loops = {}
    for row in csv.DictReader(result.stdout.splitlines()):
        loops[row["key"]] = (row["bottleneck_usd"], row["bottleneck_partial"], row["certainty"])
    return loops


def peer(circa, base, head, max_length, cwd):
    """The workaround: both cycle lists, then the key sets compared. {kind: set(keys)}."""
    before = cycles_csv(circa, base, max_length, cwd)
    after = cycles_csv(circa, head, max_length, cwd)
    return {
        "new": set(after) - set(before),
        "broken": set(before) - set(after),
        "changed": {k for k in set(after) & set(before) if after[k] != before[k]},
    }, len(before), len(after)


def peak_mb_of(command, cwd):
    code = ("import resource, subprocess, sys; "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + command, cwd=cwd, capture_output=True,
                         text=True, check=True)
    return int(out.stdout) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-length", type=int, default=4)
    parser.add_argument("--circa", default=os.path.join(root, "build", "src", "cli", "circa"))
    parser.add_argument("--shared", default=os.environ.get("CIRCA_SHARED", os.path.join(root, "..", "shared")))
    args = parser.parse_args()
    if args.runs < 1 or args.changes < 3:
        sys.exit("bench: --runs must be at least 1 and --changes at least 3")
    args.circa = os.path.abspath(args.circa)  # it runs in a folder of its own

    out = os.path.join(here, "out")
    os.makedirs(out, exist_ok=True)
    base = ensure_graph(out, args.shared)
    head, (n_added, n_removed, n_changed) = make_head(base, out, args.changes, args.seed)
    version = subprocess.run([args.circa, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: nproc {os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), {version}")
    print(f"base {GRAPH} ({os.path.getsize(base) / 1e6:.0f} MB); head: {n_added} deals added, "
          f"{n_removed} removed, {n_changed} amounts changed (seed {args.seed}); "
          f"--max-length {args.max_length}; medians of {args.runs} runs, whole processes")

    # An empty folder to run in: no .circa-baseline is picked up.
    with tempfile.TemporaryDirectory(prefix="circa-bench-diff-") as cwd:
        command = [args.circa, "diff", base, head, "--max-length", str(args.max_length), "--format", "json"]
        diff_times, peer_times, answers = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = run_checked(command, cwd)
            diff_times.append(time.perf_counter() - start)
            answers.append(loop_changes_of_json(result.stdout))
            start = time.perf_counter()
            theirs, n_base, n_head = peer(args.circa, base, head, args.max_length, cwd)
            peer_times.append(time.perf_counter() - start)
        peak = peak_mb_of(command, cwd)

    ours = answers[0]
    agree = all(a == ours for a in answers)
    for kind in ("new", "broken", "changed"):
        mine, peers = ours.get(kind, set()), theirs[kind]
        if mine != peers:
            agree = False
            print(f"DISAGREE on {kind}: circa diff {len(mine)}, workaround {len(peers)}; "
                  f"only circa diff: {sorted(mine - peers)[:5]}, only workaround: {sorted(peers - mine)[:5]}")
    diff_median, peer_median = statistics.median(diff_times), statistics.median(peer_times)
    print(f"loops: base {n_base:,}, head {n_head:,}; new {len(theirs['new'])}, broken "
          f"{len(theirs['broken'])}, changed {len(theirs['changed'])} "
          f"({'both agree' if agree else 'MISMATCH'})")
    print()
    print(f"{'command':<34} {'median s':>9} {'min s':>7} {'max s':>7}")
    print(f"{'circa diff --format json':<34} {diff_median:>9.2f} {min(diff_times):>7.2f} {max(diff_times):>7.2f}"
          f"   peak {peak:.0f} MB")
    print(f"{'2x circa cycles --format csv + py':<34} {peer_median:>9.2f} {min(peer_times):>7.2f} {max(peer_times):>7.2f}")
    print(f"ratio (workaround / circa diff): {peer_median / diff_median:.2f}")
    met = diff_median < TARGET_SECONDS
    print(f"target: circa diff median {diff_median:.2f} s < {TARGET_SECONDS:g} s: {'met' if met else 'MISSED'}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
