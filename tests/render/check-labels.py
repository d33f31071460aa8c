#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""No label of a diagram overlaps another label or a node.

circa writes each diagram as DOT (which names its layout); Graphviz lays it out as circa would
and reports every position as JSON: node boxes, and each text run of every label with its
baseline, alignment, width and font size. From those this check builds the boxes of the edge
labels, the cluster labels and the graph's heading, and fails on any two that overlap, on any
label over a node, and on any message Graphviz prints (an HTML label it could not read).

Usage: check-labels.py CIRCA DRAW-DOT (tools/draw-dot: Graphviz's layouts without its programs)"""

import itertools
import json
import os
import subprocess
import sys
import tempfile

TOLERANCE = 0.5  # points: boxes that touch are not an overlap


def text_box(ops):
    """The box of the text runs in an xdot operation list, or None when it holds no text."""
    size, box = 14.0, None
    for op in ops:
        if op["op"] == "F":
            size = op["size"]
        elif op["op"] == "T":
            x, y = op["pt"]
            width = op["width"]
            left = {"l": x, "c": x - width / 2, "r": x - width}[op["align"]]
            run = (left, y - 0.25 * size, left + width, y + 0.85 * size)
            box = run if box is None else (min(box[0], run[0]), min(box[1], run[1]),
                                           max(box[2], run[2]), max(box[3], run[3]))
    return box


def overlap(a, b):
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and
            min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)


def boxes(layout):
    """(what, box) for every node and every label of a laid-out graph."""
    found = []
    heading = text_box(layout.get("_ldraw_", []))
    if heading is not None:
        found.append(("label", "the heading", heading))
    for obj in layout.get("objects", []):
        if "nodes" in obj or "edges" in obj or obj["name"].startswith("cluster"):
            box = text_box(obj.get("_ldraw_", []))
            if box is not None:
                found.append(("label", "the label of " + obj["name"], box))
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
        found.append(("node", "node " + obj["name"], (x - w, y - h, x + w, y + h)))
    names = {o["_gvid"]: o["name"] for o in layout.get("objects", [])}
    for edge in layout.get("edges", []):
        box = text_box(edge.get("_ldraw_", []))
        if box is not None:
            what = "the label of %s -> %s" % (names[edge["tail"]], names[edge["head"]])
            found.append(("label", what, box))
    return found


DRAW = "dot"


def collisions(dot_text):
    run = subprocess.run([DRAW, "-", "json"], input=dot_text.encode(), capture_output=True)
    problems = []
    if run.returncode != 0 or run.stderr.strip():
        problems.append("Graphviz said: " + run.stderr.decode(errors="replace").strip()[:300])
        if run.returncode != 0:
            return problems, 0
    found = boxes(json.loads(run.stdout))
    labels = sum(1 for kind, _, _ in found if kind == "label")
    for (kind_a, a, box_a), (kind_b, b, box_b) in itertools.combinations(found, 2):
        if kind_a == "node" and kind_b == "node":
            continue  # the layouts keep nodes apart; this check is about labels
        if overlap(box_a, box_b):
            problems.append("%s overlaps %s" % (a, b))
    return problems, labels


def main():
    global DRAW
    circa = os.path.abspath(sys.argv[1])
    DRAW = os.path.abspath(sys.argv[2])
    failures = 0
    checked = 0

    def check(name, dot_text):
        nonlocal failures, checked
        problems, labels = collisions(dot_text)
        checked += 1
        if labels == 0:
            problems.append("no label was measured")
        for problem in problems:
            print("FAIL: %s: %s" % (name, problem))
        failures += bool(problems)

    cases = []
    for data in ["graphs", "tests/data/seed", "tests/data/hostile"]:
        for pass_ in ["money", "money,hardware"]:
            base = ["render", data, "--flows", pass_, "--format", "dot"]
            cases.append(("%s %s map" % (data, pass_), base))
            cases.append(("%s %s --cycles-only" % (data, pass_), base + ["--cycles-only"]))
            cases.append(("%s %s --cycles-only --limit 5" % (data, pass_),
                          base + ["--cycles-only", "--limit", "5"]))
            cases.append(("%s %s --cycles-only --limit 1" % (data, pass_),
                          base + ["--cycles-only", "--limit", "1"]))
    for focus in ["Nvidia", "OpenAI", "Microsoft"]:
        for pass_ in ["money", "money,hardware"]:
            cases.append(("graphs %s --focus %s" % (pass_, focus),
                          ["render", "graphs", "--flows", pass_, "--focus", focus, "--format",
                           "dot"]))
    cases.append(("graphs --per-deal --cycles-only",
                  ["render", "graphs", "--per-deal", "--cycles-only", "--format", "dot"]))
    for name, args in cases:
        run = subprocess.run([circa] + args + ["-o", "-"], capture_output=True)
        if run.returncode != 0:
            print("FAIL: %s: circa exited %d: %s" % (name, run.returncode, run.stderr.decode()))
            failures += 1
            continue
        check(name, run.stdout.decode())

    # --each-cycle: every loop of the shipped data, in both passes.
    with tempfile.TemporaryDirectory() as work:
        for pass_, limit in [("money", "0"), ("money,hardware", "40")]:
            folder = os.path.join(work, pass_)
            run = subprocess.run([circa, "render", "graphs", "--flows", pass_, "--limit", limit,
                                  "--each-cycle", folder, "--format", "dot"], capture_output=True)
            if run.returncode != 0:
                print("FAIL: --each-cycle %s: %s" % (pass_, run.stderr.decode()))
                failures += 1
                continue
            for file in sorted(os.listdir(folder)):
                with open(os.path.join(folder, file), encoding="utf-8") as dot:
                    check("--each-cycle %s %s" % (pass_, file), dot.read())

    # The check can fail: neato places edge labels without looking, and on the map they land on
    # nodes.
    run = subprocess.run([circa, "render", "graphs", "--layout", "neato", "--format", "dot", "-o",
                          "-"], capture_output=True)
    if not collisions(run.stdout.decode())[0]:
        print("FAIL: the check found no overlap in a neato layout of the map, which has some")
        failures += 1

    print("%d diagrams checked, %d with overlapping labels" % (checked, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
