#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Properties of `circa cycles` a user relies on, against an oracle written here from the rules
alone (it shares no code with circa).

Usage: property-check.py PATH/TO/circa

Seeded random deal sets, with parallel deals, every kind and status, undisclosed amounts, an
entity table with aliases, and names written as an analyst's files write them (aliases, NFC and
NFD, no-break and em spaces, doubled spaces), are checked in both passes for:

- existence: the entity-level loops are exactly those some per-deal choice makes (one deal per
  hop, never one deal twice, a financing deal in the mixed pass), and circa's own --per-deal
  output gives the same loops;
- the bottleneck, by brute force over every way of giving each deal to one hop it lies on, and
  the amount bound (--min-amount) on the best such split;
- certainty: the strongest --status at which the oracle still finds the loop; and circa itself
  finds each loop at --status CERTAINTY and not at the next status;
- --through with a name, its alias and repeats, and with two entities;
- the same answer for the deal file named alone (its entities.csv beside it), its folder, and
  standard input with --entities.

Any disagreement prints the seed, the options and what differs, and exits 1.
"""

import datetime
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unicodedata

FINANCING = ("equity", "loan", "warrant", "backstop", "secondary")
PURCHASES = ("compute", "chips", "services")
HARDWARE_KINDS = ("chips", "compute")
KINDS = FINANCING + PURCHASES
STATUSES = ("rumored", "announced", "signed", "closed")

# Entity pool: canonical name → aliases. Café Capital is written NFC and NFD.
POOL = {
    "Nvidia": ["NVIDIA", "NV Corp"],
    "OpenAI": ["Open AI Inc"],
    "Microsoft": ["Azure", "MSFT"],
    "Amazon": ["AWS"],
    "Oracle": [],
    "CoreWeave": ["CRWV"],
    "AMD": [],
    "Anthropic": [],
    "Café Capital": ["Café Cap"],
    "日本テック": [],
}


class Mismatch(Exception):
    pass


def normal(name):
    """Names as the rules compare them: every kind of space one space, none at the ends, NFC."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


def spelled(rng, name):
    """One of the ways a file may write @name that must still mean it."""
    choices = [name, name + "\u00a0", " " + name, name + "\u2003", name.replace(" ", "  ")]
    decomposed = unicodedata.normalize("NFD", name)
    if decomposed != name:
        choices += [decomposed, decomposed + " "]
    return rng.choice(choices)


def amount_text(rng):
    if rng.random() < 0.3:
        return "", None
    value = rng.choice([1, 2, 5, 10, 40, 100, 350, 1500, 8000])
    unit = rng.choice(["M", "B"])
    dollars = value * (10**6 if unit == "M" else 10**9)
    form = rng.random()
    if form < 0.6:
        return f"{value}{unit}", dollars
    if form < 0.8:
        return f"${value}{unit}", dollars
    return str(dollars), dollars


class Deal:
    def __init__(self, id, payer, payee, amount, kind, status, year):
        self.id, self.payer, self.payee = id, payer, payee
        self.amount, self.kind, self.status, self.year = amount, kind, status, year

    def rank(self):
        return STATUSES.index(self.status)


def make_set(seed):
    """A deal set: entities, their aliases, deals with canonical parties, and the CSV rows as a
    file would write them."""
    rng = random.Random(seed)
    names = rng.sample(sorted(POOL), rng.randint(4, 7))
    pairs = [(a, b) for a in names for b in names if a != b]
    rng.shuffle(pairs)
    pairs = pairs[: rng.randint(5, min(len(pairs), 16))]
    deals, rows = [], []
    for i in range(rng.randint(8, 24)):
        payer, payee = rng.choice(pairs)
        amount, dollars = amount_text(rng)
        kind = rng.choice(KINDS)
        status = rng.choice(STATUSES + ("",))
        year = rng.randint(2019, 2025)
        deals.append(Deal(f"d{i}", payer, payee, dollars, kind, status or "announced", year))
        written = []
        for name in (payer, payee):
            alias = rng.choice(POOL[name]) if POOL[name] and rng.random() < 0.4 else name
            written.append(spelled(rng, alias))
        rows.append([f"d{i}", str(year), written[0], written[1], amount, kind, status])
    table = [[n, ";".join(POOL[n]), "lab"] for n in names]
    return names, deals, rows, table


