#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every deal is on exactly one arrow, and every arrow says what its deals add up to.

An independent reading of the deal files (Python's csv module, amounts parsed here) against the
diagram circa draws: on the default map (one arrow per direction) and with --per-deal, each
deal of the files appears in exactly one arrow's tooltip, that arrow runs from its payer to its
payee, and the arrow's label gives, per kind, the sum of the disclosed amounts, the number of
disclosed deals (×N) and of undisclosed ones (+N undisclosed), as circa's docs promise. The
loops an arrow is numbered with are the loops `circa cycles` lists through that hop.

Usage: check-arrows.py CIRCA DRAW-DOT"""

import csv
from decimal import Decimal, ROUND_HALF_UP
import html
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

STATUSES = ["rumored", "announced", "signed", "closed"]
UNITS = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def parse_amount(text):
    text = text.strip().replace("$", "").replace(",", "")
    if text == "":
        return None
    if text[-1] in UNITS:
        return round(float(text[:-1]) * UNITS[text[-1]])
    return round(float(text))


def format_amount(amount):
    """circa's "$13.8B", "$350.0M", "$2.5k", "$950": one decimal, halves rounded up."""
    for unit, size in (("T", 10**12), ("B", 10**9), ("M", 10**6), ("k", 10**3)):
        if amount >= size:
            tenths = (Decimal(amount) / size).quantize(Decimal("0.1"), ROUND_HALF_UP)
            return "$%s%s" % (tenths, unit)
    return "$%d" % amount


def load_deals(folder):
    deals = {}
    aliases = {}
    table = os.path.join(folder, "entities.csv")
    if os.path.exists(table):
        with open(table, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for alias in (row.get("aliases") or "").split(";"):
                    if alias.strip():
                        aliases[alias.strip()] = row["name"].strip()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv") or name == "entities.csv":
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            rows = [line for line in f if not line.startswith("#")]
        for row in csv.DictReader(rows):
            payer, payee = row["payer"].strip(), row["payee"].strip()
            deals[row["id"].strip()] = {
                "payer": aliases.get(payer, payer),
                "payee": aliases.get(payee, payee),
                "amount": parse_amount(row["amount_usd"]),
                "kind": row["kind"].strip().lower(),
                "status": STATUSES.index((row.get("status") or "announced").strip().lower()),
            }
    return deals


def expected_label(deals_on_arrow):
    """The text of an arrow's label without its loop numbers and certainty, one part per kind."""
    kinds = ["equity", "loan", "warrant", "backstop", "secondary", "compute", "chips", "services"]
    parts = []
    for kind in kinds:
        of_kind = [d for d in deals_on_arrow if d["kind"] == kind]
        if not of_kind:
            continue
        known = [d["amount"] for d in of_kind if d["amount"] is not None]
        undisclosed = len(of_kind) - len(known)
        if known:
            part = "%s %s" % (format_amount(sum(known)), kind)
            part += " ×%d" % len(known) if len(known) > 1 else ""
            part += ", +%d undisclosed" % undisclosed if undisclosed else ""
        else:
            part = "undisclosed %s" % kind + (" ×%d" % undisclosed if undisclosed > 1 else "")
        parts.append(part)
    # The part less certain than the arrow's surest deal, below signed: "incl. $5.0B rumored".
    surest = max(d["status"] for d in deals_on_arrow)
    for status in (1, 0):
        unsure = [d for d in deals_on_arrow if d["status"] == status and status < surest]
        if unsure:
            known = [d["amount"] for d in unsure if d["amount"] is not None]
            parts[-1] += " · incl. %s %s" % (format_amount(sum(known)) if known else len(unsure),
                                             STATUSES[status])
    return parts


def loop_numbers(label):
    """The loop numbers an HTML label starts with, as a set."""
    text = html.unescape(re.sub(r"<[^>]*>", "", label.split("<BR/>")[0])).replace("\xa0", " ")
    match = re.match(r"^((?:\d+ )+)", text)
    return set(int(n) for n in match.group(1).split()) if match else set()


def label_text(label):
    """An HTML label as the words it shows: tags dropped, one line per kind."""
    text = re.sub(r"<BR/>", "\n", label)
    text = html.unescape(re.sub(r"<[^>]*>", "", text)).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    lines[-1] = re.sub(r" · (rumored|announced)$", "", lines[-1])
    lines[0] = re.sub(r"^(\d+ |\+\d+ )+", "", lines[0])  # the loop numbers
    return lines


def main():
    circa, draw = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    failures = 0

    def fail(message):
        nonlocal failures
        failures += 1
        if failures <= 30:
            print("FAIL: " + message)

    for folder in ["graphs", "tests/data/render", "tests/data/seed"]:
        deals = load_deals(folder)
        for per_deal in [False, True]:
            args = [circa, "render", folder, "--format", "dot", "-o", "-"]
            args += ["--per-deal"] if per_deal else []
            dot = subprocess.run(args, capture_output=True, check=True).stdout
            layout = json.loads(subprocess.run([draw, "-", "json"], input=dot,
                                               capture_output=True, check=True).stdout)
            names = {o["_gvid"]: o["name"] for o in layout["objects"]}
            # The loops highlighted, as `circa cycles` lists them: numbered in render's order.
            listed = json.loads(subprocess.run(
                [circa, "cycles", folder, "--sort", "amount", "--limit", "6", "--format",
                 "json"] + (["--per-deal"] if per_deal else []),
                capture_output=True, check=True).stdout)["cycles"]
            # A hop's loops; with --per-deal, a deal's.
            loops_of = defaultdict(set)
            for number, cycle in enumerate(listed, 1):
                for hop in cycle["hops"]:
                    loops_of[(hop["from"], hop["to"])].add(number)
                    for deal in hop["deals"]:
                        loops_of[deal["id"]].add(number)
            seen = defaultdict(int)
            what = "%s%s" % (folder, " --per-deal" if per_deal else "")
            for edge in layout.get("edges", []):
                tail, head = names[edge["tail"]], names[edge["head"]]
                lines = edge["tooltip"].split("\\n")[1:]
                ids = [line.split(": ", 1)[0] for line in lines if ": " in line]
                on_arrow = []
                for deal_id in ids:
                    seen[deal_id] += 1
                    deal = deals.get(deal_id)
                    if deal is None:
                        fail("%s: %s -> %s lists %s, which no file has" % (what, tail, head,
                                                                         deal_id))
                        continue
                    if "dashed" in edge.get("style", ""):
                        continue  # hardware runs back, payee → payer
                    if (deal["payer"], deal["payee"]) != (tail.rstrip(" "), head.rstrip(" ")):
                        fail("%s: %s is drawn %s -> %s" % (what, deal_id, tail, head))
                    on_arrow.append(deal)
                if per_deal and len(ids) != 1:
                    fail("%s: %s -> %s holds %d deals" % (what, tail, head, len(ids)))
                if "dashed" not in edge.get("style", "") and "label" in edge:
                    drawn = loop_numbers(edge["label"])
                    want = loops_of[ids[0] if per_deal else (tail.rstrip(" "), head.rstrip(" "))]
                    if drawn != want:
                        fail("%s: %s -> %s is numbered %s, circa cycles lists it on loops %s" %
                             (what, tail, head, sorted(drawn), sorted(want)))
                if on_arrow and "label" in edge:
                    shown = label_text(edge["label"])
                    if shown != expected_label(on_arrow):
                        fail("%s: %s -> %s reads %r, its deals add up to %r" %
                             (what, tail, head, shown, expected_label(on_arrow)))
            for deal_id in deals:
                if seen[deal_id] == 0:
                    fail("%s: deal %s is on no arrow" % (what, deal_id))
    print("arrows: %s" % ("all add up" if failures == 0 else "%d problems" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
