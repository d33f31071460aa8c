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
    "circa/guard.h": "",
    "circa/csv.h": "read",
    "circa/deal.h": "read",
    "circa/diagnostics.h": "read",
    "circa/dealset.h": "read",
    "circa/baseline.h": "read",
    "circa/revision.h": "read",
    "circa/graph.h": "graph",
    "circa/cycles.h": "passes",
    "circa/stats.h": "passes",
    "circa/diff.h": "passes",
    "circa/render.h": "write",
    "circa/output.h": "write",
}

# Outside libraries that belong to one place. Graphviz draws, so it belongs to write/ alone (the
# CLI reaches it through circa/render.h); igraph is reached through igraph-private.h, and only
# the public graph header shows its types.
GRAPHVIZ = ("gvc.h", "cgraph.h", "cdt.h", "gvcext.h", "gvcjob.h", "gvplugin.h", "graphviz/")
IGRAPH_ALLOWED = ("src/lib/igraph-private.h", "src/lib/error.c", "include/circa/graph.h")
JSON_GLIB = ("json-glib/",)

# Printing and exiting are the CLI's: the library reports through GError and diagnostics. The one
# exception: the child process that lays out a drawing ends with _exit().
EXITS_ALLOWED = {("src/lib/write/render.c", "_exit")}
PRINTS = re.compile(r"\b(printf|fprintf|vfprintf|puts|fputs|putchar|perror|exit|_exit|abort|"
                    r"g_print|g_printerr)\s*\(")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')


def layer_name(rank):
    if rank == CLI:
        return "src/cli"
    return "src/lib/" + LAYERS[rank] + "/" if LAYERS[rank] else "src/lib/ (shared)"


def meson_names(path):
    """The words a meson.build names, comments left out."""
    if not os.path.isfile(path):
        return set()
    text = "\n".join(line.split("#", 1)[0] for line in open(path, encoding="utf-8"))
    return set(re.findall(r"'([^']+)'", text))