def csv_field(text):
    if any(c in text for c in ',"\n\r') or text != text.strip(" \t"):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join(csv_field(f) for f in row) + "\n")


# ---------------------------------------------------------------- the oracle


def kept(deals, status, min_amount):
    """Deals that pass --status (the amount bound is a hop's, applied later)."""
    return [d for d in deals if d.rank() >= STATUSES.index(status)]


def edges_of(deals, mixed):
    out = []
    for d in deals:
        out.append((d.payer, d.payee, d, "money"))
        if mixed and d.kind in HARDWARE_KINDS:
            out.append((d.payee, d.payer, d, "hardware"))
    return out


def simple_cycles(edges):
    """Every simple cycle of the entity graph, rotated to start at its smallest name (bytes)."""
    succ = {}
    for a, b, _, _ in edges:
        succ.setdefault(a, set()).add(b)
    nodes = sorted(succ, key=lambda n: n.encode())
    found = set()
    for start in nodes:
        key = start.encode()
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in succ.get(node, ()):
                if nxt == start:
                    found.add(tuple(path))
                elif nxt.encode() > key and nxt not in path:
                    stack.append((nxt, path + [nxt]))
    return found


def hop_edges(edges, cycle):
    return [[e for e in edges if e[0] == cycle[i] and e[1] == cycle[(i + 1) % len(cycle)]]
            for i in range(len(cycle))]


def span_days(choice):
    """Days from the first day one deal of @choice can mean to the last day another can."""
    first = min(datetime.date(e[2].year, 1, 1) for e in choice)
    last = max(datetime.date(e[2].year, 12, 31) for e in choice)
    return (last - first).days


def per_deal_choices(hops, mixed, window=0):
    """Choices of one edge per hop that make a per-deal cycle (within @window days, if given)."""
    n = 0
    for choice in itertools.product(*hops):
        ids = [e[2].id for e in choice]
        if len(set(ids)) != len(ids):
            continue
        if mixed and not any(e[3] == "money" and e[2].kind in FINANCING for e in choice):
            continue
        if window and span_days(choice) > window:
            continue
        n += 1
    return n


def best_split(hops):
    """Each deal to exactly one of the hops it lies on, every hop keeping a deal: the best
    bottleneck as (both-known, value), or None when no split leaves every hop a deal."""
    deals = {}
    for h, edges in enumerate(hops):
        for e in edges:
            deals.setdefault(e[2].id, (e[2], []))[1].append(h)
    items = list(deals.values())
    best = None
    for sides in itertools.product(*[places for _, places in items]):
        sums = [0] * len(hops)
        known = [False] * len(hops)
        count = [0] * len(hops)
        for (deal, _), h in zip(items, sides):
            count[h] += 1
            if deal.amount is not None:
                sums[h] += deal.amount
                known[h] = True
        if min(count) == 0:
            continue
        score = (all(known), min(sums) if all(known) else 0)
        value = min(sums) if all(known) else None
        if best is None or score > best[0]:
            best = (score, value, sums)
    return best


def oracle(deals, mixed, status="rumored", min_amount=0, through=(), window=0):
    """{cycle: (bottleneck, certainty)} for the loops the rules say exist."""
    def loops(level):
        out = {}
        edges = edges_of(kept(deals, level, min_amount), mixed)
        for cycle in simple_cycles(edges):
            if through and not all(t in cycle for t in through):
                continue
            hops = hop_edges(edges, cycle)
            if per_deal_choices(hops, mixed, window) == 0:
                continue
            split = best_split(hops)
            if split is None:
                continue
            if min_amount and min(split[2]) < min_amount:
                # the best split (largest smallest hop) is below the bound: so is every split
                continue
            out[cycle] = split[1]
        return out

    result = {}
    base = loops(status)
    levels = STATUSES[STATUSES.index(status):]
    found_at = {level: loops(level) for level in levels}
    for cycle, bottleneck in base.items():
        certainty = max((lvl for lvl in levels if cycle in found_at[lvl]), key=STATUSES.index)
        result[cycle] = (bottleneck, certainty)
    return result


