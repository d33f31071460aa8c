#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The CI formats of `circa diff`, each checked as the tool that reads it would read it.

Usage: check-diff-formats.py PATH/TO/circa SCHEMA_DIR

- SARIF validates against the SARIF 2.1.0 schema (python3-jsonschema) and has what GitHub code
  scanning requires: one location at the CSV line of the closing deal, a relative path with no
  "REV:" prefix (also under --git), related locations, fingerprints from the loop's key,
  baseline states, suppressions for known loops, and a note when the search was cut short;
- JUnit is well-formed XML 1.0 with unique test names whose counts add up, even when a reason
  holds control characters;
- the GitLab report is a JSON array of findings with the fields GitLab requires, no BOM and
  unique fingerprints;
- GitHub annotations round-trip through the runner's unescaping (a file name with % , : and a
  line break, a name holding "::warning"), no other line is a command, and at most ten of each
  severity are written, then a notice of what was left out;
- Markdown carries no HTML, @mention, #123 reference or bare $ from the data, keeps its tables
  in shape, puts amounts in code spans, stays under its size cap on a 5,000-loop diff (saying
  what it cut) with a bounded Mermaid diagram, and matches tests/diff/small/expected.md;
- every format is the same from run to run.

Set CIRCA_UPDATE_GOLDEN=1 to rewrite the golden Markdown (then read it with `git diff`).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

FORMATS = ["markdown", "sarif", "github", "gitlab", "junit"]
HERE = os.path.dirname(os.path.abspath(__file__))
SMALL = os.path.join(HERE, "small")
MARKDOWN_MAX = 900 * 1024
# A deal on no loop, so that a side with no loops still loads.
SEED = ["seed", "2024", "X", "Y", "1M", "loan", "closed", "", ""]

# The hostile entity names of tests/diff/small/head/deals.csv.
BOLD = "<b>Bold</b> & @octocat #12"
CAFE = "Café | $fund"

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def run(circa, args, cwd, timeout=120):
    proc = subprocess.run([circa, "diff"] + args, cwd=cwd, capture_output=True, timeout=timeout)
    return proc.stdout, proc.stderr.decode("utf-8", "replace")


