#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The guards around the search and the outputs, each used as a user meets it.

Usage: check-guards.py PATH/TO/circa

- --timeout holds in the per-deal expansion, and an interrupted search exits 130 (143 on SIGTERM)
  after printing what it found;
- search order streams: `--limit 0 --sort none | head -n 3` returns at once, and JSON of a search
  that never ends stays in flat memory;
- a sorted result without a limit stops at its memory guard and says how to ask for more;
- a run-away search stops at its step budget (the default one too, outside the sanitizer build)
  and says how to lift it; --timeout takes only finite numbers;
- Ctrl-C during a render's layout ends it with 130 and leaves the previous file byte-identical, as
  does a write that fails;
- standard input of /dev/zero, a FIFO, process substitution and a FIFO in a folder all end
  cleanly, and many names an entity table does not know load in seconds.

Each check runs circa as a separate process and bounds it with its own timeout, so a guard that
does not hold fails the check instead of hanging the suite.
"""

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time

failures = []


def check(name, ok, detail=""):
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    print(f"{'ok' if ok else 'not ok'} - {name}{'' if ok else ': ' + detail}")
    if not ok:
        failures.append(name)


def run(args, timeout=60, **kw):
    start = time.monotonic()
    try:
        proc = subprocess.run(args, capture_output=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return None, timeout
    return proc, time.monotonic() - start


def interrupt(args, after, sig=signal.SIGINT, wait=10):
    """Start args, send sig after `after` seconds; (exit code, stdout, stderr), or None when the
    process still runs `wait` seconds later (it is killed then)."""
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(after)
    p.send_signal(sig)
    try:
        out, err = p.communicate(timeout=wait)
        return p.returncode, out, err
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return None


def complete_graph(path, n):
    with open(path, "w") as out:
        out.write("id,payer,payee,amount_usd,kind\n")
        k = 0
        for i in range(n):
            for j in range(n):
                if i != j:
                    out.write(f"k{k},e{i},e{j},1M,loan\n")
                    k += 1


def parallel_ring(path, hops, deals):
    with open(path, "w") as out:
        out.write("id,payer,payee,amount_usd,kind\n")
        for h in range(hops):
            for d in range(deals):
                out.write(f"d{h}-{d},e{h},e{(h + 1) % hops},{d + 1}M,loan\n")


def peak_rss_mb(args, seconds):
    """Runs @args for about @seconds with stdout to /dev/null; the child's peak RSS in MB."""
    code = ("import resource, subprocess, sys\n"
            "p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "try:\n    p.wait(timeout=float(sys.argv[1]))\nexcept subprocess.TimeoutExpired:\n"
            "    p.kill(); p.wait()\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code, str(seconds)] + args, capture_output=True,
                         text=True, timeout=seconds + 30)
    return int(out.stdout) / 1024


def memory_checks(circa, k30):
    for fmt in ("json", "text", "csv"):
        mb = peak_rss_mb([circa, "cycles", k30, "--limit", "0", "--sort", "none", "--format", fmt],
                         3)
        check(f"streaming {fmt} of a search that never ends stays under 100 MB", mb < 100,
              f"{mb:.0f} MB")
    proc, _ = run([circa, "cycles", k30, "--limit", "0", "--max-length", "6"], timeout=120)
    check("a sorted result without a limit stops at its memory guard",
          proc is not None and b"holds at most 512 MB" in proc.stdout and proc.returncode == 0,
          proc.stdout[-300:] if proc else "hung")
    for fmt in ("dot", "mermaid"):  # diagrams need every loop: they keep them, up to the guard
        args = [circa, "cycles", k30, "--limit", "0", "--sort", "none", "--format", fmt]
        proc, _ = run(args, timeout=120)
        check(f"{fmt} in search order stops at the memory guard and says how to ask for more",
              proc is not None and proc.returncode == 0 and b"512 MB" in proc.stderr and
              b"--limit N" in proc.stderr, proc.stderr[-300:] if proc else "hung")
        mb = peak_rss_mb(args, 60)
        check(f"{fmt} in search order stays under 1 GB", mb < 1024, f"{mb:.0f} MB")


