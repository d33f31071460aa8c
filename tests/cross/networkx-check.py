#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cross-check `circa cycles` against networkx and an independent brute force.

Usage: networkx-check.py PATH/TO/circa

Random deal multigraphs (fixed seeds) are written to a temporary folder; for each, the money
pass and the mixed pass (--flows money,hardware) are run at entity level under several length
bounds and compared, as sets of entity rotations, with networkx.simple_cycles of the matching
DiGraph.  Per-deal counts (and, for a few files, per-deal keys) are compared with a brute-force
DFS over the multigraph's edges written here, which shares nothing with circa or networkx.
Filters (--through, --kinds, --status) are applied on the Python side and checked the same way.

Any disagreement prints the file, the options and the differing cycles, and exits 1.  A missing
networkx is a failure, never a skip.
"""

import inspect
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time

try:
    import networkx as nx
except ImportError as exc:  # the test must fail loudly, never pass or skip
    print(f"networkx-check: FAIL: cannot import networkx ({exc}); "
          "install python3-networkx (Debian) or `pip install networkx`", file=sys.stderr)
    sys.exit(1)

FINANCING = ("equity", "loan", "warrant", "backstop", "secondary")
PURCHASES = ("compute", "chips", "services")
HARDWARE_KINDS = ("chips", "compute")
KINDS = FINANCING + PURCHASES
STATUSES = ("rumored", "announced", "signed", "closed")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
DEFAULT_STATUS = "announced"



def _simple_cycles_has_length_bound():
    """networkx 3.1 added simple_cycles(G, length_bound=None); 2.8 (Debian) lacks it."""
    try:
        params = inspect.signature(nx.simple_cycles).parameters
    except (TypeError, ValueError):
        params = {}
    if "length_bound" in params:
        return True
    if params and not any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return False
    try:  # a wrapper hides the signature: go by the version
        major, minor = (int(x) for x in nx.__version__.split(".")[:2])
    except ValueError:
        return False
    return (major, minor) >= (3, 1)


NX_HAS_LENGTH_BOUND = _simple_cycles_has_length_bound()


class Mismatch(Exception):
    pass


# ---------------------------------------------------------------- deals and graphs


class Deal:
    __slots__ = ("id", "date", "payer", "payee", "amount", "kind", "status")

    def __init__(self, id, date, payer, payee, amount, kind, status):
        self.id, self.date, self.payer, self.payee = id, date, payer, payee
        self.amount, self.kind, self.status = amount, kind, status

    def status_rank(self):
        return STATUS_RANK[self.status or DEFAULT_STATUS]


def name_key(name):
    """Entity order used by circa: UTF-8 bytes."""
    return name.encode("utf-8")


def rotate_entities(cycle):
    """Rotates a cycle of entity names to start at its smallest name in byte order."""
    seq = list(cycle)
    i = min(range(len(seq)), key=lambda k: name_key(seq[k]))
    return tuple(seq[i:] + seq[:i])


def edges_of(deals, mixed):
    """(from, to, deal, flow) edges: money payer→payee for every deal; in the mixed pass also
    hardware payee→payer for chips and compute deals."""
    out = []
    for d in deals:
        out.append((d.payer, d.payee, d, "money"))
        if mixed and d.kind in HARDWARE_KINDS:
            out.append((d.payee, d.payer, d, "hardware"))
    return out


def is_financing_edge(edge):
    return edge[3] == "money" and edge[2].kind in FINANCING


def valid_choice(edges):
    """The mixed-pass rule for one choice of edges (one per hop)."""
    if not any(is_financing_edge(e) for e in edges):
        return False
    ids = [e[2].id for e in edges]
    return len(set(ids)) == len(ids)


def parallel_edges(edges):
    by_pair = {}
    for e in edges:
        by_pair.setdefault((e[0], e[1]), []).append(e)
    return by_pair


def nx_entity_cycles(deals, mixed, min_len=0, max_len=0):
    """Entity-level cycles by networkx: simple cycles of the DiGraph (parallel edges merged);
    in the mixed pass a cycle is kept when some choice of one edge per hop obeys the rule."""
    edges = edges_of(deals, mixed)
    g = nx.DiGraph()
    g.add_edges_from((e[0], e[1]) for e in edges)
    if max_len and NX_HAS_LENGTH_BOUND:
        gen = nx.simple_cycles(g, length_bound=max_len)
    else:
        gen = nx.simple_cycles(g)
    by_pair = parallel_edges(edges) if mixed else None
    out = set()
    for c in gen:
        n = len(c)
        if max_len and n > max_len:
            continue
        if min_len and n < min_len:
            continue
        if mixed:
            hops = [by_pair[(c[i], c[(i + 1) % n])] for i in range(n)]
            if not any(valid_choice(ch) for ch in itertools.product(*hops)):
                continue
        out.add(rotate_entities(c))
    return out


def brute_edge_cycles(deals, mixed, min_len=0, max_len=0, collect=False):
    """Independent oracle: every simple cycle of the multigraph at edge level, found by a plain
    DFS from each vertex that visits only larger vertices (so each cycle is found exactly once,
    from its smallest vertex), with the mixed-pass rule checked on the edges chosen.  Returns the
    count, and with @collect the cycles as (entities, ((deal id, flow), ...)) rotated to the
    smallest entity name."""
    edges = edges_of(deals, mixed)
    verts = sorted({e[0] for e in edges} | {e[1] for e in edges}, key=name_key)
    index = {v: i for i, v in enumerate(verts)}
    out_edges = {v: [] for v in verts}
    for e in edges:
        out_edges[e[0]].append(e)
    count = 0
    found = []
    limit = max_len if max_len else len(verts)
    for s in verts:
        si = index[s]
        path = []  # edges
        on_path = {s}

        def dfs(v):
            nonlocal count
            for e in out_edges[v]:
                w = e[1]
                if index[w] < si:
                    continue
                if w == s:
                    cyc = path + [e]
                    n = len(cyc)
                    if min_len and n < min_len:
                        continue
                    if mixed and not valid_choice(cyc):
                        continue
                    count += 1
                    if collect:
                        ents = [x[0] for x in cyc]
                        hops = [(x[2].id, x[3]) for x in cyc]
                        i = min(range(n), key=lambda k: name_key(ents[k]))
                        found.append((tuple(ents[i:] + ents[:i]), tuple(hops[i:] + hops[:i])))
                    continue
                if w in on_path or len(path) + 1 >= limit:
                    continue
                on_path.add(w)
                path.append(e)
                dfs(w)
                path.pop()
                on_path.discard(w)

        dfs(s)
    return (count, found) if collect else count


# ---------------------------------------------------------------- random deal files

NAMES_EXTRA = ["Café", "日本", "Zeta", "Ångström", "École", "alpha", "Ωmega", "naïve"]


def random_deals(rng, n_entities, n_deals):
    names = [f"e{i:02d}" for i in range(n_entities)]
    # a few names that test byte ordering (upper < lower < non-ASCII, é vs 日)
    for i, extra in zip(rng.sample(range(n_entities), 4), rng.sample(NAMES_EXTRA, 4)):
        names[i] = extra
    deals = []
    pairs = []
    for i in range(n_deals):
        if pairs and rng.random() < 0.2:
            payer, payee = rng.choice(pairs)  # a parallel deal on a pair already used
            if rng.random() < 0.3:
                payer, payee = payee, payer
        else:
            payer, payee = rng.sample(names, 2)
            pairs.append((payer, payee))
        kind = rng.choice(KINDS)
        status = rng.choice(STATUSES + ("",))
        amount = rng.choice(["", "10B", "350M", "2.5k", "1.4T", "1000000", "$6.6B", "10e9", "75M"])
        y = rng.randint(2016, 2025)
        date = rng.choice(["", f"{y}", f"{y}-{rng.randint(1, 12):02d}",
                           f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
        deals.append(Deal(f"d{i:03d}", date, payer, payee, amount, kind, status))
    return deals


def write_csv(path, deals):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id,date,payer,payee,amount_usd,kind,status\n")
        for d in deals:
            f.write(f"{d.id},{d.date},{d.payer},{d.payee},{d.amount},{d.kind},{d.status}\n")


def graph_size(deals, mixed, cap):
    """Number of entity cycles and per-deal cycles, stopping once past @cap (sizing only)."""
    edges = edges_of(deals, mixed)
    g = nx.DiGraph()
    g.add_edges_from((e[0], e[1]) for e in edges)
    mult = {}
    for e in edges:
        mult[(e[0], e[1])] = mult.get((e[0], e[1]), 0) + 1
    n = per = 0
    for c in nx.simple_cycles(g):
        n += 1
        p = 1
        for i in range(len(c)):
            p *= mult[(c[i], c[(i + 1) % len(c)])]
        per += p
        if n > cap or per > 4 * cap:
            return None
    return n, per


def make_graph(seed):
    rng = random.Random(seed)
    for _ in range(200):
        n_entities = rng.randint(8, 30)
        n_deals = rng.randint(15, 80)
        # keep the average degree low enough for unbounded enumeration
        n_deals = min(n_deals, 3 * n_entities + 6)
        deals = random_deals(rng, n_entities, n_deals)
        mixed = graph_size(deals, True, 2500)
        money = graph_size(deals, False, 2500)
        if mixed is None or money is None:
            continue
        if money[0] < 3 or mixed[0] < 5:
            continue
        return deals
    raise RuntimeError(f"seed {seed}: no graph of a reasonable size")


# ---------------------------------------------------------------- running circa


class Runner:
    def __init__(self, circa):
        self.circa = circa
        self.comparisons = 0
        self.runs = 0

    def run(self, args):
        self.runs += 1
        cmd = [self.circa, "cycles"] + args
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Mismatch(f"`{' '.join(cmd)}` could not run: {exc}")
        if p.returncode != 0:
            raise Mismatch(f"`{' '.join(cmd)}` exited {p.returncode}\n"
                           f"stderr: {p.stderr.decode('utf-8', 'replace')}")
        return p.stdout.decode("utf-8")

    def cycles_json(self, path, opts):
        doc = json.loads(self.run([path, "--format", "json", "--limit", "0"] + opts))
        if doc.get("truncated"):
            raise Mismatch(f"{path} {opts}: JSON says truncated with --limit 0")
        if doc.get("found") != len(doc["cycles"]):
            raise Mismatch(f"{path} {opts}: found={doc.get('found')} but "
                           f"{len(doc['cycles'])} cycles listed")
        return doc["cycles"]

    def count(self, path, opts):
        out = self.run([path, "--count"] + opts).strip()
        try:
            return int(out)
        except ValueError:
            raise Mismatch(f"{path} {opts} --count printed {out!r}")


def show_file(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def fail(path, opts, what, only_circa=(), only_oracle=(), expected=None, actual=None):
    lines = [f"MISMATCH: {what}", f"  file: {path}", f"  options: {' '.join(opts) or '(none)'}"]
    if expected is not None:
        lines.append(f"  expected (oracle): {expected}   actual (circa): {actual}")
    for label, items in (("only in circa", only_circa), ("only in oracle", only_oracle)):
        items = sorted(items, key=repr)
        if items:
            lines.append(f"  {label} ({len(items)}):")
            for c in items[:20]:
                lines.append(f"    {c}")
            if len(items) > 20:
                lines.append(f"    ... {len(items) - 20} more")
    lines.append("  --- file contents ---")
    lines.append(show_file(path).rstrip("\n"))
    raise Mismatch("\n".join(lines))


def compare_entity(r, path, deals, mixed, extra_opts, min_len=0, max_len=0, through=()):
    """Entity level: set of cycles (JSON) and --count, against networkx."""
    opts = list(extra_opts)
    if mixed:
        opts += ["--flows", "money,hardware"]
    if min_len:
        opts += ["--min-length", str(min_len)]
    if max_len:
        opts += ["--max-length", str(max_len)]
    for t in through:
        opts += ["--through", t]
    expected = {c for c in nx_entity_cycles(deals, mixed, min_len, max_len)
                if all(t in c for t in through)}
    got_list = r.cycles_json(path, opts)
    got = [tuple(c["entities"]) for c in got_list]
    if len(got) != len(set(got)):
        dups = {c for c in got if got.count(c) > 1}
        fail(path, opts, "circa lists an entity cycle more than once", only_circa=dups)
    for c in got_list:
        ents = c["entities"]
        if tuple(ents) != rotate_entities(ents):
            fail(path, opts, "entities not rotated to the smallest name (bytes)",
                 only_circa=[tuple(ents)])
        hops = c["hops"]
        if len(hops) != len(ents) or any(
                h["from"] != ents[i] or h["to"] != ents[(i + 1) % len(ents)]
                for i, h in enumerate(hops)):
            fail(path, opts, "hops do not follow the entities", only_circa=[tuple(ents)])
    got = set(got)
    r.comparisons += 1
    if got != expected:
        fail(path, opts, "entity-level cycle sets differ", got - expected, expected - got)
    n = r.count(path, opts)
    r.comparisons += 1
    if n != len(expected):
        fail(path, opts + ["--count"], "entity-level count differs", expected=len(expected),
             actual=n)
    if not mixed:
        # money pass: each hop lists exactly the money deals from→to
        by_pair = {}
        for d in deals:
            by_pair.setdefault((d.payer, d.payee), set()).add(d.id)
        for c in got_list:
            for h in c["hops"]:
                ids = {x["id"] for x in h["deals"]}
                if ids != by_pair.get((h["from"], h["to"]), set()) or any(
                        x["flow"] != "money" for x in h["deals"]):
                    fail(path, opts, f"hop {h['from']} → {h['to']} lists deals {sorted(ids)}",
                         expected=sorted(by_pair.get((h['from'], h['to']), ())),
                         actual=sorted(ids))
        r.comparisons += 1
    return len(expected)


def compare_per_deal(r, path, deals, mixed, extra_opts, min_len=0, max_len=0, through=(),
                     keys=False):
    opts = list(extra_opts) + ["--per-deal"]
    if mixed:
        opts += ["--flows", "money,hardware"]
    if min_len:
        opts += ["--min-length", str(min_len)]
    if max_len:
        opts += ["--max-length", str(max_len)]
    for t in through:
        opts += ["--through", t]
    if through or keys:
        _, cycles = brute_edge_cycles(deals, mixed, min_len, max_len, collect=True)
        cycles = [c for c in cycles if all(t in c[0] for t in through)]
        expected = len(cycles)
    else:
        expected = brute_edge_cycles(deals, mixed, min_len, max_len)
    n = r.count(path, opts)
    r.comparisons += 1
    if n != expected:
        fail(path, opts + ["--count"], "per-deal count differs", expected=expected, actual=n)
    if keys:
        got_list = r.cycles_json(path, opts)
        got = []
        got_keys = []
        for c in got_list:
            hop_deals = []
            for h in c["hops"]:
                if len(h["deals"]) != 1:
                    fail(path, opts, "per-deal hop with other than one deal",
                         only_circa=[c["key"]])
                hop_deals.append((h["deals"][0]["id"], h["deals"][0]["flow"]))
            got.append((tuple(c["entities"]), tuple(hop_deals)))
            got_keys.append(c["key"])
        exp = set(cycles)
        # circa's per-deal key: the hops' deal ids, a hardware edge's prefixed "hardware:"
        exp_keys = {" → ".join(("hardware:" if f == "hardware" else "") + d for d, f in c[1])
                    for c in cycles}
        r.comparisons += 1
        if len(got) != len(set(got)) or set(got) != exp:
            fail(path, opts, "per-deal cycle sets differ", set(got) - exp, exp - set(got))
        r.comparisons += 1
        if len(got_keys) != len(set(got_keys)) or set(got_keys) != exp_keys:
            fail(path, opts, "per-deal keys differ", set(got_keys) - exp_keys,
                 exp_keys - set(got_keys))
    return expected


# ---------------------------------------------------------------- self-test of the oracles


def self_test(r, tmp):
    """A hand-checked graph: A→B equity ×2, B→A chips (hardware A→B), B→C compute (hardware
    C→B), C→A loan.  Money pass: A→B→A (2×1 = 2 per deal), A→B→C→A (2×1×1 = 2).  Mixed: A↔B
    has choices (e1,c) (e2,c) valid, (c hw, c money) invalid → 2; A→B→C→A: {e1,e2,c hw}×{p}×{l}
    = 3, all valid (l is financing); B→C→B only uses deal p twice → dropped.  So money 2 / 4,
    mixed 2 / 5 (entity / per deal)."""
    deals = [
        Deal("e1", "2020", "A", "B", "1B", "equity", "closed"),
        Deal("e2", "2021", "A", "B", "2B", "equity", "signed"),
        Deal("c", "2022", "B", "A", "", "chips", "announced"),
        Deal("p", "2023", "B", "C", "5M", "compute", "rumored"),
        Deal("l", "2024", "C", "A", "7M", "loan", "closed"),
    ]
    want = {
        (False, "entity"): {("A", "B"), ("A", "B", "C")},
        (True, "entity"): {("A", "B"), ("A", "B", "C")},
        (False, "per"): 4,
        (True, "per"): 5,
    }
    for mixed in (False, True):
        got = nx_entity_cycles(deals, mixed)
        if got != want[(mixed, "entity")]:
            raise Mismatch(f"oracle self-test: networkx entity cycles (mixed={mixed}) = {got}")
        n = brute_edge_cycles(deals, mixed)
        if n != want[(mixed, "per")]:
            raise Mismatch(f"oracle self-test: brute-force per-deal (mixed={mixed}) = {n}")
    if brute_edge_cycles(deals, True, max_len=2) != 2 or nx_entity_cycles(deals, True,
                                                                            min_len=3) != {
            ("A", "B", "C")}:
        raise Mismatch("oracle self-test: length bounds")
    path = os.path.join(tmp, "self-test.csv")
    write_csv(path, deals)
    for mixed in (False, True):
        compare_entity(r, path, deals, mixed, [])
        compare_per_deal(r, path, deals, mixed, [], keys=True)


# ---------------------------------------------------------------- main

BOUNDS = [(0, 0), (0, 2), (0, 3), (0, 4), (3, 0)]  # (min, max)


def check_graph(r, path, deals, rng, keys):
    names = sorted({d.payer for d in deals} | {d.payee for d in deals}, key=name_key)
    for mixed in (False, True):
        for lo, hi in BOUNDS:
            compare_entity(r, path, deals, mixed, [], lo, hi)
            compare_per_deal(r, path, deals, mixed, [], lo, hi, keys=keys and (lo, hi) == (0, 0))
    # --through: one entity, then two, chosen among entities on some money cycle when possible
    money_cycles = sorted(nx_entity_cycles(deals, False), key=lambda c: [name_key(x) for x in c])
    if money_cycles:
        c = rng.choice(money_cycles)
        one = (rng.choice(c),)
        two = tuple(rng.sample(c, 2)) if len(c) >= 2 else one
    else:
        one = (rng.choice(names),)
        two = tuple(rng.sample(names, 2))
    other = (rng.choice(names), rng.choice(names))
    for mixed in (False, True):
        for through in (one, two, other):
            through = tuple(dict.fromkeys(through))
            compare_entity(r, path, deals, mixed, [], through=through)
            compare_per_deal(r, path, deals, mixed, [], through=through)
        compare_entity(r, path, deals, mixed, [], max_len=3, through=one)
    # deal filters: applied to the deal list on the Python side
    kinds = ("equity", "loan", "chips")
    kept_k = [d for d in deals if d.kind in kinds]
    kept_s = [d for d in deals if d.status_rank() >= STATUS_RANK["signed"]]
    for mixed in (False, True):
        for opts, kept in ((["--kinds", ",".join(kinds)], kept_k),
                           (["--status", "signed"], kept_s)):
            compare_entity(r, path, kept, mixed, opts)
            compare_per_deal(r, path, kept, mixed, opts)
            compare_entity(r, path, kept, mixed, opts, max_len=3)


def main():
    if len(sys.argv) != 2:
        print("usage: networkx-check.py PATH/TO/circa", file=sys.stderr)
        return 2
    circa = sys.argv[1]
    start = time.monotonic()
    print(f"networkx {nx.__version__} (simple_cycles length_bound: "
          f"{'yes' if NX_HAS_LENGTH_BOUND else 'no, filtering by length here'})")
    r = Runner(circa)
    seeds = list(range(1, 13))
    with tempfile.TemporaryDirectory(prefix="circa-nx-") as tmp:
        try:
            self_test(r, tmp)
            print(f"oracle self-test: ok ({r.comparisons} comparisons with circa)")
            for seed in seeds:
                deals = make_graph(seed)
                path = os.path.join(tmp, f"seed-{seed:02d}.csv")
                write_csv(path, deals)
                before = r.comparisons
                check_graph(r, path, deals, random.Random(1000 + seed), keys=seed in (1, 2, 3))
                n_ent = len({d.payer for d in deals} | {d.payee for d in deals})
                print(f"seed {seed:2d}: {n_ent:2d} entities, {len(deals):2d} deals, "
                      f"{len(nx_entity_cycles(deals, False)):4d} money / "
                      f"{len(nx_entity_cycles(deals, True)):4d} mixed cycles, "
                      f"{r.comparisons - before} comparisons: ok")
        except Mismatch as exc:
            print(str(exc), file=sys.stderr)
            print(f"networkx cross-check: FAILED after {r.comparisons} comparisons "
                  f"(seed files above)", file=sys.stderr)
            return 1
    elapsed = time.monotonic() - start
    print(f"networkx cross-check: {len(seeds)} graphs, {r.comparisons} comparisons "
          f"({r.runs} circa runs, {elapsed:.1f} s), all agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