def check(root):
    problems = []
    lib = os.path.join(root, "src", "lib")
    cli = os.path.join(root, "src", "cli")
    include = os.path.join(root, "include")

    def where(path):
        return os.path.relpath(path, root)

    files = []  # (path, rank)

    # ---- what lives where ----
    for rank, layer in enumerate(LAYERS):
        folder = os.path.join(lib, layer)
        if not os.path.isdir(folder):
            problems.append(f"{where(folder)}: the {layer or 'shared'} layer's folder is missing")
            continue
        listed = meson_names(os.path.join(folder, "meson.build"))
        readme_path = os.path.join(folder, "README.md")
        readme = open(readme_path, encoding="utf-8").read() if os.path.isfile(readme_path) else ""
        if layer and not readme:
            problems.append(f"{where(folder)}: no README.md")
        if layer and not os.path.isfile(os.path.join(folder, "meson.build")):
            problems.append(f"{where(folder)}: no meson.build")
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isdir(path):
                if layer or name not in LAYERS:
                    problems.append(f"{where(path)}: a folder that is no layer; the layers are "
                                    f"{', '.join(LAYERS[1:])}, and a layer has no subfolders")
                continue
            if name in ("meson.build", "README.md"):
                continue
            if not name.endswith((".c", ".h")):
                problems.append(f"{where(path)}: only C sources, headers, meson.build and "
                                f"README.md belong in a layer folder")
                continue
            files.append((path, rank))
            if name.endswith(".c") and name not in listed:
                problems.append(f"{where(path)}: not built: "
                                f"{where(os.path.join(folder, 'meson.build'))} does not name it")
            if layer and name not in readme:
                problems.append(f"{where(path)}: {where(readme_path)} does not say what it holds")
    if os.path.isdir(cli):
        listed = meson_names(os.path.join(cli, "meson.build"))
        for name in sorted(os.listdir(cli)):
            path = os.path.join(cli, name)
            if name.endswith((".c", ".h")):
                files.append((path, CLI))
                if name.endswith(".c") and name not in listed:
                    problems.append(f"{where(path)}: not built: src/cli/meson.build does not name it")
    public = os.path.join(include, "circa")
    if os.path.isdir(include):
        for dirpath, dirnames, names in os.walk(include):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                header = os.path.relpath(path, include)
                if header == "circa.h":
                    continue
                if os.path.dirname(header) != "circa" or not name.endswith(".h"):
                    problems.append(f"{where(path)}: public headers are include/circa.h and "
                                    f"include/circa/TOPIC.h")
                elif header not in PUBLIC:
                    problems.append(f"{where(path)}: a public header of no layer; add it to "
                                    f"PUBLIC in tests/layering/check-layers.py")
                else:
                    files.append((path, LAYERS.index(PUBLIC[header])))
    for header in PUBLIC:
        if not os.path.isfile(os.path.join(include, header)):
            problems.append(f"tests/layering/check-layers.py: PUBLIC names {header}, which no "
                            f"longer exists")

    # ---- who includes what ----
    def private_header(target):
        """The path under src/lib that @target names, or None when it names none."""
        normal = os.path.normpath(target)
        if os.path.isfile(os.path.join(lib, normal)):
            return normal
        return None

    for path, rank in files:
        text = open(path, encoding="utf-8").read()
        relative = where(path)
        is_public = relative.startswith("include/")
        own_folder = os.path.relpath(os.path.dirname(path), lib) if rank < CLI else None
        for match in INCLUDE.finditer(text):
            quote, target = match.group(1), match.group(2)
            line = text.count("\n", 0, match.start()) + 1
            at = f"{relative}:{line}"
            if target == "circa.h":
                if rank != CLI:
                    problems.append(f"{at}: the library includes the topic headers it uses, "
                                    f"not the umbrella circa.h")
                continue
            if quote == "<" and rank == CLI and os.path.isfile(os.path.join(cli, target)):
                problems.append(f'{at}: write the CLI\'s own header as "{target}"')
                continue
            if quote == '"' and rank == CLI and os.path.isfile(os.path.join(cli, target)):
                continue  # the CLI's own header
            if target.startswith("circa/"):
                if target not in PUBLIC:
                    problems.append(f'{at}: "{target}" is no public header')
                    continue
                if quote == "<":
                    problems.append(f'{at}: write circa\'s own header as "{target}", in quotes')
                target_rank = LAYERS.index(PUBLIC[target])
            else:
                resolved = private_header(target)
                if resolved is None and quote == '"' and own_folder is not None:
                    # Named relative to the file itself ("../write/x.h", or a bare name).
                    resolved = private_header(os.path.join(own_folder, target))
                if resolved is None:
                    if quote == '"':
                        problems.append(f'{at}: "{target}" does not exist under src/lib')
                        continue
                    if target.startswith(GRAPHVIZ) and rank != LAYERS.index("write"):
                        problems.append(f"{at}: <{target}> is Graphviz, which belongs to "
                                        f"src/lib/write/ alone, not {layer_name(rank)}")
                    if target.startswith("json-glib/") and rank != LAYERS.index("write"):
                        problems.append(f"{at}: <{target}> belongs to src/lib/write/ "
                                        f"(write/json-private.h), not {layer_name(rank)}")
                    if target.startswith("igraph") and relative not in IGRAPH_ALLOWED:
                        problems.append(f'{at}: <{target}>: reach igraph through '
                                        f'"igraph-private.h" (or the types of circa/graph.h)')
                    continue
                if rank == CLI or is_public:
                    problems.append(f'{at}: "{target}" is private to the library; '
                                    f"{'the CLI' if rank == CLI else 'a public header'} "
                                    f"uses only public headers")
                    continue
                folder = os.path.dirname(resolved)
                if folder not in LAYERS:
                    problems.append(f'{at}: "{target}" lies in no layer folder')
                    continue
                if quote == "<" or resolved != target:
                    problems.append(f'{at}: name a private header from src/lib, with its '
                                    f'folder and in quotes: "{resolved}"')
                target_rank = LAYERS.index(folder)
            if target_rank > rank:
                problems.append(f'{at}: "{target}" is of {layer_name(target_rank)}, above '
                                f"{layer_name(rank)}: a layer includes only from itself and the "
                                f"layers before it (read, graph, passes, write)")

        if rank < CLI and path.endswith(".c"):
            code = STRING.sub('""', COMMENT.sub(" ", text))
            for found in PRINTS.finditer(code):
                if (relative, found.group(1)) in EXITS_ALLOWED:
                    continue
                line = code.count("\n", 0, found.start()) + 1
                problems.append(f"{relative}:~{line}: {found.group(1)}(): the library never "
                                f"prints or exits; report through GError or the diagnostics")

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
    """Each rule, broken once on purpose in a small tree shaped like circa's, must be caught."""

    def tree(files):
        root = tempfile.mkdtemp(prefix="circa-layers-")
        base = {
            "docs/architecture.dot": "digraph { read/ -> graph/ -> passes/ -> write/ }\n",
            "include/circa.h": '#include "circa/cycles.h"\n',
            "src/lib/meson.build": "files('text.c')\n",
            "src/lib/text-private.h": "\n",
            "src/lib/text.c": '#include "text-private.h"\n',
            "src/lib/igraph-private.h": "#include <igraph.h>\n",
            "src/lib/read/dealset.c": '#include "circa/dealset.h"\n#include "text-private.h"\n',
            "src/lib/graph/graph.c": '#include "circa/graph.h"\n#include "igraph-private.h"\n',
            "src/lib/passes/cycles-private.h": '#include "circa/cycles.h"\n',
            "src/lib/passes/cycles.c": '#include "passes/cycles-private.h"\n',
            "src/lib/write/json-private.h": "#include <json-glib/json-glib.h>\n",
            "src/lib/write/render.c": '#include "circa/render.h"\n#include <gvc.h>\n'
                                      'static void f(void) { g_string_append_printf(s, "x"); }\n'
                                      '/* printf("in a comment") */\n',
            "src/cli/meson.build": "executable('circa', 'main.c')\n",
            "src/cli/cli.h": "#include <circa.h>\n",
            "src/cli/main.c": '#include "cli.h"\nint main(void) { printf("ok"); exit(0); }\n',
        }
        for header in PUBLIC:
            base.setdefault(f"include/{header}", "#pragma once\n")
        base["include/circa/graph.h"] = '#include "circa/dealset.h"\n#include <igraph.h>\n'
        base["include/circa/cycles.h"] = '#include "circa/graph.h"\n'
        for layer in LAYERS[1:]:
            names = [p.rsplit("/", 1)[1] for p in base if p.startswith(f"src/lib/{layer}/")]
            base[f"src/lib/{layer}/README.md"] = " ".join(names) + "\n"
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

    readme = "src/lib/read/README.md"
    cases = {
        "a clean tree": ({}, None),
        "read/ includes a private header of passes/": (
            {"src/lib/read/dealset.c": '#include "passes/cycles-private.h"\n'}, "above"),
        "read/ includes a public header of passes/": (
            {"src/lib/read/dealset.c": '#include "circa/cycles.h"\n'}, "above"),
        "read/ includes passes/ in angle brackets": (
            {"src/lib/read/dealset.c": "#include <passes/cycles-private.h>\n"}, "above"),
        "read/ includes a public header in angle brackets": (
            {"src/lib/read/dealset.c": "#include <circa/cycles.h>\n"}, "above"),
        "read/ reaches write/ by a relative path": (
            {"src/lib/read/dealset.c": '#include "../write/json-private.h"\n'}, "above"),
        "a private header named without its folder": (
            {"src/lib/passes/cycles.c": '#include "cycles-private.h"\n'}, "with its folder"),
        "the CLI includes a private header": (
            {"src/cli/main.c": '#include "passes/cycles-private.h"\n'}, "private to the library"),
        "a public header includes a private one": (
            {"include/circa/dealset.h": '#include "text-private.h"\n'}, "private to the library"),
        "a public header includes one above it": (
            {"include/circa/dealset.h": '#include "circa/cycles.h"\n'}, "above"),
        "a public header of no layer": ({"include/circa/new.h": "\n"}, "of no layer"),
        "a header outside include/circa/": ({"include/other.h": "\n"}, "public headers are"),
        "a stale entry in PUBLIC": ({"include/circa/stats.h": None}, "no longer exists"),
        "Graphviz outside write/": ({"src/lib/passes/cycles.c": "#include <gvc.h>\n"},
                                    "Graphviz"),
        "Graphviz in the CLI": ({"src/cli/main.c": "#include <graphviz/cgraph.h>\n"},
                                "Graphviz"),
        "igraph without the bridge": ({"src/lib/write/render.c": "#include <igraph.h>\n"},
                                      "igraph-private.h"),
        "json-glib outside write/": (
            {"src/lib/read/dealset.c": "#include <json-glib/json-glib.h>\n"}, "write/"),
        "the library includes the umbrella header": (
            {"src/lib/read/dealset.c": "#include <circa.h>\n"}, "umbrella"),
        "the umbrella header in quotes": (
            {"src/lib/read/dealset.c": '#include "circa.h"\n'}, "umbrella"),
        "a C file its meson.build does not name": ({"src/lib/graph/meson.build": "\n"},
                                                   "not built"),
        "a C file named only in a meson comment": (
            {"src/lib/graph/meson.build": "# 'graph.c' is not built yet\n"}, "not built"),
        "a C file in src/lib/ itself not built": ({"src/lib/meson.build": "\n"}, "not built"),
        "a CLI file not built": ({"src/cli/meson.build": "\n"}, "not built"),
        "a layer without its README": ({readme: None}, "no README.md"),
        "a file its README does not mention": ({readme: "the loader\n"}, "does not say"),
        "a folder that is no layer": ({"src/lib/misc/utils.c": "\n"}, "no layer"),
        "a subfolder inside a layer": ({"src/lib/read/extra/x.c": "\n"}, "no subfolders"),
        "a source that is not C": ({"src/lib/read/x.cc": "\n"}, "only C sources"),
        "the library prints": (
            {"src/lib/read/dealset.c": 'void f(void) { fprintf(stderr, "x"); }\n'}, "prints"),
        "the library exits": ({"src/lib/graph/graph.c": "void f(void) { exit(1); }\n"}, "exits"),
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