def main():
    circa = os.path.abspath(sys.argv[1])
    sanitized = os.environ.get("CIRCA_SANITIZED") == "1"
    tmp = tempfile.mkdtemp(prefix="circa-guards-")
    seed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "seed")
    k30 = os.path.join(tmp, "k30.csv")
    complete_graph(k30, 30)
    ring = os.path.join(tmp, "ring.csv")
    parallel_ring(ring, 4, 300)  # 300^4 = 8.1 billion per-deal cycles

    # ---- stopping when asked
    proc, took = run([circa, "cycles", ring, "--per-deal", "--timeout", "1", "--format", "csv",
                      "--sort", "none", "--limit", "0"], timeout=30)
    check("--timeout holds in the per-deal expansion", proc is not None and took < 6,
          f"took {took:.1f} s")
    if proc is not None:
        check("a timed-out result says so", b"truncated (timeout)" in proc.stderr, proc.stderr[-300:])
    proc, took = run([circa, "cycles", ring, "--per-deal", "--count", "--timeout", "1"], timeout=30)
    check("--timeout holds in a per-deal count", proc is not None and took < 6,
          f"took {took:.1f} s")

    ended = interrupt([circa, "cycles", k30, "--sort", "none", "--limit", "0", "--max-length",
                       "0"], 1.0)
    check("Ctrl-C ends a search, exit 130", ended is not None and ended[0] == 130,
          f"exit {ended[0]}" if ended else "still running 10 s later")
    if ended is not None:
        check("an interrupted search prints what it found, and says so",
              ended[1].count(b"\n") > 10 and b"interrupted" in ended[1], ended[1][-200:])
    ended = interrupt([circa, "cycles", k30, "--count"], 0.5, signal.SIGTERM)
    check("SIGTERM ends a search, exit 143", ended is not None and ended[0] == 143,
          f"exit {ended[0]}" if ended else "still running 10 s later")

    for bad in ("nan", "inf", "-1"):
        proc, _ = run([circa, "cycles", ring, "--timeout", bad])
        check(f"--timeout {bad} is refused", proc is not None and proc.returncode == 2,
              proc.stderr[-200:] if proc else "hung")

    # ---- bounded memory
    shell = f"'{circa}' cycles '{k30}' --limit 0 --sort none | head -n 3"
    proc, took = run(["sh", "-c", shell], timeout=30)
    check("--limit 0 --sort none | head -n 3 returns at once", proc is not None and took < 5 and
          proc.stdout.count(b"\n") == 3, f"took {took:.1f} s")
    # Memory is measured without the sanitizers only: AddressSanitizer keeps up to 256 MB of
    # freed blocks in quarantine by design, and filling the 512 MB guard under it takes minutes.
    if not sanitized:
        memory_checks(circa, k30)
    # What is said to be found is what was shown, after a timeout too.
    proc, _ = run([circa, "cycles", k30, "--limit", "0", "--sort", "none", "--format", "json",
                   "--timeout", "0.5"], timeout=30)
    if proc is not None:
        document = json.loads(proc.stdout)
        check("after a timeout, found is the number of cycles shown",
              document["found"] == len(document["cycles"]) and document["end"] == "timeout",
              f"found {document['found']}, shown {len(document['cycles'])}")
    # A sorted result: the search stops at the deadline, and sorting and writing end within a
    # second of it.
    for fmt in ("csv", "json"):
        proc, took = run([circa, "cycles", k30, "--limit", "0", "--sort", "amount", "--format", fmt,
                          "--timeout", "1"], timeout=30)
        check(f"--timeout 1 holds within a second for a sorted {fmt} result",
              proc is not None and took < (4 if sanitized else 2), f"took {took:.1f} s")

    # ---- the step budget
    proc, took = run([circa, "cycles", k30, "--count", "--max-steps", "100000000"], timeout=60)
    check("a run-away search stops at its step budget and says how to lift it",
          proc is not None and b"step budget" in proc.stderr and b"--max-steps 0" in proc.stderr,
          proc.stderr[-300:] if proc else "hung")
    if not sanitized:  # about a minute here; three times that under the sanitizers
        proc, took = run([circa, "cycles", k30, "--count"], timeout=300)
        check("the default step budget stops a run-away search by itself",
              proc is not None and b"step budget" in proc.stderr, f"took {took:.0f} s")
    # Keeping and writing cycles count too, so the budget is about a minute in every format: a
    # twelfth of it takes seconds, not minutes (JSON took 36 s before bytes were counted).
    # The calibration holds for the build users run; the sanitizers slow writing tenfold.
    for args in (["--format", "json", "--sort", "none", "--limit", "0"],
                 ["--format", "text", "--sort", "none", "--limit", "0"], ["--sort", "amount"]):
        if sanitized:
            break
        proc, took = run([circa, "cycles", k30, "--max-steps", "1000000000"] + args, timeout=120)
        check(f"a twelfth of the step budget takes seconds ({' '.join(args)})",
              proc is not None and took < 10, f"took {took:.0f} s")

    # ---- Ctrl-C during a sorted search prints what was kept, all of it
    ended = interrupt([circa, "cycles", k30, "--sort", "amount", "--limit", "20000", "--format",
                       "csv"], 1.5, wait=30)
    lines = ended[1].count(b"\n") if ended else 0
    check("Ctrl-C during a sorted search prints every cycle it kept, exit 130",
          ended is not None and ended[0] == 130 and lines == 20001 and b"interrupted" in ended[2],
          f"exit {ended[0]}, {lines} lines, {ended[2][-200:]!r}" if ended else "still running")

    # ---- render: Ctrl-C during the layout, a failing write
    big = os.path.join(tmp, "big.csv")
    with open(big, "w") as out:
        out.write("id,payer,payee,amount_usd,kind\n")
        import random
        rng = random.Random(3)
        for i in range(3000):
            a, b = rng.sample(range(400), 2)
            out.write(f"b{i},e{a},e{b},{rng.randint(1, 999)}M,equity\n")
    picture = os.path.join(tmp, "map.svg")
    with open(picture, "w") as out:
        out.write("<svg>the previous picture</svg>\n")
    # --layout dot: a layout that runs for minutes (without it circa would pick sfdp here).
    slow = [circa, "render", big, "--layout", "dot", "--max-length", "3"]
    ended = interrupt(slow + ["-o", picture], 2.0)
    check("Ctrl-C during a layout ends it, exit 130", ended is not None and ended[0] == 130,
          f"exit {ended[0]}" if ended else "still running 10 s later")
    with open(picture) as f:
        check("an interrupted render leaves the previous file as it was",
              f.read() == "<svg>the previous picture</svg>\n")
    check("an interrupted render leaves no temporary file",
          [n for n in os.listdir(tmp) if n.startswith(".circa-")] == [],
          str(os.listdir(tmp)))
    # A search cut short by the step budget is still drawn, and the picture says so.
    budget_svg = os.path.join(tmp, "budget.svg")
    proc, _ = run([circa, "render", k30, "--layout", "sfdp", "--max-steps", "100000000", "-o",
                   budget_svg], timeout=120)
    check("render draws what a search cut short by the step budget found",
          proc is not None and proc.returncode == 0 and os.path.exists(budget_svg) and
          b"stopped early" in open(budget_svg, "rb").read(),
          proc.stderr[-300:] if proc else "hung")
    # circa killed outright (SIGKILL, the OOM killer) takes its layout child with it.
    p = subprocess.Popen(slow + ["-o", picture],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)
    children = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True)
    p.kill()
    p.wait()
    time.sleep(0.5)
    def running(pid):  # a zombie waiting for pid 1 to reap it runs no more
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    left = [c for c in children.stdout.split() if running(c)]
    check("a render killed with SIGKILL leaves no layout running", children.stdout.strip() != "" and
          left == [], f"children {children.stdout.split()}, still running {left}")
    # Past a file-size limit the write fails cleanly: the old file stays, no temporary is left.
    limited = os.path.join(tmp, "limited")
    os.mkdir(limited)
    proc = subprocess.run(["sh", "-c", f"ulimit -f 20; exec '{circa}' render '{seed}' -o "
                           f"'{limited}/map.svg'"], capture_output=True)
    check("a write past ulimit -f fails with a clear error and leaves no temporary",
          proc.returncode == 2 and b"too large" in proc.stderr and os.listdir(limited) == [],
          f"exit {proc.returncode}: {proc.stderr[-200:]!r}, {os.listdir(limited)}")
    proc, took = run(slow + ["--timeout", "2", "-o", picture],
                     timeout=30)
    check("--timeout holds during a layout", proc is not None and took < 6 and
          proc.returncode == 2, f"took {took:.1f} s, exit {proc.returncode if proc else None}")

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    proc = subprocess.run([circa, "render", seed, "-o", picture], capture_output=True,
                          preexec_fn=small_files)
    with open(picture) as f:
        check("a failing write says so and leaves the previous file as it was",
              proc.returncode == 2 and b"cannot write" in proc.stderr and
              f.read() == "<svg>the previous picture</svg>\n", proc.stderr[-300:])
    proc = subprocess.run([circa, "render", seed, "-o", picture], capture_output=True)
    with open(picture) as f:
        check("a render that succeeds replaces the file", proc.returncode == 0 and
              f.read().startswith("<?xml"))

    # ---- reading
    with open("/dev/zero", "rb") as zero:
        proc, took = run([circa, "check", "-"], stdin=zero, timeout=30)
    check("check - < /dev/zero ends with a clear error", proc is not None and
          proc.returncode == 2 and b"NUL byte" in proc.stderr, proc.stderr[-200:] if proc else "")
    # Standard input past memory (ulimit -v): a clear error, not an abort.
    if not sanitized:  # the sanitizers reserve more address space than any such limit
        proc = subprocess.run(["sh", "-c", "ulimit -v 1000000; (echo id,payer,payee,kind; yes "
                               f"a,X,Y,equity) | '{circa}' check -"], capture_output=True,
                              timeout=120)
        check("check - with a memory limit ends with a clear error",
              proc.returncode == 2 and b"not enough memory to read it" in proc.stderr,
              f"exit {proc.returncode}: {proc.stderr[-200:]!r}")
    fifo = os.path.join(tmp, "fifo.csv")
    os.mkfifo(fifo)
    proc, took = run([circa, "check", fifo], timeout=10)
    check("a FIFO without a writer does not block", proc is not None and proc.returncode == 2,
          "blocked" if proc is None else proc.stderr[-200:])
    deals = open(os.path.join(seed, "deals.csv"), "rb").read()

    def feed():
        with open(fifo, "wb") as w:
            w.write(deals)

    writer = threading.Thread(target=feed)
    writer.start()
    proc, _ = run([circa, "check", fifo], timeout=10)
    writer.join(timeout=5)
    check("a FIFO with a writer reads like a file", proc is not None and proc.returncode == 0 and
          proc.stdout.startswith(b"9 deals"), proc.stdout if proc else "hung")
    proc, _ = run(["bash", "-c", f"'{circa}' check <(cat '{seed}/deals.csv')"], timeout=10)
    check("process substitution reads like a file", proc is not None and proc.returncode == 0,
          proc.stderr[-200:] if proc else "hung")
    folder = os.path.join(tmp, "folder")
    os.mkdir(folder)
    with open(os.path.join(folder, "deals.csv"), "wb") as out:
        out.write(deals)
    os.mkfifo(os.path.join(folder, "pipe.csv"))
    proc, _ = run([circa, "check", folder], timeout=10)
    check("a FIFO in a folder is skipped with a warning", proc is not None and
          proc.returncode == 0 and b"not a regular file" in proc.stderr,
          proc.stderr[-200:] if proc else "hung")
    os.symlink("missing.csv", os.path.join(folder, "dangling.csv"))
    os.symlink("loop.csv", os.path.join(folder, "loop.csv"))
    proc, _ = run([circa, "check", folder], timeout=10)
    check("links to nothing and link loops in a folder are named as such",
          proc is not None and proc.returncode == 0 and
          b"dangling.csv: warning: a symbolic link to a missing file" in proc.stderr and
          b"loop.csv: warning: a symbolic link that loops" in proc.stderr,
          proc.stderr[-300:] if proc else "hung")
    # -o through a symbolic link replaces the file it names and keeps the link.
    os.makedirs(os.path.join(tmp, "linked", "real"))
    target = os.path.join(tmp, "linked", "real", "pic.svg")
    with open(target, "w") as out:
        out.write("old")
    link = os.path.join(tmp, "linked", "pic.svg")
    os.symlink(os.path.join("real", "pic.svg"), link)
    proc = subprocess.run([circa, "render", seed, "-o", link], capture_output=True)
    check("-o through a symbolic link keeps the link and replaces its file",
          proc.returncode == 0 and os.path.islink(link) and
          open(target).read().startswith("<?xml"), proc.stderr[-200:])
    # Suggestions for names an entity table does not know: each was a search of the whole table,
    # so 100,000 new names against 2,000 table names took minutes. Only kept warnings search.
    many = os.path.join(tmp, "many-names")
    os.mkdir(many)
    with open(os.path.join(many, "entities.csv"), "w") as out:
        out.write("name,aliases,type\n")
        for i in range(2000):
            out.write(f"Table Company {i:04d},,lab\n")
    with open(os.path.join(many, "deals.csv"), "w") as out:
        out.write("id,payer,payee,amount_usd,kind\n")
        for i in range(100000):
            out.write(f"m{i},Unknown {i},Table Company {i % 2000:04d},1M,loan\n")
    proc, took = run([circa, "check", many], timeout=60)
    check("many names an entity table does not know load in seconds", proc is not None and
          took < (40 if sanitized else 15) and b"100000 warnings" in proc.stdout,
          f"took {took:.1f} s" + ("" if proc is None else ": " + proc.stdout.decode()[-200:]))

    if failures:
        print(f"{len(failures)} guard checks failed: {', '.join(failures)}")
        return 1
    print("guard checks: all hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