def write_deals(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id,date,payer,payee,amount_usd,kind,status,source,note\n")
        for row in rows:
            out.write(",".join(csv_field(str(cell)) for cell in row) + "\n")


def csv_field(text):
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


# ---- SARIF ----

def sarif_validator(schema_dir):
    try:
        import jsonschema
    except ImportError:
        check("python3 has jsonschema (Debian: python3-jsonschema)", False,
              "install python3-jsonschema: the SARIF schema check cannot run without it")
        return None
    with open(os.path.join(schema_dir, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    return jsonschema.Draft4Validator(schema)


def check_sarif(validator, name, data, expect_uri=None):
    try:
        doc = json.loads(data)
    except ValueError as e:
        check(f"{name}: SARIF is JSON", False, str(e))
        return None
    if validator is not None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        check(f"{name}: SARIF validates against the 2.1.0 schema", not errors,
              "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
    problems = []
    if doc.get("version") != "2.1.0" or not doc.get("$schema"):
        problems.append("version or $schema missing")
    runs = doc.get("runs", [])
    if len(runs) != 1:
        problems.append(f"{len(runs)} runs")
        check(f"{name}: SARIF has what GitHub requires", False, "; ".join(problems))
        return doc
    run_ = runs[0]
    driver = run_["tool"]["driver"]
    rules = driver.get("rules", [])
    for rule in rules:
        for field in ("shortDescription", "fullDescription", "help"):
            if not rule.get(field, {}).get("text"):
                problems.append(f"rule {rule.get('id')}: no {field}.text")
        if rule.get("defaultConfiguration", {}).get("level") not in ("note", "warning", "error"):
            problems.append(f"rule {rule.get('id')}: no level")
    if driver.get("name") != "circa" or not driver.get("semanticVersion"):
        problems.append("driver name or semanticVersion")
    for i, result in enumerate(run_["results"]):
        where = f"result {i}"
        if not result.get("message", {}).get("text"):
            problems.append(f"{where}: no message")
        index = result.get("ruleIndex")
        if index is None or rules[index]["id"] != result.get("ruleId"):
            problems.append(f"{where}: ruleId and ruleIndex disagree")
        locations = result.get("locations", [])
        if len(locations) != 1:
            problems.append(f"{where}: {len(locations)} locations")
        related = result.get("relatedLocations", [])
        if len(related) > 1000 or len({r["id"] for r in related}) != len(related):
            problems.append(f"{where}: related locations over 1000 or ids not unique")
        for loc in locations + related:
            physical = loc["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            region = physical["region"]
            if uri.startswith("/") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
                problems.append(f"{where}: uri {uri!r} is not relative")
            if expect_uri is not None and uri != expect_uri:
                problems.append(f"{where}: uri {uri!r}, expected {expect_uri!r}")
            for field in ("startLine", "startColumn", "endLine", "endColumn"):
                if not isinstance(region.get(field), int) or region[field] < 1:
                    problems.append(f"{where}: region {field}")
        key = result.get("properties", {}).get("key", "")
        want = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        if result.get("partialFingerprints", {}).get("circaLoopKey/v1") != want:
            problems.append(f"{where}: fingerprint is not SHA-256 of the key {key!r}")
        state = result.get("baselineState")
        change = result.get("properties", {}).get("change")
        expected_state = {"new": "new", "known": "unchanged", "changed": "updated",
                          "broken": "absent"}.get(change)
        if state != expected_state:
            problems.append(f"{where}: baselineState {state} for a {change} loop")
        if (change == "known") != bool(result.get("suppressions")):
            problems.append(f"{where}: suppressions only and always on known loops")
    fingerprints = [r["partialFingerprints"]["circaLoopKey/v1"] for r in run_["results"]]
    if len(set(fingerprints)) != len(fingerprints):
        problems.append("fingerprints are not unique")
    check(f"{name}: SARIF has what GitHub requires", not problems, "; ".join(problems[:8]))
    return doc


# ---- JUnit ----

def check_junit(name, data):
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        check(f"{name}: JUnit is well-formed XML", False, str(e))
        return None
    check(f"{name}: JUnit is well-formed XML", True)
    problems = []
    if root.tag != "testsuites" or len(root.findall("testsuite")) != 1:
        problems.append("not <testsuites> around one <testsuite>")
    suite = root.find("testsuite")
    cases = suite.findall("testcase") if suite is not None else []
    names = [(c.get("classname"), c.get("name")) for c in cases]
    if len(set(names)) != len(names):
        problems.append("test names are not unique")
    failures = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    for element in (root, suite):
        if element is None:
            continue
        counts = (element.get("tests"), element.get("failures"), element.get("skipped"))
        if counts != (str(len(cases)), str(failures), str(skipped)):
            problems.append(f"<{element.tag}> counts {counts}, cases say "
                            f"{(len(cases), failures, skipped)}")
        if element.get("time") != "0":
            problems.append(f"<{element.tag}> time")
    for case in cases:
        if case.get("classname") != "circa.round-trips" or not case.get("file"):
            problems.append(f"case {case.get('name')!r}: classname or file")
        failure = case.find("failure")
        if failure is not None and not (failure.text or "").strip():
            problems.append(f"case {case.get('name')!r}: a failure without text")
    check(f"{name}: JUnit names are unique and its counts add up", not problems,
          "; ".join(problems[:5]))
    return root


# ---- GitLab ----

def check_gitlab(name, data):
    check(f"{name}: GitLab report has no BOM", not data.startswith(b"\xef\xbb\xbf"))
    try:
        doc = json.loads(data)
    except ValueError as e:
        check(f"{name}: GitLab report is JSON", False, str(e))
        return None
    problems = []
    if not isinstance(doc, list):
        problems.append("not an array")
        doc = []
    for i, finding in enumerate(doc):
        for field in ("description", "check_name", "fingerprint", "severity"):
            if not isinstance(finding.get(field), str) or not finding[field]:
                problems.append(f"finding {i}: {field}")
        if finding.get("severity") not in ("info", "minor", "major", "critical", "blocker"):
            problems.append(f"finding {i}: severity {finding.get('severity')}")
        if not re.fullmatch(r"[0-9a-f]{64}", finding.get("fingerprint", "")):
            problems.append(f"finding {i}: fingerprint is not SHA-256 hex")
        location = finding.get("location", {})
        path = location.get("path", "")
        if not path or path.startswith("/"):
            problems.append(f"finding {i}: path {path!r}")
        begin = location.get("lines", {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            problems.append(f"finding {i}: lines.begin")
    fingerprints = [f.get("fingerprint") for f in doc]
    if len(set(fingerprints)) != len(fingerprints):
        problems.append("fingerprints are not unique")
    check(f"{name}: GitLab findings have the fields GitLab requires", not problems,
          "; ".join(problems[:5]))
    return doc


# ---- GitHub ----

COMMAND = re.compile(r"^::(warning|notice|error)(?: ([^:]*))?::(.*)$")


def unescape_property(text):
    # actions/runner ActionCommand.cs: the reverse of command.ts, %25 last.
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def unescape_data(text):
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_github(name, data):
    """The annotations as the runner reads them: [(severity, properties, message)]."""
    text = data.decode("utf-8")
    annotations = []
    problems = []
    for line in text.split("\n")[:-1]:
        if "\r" in line:
            problems.append(f"a CR in {line[:60]!r}")
        if not line.lstrip().startswith("::"):
            if not line.startswith("circa diff: "):
                problems.append(f"an unexpected plain line {line[:60]!r}")
            continue
        match = COMMAND.match(line)
        if match is None:
            problems.append(f"a command line the checker cannot read: {line[:80]!r}")
            continue
        properties = {}
        for item in (match.group(2) or "").split(","):
            if item:
                key, _, value = item.partition("=")
                properties[key] = unescape_property(value)
        annotations.append((match.group(1), properties, unescape_data(match.group(3))))
    if not text.endswith("\n"):
        problems.append("no final newline")
    check(f"{name}: every GitHub line is an annotation or the headline", not problems,
          "; ".join(problems[:5]))
    counts = {}
    for severity, _, _ in annotations:
        counts[severity] = counts.get(severity, 0) + 1
    check(f"{name}: at most 10 annotations of each severity", all(n <= 10 for n in counts.values()),
          str(counts))
    return annotations


# ---- Markdown ----

def strip_fenced(text):
    """Text outside ``` fences, and the fenced blocks."""
    outside, blocks, block = [], [], None
    for line in text.split("\n"):
        if line.startswith("```"):
            if block is None:
                block = []
            else:
                blocks.append("\n".join(block))
                block = None
            continue
        (outside if block is None else block).append(line)
    return "\n".join(outside), blocks


CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
OUR_TAGS = re.compile(r"</?details>|<summary>|</summary>|<span>\$</span>")


def table_cells(line):
    """The cells of a GFM table row: split on pipes no backslash escapes."""
    cells, cell, i = [], "", 0
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            cell += body[i:i + 2]
            i += 2
            continue
        if body[i] == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += body[i]
        i += 1
    cells.append(cell)
    return cells


def check_markdown_safety(name, data):
    problems = []
    if len(data) > MARKDOWN_MAX:
        problems.append(f"{len(data)} bytes, over the cap of {MARKDOWN_MAX}")
    text = data.decode("utf-8")
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text):
        problems.append("a control character")
    # Invisible and direction-changing characters (Unicode Cf), but for the word joiner that
    # breaks @mentions and references.
    hidden = [c for c in text if unicodedata.category(c) == "Cf" and c != "\u2060"]
    if hidden:
        problems.append(f"an invisible character U+{ord(hidden[0]):04X}")
    outside, blocks = strip_fenced(text)
    for block in blocks:
        if not block.startswith("flowchart LR"):
            problems.append("a fenced block that is not a Mermaid flowchart")
        if "`" in block:
            problems.append("a backtick inside a fenced block")
    prose = CODE_SPAN.sub("", outside)
    prose = OUR_TAGS.sub("", prose)
    lines = [line for line in prose.split("\n") if not line.startswith("> ")]
    rest = "\n".join(lines)
    for pattern, what in ((r"[<>]", "a raw < or > from the data"),
                          (r"(?<![\w`])@[A-Za-z0-9]", "an @mention"),
                          (r"#[0-9]", "a #123 reference"),
                          (r"\bGH-[0-9]", "a GH-123 reference"),
                          (r"https?://", "a bare URL"),
                          (r"\bwww\.", "a bare www. link"),
                          (r"\$", "a $ outside a code span or <span>")):
        match = re.search(pattern, rest)
        if match:
            start = max(0, match.start() - 40)
            problems.append(f"{what}: …{rest[start:match.end() + 20]!r}")
    # Every amount circa writes ("$1.0M", "+$4.2B") is inside a code span.
    spans = [m.span() for m in CODE_SPAN.finditer(outside)]
    for match in re.finditer(r"\$[0-9][0-9.]*[kMBT]?", outside):
        if not any(a < match.start() and match.end() < b for a, b in spans):
            problems.append(f"an amount outside a code span: {match.group(0)}")
            break
    # Tables keep their shape: every row has as many cells as its header.
    width = None
    for line in outside.split("\n"):
        if line.startswith("|"):
            cells = len(table_cells(line))
            if width is None:
                width = cells
            elif cells != width:
                problems.append(f"a row of {cells} cells under a header of {width}: {line[:80]!r}")
        else:
            width = None
    check(f"{name}: Markdown is safe and well-shaped", not problems, "; ".join(problems[:5]))
    return text


# ---- the cases ----

def case_small(circa, validator):
    """The fixture of tests/diff/small in every format."""
    args = ["base", "head", "--baseline", "baseline"]
    outputs = {}
    for fmt in FORMATS:
        out, err = run(circa, args + ["--format", fmt], SMALL)
        again, _ = run(circa, args + ["--format", fmt], SMALL)
        check(f"small: {fmt} is the same from run to run", out == again)
        check(f"small: {fmt} writes something", len(out) > 0, err)
        outputs[fmt] = out

    sarif = check_sarif(validator, "small", outputs["sarif"])
    if sarif is not None:
        results_ = sarif["runs"][0]["results"]
        changes = [r["properties"]["change"] for r in results_]
        check("small: SARIF has a result per new, known, changed and broken loop",
              changes == ["new", "new", "known", "changed", "broken"], str(changes))
        by_key = {r["properties"]["key"]: r for r in results_}
        nvidia = by_key.get("Nvidia → OpenAI")
        if nvidia is not None:
            region = nvidia["locations"][0]["physicalLocation"]
            check("small: a new loop points at the line of its first closing deal",
                  region["artifactLocation"]["uri"] == "head/deals.csv"
                  and region["region"]["startLine"] == 7, json.dumps(region))
            related = [r["physicalLocation"]["region"]["startLine"]
                       for r in nvidia.get("relatedLocations", [])]
            check("small: the loop's other deals are related locations", related == [8],
                  str(related))
        else:
            check("small: SARIF names the loop Nvidia → OpenAI", False, str(list(by_key)))
        known = by_key.get("Anthropic → Google", {})
        justification = (known.get("suppressions") or [{}])[0].get("justification", "")
        check("small: a known loop is suppressed with the baseline's reason",
              justification.startswith("reviewed by @legal"), justification)
        broken = by_key.get("CoreWeave → Nvidia", {})
        uri = broken.get("locations", [{}])[0].get("physicalLocation", {})
        # A line of head a reviewer can see: the loop's deal that is still there.
        check("small: a broken loop points at its deal head still has",
              uri.get("artifactLocation", {}).get("uri") == "head/deals.csv"
              and uri.get("region", {}).get("startLine") == 4, json.dumps(uri))
        hostile = f"{BOLD} → {CAFE}"
        check("small: hostile names reach SARIF as written", hostile in by_key, str(list(by_key)))

    root = check_junit("small", outputs["junit"])
    if root is not None:
        cases = {c.get("name"): c for c in root.iter("testcase")}
        check("small: JUnit has a case per new, known and changed loop, not broken ones",
              sorted(cases) == sorted([f"{BOLD} → {CAFE}", "Nvidia → OpenAI",
                                       "Anthropic → Google", "Microsoft → OpenAI"]),
              str(sorted(cases)))
        skipped = cases.get("Anthropic → Google")
        check("small: the known loop is skipped with its reason",
              skipped is not None and skipped.find("skipped") is not None
              and "reviewed by @legal" in (skipped.find("skipped").text or ""))
        changed = cases.get("Microsoft → OpenAI")
        out = changed.find("system-out") if changed is not None else None
        check("small: the changed loop passes, saying what changed",
              out is not None and changed.find("failure") is None
              and "$5.0B → $8.0B" in (out.text or ""))

    gitlab = check_gitlab("small", outputs["gitlab"])
    if gitlab is not None:
        severities = [f["severity"] for f in gitlab]
        check("small: GitLab findings are major for new, minor for changed, none for broken",
              severities == ["major", "major", "minor"], str(severities))
        check("small: GitLab locations are relative CSV lines",
              [(f["location"]["path"], f["location"]["lines"]["begin"]) for f in gitlab][:2]
              == [("head/deals.csv", 11), ("head/deals.csv", 7)],
              str([f["location"] for f in gitlab]))

    annotations = parse_github("small", outputs["github"])
    kinds = [(a[0], a[1].get("title")) for a in annotations]
    check("small: a warning per new loop, a notice per changed or broken one",
          kinds == [("warning", "New round trip")] * 2
          + [("notice", "Round trip changed"), ("notice", "Round trip broken")], str(kinds))
    if annotations:
        check("small: an annotation names the file and the line",
              annotations[0][1].get("file") == "head/deals.csv"
              and annotations[0][1].get("line") == "11"
              and annotations[0][1].get("endLine") == "11",
              str(annotations[0][1]))
        check("small: hostile names reach an annotation's message as written",
              f"{BOLD} → {CAFE} → {BOLD}" in annotations[0][2], annotations[0][2])

    text = check_markdown_safety("small", outputs["markdown"])
    check("small: Markdown opens with the headline", text.startswith("### circa diff: 2 new"))
    check("small: Markdown puts the headline's amount in a code span", "`+$3.9B`" in text)
    check("small: Markdown draws the new loops, and only them",
          "```mermaid\nflowchart LR" in text and "CoreWeave" not in strip_fenced(text)[1][0]
          and "Google" not in strip_fenced(text)[1][0])
    golden = os.path.join(SMALL, "expected.md")
    if os.environ.get("CIRCA_UPDATE_GOLDEN") == "1":
        with open(golden, "wb") as f:
            f.write(outputs["markdown"])
    with open(golden, "rb") as f:
        expected = f.read()
    check("small: Markdown matches tests/diff/small/expected.md", outputs["markdown"] == expected,
          "run with CIRCA_UPDATE_GOLDEN=1 and read the diff")


def case_hostile_files(circa, validator, work):
    """A file name with % , : a line break and '::', and a name holding a workflow command."""
    base = os.path.join(work, "hostile", "base")
    head = os.path.join(work, "hostile", "head")
    command = "::warning file=x.csv::pwned %0A, 100% :: end"
    links = "see https://evil.example/x www.evil.example @octocat #7 GH-9 <img src=x> $a$ $b$ `t`"
    write_deals(os.path.join(base, "deals.csv"),
                [["x1", "2024", "A", links, "1M", "loan", "closed", "", ""]])
    odd = "we,ird:%25 na\nme::warning|x.csv"
    write_deals(os.path.join(head, odd), [
        ["x1", "2024", "A", links, "1M", "loan", "closed", "", ""],
        ["x2", "2024", links, command, "2M", "loan", "closed", "", ""],
        ["x3", "2024", command, "A", "3M", "equity", "closed", "", "a note\nwith ::error::x"],
    ])
    cwd = os.path.join(work, "hostile")
    out, err = run(circa, ["base", "head", "--format", "github"], cwd)
    annotations = parse_github("hostile files", out)
    warnings = [a for a in annotations if a[0] == "warning"]
    check("hostile files: one warning for the new loop", len(warnings) == 1, out.decode())
    if warnings:
        properties, message = warnings[0][1], warnings[0][2]
        check("hostile files: the file property round-trips % , : and a line break",
              properties.get("file") == f"head/{odd}", repr(properties.get("file")))
        check("hostile files: the message round-trips a name holding a workflow command",
              f"{command} → A → {links} → {command}" in message, repr(message))
    check("hostile files: no line but a command starts with '::'",
          all(line.startswith(("::warning ", "::notice ")) or not line.lstrip().startswith("::")
              for line in out.decode().split("\n")))
    md, _ = run(circa, ["base", "head", "--format", "markdown"], cwd)
    check_markdown_safety("hostile files", md)
    junit, _ = run(circa, ["base", "head", "--format", "junit"], cwd)
    root = check_junit("hostile files", junit)
    if root is not None:
        case = root.find("testsuite/testcase")
        check("hostile files: the JUnit name is the key as written",
              case is not None and case.get("name") == f"{command} → A → {links}",
              case.get("name") if case is not None else "no case")
    sarif, _ = run(circa, ["base", "head", "--format", "sarif"], cwd)
    check_sarif(validator, "hostile files", sarif)
    check_gitlab("hostile files", run(circa, ["base", "head", "--format", "gitlab"], cwd)[0])

    # A baseline reason with control characters: XML 1.0 cannot hold them, even escaped.
    with open(os.path.join(cwd, "baseline"), "w", encoding="utf-8") as f:
        f.write(f"{command} → A → {links}\tok \x01\x1b[31mred\x1b[0m \x7f \u202edone\u202c\n")
    junit, _ = run(circa, ["base", "head", "--baseline", "baseline", "--format", "junit"], cwd)
    root = check_junit("control characters", junit)
    if root is not None:
        skipped = root.find("testsuite/testcase/skipped")
        check("control characters: the reason survives without them",
              skipped is not None and "red" in (skipped.text or "")
              and "\x01" not in (skipped.text or ""), junit.decode("utf-8", "replace"))
    md, _ = run(circa, ["base", "head", "--baseline", "baseline", "--format", "markdown"], cwd)
    check_markdown_safety("control characters", md)
    sarif, _ = run(circa, ["base", "head", "--baseline", "baseline", "--format", "sarif"], cwd)
    check_sarif(validator, "control characters", sarif)


def case_git(circa, validator, work):
    """--git: paths in the repository, with no "REV:" prefix."""
    if shutil.which("git") is None:
        check("git: git is installed", False, "the --git case needs git")
        return
    repo = os.path.join(work, "repo")
    os.makedirs(os.path.join(repo, "graphs"))
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_SYSTEM="/dev/null")
    deals = os.path.join(repo, "graphs", "deals.csv")
    write_deals(deals, [["a-b", "2024", "A", "B", "1B", "equity", "closed", "", ""],
                        ["c-d", "2024", "C", "D", "1B", "equity", "closed", "", ""],
                        ["d-c", "2024", "D", "C", "1B", "loan", "closed", "", ""]])
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        done = subprocess.run(["git"] + args, cwd=repo, env=env, capture_output=True)
        if done.returncode != 0:
            raise RuntimeError("git %s failed: %s" % (" ".join(args), done.stderr.decode()))
    write_deals(deals, [["a-b", "2024", "A", "B", "1B", "equity", "closed", "", ""],
                        ["b-a", "2025", "B", "A", "2B", "chips", "signed", "", ""],
                        ["c-d", "2024", "C", "D", "1B", "equity", "closed", "", ""]])
    out, err = run(circa, ["--git", "HEAD", "graphs", "--format", "sarif"], repo)
    doc = check_sarif(validator, "git", out, expect_uri="graphs/deals.csv")
    if doc is not None:
        states = [r["baselineState"] for r in doc["runs"][0]["results"]]
        check("git: a new and a broken loop", states == ["new", "absent"], f"{states} {err}")
    git = ["--git", "HEAD", "graphs", "--format"]
    gitlab = check_gitlab("git", run(circa, git + ["gitlab"], repo)[0])
    if gitlab is not None:
        check("git: GitLab paths are paths in the repository",
              {f["location"]["path"] for f in gitlab} == {"graphs/deals.csv"},
              str([f["location"] for f in gitlab]))
    annotations = parse_github("git", run(circa, git + ["github"], repo)[0])
    check("git: annotation paths are paths in the repository",
          annotations and all(a[1].get("file") == "graphs/deals.csv" for a in annotations),
          str(annotations))


def case_truncated(circa, validator, work):
    """A search cut short (the step budget, on a complete digraph) says so in every format."""
    k9 = os.path.join(HERE, "..", "data", "k9.csv")
    with open(k9, encoding="utf-8") as f:
        lines = f.readlines()
    cwd = os.path.join(work, "truncated")
    for side, kept in (("base", lines[:20]), ("head", lines)):
        os.makedirs(os.path.join(cwd, side))
        with open(os.path.join(cwd, side, "deals.csv"), "w", encoding="utf-8") as f:
            f.writelines(kept)
    args = ["base", "head", "--max-length", "0", "--max-steps", "1000"]
    md, err = run(circa, args + ["--format", "markdown"], cwd)
    check_markdown_safety("truncated", md)
    check("truncated: Markdown warns that loops may be missing",
          b"> **Warning:**" in md and b"stopped early" in md, md.decode()[:400] + err)
    doc = check_sarif(validator, "truncated", run(circa, args + ["--format", "sarif"], cwd)[0])
    if doc is not None:
        notes = doc["runs"][0]["invocations"][0].get("toolExecutionNotifications", [])
        check("truncated: SARIF has a run-level notification",
              any("stopped early" in n["message"]["text"] for n in notes), json.dumps(notes))
    annotations = parse_github("truncated", run(circa, args + ["--format", "github"], cwd)[0])
    check("truncated: the first annotation is a warning without a file",
          annotations and annotations[0][0] == "warning" and "file" not in annotations[0][1],
          str(annotations[:1]))
    check("truncated: with it, still at most ten warnings",
          sum(1 for a in annotations if a[0] == "warning") <= 10)
    junit = check_junit("truncated", run(circa, args + ["--format", "junit"], cwd)[0])
    if junit is not None:
        out = junit.find("testsuite/system-out")
        check("truncated: JUnit's suite output says so",
              out is not None and "stopped early" in (out.text or ""))
    gitlab = check_gitlab("truncated", run(circa, args + ["--format", "gitlab"], cwd)[0])


def case_many(circa, validator, work):
    """5,000 new loops of long names: the Markdown cap, the diagram's bounds, the annotation cap."""
    base = os.path.join(work, "many", "base")
    head = os.path.join(work, "many", "head")
    write_deals(os.path.join(base, "deals.csv"), [SEED])
    rows = [SEED]
    pad = "·long name " * 30
    for i in range(5000):
        a, b = f"Alpha {i:04d} {pad}", f"Beta {i:04d} {pad}"
        rows.append([f"a{i}", "2025", a, b, f"{i + 1}M", "equity", "closed", "", ""])
        rows.append([f"b{i}", "2025", b, a, f"{i + 1}M", "chips", "signed", "", ""])
    write_deals(os.path.join(head, "deals.csv"), rows)
    cwd = os.path.join(work, "many")

    md, err = run(circa, ["base", "head", "--format", "markdown"], cwd, timeout=300)
    text = check_markdown_safety("5,000 loops", md)
    check("5,000 loops: Markdown stays under CIRCA_DIFF_MARKDOWN_MAX",
          0 < len(md) <= MARKDOWN_MAX, f"{len(md)} bytes {err}")
    match = re.search(r"Not shown: (\d+) of 5000 new round trips; all 10000 deal changes", text)
    check("5,000 loops: the final note says what was cut", match is not None, text[-600:])
    outside, blocks = strip_fenced(text)
    rows_shown = sum(1 for line in outside.split("\n") if line.startswith("| Alpha"))
    if match:
        check("5,000 loops: the rows shown and the rows cut add up to 5,000",
              rows_shown + int(match.group(1)) == 5000, f"{rows_shown} + {match.group(1)}")
    check("5,000 loops: long tables are folded", "<details><summary>5000 rows</summary>" in text)
    check("5,000 loops: one diagram", len(blocks) == 1, str(len(blocks)))
    if blocks:
        arrows = blocks[0].count("-->")
        check("5,000 loops: the diagram has at most 200 arrows and 50,000 characters",
              0 < arrows <= 200 and len(blocks[0]) <= 50000, f"{arrows} arrows, {len(blocks[0])}")
        shown = re.search(r"The diagram shows the first (\d+) of the 5000 new round trips", text)
        check("5,000 loops: the diagram says how many loops it shows",
              shown is not None and int(shown.group(1)) * 2 == arrows,
              shown.group(0) if shown else "no sentence")

    annotations = parse_github("5,000 loops",
                               run(circa, ["base", "head", "--format", "github"], cwd,
                                   timeout=300)[0])
    warnings = [a for a in annotations if a[0] == "warning"]
    notices = [a for a in annotations if a[0] == "notice"]
    check("5,000 loops: ten warnings, then one notice of what was left out",
          len(warnings) == 10 and len(notices) == 1 and "4990 new" in notices[0][2],
          f"{len(warnings)} warnings, {[n[2] for n in notices]}")

    junit = check_junit("5,000 loops",
                        run(circa, ["base", "head", "--format", "junit"], cwd, timeout=300)[0])
    if junit is not None:
        check("5,000 loops: a JUnit case per loop",
              len(junit.findall("testsuite/testcase")) == 5000)
    gitlab = check_gitlab("5,000 loops",
                          run(circa, ["base", "head", "--format", "gitlab"], cwd, timeout=300)[0])
    if gitlab is not None:
        check("5,000 loops: a GitLab finding per loop", len(gitlab) == 5000)
    # The schema check of a document this size takes minutes; the structure is checked.
    sarif = check_sarif(None, "5,000 loops",
                        run(circa, ["base", "head", "--format", "sarif"], cwd, timeout=300)[0])
    if sarif is not None:
        check("5,000 loops: a SARIF result per loop", len(sarif["runs"][0]["results"]) == 5000)


def case_sarif_cap(circa, work):
    """More loop changes than GitHub takes in one run: 25,000 results and a note."""
    base = os.path.join(work, "cap", "base")
    head = os.path.join(work, "cap", "head")
    write_deals(os.path.join(base, "deals.csv"), [SEED])
    rows = []
    for i in range(25003):
        rows.append([f"a{i}", "", f"a{i}", f"b{i}", "1M", "loan", "closed", "", ""])
        rows.append([f"b{i}", "", f"b{i}", f"a{i}", "1M", "loan", "closed", "", ""])
    write_deals(os.path.join(head, "deals.csv"), rows)
    out, err = run(circa, ["base", "head", "--format", "sarif"], os.path.join(work, "cap"),
                   timeout=600)
    try:
        doc = json.loads(out)
    except ValueError as e:
        check("25,003 loops: SARIF is JSON", False, f"{e} {err[-300:]}")
        return
    run_ = doc["runs"][0]
    notes = run_["invocations"][0].get("toolExecutionNotifications", [])
    check("25,003 loops: SARIF keeps 25,000 results and says 3 more are left out",
          len(run_["results"]) == 25000
          and any(n["message"]["text"].startswith("3 more") for n in notes),
          f"{len(run_['results'])} results, {notes}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    circa = os.path.abspath(sys.argv[1])
    validator = sarif_validator(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        case_small(circa, validator)
        case_hostile_files(circa, validator, work)
        case_git(circa, validator, work)
        case_truncated(circa, validator, work)
        case_many(circa, validator, work)
        case_sarif_cap(circa, work)
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


if __name__ == "__main__":
    main()
