#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The CI around `circa diff`, run as GitHub and GitLab would run it, without the network.

Usage: check-action.py PATH/TO/circa SOURCE_ROOT

- action.yml: a composite action with the inputs of docs/ci/README.md; no `run:` step has a
  `${{ }}` expression in its shell text (inputs reach the shell through `env:` only); every
  INPUT_* variable ci/github-action.sh reads is given by the step that runs it; the SARIF upload
  runs always and never fails the job; the last step gates on the recorded exit code.
- docs/ci/gitlab-ci.yml: the circa-diff job on merge requests, with Code Quality and JUnit reports
  kept always.
- ci/github-action.sh on a fixture repository (a base commit of deals, then a commit whose deal
  closes a new loop), with the environment the action gives it: the step summary has the headline
  and a Mermaid diagram, circa.sarif is SARIF with the new loop at the closing deal's line,
  stdout has an annotation at that line, and the exit code is 1 with fail-on new-loops; 0 with a
  baseline that accepts the loop (written by --write-baseline, or named by the baseline input);
  and fail-on changed-loops trips only on a commit that changes a loop.
- The base commit is fetched when a shallow clone lacks it; a base nobody has fails with exit 2
  and a summary that says why, at once; a bad deal file gives exit 2, error annotations at its
  line and a summary; inputs with shell syntax stay words.
- ci/gitlab-job.sh on a merge-request clone of the fixture: the three reports, the exit code.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom

failures = []
counter = 0


def check(name, ok, detail=""):
    global counter
    counter += 1
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    detail = str(detail).replace("\n", "\n# ")
    print(f"{'ok' if ok else 'not ok'} {counter} - {name}" + ("" if ok else f"\n# {detail}"),
          flush=True)
    if not ok:
        failures.append(name)
    return ok


# ---------------------------------------------------------------------------- the YAML files