# ---------------------------------------------------------------- circa


class Runner:
    def __init__(self, circa):
        self.circa = circa
        self.runs = 0
        self.checks = 0

    def run(self, args, stdin=None):
        self.runs += 1
        proc = subprocess.run([self.circa] + args, input=stdin, capture_output=True, text=True)
        if proc.returncode != 0:
            raise Mismatch(f"circa {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
        return proc.stdout

    def cycles(self, target, options, stdin=None):
        out = self.run(["cycles", target, "--format", "json", "--limit", "0"] + options, stdin)
        return json.loads(out)

    def expect(self, what, got, wanted):
        self.checks += 1
        if got != wanted:
            raise Mismatch(f"{what}:\n  circa:  {got}\n  oracle: {wanted}")


def as_result(document):
    out = {}
    for c in document["cycles"]:
        out[tuple(c["entities"])] = (c["bottleneck_usd"], c["certainty"])
    return out


def check_set(r, seed, folder, deals, names, rng):
    for mixed in (False, True):
        flows = ["--flows", "money,hardware"] if mixed else []
        for status in ("rumored", rng.choice(STATUSES[1:])):
            for min_amount in (0, rng.choice([10**9, 5 * 10**9])):
                options = flows + ["--status", status]
                if min_amount:
                    options += ["--min-amount", str(min_amount)]
                where = f"seed {seed}, cycles {folder} {' '.join(options)}"
                got = as_result(r.cycles(folder, options))
                wanted = oracle(deals, mixed, status, min_amount)
                r.expect(f"{where}: loops", set(got), set(wanted))
                for cycle in wanted:
                    r.expect(f"{where}: bottleneck of {cycle}", got[cycle][0], wanted[cycle][0])
                    r.expect(f"{where}: certainty of {cycle}", got[cycle][1], wanted[cycle][1])
                # Circa's own invariant: found at --status CERTAINTY, not at the next status.
                for level in STATUSES[STATUSES.index(status):]:
                    at = set(as_result(r.cycles(folder, flows + ["--status", level] + (
                        ["--min-amount", str(min_amount)] if min_amount else []))))
                    for cycle, (_, certainty) in got.items():
                        stronger = STATUSES.index(level) > STATUSES.index(certainty)
                        r.expect(f"{where}: {cycle} (certainty {certainty}) found at --status "
                                 f"{level}", cycle in at, not stronger)
        # Entity level exists exactly where a per-deal choice does, and agrees with --per-deal.
        per_deal = r.cycles(folder, flows + ["--per-deal"])
        from_per_deal = {tuple(c["entities"]) for c in per_deal["cycles"]}
        entity_level = set(as_result(r.cycles(folder, flows)))
        r.expect(f"seed {seed} {flows}: loops of --per-deal", from_per_deal, entity_level)
        edges = edges_of(deals, mixed)
        n = sum(per_deal_choices(hop_edges(edges, c), mixed) for c in simple_cycles(edges))
        r.expect(f"seed {seed} {flows}: per-deal count", per_deal["found"], n)
        # --window and --ordered: at entity level a loop is there when some choice of one deal
        # per hop is, as --per-deal finds it; --window against the oracle too.
        for extra in (["--window", "400"], ["--window", "800"], ["--ordered"]):
            entity = set(as_result(r.cycles(folder, flows + extra)))
            per = {tuple(c["entities"]) for c in r.cycles(folder, flows + extra + ["--per-deal"])
                   ["cycles"]}
            r.expect(f"seed {seed} {flows} {extra}: entity level against --per-deal", entity, per)
            if extra[0] == "--window":
                wanted = set(oracle(deals, mixed, window=int(extra[1])))
                r.expect(f"seed {seed} {flows} {extra}: against the oracle", entity, wanted)
        # --through: a name, an alias of it, repeats; and two entities.
        involved = sorted({d.payer for d in deals} | {d.payee for d in deals})
        entity = rng.choice(involved)
        spellings = [entity] + POOL[entity]
        through = []
        for _ in range(rng.randint(2, 3)):
            through += ["--through", rng.choice(spellings)]
        got = set(as_result(r.cycles(folder, flows + through)))
        r.expect(f"seed {seed} {flows} {' '.join(through)}", got,
                 set(oracle(deals, mixed, through=(entity,))))
        a, b = rng.sample(involved, 2)
        got = set(as_result(r.cycles(folder, flows + ["--through", a, "--through", b])))
        r.expect(f"seed {seed} {flows} --through {a} --through {b}", got,
                 set(oracle(deals, mixed, through=(a, b))))


def check_same_answer(r, seed, folder):
    deals = os.path.join(folder, "deals.csv")
    table = os.path.join(folder, "entities.csv")
    with open(deals, encoding="utf-8") as f:
        text = f.read()
    for flows in ([], ["--flows", "money,hardware"]):
        by_folder = r.cycles(folder, flows)
        by_file = r.cycles(deals, flows)
        by_stdin = r.cycles("-", flows + ["--entities", table], stdin=text)
        r.expect(f"seed {seed} {flows}: the file named alone and its folder", by_file, by_folder)
        r.expect(f"seed {seed} {flows}: standard input with --entities and the folder", by_stdin,
                 by_folder)


def self_test():
    """The oracle on the cases the rules were written for."""
    compute = Deal("c", "Anthropic", "Microsoft", 30 * 10**9, "compute", "signed", 2025)
    equity = Deal("e", "Microsoft", "Anthropic", 5 * 10**9, "equity", "announced", 2025)
    got = oracle([compute, equity], mixed=True)
    assert got == {("Anthropic", "Microsoft"): (5 * 10**9, "announced")}, got
    alone = oracle([compute], mixed=True)
    assert alone == {}, alone  # an exchange, not a round trip
    a = Deal("a", "Nvidia", "xAI", None, "equity", "rumored", 2025)
    b = Deal("b", "Nvidia", "xAI", 2 * 10**9, "equity", "closed", 2024)
    c = Deal("c2", "xAI", "Nvidia", None, "chips", "signed", 2024)
    got = oracle([a, b, c], mixed=False)
    assert got == {("Nvidia", "xAI"): (None, "signed")}, got
    assert normal("Cafe\u0301  Capital\u00a0") == "Café Capital"


def main():
    if len(sys.argv) != 2:
        print("usage: property-check.py PATH/TO/circa", file=sys.stderr)
        return 2
    r = Runner(sys.argv[1])
    start = time.monotonic()
    self_test()
    seeds = range(1, 25)
    with tempfile.TemporaryDirectory(prefix="circa-properties-") as tmp:
        try:
            for seed in seeds:
                names, deals, rows, table = make_set(seed)
                folder = os.path.join(tmp, f"set-{seed:02d}")
                os.mkdir(folder)
                write_csv(os.path.join(folder, "deals.csv"),
                          ["id", "date", "payer", "payee", "amount_usd", "kind", "status"], rows)
                write_csv(os.path.join(folder, "entities.csv"), ["name", "aliases", "type"], table)
                for d in deals:  # the oracle reads the names as the rules say
                    d.payer, d.payee = normal(d.payer), normal(d.payee)
                before = r.checks
                check_set(r, seed, folder, deals, names, random.Random(7000 + seed))
                check_same_answer(r, seed, folder)
                n_money = len(oracle(deals, False))
                n_mixed = len(oracle(deals, True))
                print(f"seed {seed:2d}: {len(names)} entities, {len(deals):2d} deals, "
                      f"{n_money:3d} money / {n_mixed:3d} mixed loops, "
                      f"{r.checks - before} checks: ok")
        except Mismatch as exc:
            print(f"FAIL: {exc}", file=sys.stderr)
            print(f"property check: FAILED after {r.checks} checks", file=sys.stderr)
            return 1
    print(f"property check: {len(seeds)} deal sets, {r.checks} checks ({r.runs} circa runs, "
          f"{time.monotonic() - start:.1f} s), all hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
