#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Keeps the library in the shape of its data flow: read → graph → passes → write.

A file includes from its own layer and the layers below it, never above; the CLI uses only the
public headers; private headers are named from src/lib ("passes/cycles-private.h"), so an include
line says where it reaches; every layer folder has its meson.build (naming each of its C files)
and a README.md; the architecture diagram under docs/ names every layer.

    check-layers.py SOURCE_ROOT     check the tree; exit 1 listing every breach
    check-layers.py --self-test     check that each rule catches a breach made on purpose
"""

import os
import re
import sys
import tempfile

# Lowest first. "" is src/lib itself: what every layer uses.
LAYERS = ["", "read", "graph", "passes", "write"]
CLI = len(LAYERS)  # src/cli sits above every layer of the library

# The layer each public header belongs to. A new public header must be added here.
PUBLIC = {
    "circa/error.h": "",
    "circa/csv.h": "read",
    "circa/deal.h": "read",
    "circa/diagnostics.h": "read",
    "circa/dealset.h": "read",
    "circa/graph.h": "graph",
    "circa/cycles.h": "passes",
    "circa/stats.h": "passes",
    "circa/render.h": "write",
}

# Outside libraries that belong to one layer's job.
EXTERNAL = {
    "gvc.h": "write",
    "cgraph.h": "write",
    "graphviz/gvc.h": "write",
    "graphviz/cgraph.h": "write",
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)


def layer_name(rank):
    if rank == CLI:
        return "src/cli"
    return "src/lib/" + LAYERS[rank] + "/" if LAYERS[rank] else "src/lib/ (shared)"


def check(root):
    problems = []
    lib = os.path.join(root, "src", "lib")

    def where(path):
        return os.path.relpath(path, root)

    def sources(folder):
        found = []
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and name.endswith((".c", ".h")):
                found.append(path)
        return found

    files = []  # (path, rank)
    for rank, layer in enumerate(LAYERS):
        folder = os.path.join(lib, layer)
        if not os.path.isdir(folder):
            problems.append(f"{where(folder)}: the {layer or 'shared'} layer's folder is missing")
            continue
        for path in sources(folder):
            files.append((path, rank))
        if layer:
            for needed in ("meson.build", "README.md"):
                if not os.path.isfile(os.path.join(folder, needed)):
                    problems.append(f"{where(folder)}: no {needed}")
            meson = os.path.join(folder, "meson.build")
            listed = open(meson, encoding="utf-8").read() if os.path.isfile(meson) else ""
            for path in sources(folder):
                name = os.path.basename(path)
                if name.endswith(".c") and f"'{name}'" not in listed:
                    problems.append(f"{where(path)}: not built: {where(meson)} does not name it")
    for name in sorted(os.listdir(lib)):
        path = os.path.join(lib, name)
        if os.path.isdir(path) and name not in LAYERS:
            problems.append(f"{where(path)}: a folder that is no layer ({', '.join(LAYERS[1:])})")
    cli = os.path.join(root, "src", "cli")
    if os.path.isdir(cli):
        files += [(path, CLI) for path in sources(cli)]
    public = os.path.join(root, "include", "circa")
    if os.path.isdir(public):
        for path in sources(public):
            header = "circa/" + os.path.basename(path)
            if header not in PUBLIC:
                problems.append(f"{where(path)}: a public header of no layer; add it to PUBLIC in "
                                f"tests/layering/check-layers.py")
                continue
            files.append((path, LAYERS.index(PUBLIC[header])))

    for path, rank in files:
        text = open(path, encoding="utf-8").read()
        is_public = os.path.dirname(path) == public
        for match in INCLUDE.finditer(text):
            quote, target = match.group(1), match.group(2)
            line = text.count("\n", 0, match.start()) + 1
            at = f"{where(path)}:{line}"
            if quote == "<":
                if target == "circa.h" and rank != CLI:
                    problems.append(f"{at}: the library includes the topic headers it uses, "
                                    f"not the umbrella <circa.h>")
                owner = EXTERNAL.get(target)
                if owner is not None and rank != LAYERS.index(owner) and rank != CLI:
                    problems.append(f"{at}: <{target}> belongs to {layer_name(LAYERS.index(owner))}"
                                    f", not {layer_name(rank)}")
                continue
            if target in PUBLIC:
                target_rank = LAYERS.index(PUBLIC[target])
            elif target.startswith("circa/"):
                problems.append(f'{at}: "{target}" is no public header')
                continue
            else:
                if rank == CLI and os.path.isfile(os.path.join(cli, target)):
                    continue  # the CLI's own header
                if rank == CLI or is_public:
                    problems.append(f'{at}: "{target}" is private to the library; '
                                    f"{'the CLI' if rank == CLI else 'a public header'} "
                                    f"uses only public headers")
                    continue
                folder, _, name = target.rpartition("/")
                if folder not in LAYERS:
                    problems.append(f'{at}: "{target}": name a private header from src/lib, '
                                    f'with its folder ("passes/cycles-private.h")')
                    continue
                if not os.path.isfile(os.path.join(lib, target)):
                    elsewhere = [layer for layer in LAYERS[1:]
                                 if os.path.isfile(os.path.join(lib, layer, target))]
                    if not folder and elsewhere:
                        problems.append(f'{at}: "{target}": name a private header from src/lib, '
                                        f'with its folder ("{elsewhere[0]}/{target}")')
                    else:
                        problems.append(f'{at}: "{target}" does not exist under src/lib')
                    continue
                target_rank = LAYERS.index(folder)
            if target_rank > rank:
                problems.append(f'{at}: "{target}" is of {layer_name(target_rank)}, above '
                                f"{layer_name(rank)}: a layer includes only from itself and below")

    diagram = os.path.join(root, "docs", "architecture.dot")
    if not os.path.isfile(diagram):
        problems.append("docs/architecture.dot: missing (the README's architecture diagram)")
    else:
        dot = open(diagram, encoding="utf-8").read()
        for layer in LAYERS[1:]:
            if f"{layer}/" not in dot:
                problems.append(f"docs/architecture.dot: does not show the layer {layer}/")
    return problems


def self_test():
    """Each rule, broken once on purpose in a copy-sized tree, must be caught."""

    def tree(files):
        root = tempfile.mkdtemp(prefix="circa-layers-")
        base = {
            "docs/architecture.dot": "digraph { read/ -> graph/ -> passes/ -> write/ }\n",
            "include/circa/error.h": "#pragma once\n",
            "include/circa/dealset.h": '#include "circa/error.h"\n',
            "include/circa/cycles.h": '#include "circa/dealset.h"\n',
            "src/lib/text-private.h": "\n",
            "src/lib/read/dealset.c": '#include "circa/dealset.h"\n#include "text-private.h"\n',
            "src/lib/passes/cycles-private.h": "\n",
            "src/lib/passes/cycles.c": '#include "passes/cycles-private.h"\n',
            "src/lib/write/render.c": '#include "circa/cycles.h"\n#include <gvc.h>\n',
            "src/cli/cli.h": "#include <circa.h>\n",
            "src/cli/main.c": '#include "cli.h"\n',
        }
        for layer in LAYERS[1:]:
            base[f"src/lib/{layer}/README.md"] = "\n"
            names = [p.rsplit("/", 1)[1] for p in base if p.startswith(f"src/lib/{layer}/")
                     and p.endswith(".c")]
            base[f"src/lib/{layer}/meson.build"] = " ".join(f"'{n}'" for n in names) + "\n"
        base.update(files)
        for path, text in base.items():
            if text is None:
                continue
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as out:
                out.write(text)
        return root

    cases = {
        "a clean tree": ({}, None),
        "read/ includes a private header of passes/": (
            {"src/lib/read/dealset.c": '#include "passes/cycles-private.h"\n'}, "above"),
        "read/ includes a public header of passes/": (
            {"src/lib/read/dealset.c": '#include "circa/cycles.h"\n'}, "above"),
        "a private header named without its folder": (
            {"src/lib/passes/cycles.c": '#include "cycles-private.h"\n'}, "with its folder"),
        "the CLI includes a private header": (
            {"src/cli/main.c": '#include "passes/cycles-private.h"\n'}, "private to the library"),
        "a public header includes a private one": (
            {"include/circa/dealset.h": '#include "text-private.h"\n'}, "private to the library"),
        "a public header includes one above it": (
            {"include/circa/dealset.h": '#include "circa/cycles.h"\n'}, "above"),
        "a public header of no layer": ({"include/circa/new.h": "\n"}, "of no layer"),
        "Graphviz outside write/": ({"src/lib/passes/cycles.c": "#include <gvc.h>\n"},
                                    "belongs to"),
        "the library includes the umbrella header": (
            {"src/lib/read/dealset.c": "#include <circa.h>\n"}, "umbrella"),
        "a C file its meson.build does not name": ({"src/lib/graph/graph.c": "\n"}, "not built"),
        "a layer without its README": ({"src/lib/graph/README.md": None}, "no README.md"),
        "a folder that is no layer": ({"src/lib/misc/utils.c": "\n"}, "no layer"),
        "a diagram without a layer": (
            {"docs/architecture.dot": "digraph { read/ -> graph/ -> write/ }\n"}, "passes/"),
    }
    failures = 0
    for name, (files, expected) in cases.items():
        problems = check(tree(files))
        caught = any(expected in p for p in problems) if expected else not problems
        print(f"{'ok' if caught else 'not ok'} - {name}")
        if not caught:
            failures += 1
            for p in problems:
                print(f"#   {p}")
    print(f"1..{len(cases)}")
    return 1 if failures else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = check(os.path.abspath(sys.argv[1]))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} breach{'es' if len(problems) != 1 else ''} of the layering")
        return 1
    print("layering: every include runs down read → graph → passes → write")
    return 0


if __name__ == "__main__":
    sys.exit(main())