def load_yaml(path):
    """The document, or None when python3-yaml is missing (the light checks run instead)."""
    try:
        import yaml
    except ImportError:
        return None
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def run_blocks_light(text):
    """Without PyYAML: the shell text of every `run:` key, by indentation."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        m = re.match(r"^(\s*)(?:- )?run:\s*(.*)$", lines[i])
        if not m:
            i += 1
            continue
        indent, rest = len(m.group(1)), m.group(2)
        if rest and rest[0] not in "|>":
            blocks.append(rest)
            i += 1
            continue
        body, i = [], i + 1
        while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
            body.append(lines[i])
            i += 1
        blocks.append("\n".join(body))
    return blocks


def check_action_yml(root):
    path = os.path.join(root, "action.yml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    script_path = os.path.join(root, "ci", "github-action.sh")
    with open(script_path, encoding="utf-8") as f:
        script = f.read()
    read_vars = set(re.findall(r"\bINPUT_[A-Z_]+\b", script))
    doc = load_yaml(path)
    if doc is None:
        print("# python3-yaml is missing: light checks of action.yml only")
        blocks = run_blocks_light(text)
        check("action.yml has run: steps", len(blocks) >= 3, f"{len(blocks)} found")
        bad = [b for b in blocks if "${{" in b]
        check("no run: text in action.yml interpolates ${{ }}", not bad, "\n---\n".join(bad))
        for name in ["paths", "base", "fail-on", "baseline", "max-length", "upload-sarif", "extra-args"]:
            check(f"action.yml declares input {name}", re.search(rf"^  {re.escape(name)}:", text, re.M))
        check("action.yml uses github/codeql-action/upload-sarif@v3",
              "github/codeql-action/upload-sarif@v3" in text)
        for var in sorted(read_vars):
            check(f"action.yml gives {var}", re.search(rf"^\s+{var}:", text, re.M), "")
        return

    check("action.yml is a composite action", doc.get("runs", {}).get("using") == "composite",
          doc.get("runs"))
    inputs = doc.get("inputs", {})
    expected = {
        "paths": "graphs",
        "base": "${{ github.event.pull_request.base.sha }}",
        "fail-on": "new-loops",
        "baseline": "",
        "max-length": "",
        "upload-sarif": "true",
        "extra-args": "",
    }
    for name, default in expected.items():
        got = inputs.get(name)
        check(f"input {name} defaults to {default!r}",
              isinstance(got, dict) and str(got.get("default", "")) == default and "description" in got,
              got)
    check("permissions are documented", "contents: read" in text and "security-events: write" in text)

    steps = doc["runs"].get("steps", [])
    for index, step in enumerate(steps):
        name = step.get("name", f"step {index + 1}")
        if "run" in step:
            check(f"{name}: no ${{{{ }}}} in its shell text", "${{" not in step["run"], step["run"])
            check(f"{name}: says its shell", step.get("shell") == "bash", step.get("shell"))
        for key, value in (step.get("with") or {}).items():
            check(f"{name}: with.{key} does not pass an input through",
                  "inputs." not in str(value), value)
    runs_script = [s for s in steps if "ci/github-action.sh" in s.get("run", "")]
    if check("one step runs ci/github-action.sh", len(runs_script) == 1, len(runs_script)):
        step = runs_script[0]
        env = step.get("env", {})
        for var in sorted(read_vars):
            check(f"the diff step gives {var} through env", var in env, sorted(env))
        for var, value in env.items():
            check(f"env {var} is a plain expression or text", isinstance(value, str), value)
        check("the diff step has an id and continues on error (the gate comes last)",
              step.get("id") and step.get("continue-on-error") is True, step)
        diff_id = step.get("id")
        upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
        if check("a step uploads SARIF with github/codeql-action/upload-sarif@v3",
                 len(upload) == 1 and upload[0]["uses"].endswith("@v3"), upload):
            u = upload[0]
            check("the SARIF upload never fails the job", u.get("continue-on-error") is True, u)
            check("the SARIF upload runs always, when asked",
                  "always()" in str(u.get("if", "")) and "upload-sarif" in str(u.get("if", "")), u.get("if"))
            check("the upload comes after the diff", steps.index(u) > steps.index(step))
        last = steps[-1]
        check("the last step fails the job with the recorded exit code",
              "run" in last and f"steps.{diff_id}.outputs.exit-code" in str(last.get("env", {}))
              and "exit" in last["run"], last)
        check("the last step runs after a tripped gate",
              "cancelled()" in str(last.get("if", "")) or "always()" in str(last.get("if", "")), last.get("if"))
    installs = [s for s in steps if "apt-get install" in s.get("run", "")]
    check("a step installs the build dependencies with apt-get", len(installs) == 1)
    if installs:
        with open(os.path.join(root, "scripts", "setup.sh"), encoding="utf-8") as f:
            setup = f.read()
        wanted = ["meson", "ninja-build", "pkg-config", "gcc", "libglib2.0-dev", "libigraph-dev",
                  "libjson-glib-dev"]
        missing = [p for p in wanted if p not in setup or p not in installs[0]["run"]]
        check("it installs setup.sh's build packages", not missing, missing)
    builds = [s for s in steps if "meson setup" in s.get("run", "")]
    check("a step builds circa with meson from the action's own path",
          len(builds) == 1 and "GITHUB_ACTION_PATH" in builds[0]["run"] and "ninja" in builds[0]["run"])


def check_gitlab_yml(root):
    path = os.path.join(root, "docs", "ci", "gitlab-ci.yml")
    doc = load_yaml(path)
    if doc is None:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        check("gitlab-ci.yml has the circa-diff job", re.search(r"^circa-diff:", text, re.M))
        check("gitlab-ci.yml keeps the reports always",
              "codequality: gl-code-quality-report.json" in text and "junit: circa-junit.xml" in text
              and "when: always" in text)
        return
    job = doc.get("circa-diff")
    if not check("gitlab-ci.yml has the circa-diff job", isinstance(job, dict), sorted(doc)):
        return
    check("it runs on merge requests",
          any("merge_request_event" in str(r.get("if", "")) for r in job.get("rules", [])), job.get("rules"))
    artifacts = job.get("artifacts", {})
    check("it keeps its artifacts always", artifacts.get("when") == "always", artifacts)
    check("it reports Code Quality and JUnit",
          artifacts.get("reports", {}) == {"codequality": "gl-code-quality-report.json",
                                           "junit": "circa-junit.xml"}, artifacts.get("reports"))
    check("its script runs ci/gitlab-job.sh", any("ci/gitlab-job.sh" in line for line in job.get("script", [])))


# ------------------------------------------------------------------------ the fixture repo

BASE_DEALS = """\
id,date,payer,payee,amount_usd,kind,status
alpha-beta-equity,2024-01-10,Alpha,Beta,10B,equity,signed
beta-alpha-compute,2024-02-10,Beta,Alpha,4B,compute,signed
beta-gamma-equity,2024-03-01,Beta,Gamma,2B,equity,closed
gamma-delta-chips,2024-04-01,Gamma,Delta,1B,chips,closed
"""
# The new loop Beta → Gamma → Delta is closed by the deal on line 7.
HEAD_ADDS = """\
epsilon-zeta-loan,2025-02-01,Epsilon,Zeta,1M,loan,announced
delta-beta-chips,2025-01-15,Delta,Beta,500M,chips,announced
"""
CLOSING_LINE = 7
NEW_KEY_ENTITIES = ["Beta", "Gamma", "Delta"]
OLD_KEY_ENTITIES = ["Alpha", "Beta"]


class Fixture:
    def __init__(self, top):
        self.top = top
        self.home = os.path.join(top, "home")
        os.makedirs(self.home)
        # The suite's environment (sanitizer options included), without what a CI host around
        # the suite would add: the fixture is GitHub's or GitLab's, not the host's.
        outer = re.compile(r"^(GIT_|GITHUB_|GITLAB_|INPUT_|RUNNER_|CI_|CIRCA$|CI$)")
        self.env = {k: v for k, v in os.environ.items() if not outer.match(k)}
        self.env.update({
            "HOME": self.home,
            "LC_ALL": "C.UTF-8",
            "NO_COLOR": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "circa test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "circa test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "GIT_TERMINAL_PROMPT": "0",
        })

    def git(self, repo, *args, check=True):
        proc = subprocess.run(["git", "-C", repo] + list(args), env=self.env, capture_output=True,
                              text=True, timeout=60)
        if check and proc.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {proc.stderr}")
        return proc.stdout.strip()

    def make_repo(self, name):
        repo = os.path.join(self.top, name)
        os.makedirs(os.path.join(repo, "graphs"))
        self.git(repo, "init", "-q", "-b", "main")
        self.write(repo, "graphs/deals.csv", BASE_DEALS)
        self.git(repo, "add", "graphs")
        self.git(repo, "commit", "-q", "-m", "base deals")
        base = self.git(repo, "rev-parse", "HEAD")
        self.write(repo, "graphs/deals.csv", BASE_DEALS + HEAD_ADDS)
        self.git(repo, "commit", "-q", "-am", "deals that close a loop")
        return repo, base

    @staticmethod
    def write(repo, relative, text):
        with open(os.path.join(repo, relative), "w", encoding="utf-8") as f:
            f.write(text)


def run_action(fx, root, circa, repo, timeout=120, **inputs):
    """Runs ci/github-action.sh as the action's diff step: (proc, summary text, outputs dict)."""
    runner = tempfile.mkdtemp(prefix="runner-", dir=fx.top)
    summary, output = os.path.join(runner, "step_summary"), os.path.join(runner, "output")
    open(summary, "w").close()
    open(output, "w").close()
    env = dict(fx.env)
    env.update({
        "GITHUB_ACTIONS": "true", "CI": "true",
        "GITHUB_WORKSPACE": repo, "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": output,
        "GITHUB_ACTION_PATH": root, "RUNNER_TEMP": runner,
        "CIRCA": circa,
        "INPUT_PATHS": "graphs", "INPUT_BASE": "", "INPUT_FAIL_ON": "new-loops",
        "INPUT_BASELINE": "", "INPUT_MAX_LENGTH": "", "INPUT_EXTRA_ARGS": "", "INPUT_SARIF": "circa.sarif",
    })
    env.update({"INPUT_" + k.upper(): v for k, v in inputs.items()})
    try:
        proc = subprocess.run(["bash", os.path.join(root, "ci", "github-action.sh")], cwd=runner,
                              env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        proc = subprocess.CompletedProcess(e.cmd, None, e.stdout or "", f"timed out after {timeout} s")
    with open(summary, encoding="utf-8", errors="replace") as f:
        text = f.read()
    outputs = {}
    with open(output, encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                outputs[k] = v
    return proc, text, outputs


def describe(proc):
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}"


def find_new_loop(sarif):
    """The SARIF result of the new loop: one naming its entities, at the closing deal."""
    found = []
    for run in sarif.get("runs", []):
        for result in run.get("results", []):
            blob = json.dumps(result, ensure_ascii=False)
            if all(e in blob for e in NEW_KEY_ENTITIES):
                found.append(result)
    return found


def check_github(fx, root, circa):
    repo, base = fx.make_repo("repo")

    # A pull request whose deal closes a new loop: the gate trips.
    proc, summary, outputs = run_action(fx, root, circa, repo, base=base)
    check("new loop, fail-on new-loops: exit 1", proc.returncode == 1, describe(proc))
    check("GITHUB_OUTPUT records exit-code=1", outputs.get("exit-code") == "1", outputs)
    check("the step summary has the headline", re.search(r"1 new (round trip|loop)", summary), summary[:2000])
    check("the step summary has a mermaid block", "```mermaid" in summary, summary[:2000])
    check("the step summary names the new loop",
          all(e in summary for e in NEW_KEY_ENTITIES), summary[:2000])
    sarif_path = os.path.join(repo, "circa.sarif")
    sarif = None
    if check("circa.sarif exists in the workspace", os.path.isfile(sarif_path)):
        try:
            with open(sarif_path, encoding="utf-8") as f:
                sarif = json.load(f)
        except ValueError as e:
            check("circa.sarif is JSON", False, e)
    check("GITHUB_OUTPUT records the SARIF path", outputs.get("sarif") == "circa.sarif", outputs)
    if sarif is not None:
        check("circa.sarif is SARIF 2.1.0", sarif.get("version") == "2.1.0" and "$schema" in sarif,
              {k: sarif.get(k) for k in ("version", "$schema")})
        results = find_new_loop(sarif)
        if check("circa.sarif has a result for the new loop", results,
                 json.dumps(sarif, indent=1)[:3000]):
            loc = results[0].get("locations", [{}])[0].get("physicalLocation", {})
            check("the new loop's SARIF location is the closing deal's line",
                  loc.get("artifactLocation", {}).get("uri") == "graphs/deals.csv"
                  and loc.get("region", {}).get("startLine") == CLOSING_LINE, loc)
    annotation = re.search(rf"^::(warning|error) file=graphs/deals\.csv,line={CLOSING_LINE}\b.*$",
                           proc.stdout, re.M)
    check(f"stdout annotates graphs/deals.csv line {CLOSING_LINE}", annotation, proc.stdout[:2000])
    if annotation:
        print(f"# annotation: {annotation.group(0)[:200]}")
        check("the annotation is a warning", annotation.group(1) == "warning", annotation.group(0))
    other = re.findall(r"^::(?:warning|error) file=([^,]*),line=(\d+)", proc.stdout, re.M)
    check("no annotation is at a deal of the old loop",
          all(not (f == "graphs/deals.csv" and int(n) in (2, 3)) for f, n in other), other)

    # The default base is HEAD~1: the same answer.
    proc2, summary2, _ = run_action(fx, root, circa, repo)
    check("empty base input: compares with HEAD~1 (exit 1, same headline)",
          proc2.returncode == 1 and summary2.splitlines()[:1] == summary.splitlines()[:1], describe(proc2))

    # fail-on none reports and passes.
    proc3, summary3, _ = run_action(fx, root, circa, repo, base=base, fail_on="none")
    check("fail-on none: exit 0, summary written", proc3.returncode == 0 and "```mermaid" in summary3,
          describe(proc3))

    # fail-on changed-loops: no loop of the base changed here (the old one is untouched), but the
    # policy is "new or changed" (circa diff --help), so a new loop trips it too; the commit below
    # that changes a loop without making one trips it alone.
    proc4, _, _ = run_action(fx, root, circa, repo, base=base, fail_on="changed-loops")
    check("fail-on changed-loops with a new loop and no changed one: exit 1 (new or changed)",
          proc4.returncode == 1, describe(proc4))
    proc5, _, _ = run_action(fx, root, circa, repo, base=base, fail_on="any")
    check("fail-on any with a new loop: exit 1", proc5.returncode == 1, describe(proc5))

    # A baseline the team wrote with --write-baseline accepts the loop.
    wb = subprocess.run([circa, "diff", "--git", base, "graphs", "--write-baseline"], cwd=repo,
                        env=fx.env, capture_output=True, text=True, timeout=60)
    baseline_file = os.path.join(repo, ".circa-baseline")
    check("circa diff --write-baseline writes .circa-baseline",
          wb.returncode == 0 and os.path.isfile(baseline_file), describe(wb))
    if os.path.isfile(baseline_file):
        with open(baseline_file, encoding="utf-8") as f:
            accepted = f.read()
        print("# .circa-baseline: " + accepted.replace("\n", "\n#   "))
        proc6, summary6, outputs6 = run_action(fx, root, circa, repo, base=base)
        check("with .circa-baseline accepting the loop: exit 0", proc6.returncode == 0, describe(proc6))
        check("... and the summary is still written", summary6.strip(), summary6)
        check("... and GITHUB_OUTPUT records exit-code=0", outputs6.get("exit-code") == "0", outputs6)
        os.remove(baseline_file)

    # The baseline input names one; its key is the loop's key as circa's JSON gives it.
    js = subprocess.run([circa, "diff", "--git", base, "graphs", "--format", "json"], cwd=repo,
                        env=fx.env, capture_output=True, text=True, timeout=60)
    keys = []
    try:
        keys = [m for m in re.findall(r'"key"\s*:\s*"([^"]+)"', js.stdout)
                if all(e in m for e in NEW_KEY_ENTITIES)]
    except ValueError:
        pass
    if check("circa diff --format json gives the new loop's key", keys, describe(js)):
        os.makedirs(os.path.join(repo, "ci"), exist_ok=True)
        with open(os.path.join(repo, "ci", "accepted"), "w", encoding="utf-8") as f:
            f.write(f"# reviewed loops\n{keys[0]}\tthe Delta chips deal is reviewed\n")
        proc7, _, _ = run_action(fx, root, circa, repo, base=base, baseline="ci/accepted")
        check("the baseline input accepts the loop: exit 0", proc7.returncode == 0, describe(proc7))
        proc8, summary8, _ = run_action(fx, root, circa, repo, base=base, baseline="ci/missing")
        check("a baseline input that names no file: exit 2 with the reason in the summary",
              proc8.returncode == 2 and "ci/missing" in summary8, describe(proc8) + "\n" + summary8)
        shutil.rmtree(os.path.join(repo, "ci"))

    # A commit that changes the old loop's amount: changed-loops trips, new-loops does not.
    changed = BASE_DEALS.replace("Beta,Alpha,4B", "Beta,Alpha,3B") + HEAD_ADDS
    Fixture.write(repo, "graphs/deals.csv", changed)
    fx.git(repo, "commit", "-q", "-am", "a smaller compute deal")
    proc9, _, _ = run_action(fx, root, circa, repo, base="HEAD~1", fail_on="new-loops")
    check("a changed loop, fail-on new-loops: exit 0", proc9.returncode == 0, describe(proc9))
    proc10, summary10, _ = run_action(fx, root, circa, repo, base="HEAD~1", fail_on="changed-loops")
    check("a changed loop, fail-on changed-loops: exit 1", proc10.returncode == 1, describe(proc10))
    check("... and the summary names the changed loop", all(e in summary10 for e in OLD_KEY_ENTITIES),
          summary10[:2000])
    proc11, _, _ = run_action(fx, root, circa, repo, base="HEAD~1", fail_on="any")
    check("a changed loop, fail-on any: exit 1", proc11.returncode == 1, describe(proc11))
    # A..B compares two revisions (here the new-loop commit against its parent).
    proc12, summary12, _ = run_action(fx, root, circa, repo, base=f"{base}..HEAD~1")
    check("base A..B compares two revisions: the new loop, exit 1",
          proc12.returncode == 1 and all(e in summary12 for e in NEW_KEY_ENTITIES), describe(proc12))
    fx.git(repo, "reset", "-q", "--hard", "HEAD~1")

    # actions/checkout's one-commit clone: the script fetches the base from origin.
    shallow = os.path.join(fx.top, "shallow")
    fx.git(fx.top, "clone", "-q", "--depth=1", "file://" + repo, shallow)
    check("the shallow clone lacks the base commit",
          subprocess.run(["git", "-C", shallow, "cat-file", "-e", base + "^{commit}"], env=fx.env,
                         capture_output=True).returncode != 0)
    proc13, summary13, _ = run_action(fx, root, circa, shallow, base=base)
    check("a shallow clone: the base sha is fetched, exit 1 with the report",
          proc13.returncode == 1 and "```mermaid" in summary13, describe(proc13))
    shallow2 = os.path.join(fx.top, "shallow2")
    fx.git(fx.top, "clone", "-q", "--depth=1", "file://" + repo, shallow2)
    proc14, summary14, _ = run_action(fx, root, circa, shallow2)
    check("a shallow clone, base HEAD~1: history deepened, exit 1 with the report",
          proc14.returncode == 1 and "```mermaid" in summary14, describe(proc14))

    # No origin at all: quietly no fetch, exit 2, the summary says which base is missing.
    fx.git(shallow, "remote", "remove", "origin")
    missing = "0123456789abcdef0123456789abcdef01234567"
    proc15, summary15, outputs15 = run_action(fx, root, circa, shallow, base=missing, timeout=30)
    check("a base nobody has: exit 2 at once", proc15.returncode == 2, describe(proc15))
    check("... the summary says which base is missing", missing in summary15, summary15)
    check("... an error annotation says so", re.search(r"^::error ", proc15.stdout, re.M), proc15.stdout)
    check("... GITHUB_OUTPUT records exit-code=2", outputs15.get("exit-code") == "2", outputs15)
    check("... git's fetch errors stay quiet", "fatal:" not in proc15.stderr, proc15.stderr)

    # A bad deal in the pull request: exit 2, annotations at the line, the summary says why.
    Fixture.write(repo, "graphs/deals.csv", BASE_DEALS + HEAD_ADDS + "bad-row,2025-13-40,Omega,Omega,-5,gift,maybe\n")
    proc16, summary16, _ = run_action(fx, root, circa, repo, base=base)
    check("a bad deal file: exit 2", proc16.returncode == 2, describe(proc16))
    check("... error annotations at its line", re.search(r"^::error file=graphs/deals\.csv,line=8,", proc16.stdout, re.M),
          proc16.stdout)
    check("... the summary shows circa's diagnostics", "graphs/deals.csv:8:" in summary16, summary16)
    fx.git(repo, "checkout", "-q", "--", "graphs/deals.csv")

    # Inputs with shell syntax stay words: nothing runs.
    canary = os.path.join(fx.top, "pwned")
    hostile = f"graphs $(touch {canary}) `touch {canary}`;touch {canary}"
    proc17, _, _ = run_action(fx, root, circa, repo, base=base, paths=hostile,
                              extra_args=f"--max-length 4 ;touch {canary} $(touch {canary})",
                              max_length=f"$(touch {canary})")
    check("inputs with shell syntax run nothing", not os.path.exists(canary), describe(proc17))
    for hostile_base in (f"--upload-pack=touch {canary}", f"{base}..--upload-pack=touch {canary}"):
        proc, summary_h, _ = run_action(fx, root, circa, shallow2, base=hostile_base)
        check(f"a base that is a git option runs nothing: {hostile_base[:30]}…",
              proc.returncode == 2 and not os.path.exists(canary) and "cannot start with -" in summary_h,
              describe(proc))
    proc18, summary18, _ = run_action(fx, root, circa, repo, base=base, fail_on="$(touch x)")
    check("an unknown fail-on: exit 2 with the reason in the summary",
          proc18.returncode == 2 and "fail-on" in summary18, describe(proc18))

    # Several paths, one per line, as a YAML block gives them.
    os.makedirs(os.path.join(repo, "more"))
    Fixture.write(repo, "more/extra.csv", "id,date,payer,payee,amount_usd,kind,status\n"
                  "zeta-epsilon-equity,2025-03-01,Zeta,Epsilon,2M,equity,signed\n")
    proc19, summary19, _ = run_action(fx, root, circa, repo, base=base, paths="graphs\nmore/extra.csv\n")
    check("paths on several lines: both are read (a second new loop)",
          proc19.returncode == 1 and re.search(r"2 new (round trips|loops)", summary19), describe(proc19) + summary19[:1500])
    shutil.rmtree(os.path.join(repo, "more"))

    # A bad deal in the base revision: exit 2, and no annotation at a working-tree line (the
    # line numbers are the revision's).
    Fixture.write(repo, "graphs/deals.csv", BASE_DEALS + HEAD_ADDS + "bad-row,2025-13-40,Omega,Omega,-5,gift,maybe\n")
    fx.git(repo, "commit", "-q", "-am", "a bad deal")
    Fixture.write(repo, "graphs/deals.csv", BASE_DEALS + HEAD_ADDS)
    proc20, summary20, _ = run_action(fx, root, circa, repo, base="HEAD")
    located = re.findall(r"^::error file=.*$", proc20.stdout, re.M)
    check("a bad deal in the base revision: exit 2, errors without a working-tree location",
          proc20.returncode == 2 and not located and re.search(r"^::error title=in HEAD%3Agraphs/deals\.csv::", proc20.stdout, re.M),
          describe(proc20))
    check("... the summary shows the revision's diagnostics", "HEAD:graphs/deals.csv:8:" in summary20, summary20)
    fx.git(repo, "reset", "-q", "--hard", "HEAD~1")
    return repo, base


def check_gitlab(fx, root, circa, origin):
    """ci/gitlab-job.sh in a merge-request pipeline: a clone of the MR's branch, target main."""
    fx.git(origin, "branch", "-q", "-f", "feature", "HEAD")
    fx.git(origin, "reset", "-q", "--hard", "HEAD~1")  # main is the base commit, feature the MR
    work = os.path.join(fx.top, "gitlab")
    fx.git(fx.top, "clone", "-q", "--depth=1", "--branch", "feature", "file://" + origin, work)
    env = dict(fx.env)
    env.update({"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": work, "CIRCA": circa,
                "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PIPELINE_SOURCE": "merge_request_event"})
    proc = subprocess.run(["bash", os.path.join(root, "ci", "gitlab-job.sh")], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    check("gitlab job, new loop: exit 1", proc.returncode == 1, describe(proc))
    path = os.path.join(work, "gl-code-quality-report.json")
    try:
        with open(path, "rb") as f:
            raw = f.read()
        report = json.loads(raw)
        check("gl-code-quality-report.json is a JSON array without a BOM",
              isinstance(report, list) and not raw.startswith(b"\xef\xbb\xbf"), raw[:200])
        hits = [r for r in report if all(e in json.dumps(r, ensure_ascii=False) for e in NEW_KEY_ENTITIES)]
        if check("it has the new loop", hits, raw[:2000]):
            h = hits[0]
            check("... with what GitLab needs, at the closing deal's line",
                  all(k in h for k in ("description", "check_name", "fingerprint", "severity"))
                  and h.get("location", {}).get("path") == "graphs/deals.csv"
                  and (h["location"].get("lines", {}).get("begin") == CLOSING_LINE
                       or h["location"].get("positions", {}).get("begin", {}).get("line") == CLOSING_LINE), h)
    except (OSError, ValueError) as e:
        check("gl-code-quality-report.json is written and JSON", False, f"{e}\n{describe(proc)}")
    try:
        dom = xml.dom.minidom.parse(os.path.join(work, "circa-junit.xml"))
        cases = dom.getElementsByTagName("testcase")
        failing = [c for c in cases if c.getElementsByTagName("failure")]
        check("circa-junit.xml has a failing case for the new loop",
              any(all(e in c.getAttribute("name") for e in NEW_KEY_ENTITIES) for c in failing),
              [c.getAttribute("name") for c in cases])
    except Exception as e:  # noqa: BLE001 - any parse error fails the check
        check("circa-junit.xml is written and XML", False, f"{e}\n{describe(proc)}")
    summary = os.path.join(work, "circa-summary.md")
    check("circa-summary.md has the headline and a mermaid block",
          os.path.isfile(summary) and "```mermaid" in open(summary, encoding="utf-8").read())

    # The target branch moved on after the merge request forked: it dropped a deal of the old
    # loop. Compared with the target's tip the old loop would look new; with the merge base it
    # is unchanged, and the one new loop is the merge request's.
    fx.git(origin, "checkout", "-q", "main")
    Fixture.write(origin, "graphs/deals.csv", BASE_DEALS.replace(
        "beta-alpha-compute,2024-02-10,Beta,Alpha,4B,compute,signed\n", ""))
    fx.git(origin, "commit", "-q", "-am", "main drops a deal")
    fx.git(origin, "checkout", "-q", "feature")
    full = os.path.join(fx.top, "gitlab-full")
    fx.git(fx.top, "clone", "-q", "--branch", "feature", "file://" + origin, full)
    env_full = dict(env, CI_PROJECT_DIR=full)
    proc3 = subprocess.run(["bash", os.path.join(root, "ci", "gitlab-job.sh")], cwd=full, env=env_full,
                           capture_output=True, text=True, timeout=120)
    with open(os.path.join(full, "gl-code-quality-report.json"), encoding="utf-8") as f:
        report = json.load(f)
    check("gitlab job after the target moved on: compared with the merge base (1 new loop, exit 1)",
          proc3.returncode == 1 and len(report) == 1 and "1 new round trip" in proc3.stdout
          and "merge base" not in proc3.stderr, describe(proc3))

    # No target branch and no CIRCA_BASE: exit 2, a JUnit error case that says why.
    env2 = dict(env)
    del env2["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"]
    proc2 = subprocess.run(["bash", os.path.join(root, "ci", "gitlab-job.sh")], cwd=work, env=env2,
                           capture_output=True, text=True, timeout=60)
    ok = proc2.returncode == 2
    try:
        dom = xml.dom.minidom.parse(os.path.join(work, "circa-junit.xml"))
        ok = ok and dom.getElementsByTagName("error")
    except Exception:  # noqa: BLE001
        ok = False
    check("gitlab job without a target branch: exit 2 and a JUnit error case", ok, describe(proc2))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    circa, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if shutil.which("git") is None:
        print("1..1\nnot ok 1 - git is installed (the action runs circa diff --git)")
        return 1
    check_action_yml(root)
    check_gitlab_yml(root)
    help_text = subprocess.run([circa, "diff", "--help"], capture_output=True, text=True).stdout
    if not check("circa diff exists", "--fail-on" in help_text, help_text[:500]):
        print(f"1..{counter}")
        return 1
    top = tempfile.mkdtemp(prefix="circa-action-")
    try:
        fx = Fixture(top)
        repo, _ = check_github(fx, root, circa)
        check_gitlab(fx, root, circa, repo)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    print(f"1..{counter}")
    if failures:
        print(f"# {len(failures)} failed: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
