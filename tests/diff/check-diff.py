#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What `circa diff` reports, checked against answers made independently of circa:

- a fixture repository (git init, a base commit, a head commit that adds, removes and changes
  deals): `--git HEAD~1` reports exactly the expected new, broken and changed loops, the deals
  that explain each with their lines, and the deal changes with their fields; A..B, A...B, a
  subfolder, a file added since the base, and the same answer from two folders;
- seeded random multigraph pairs: new and broken loops equal the set differences of networkx's
  simple cycles (length-bounded) of each side;
- a baseline accepts exactly its keys, --write-baseline keeps reasons, a stale entry is named;
- every --fail-on policy and exit code, a broken HEAD or BASE file, a bad baseline, a cut-short
  search that says so.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx

failures = []


def check(name, ok, detail=""):
    print(f"{'ok' if ok else 'not ok'} - {name}{': ' + str(detail) if not ok and detail else ''}")
    if not ok:
        failures.append(name)


def run(args, cwd=None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


HEADER = "id,date,payer,payee,amount_usd,kind,status\n"


def write_deals(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(HEADER)
        for row in rows:
            out.write(",".join(row) + "\n")


BASE = [
    ("ab", "2024-01-01", "Alpha", "Beta", "1B", "equity", "signed"),
    ("ba", "2024-02-01", "Beta", "Alpha", "2B", "chips", "signed"),
    ("cd", "2024-01-01", "Cedar", "Delta", "5B", "equity", "announced"),
    ("de", "2024-01-01", "Delta", "Echo", "4B", "loan", "announced"),
    ("ec", "2024-01-01", "Echo", "Cedar", "3B", "compute", "announced"),
    ("fg", "2024-01-01", "Fox", "Golf", "1B", "equity", "closed"),
    ("gf", "2024-01-01", "Golf", "Fox", "1B", "services", "closed"),
    ("ah", "2024-01-01", "Alpha", "Hotel", "7B", "equity", "rumored"),
]


def head_rows():
    rows = [list(r) for r in BASE if r[0] != "gf"]  # Golf → Fox removed: Fox ⇄ Golf breaks
    for r in rows:
        if r[0] == "ec":
            r[4] = "1B"  # Echo → Cedar smaller: the loop's bottleneck changes $3.0B → $1.0B
        if r[0] == "ba":
            r[6] = "closed"  # a status change that does not change the loop (signed stays min)
    rows.append(["ha", "2025-01-01", "Hotel", "Alpha", "2B", "chips", "signed"])  # closes Alpha ⇄ Hotel
    return [tuple(r) for r in rows]


def fixture_checks(circa, tmp):
    repo = os.path.join(tmp, "repo")
    os.makedirs(repo)
    git(repo, "init", "-q")
    write_deals(os.path.join(repo, "graphs", "deals.csv"), BASE)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    write_deals(os.path.join(repo, "graphs", "deals.csv"), head_rows())

    proc = run([circa, "diff", "--git", "HEAD", "graphs", "--format", "json"], cwd=repo)
    check("diff --git HEAD runs", proc.returncode == 0, proc.stderr)
    doc = json.loads(proc.stdout)
    by_kind = {}
    for loop in doc["loops"]:
        by_kind.setdefault(loop["change"], []).append(loop)
    keys = {k: sorted(l["key"] for l in v) for k, v in by_kind.items()}
    check("exactly the expected new loop", keys.get("new") == ["Alpha → Hotel"], keys)
    check("exactly the expected broken loop", keys.get("broken") == ["Fox → Golf"], keys)
    check("exactly the expected changed loop", keys.get("changed") == ["Cedar → Delta → Echo"], keys)
    check("the unchanged loop is counted, not listed", doc["counts"]["unchanged"] == 1, doc["counts"])
    new = by_kind["new"][0]
    check("the new loop is closed by the added deal at its line in HEAD",
          [(b["id"], b["change"], b["head"]["file"], b["head"]["line"]) for b in new["because"]]
          == [("ha", "added", "graphs/deals.csv", 9)], new["because"])
    broken = by_kind["broken"][0]
    check("the broken loop names the removed deal at its line in the base revision",
          [(b["id"], b["change"], b["base"]["file"], b["base"]["line"]) for b in broken["because"]]
          == [("gf", "removed", "HEAD:graphs/deals.csv", 8)], broken["because"])
    changed = by_kind["changed"][0]
    check("the changed loop says its bottleneck before and after",
          changed["base"]["bottleneck_usd"] == 3_000_000_000 and
          changed["head"]["bottleneck_usd"] == 1_000_000_000 and
          [b["id"] for b in changed["because"]] == ["ec"], changed)
    deals = {d["id"]: d for d in doc["deals"]}
    check("deal changes by id with the fields that changed",
          sorted(deals) == ["ba", "ec", "gf", "ha"] and deals["ec"]["fields"] == ["amount_usd"] and
          deals["ba"]["fields"] == ["status"] and deals["gf"]["change"] == "removed" and
          deals["ha"]["change"] == "added", deals)
    check("circular money moves by the difference of the sums of bottlenecks",
          doc["head"]["circular_usd"] - doc["base"]["circular_usd"] == 2e9 - 1e9 - 2e9, doc["head"])

    text = run([circa, "diff", "--git", "HEAD", "graphs"], cwd=repo).stdout
    check("the text headline tells it in one line",
          "1 new round trip, 1 changed, 1 broken; circular money −$1.0B." in text, text[:300])

    # A revision range, its merge-base form, a subfolder, and a file added since the base.
    git(repo, "commit", "-qam", "head")
    ranged = json.loads(run([circa, "diff", "--git", "HEAD~1..HEAD", "graphs", "--format", "json"],
                            cwd=repo).stdout)
    check("A..B compares two revisions", ranged["loops"] == doc["loops"] or
          [l["key"] for l in ranged["loops"]] == [l["key"] for l in doc["loops"]])
    merged = run([circa, "diff", "--git", "HEAD~1...HEAD", "graphs", "--format", "json"], cwd=repo)
    check("A...B compares B with its merge base",
          merged.returncode == 0 and json.loads(merged.stdout)["counts"] == doc["counts"],
          merged.stderr)
    inside = run([circa, "diff", "--git", "HEAD~1", "--format", "json"],
                 cwd=os.path.join(repo, "graphs"))
    check("from a subfolder, paths default to it",
          inside.returncode == 0 and json.loads(inside.stdout)["counts"] == doc["counts"],
          inside.stderr)
    write_deals(os.path.join(repo, "more", "extra.csv"),
                [("zq", "2025-01-01", "Zulu", "Quebec", "1B", "equity", "signed"),
                 ("qz", "2025-01-01", "Quebec", "Zulu", "1B", "equity", "signed")])
    added = run([circa, "diff", "--git", "HEAD", "graphs", "more", "--format", "json"], cwd=repo)
    keys_added = [l["key"] for l in json.loads(added.stdout)["loops"]] if added.returncode == 0 else []
    check("a folder the base does not have counts as empty there", keys_added == ["Quebec → Zulu"],
          added.stderr or keys_added)

    # CI formats name files from the repository's top wherever circa runs, as URI references,
    # and a removed deal by the revision it is in.
    sub = run([circa, "diff", "--git", "HEAD~1", "--format", "sarif"],
              cwd=os.path.join(repo, "graphs"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(sub.stdout)["runs"][0]["results"]
            for loc in result["locations"]}
    check("from a subfolder, SARIF names files from the repository's top",
          uris == {"graphs/deals.csv"}, uris)
    notes = run([circa, "diff", "--git", "HEAD~1..HEAD", "graphs", "--format", "github"],
                cwd=repo).stdout
    broken_line = [l for l in notes.splitlines() if "Fox → Golf" in l]
    check("a broken loop is annotated at a line of head, its removed deal named by revision",
          len(broken_line) == 1 and "file=graphs/deals.csv,line=7," in broken_line[0] and
          "HEAD~1:graphs/deals.csv:8" in broken_line[0], broken_line)
    spaced = os.path.join(repo, "odd #1, a: b.csv")
    write_deals(spaced, [("o1", "2025-01-01", "Oscar", "Papa", "1B", "equity", "signed"),
                         ("o2", "2025-01-01", "Papa", "Oscar", "1B", "equity", "signed")])
    odd = run([circa, "diff", "--git", "HEAD", "odd #1, a: b.csv", "--format", "sarif"], cwd=repo)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(odd.stdout)["runs"][0]["results"]
            for loc in result["locations"]} if odd.returncode == 0 else odd.stderr
    check("SARIF URIs are percent-encoded", uris == {"odd%20%231%2C%20a%3A%20b.csv"}, uris)
    os.remove(spaced)

    # The same answer from two folders.
    old, new_dir = os.path.join(tmp, "old"), os.path.join(tmp, "new")
    write_deals(os.path.join(old, "deals.csv"), BASE)
    write_deals(os.path.join(new_dir, "deals.csv"), head_rows())
    folders = json.loads(run([circa, "diff", old, new_dir, "--format", "json"]).stdout)
    check("two folders give the same loops as the revision",
          [(l["key"], l["change"]) for l in folders["loops"]] ==
          [(l["key"], l["change"]) for l in doc["loops"]])

    # Errors name the side: a broken base is named by its revision, a broken head by its path.
    with open(os.path.join(repo, "graphs", "deals.csv"), "a") as out:
        out.write("bad,2024-13-01,Alpha,Beta,1B,equity,signed\n")
    git(repo, "commit", "-qam", "broken")
    proc = run([circa, "diff", "--git", "HEAD", "graphs"], cwd=repo)
    check("a broken HEAD file fails with exit 2, named by its path",
          proc.returncode == 2 and "graphs/deals.csv:10:" in proc.stderr and
          "HEAD:graphs" in proc.stderr, proc.stderr)
    proc = run([circa, "diff", "--git", "HEAD~1..HEAD", "graphs"], cwd=repo)
    check("an error in a revision is named REV:PATH:LINE:COLUMN",
          proc.returncode == 2 and "HEAD:graphs/deals.csv:10:5: error:" in proc.stderr, proc.stderr)
    for bad, words in ((["--git", "no-such-branch"], "no such revision"),
                       (["--git", "-rf"], "expected a revision"),
                       (["--git", "HEAD", "../outside"], "outside the repository")):
        proc = run([circa, "diff", *bad], cwd=repo)
        check(f"diff {' '.join(bad)} is a clear usage error", proc.returncode == 2 and
              words in proc.stderr, proc.stderr)
    proc = run([circa, "diff", "--git", "HEAD"], cwd=tmp)
    check("outside a repository, a clear error", proc.returncode == 2 and
          "not in a git repository" in proc.stderr, proc.stderr)
    return old, new_dir


def baseline_and_policy_checks(circa, tmp, old, new):
    baseline = os.path.join(tmp, "baseline")
    proc = run([circa, "diff", old, new, "--write-baseline", "--baseline", baseline])
    lines = [l for l in open(baseline).read().splitlines() if l and not l.startswith("#")]
    check("--write-baseline accepts every loop of HEAD",
          proc.returncode == 0 and sorted(l.split("\t")[0] for l in lines) ==
          ["Alpha → Beta", "Alpha → Hotel", "Cedar → Delta → Echo"], lines)
    with open(baseline, "w") as out:
        out.write("# reviewed\nAlpha → Hotel\treviewed: a swap\nNobody → Noone\tgone\n")
    doc = json.loads(run([circa, "diff", old, new, "--baseline", baseline, "--format",
                          "json"]).stdout)
    kinds = {l["key"]: l["change"] for l in doc["loops"]}
    check("a baseline makes exactly its keys known", kinds.get("Alpha → Hotel") == "known" and
          "new" not in kinds.values() and doc["counts"]["known"] == 1, kinds)
    check("the reason is reported", [l["reason"] for l in doc["loops"] if l["change"] == "known"]
          == ["reviewed: a swap"])
    run([circa, "diff", old, new, "--write-baseline", "--baseline", baseline])
    check("--write-baseline keeps the reasons", "Alpha → Hotel\treviewed: a swap" in
          open(baseline).read())
    here = run([circa, "diff", old, new, "--format", "json"], cwd=os.path.dirname(baseline))
    check("without .circa-baseline nothing is accepted",
          json.loads(here.stdout)["counts"]["known"] == 0)
    os.rename(baseline, os.path.join(tmp, ".circa-baseline"))
    here = run([circa, "diff", old, new, "--format", "json"], cwd=tmp)
    check(".circa-baseline is read by default", json.loads(here.stdout)["counts"]["known"] == 1)
    here = run([circa, "diff", old, new, "--format", "json", "--no-baseline"], cwd=tmp)
    check("--no-baseline ignores it", json.loads(here.stdout)["counts"]["known"] == 0)

    odd = os.path.join(tmp, "odd-baseline")
    with open(odd, "w") as out:
        out.write("Hotel → Alpha\trotated\nAlpha → Hotle\tmisspelt\n")
    proc = run([circa, "diff", old, new, "--baseline", odd])
    check("a key not written as circa writes it gets a warning with the key to write",
          proc.returncode == 0 and f"{odd}:1:1: warning:" in proc.stderr and
          '"Alpha → Hotel"' in proc.stderr and f"{odd}:2:1: warning:" in proc.stderr and
          'did you mean "Hotel"' in proc.stderr, proc.stderr)
    bad = os.path.join(tmp, "bad-baseline")
    with open(bad, "w") as out:
        out.write("Alpha → Hotel without a tab\nAlpha → Beta\tx\nAlpha → Beta\ty\n")
    proc = run([circa, "diff", old, new, "--baseline", bad])
    check("a bad baseline is an error at its line and column", proc.returncode == 2 and
          f"{bad}:1:28: error:" in proc.stderr and f"{bad}:3:1: error:" in proc.stderr,
          proc.stderr)
    proc = run([circa, "diff", old, new, "--baseline", os.path.join(tmp, "missing")])
    check("a --baseline that does not exist is an error", proc.returncode == 2, proc.stderr)

    # Policies: new + changed + broken here; the same with nothing new.
    for policy, expected in (("never", 0), ("none", 0), ("new-loops", 1), ("changed-loops", 1),
                             ("any", 1)):
        proc = run([circa, "diff", old, new, "--no-baseline", "--fail-on", policy])
        check(f"--fail-on {policy} exits {expected}", proc.returncode == expected,
              f"exit {proc.returncode}")
    only_changed = os.path.join(tmp, "changed")
    rows = [list(r) for r in BASE]
    rows[4][4] = "1B"
    write_deals(os.path.join(only_changed, "deals.csv"), [tuple(r) for r in rows])
    for policy, expected in (("new-loops", 0), ("changed-loops", 1), ("any", 1)):
        proc = run([circa, "diff", old, only_changed, "--fail-on", policy])
        check(f"with only a changed loop, --fail-on {policy} exits {expected}",
              proc.returncode == expected, f"exit {proc.returncode}")
    only_broken = os.path.join(tmp, "broken")
    write_deals(os.path.join(only_broken, "deals.csv"), [r for r in BASE if r[0] != "gf"])
    for policy, expected in (("changed-loops", 0), ("any", 1)):
        proc = run([circa, "diff", old, only_broken, "--fail-on", policy])
        check(f"with only a broken loop, --fail-on {policy} exits {expected}",
              proc.returncode == expected, f"exit {proc.returncode}")
    for args, words in ((["--fail-on", "sometimes"], "--fail-on: expected"),
                        (["--format", "yaml"], "--format: expected"),
                        (["--output", "sarif"], "FORMAT=PATH"),
                        (["--output", "sarif=-", "--output", "json=-"], "only one format"),
                        (["--no-baseline", "--write-baseline"], "cannot go with"),
                        (["--no-baseline", "--baseline", baseline], "cannot go with")):
        proc = run([circa, "diff", old, new, *args])
        check(f"{' '.join(args)} is a usage error", proc.returncode == 2 and words in proc.stderr,
              proc.stderr)
    proc = run([circa, "diff", old])
    check("one path is a usage error", proc.returncode == 2 and "expected BASE and HEAD" in
          proc.stderr, proc.stderr)

    # Several formats at once; files written whole.
    sarif, md = os.path.join(tmp, "out.sarif"), os.path.join(tmp, "out.md")
    proc = run([circa, "diff", old, new, "--output", f"sarif={sarif}", "--output", f"markdown={md}",
                "--format", "json"])
    check("--output writes several formats and --format goes to stdout",
          proc.returncode == 0 and os.path.getsize(sarif) > 0 and os.path.getsize(md) > 0 and
          json.loads(proc.stdout)["counts"]["new"] == 1, proc.stderr)

    # A search cut short says so, on stderr and in the output.
    dense_a, dense_b = os.path.join(tmp, "dense-a"), os.path.join(tmp, "dense-b")
    web = [(f"k{i}-{j}", "2024-01-01", f"K{i:02d}", f"K{j:02d}", "1B", "equity", "signed")
           for i in range(14) for j in range(14) if i != j]
    write_deals(os.path.join(dense_a, "d.csv"), web)
    write_deals(os.path.join(dense_b, "d.csv"), web[:-1])
    proc = run([circa, "diff", dense_a, dense_b, "--max-steps", "1000000", "--format", "json"])
    doc = json.loads(proc.stdout) if proc.returncode == 0 else {}
    check("a search cut short says so in the output and on stderr",
          doc.get("truncated") is True and "stopped early" in proc.stderr, proc.stderr)
    check("the headline of a cut-short search says it is incomplete",
          doc.get("headline", "").startswith("Incomplete, the search stopped early"),
          doc.get("headline"))
    check("a loop a cut-short search may not have reached is neither new nor broken",
          doc.get("loops") == [] and doc.get("not_compared", 0) > 0, doc.get("loops"))
    proc = run([circa, "diff", dense_a, dense_b, "--max-steps", "1000000", "--fail-on",
                "new-loops"])
    check("a gate that cannot tell fails (exit 1), though no loop is new", proc.returncode == 1 and
          "cannot tell" in proc.stderr, proc.stderr)


def random_side(rng, names, n):
    rows = []
    for i in range(n):
        a, b = rng.sample(names, 2)
        rows.append((f"d{i}", "2024-01-01", a, b, f"{rng.randint(1, 9)}B", "equity", "signed"))
    return rows


def canonical(cycle):
    start = min(range(len(cycle)), key=lambda i: cycle[i].encode())
    return " → ".join(cycle[start:] + cycle[:start])


def oracle_loops(rows, bound):
    """Entity-level loops as lists of names, by networkx."""
    graph = nx.DiGraph()
    graph.add_edges_from((r[2], r[3]) for r in rows)
    return [c for c in nx.simple_cycles(graph, length_bound=bound)]


def touched_pairs(base, head):
    """The (payer, payee) pairs of every deal added, removed or changed, on either side."""
    a, b = {r[0]: r for r in base}, {r[0]: r for r in head}
    pairs = set()
    for rid in set(a) | set(b):
        if a.get(rid) != b.get(rid):
            for r in (a.get(rid), b.get(rid)):
                if r is not None:
                    pairs.add((r[2], r[3]))
    return pairs


def through(cycle, pairs):
    return any((cycle[i], cycle[(i + 1) % len(cycle)]) in pairs for i in range(len(cycle)))


def random_checks(circa, tmp):
    names = [f"E{i:02d}" for i in range(12)]
    for seed in range(8):
        rng = random.Random(seed)
        base = random_side(rng, names, 30)
        head = [r for r in base if rng.random() > 0.15]
        head += random_side(random.Random(seed + 100), names, 6)
        head = [(f"h{i}",) + r[1:] if r[0].startswith("d") and i >= len(base) else r
                for i, r in enumerate(head)]
        ids = set()
        unique = []
        for r in head:
            rid = r[0] if r[0] not in ids else r[0] + "x"
            ids.add(rid)
            unique.append((rid,) + r[1:])
        a, b = os.path.join(tmp, f"r{seed}a"), os.path.join(tmp, f"r{seed}b")
        write_deals(os.path.join(a, "d.csv"), base)
        write_deals(os.path.join(b, "d.csv"), unique)
        bound = 4
        proc = run([circa, "diff", a, b, "--max-length", str(bound), "--format", "json",
                    "--no-baseline"])
        doc = json.loads(proc.stdout)
        got_new = {l["key"] for l in doc["loops"] if l["change"] == "new"}
        got_broken = {l["key"] for l in doc["loops"] if l["change"] == "broken"}
        pairs = touched_pairs(base, unique)
        before = {canonical(c) for c in oracle_loops(base, bound)}
        after = {canonical(c) for c in oracle_loops(unique, bound)}
        compared_before = sum(through(c, pairs) for c in oracle_loops(base, bound))
        compared_after = sum(through(c, pairs) for c in oracle_loops(unique, bound))
        check(f"seed {seed}: new and broken loops are networkx's set differences, and the loops "
              f"compared those through a changed deal",
              got_new == after - before and got_broken == before - after and
              doc["base"]["loops"] == compared_before and doc["head"]["loops"] == compared_after,
              f"new {sorted(got_new ^ (after - before))}, broken {sorted(got_broken ^ (before - after))}")


def main():
    circa = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="circa-diff-")
    old, new = fixture_checks(circa, tmp)
    baseline_and_policy_checks(circa, tmp, old, new)
    random_checks(circa, tmp)
    if failures:
        print(f"{len(failures)} diff checks failed: {', '.join(failures)}")
        return 1
    print("diff checks: all hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
