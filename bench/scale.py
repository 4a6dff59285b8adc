#!/usr/bin/env python3
"""Times labelbranch-cli and the window on a large demo project and prints one table.

    bench/scale.py --build DIR [N] [--runs R] [--timeout S] [--work DIR] [--markdown FILE] [--fresh]

Usually started by bench/scale.sh, which builds the binaries first. Every command runs as its own process;
its wall time and peak RSS (from wait4) are measured, the median time and the highest RSS of R runs are
shown. Commands that write run on a throw-away copy of the project. Nothing is asserted: a command that
fails or runs too long is reported in its row and the others still run. The exit status is non-zero only
when the demo project cannot be made.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1e6  # file sizes and RSS are shown in MB of 10^6 bytes

# ---------------------------------------------------------------------------------------------------------
# Running one process


@dataclass
class Proc:
    wall: float  # seconds
    rss_mb: float  # peak resident set of the process and the children it waited for
    rc: int  # exit code; negative for a signal
    timed_out: bool
    out_path: str
    err_path: str

    @property
    def ok(self):
        return self.rc == 0 and not self.timed_out

    def stdout(self):
        with open(self.out_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def problem(self, timeout):
        """The cell text of a run that did not succeed."""
        if self.timed_out:
            return f"timeout (> {timeout:g} s)"
        with open(self.err_path, encoding="utf-8", errors="replace") as f:
            lines = [line.strip() for line in f if line.strip()]
        # Qt's start-up notices (XDG_RUNTIME_DIR, propagateSizeHints) are not the failure.
        ours = [line for line in lines if line.startswith("labelbranch")]
        first = (ours or lines or [f"exit status {self.rc}"])[0]
        if len(first) > 90:
            first = first[:87] + "..."
        return f"failed: {first}"


class Runner:
    def __init__(self, work, timeout, env):
        self.work = work
        self.timeout = timeout
        self.env = env

    def run(self, cmd, extra_env=None, timeout=None):
        timeout = timeout or self.timeout
        out_path = os.path.join(self.work, "last-stdout")
        err_path = os.path.join(self.work, "last-stderr")
        env = dict(self.env, **(extra_env or {}))
        timed_out = threading.Event()
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            start = time.monotonic()
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                    start_new_session=True)

            def stop():
                timed_out.set()
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

            timer = threading.Timer(timeout, stop)
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        return Proc(wall, usage.ru_maxrss * 1024 / MB, proc.returncode, timed_out.is_set(), out_path, err_path)


def progress(text):
    print(f"[scale] {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------
# Files


def remove_project(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def copy_project(src, dst):
    remove_project(dst)
    shutil.copyfile(src, dst)
    if os.path.exists(src + "-wal"):
        shutil.copyfile(src + "-wal", dst + "-wal")
    # Written back before anything is timed: otherwise the kernel writes this copy (hundreds of MB) to disk
    # while the next measured command runs, and that command is charged for it.
    os.sync()


def used_bytes(path):
    """The bytes the project file holds once its write-ahead log is folded into it: its pages less the free
    ones, so that growth into pages freed earlier still counts."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        free = con.execute("PRAGMA freelist_count").fetchone()[0]
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()
    return (pages - free) * page_size


def format_version(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def raw_copy_of_main(path):
    """Raw SQLite: copies main's label_rows, every column as stored, into a new table of the same file.
    Returns (seconds for the statement and its commit, growth of the file in bytes)."""
    before = used_bytes(path)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        start = time.monotonic()
        con.execute("BEGIN")
        con.execute("CREATE TABLE bench_copy AS SELECT * FROM label_rows"
                    " WHERE branch_id = (SELECT id FROM branches WHERE name = 'main')")
        con.execute("COMMIT")
        seconds = time.monotonic() - start
    finally:
        con.close()
    return seconds, used_bytes(path) - before


def json_dump_baseline(export_path, out_path, runs):
    """Loads an export once, then times only json.dump of its rows to a file; prints the median seconds."""
    with open(export_path, encoding="utf-8") as f:
        rows = json.load(f)
    times = []
    for _ in range(runs):
        start = time.monotonic()
        with open(out_path, "w", encoding="utf-8") as f:
            # Compact, like the export itself, so both write about the same bytes.
            json.dump(rows, f, separators=(",", ":"), ensure_ascii=False)
        times.append(time.monotonic() - start)
    os.remove(out_path)
    print(f"{statistics.median(times):.6f}")


# ---------------------------------------------------------------------------------------------------------
# Table


@dataclass
class Row:
    op: str
    time: str = "-"
    rss: str = "-"
    baseline: str = "-"
    ratio: str = "-"
    goal: str = "-"
    met: str = ""


def fmt_s(seconds):
    if seconds < 1:
        return f"{seconds:.3f} s"
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 100:
        return f"{seconds:.1f} s"
    return f"{seconds:.0f} s"


def fmt_mb(mb):
    return f"{mb:.0f}" if abs(mb) >= 10 else f"{mb:.1f}"


def fmt_mb_change(mb):
    mb = round(mb, 1) + 0.0  # no "-0.0"
    return f"{'+' if mb >= 0 else '-'}{fmt_mb(abs(mb))} MB"


def fmt_ratio(baseline, seconds):
    """How labelbranch compares with the baseline: baseline time / labelbranch time."""
    if not seconds or not baseline:
        return "-"
    r = baseline / seconds
    if r >= 1:
        return f"{r:.0f}x faster" if r >= 10 else f"{r:.1f}x faster"
    s = 1 / r
    return f"{s:.0f}x slower" if s >= 10 else f"{s:.1f}x slower"


def met(*conditions):
    return "yes" if all(conditions) else "no"


COLUMNS = ["operation", "time", "peak RSS MB", "baseline", "ratio", "goal", "met"]
RIGHT = {1, 2, 3, 4}
PROBLEMS = ("failed", "timeout", "skipped", "not printed")


def is_problem(row):
    """A row whose command did not give a time: its message takes the rest of the line."""
    return row.time.startswith(PROBLEMS)


def cells(row):
    return [row.op, row.time, row.rss, row.baseline, row.ratio, row.goal, row.met]


def table_text(rows):
    measured = [COLUMNS] + [cells(r) for r in rows if not is_problem(r)]
    widths = [max(len(line[i]) for line in measured) for i in range(len(COLUMNS))]
    widths[0] = max(widths[0], *(len(r.op) for r in rows))

    def line(values):
        parts = [v.rjust(w) if i in RIGHT else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths))]
        return "  ".join(parts).rstrip()

    out = [line(COLUMNS), "  ".join("-" * w for w in widths)]
    for r in rows:
        out.append(f"{r.op.ljust(widths[0])}  {r.time}" if is_problem(r) else line(cells(r)))
    return "\n".join(out)


def table_markdown(rows):
    def cell(v):
        v = v.replace("|", "\\|")
        # Markdown drops leading spaces; keep the indent of a detail row.
        stripped = v.lstrip(" ")
        return "&nbsp;" * (len(v) - len(stripped)) + stripped

    out = ["| " + " | ".join(COLUMNS) + " |",
           "|" + "|".join("---:" if i in RIGHT else "---" for i in range(len(COLUMNS))) + "|"]
    for r in rows:
        values = [r.op, r.time] + [""] * (len(COLUMNS) - 2) if is_problem(r) else cells(r)
        out.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(out)


NOTES = """\
time: median wall time of the whole process over the runs; peak RSS: the highest of the runs (wait4).
baseline, same run: diff - bench/compare_exports.py on the exports of both branches (whole process);
snapshot - python sqlite3 CREATE TABLE ... AS SELECT * of main's label_rows on a copy (statement and
commit); export - json.dump of the loaded export to a file (the dump only). ratio = baseline / time.
Every command works on a copy of the cached demo project, writing commands on a fresh one each run.
File growth: (page_count - freelist_count) * page_size after PRAGMA wal_checkpoint(TRUNCATE), so that
reused free pages count too. MB = 10^6 bytes."""


# ---------------------------------------------------------------------------------------------------------
# The benchmark


class Bench:
    def __init__(self, args):
        self.args = args
        self.n = args.size
        self.runs = max(1, args.runs)
        self.build = os.path.abspath(args.build)
        self.work = os.path.abspath(args.work)
        os.makedirs(self.work, exist_ok=True)
        env = os.environ.copy()
        env["LABELBRANCH_PROGRESS"] = "never"
        env.pop("LABELBRANCH_PROJECT", None)
        self.runner = Runner(self.work, args.timeout, env)
        self.built_cli = os.path.join(self.build, "app", "labelbranch-cli")
        self.built_gui = os.path.join(self.build, "bench", "labelbranch-gui-timings")
        self.rows = {}
        self.load = os.getloadavg()[0]

    # -- helpers

    def cli_cmd(self, project, *args):
        return [self.cli, "--project", project, *args]

    def measure(self, label, make_cmd, prepare=None, extra_env=None):
        """Runs a command R times (prepare(i) before each run). Returns (procs, problem): the runs, or the
        first failure's cell text; a failure or timeout ends the measurement."""
        procs = []
        for i in range(self.runs):
            if prepare:
                prepare(i)
            progress(f"{label} (run {i + 1}/{self.runs})")
            p = self.runner.run(make_cmd(), extra_env=extra_env)
            if not p.ok:
                return procs, p.problem(self.runner.timeout)
            procs.append(p)
        return procs, None

    def timed_row(self, key, label, procs, problem, goal="-", goal_s=None, goal_mb=None, baseline=None,
                  baseline_text=None):
        row = Row(label, goal=goal)
        self.rows[key] = row
        if problem:
            row.time = problem
            return row, None
        seconds = statistics.median(p.wall for p in procs)
        rss = max(p.rss_mb for p in procs)
        row.time = fmt_s(seconds)
        row.rss = fmt_mb(rss)
        if baseline_text:
            row.baseline = baseline_text
        if baseline:
            row.ratio = fmt_ratio(baseline, seconds)
        checks = []
        if goal_s is not None:
            checks.append(seconds <= goal_s)
        if goal_mb is not None:
            checks.append(rss <= goal_mb)
        if checks:
            row.met = met(*checks)
        return row, seconds

    def path(self, name):
        return os.path.join(self.work, name)

    # -- setup

    def pin_binaries(self):
        """Copies the binaries, so that a rebuild of the build directory during the run changes nothing."""
        if not os.access(self.built_cli, os.X_OK):
            raise SystemExit(f"scale: {self.built_cli} is not built")
        self.bin = self.path(f"bin-{os.getpid()}")
        os.makedirs(self.bin, exist_ok=True)
        self.cli = os.path.join(self.bin, "labelbranch-cli")
        shutil.copy2(self.built_cli, self.cli)
        self.built_at = datetime.datetime.fromtimestamp(os.path.getmtime(self.built_cli)).strftime("%H:%M")
        self.gui_bin = None
        if os.access(self.built_gui, os.X_OK):
            self.gui_bin = os.path.join(self.bin, "labelbranch-gui-timings")
            shutil.copy2(self.built_gui, self.gui_bin)

    def schema_version(self):
        """The project format the CLI writes, so a cached demo of an older format is not reused."""
        probe = self.path("format-probe.lbproj")
        remove_project(probe)
        p = self.runner.run([self.cli, "demo", "--out", probe, "--size", "10"])
        if not p.ok:
            raise SystemExit(f"scale: cannot create a demo project: {p.problem(self.runner.timeout)}")
        version = format_version(probe)
        remove_project(probe)
        return version

    def make_project(self):
        version = self.schema_version()
        self.cached = self.path(f"demo-{self.n}-v{version}.lbproj")
        # Every command works on a copy: the cached project is never opened by the binaries.
        self.project = self.path(f"project-{self.n}.lbproj")
        self.make_cached_project(version)
        copy_project(self.cached, self.project)

    def make_cached_project(self, version):
        row = Row(f"demo --size {self.n}", goal="<= 20 s at 100k")
        self.rows["demo"] = row
        if os.path.exists(self.cached) and (self.args.fresh or format_version(self.cached) != version):
            remove_project(self.cached)
        if os.path.exists(self.cached):
            row.time = "cached"
            return
        partial = self.path(f"partial-demo-{self.n}.lbproj")
        remove_project(partial)
        progress(f"demo --size {self.n} (once; the project is kept in {self.work})")
        p = self.runner.run([self.cli, "demo", "--out", partial, "--size", str(self.n)], timeout=86400)
        if not p.ok:
            remove_project(partial)
            raise SystemExit(f"scale: demo --size {self.n} {p.problem(86400)}")
        used_bytes(partial)  # folds the write-ahead log into the file
        remove_project(self.cached)
        os.replace(partial, self.cached)
        remove_project(partial)
        row.time = fmt_s(p.wall)
        row.rss = fmt_mb(p.rss_mb)
        row.met = met(p.wall <= 20) if self.n == 100000 else ""

    def describe(self):
        """The header line: size, machine, build, commit, date."""
        main_rows = "?"
        p = self.runner.run(self.cli_cmd(self.project, "--json", "branches"))
        if p.ok:
            try:
                for b in json.loads(p.stdout()):
                    if b.get("name") == "main":
                        main_rows = f"{b.get('row_count'):,}"
            except (ValueError, TypeError, AttributeError):
                pass
        cache = {}
        try:
            with open(os.path.join(self.build, "CMakeCache.txt"), encoding="utf-8") as f:
                for line in f:
                    m = re.match(r"^([A-Za-z_]+):[A-Z]+=(.*)$", line.strip())
                    if m:
                        cache[m.group(1)] = m.group(2)
        except OSError:
            pass
        build_type = cache.get("CMAKE_BUILD_TYPE") or "?"
        source = cache.get("CMAKE_HOME_DIRECTORY") or os.path.dirname(HERE)
        commit = "?"
        try:
            commit = subprocess.run(["git", "-C", source, "rev-parse", "--short", "HEAD"], capture_output=True,
                                    text=True, check=True).stdout.strip()
            dirty = subprocess.run(["git", "-C", source, "status", "--porcelain", "--untracked-files=no"],
                                   capture_output=True, text=True, check=True).stdout.strip()
            if dirty:
                commit += "+changes"
        except (OSError, subprocess.CalledProcessError):
            pass
        date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        size = os.path.getsize(self.project) / MB
        return (f"labelbranch scale: N={self.n:,} data units ({main_rows} rows on main, project "
                f"{size:.0f} MB); {os.cpu_count()} cores, load {self.load:.1f}; {build_type} build "
                f"{self.build} (cli built {self.built_at}); commit {commit}; {date}; median of {self.runs} "
                f"run(s)")

    def cli_commands(self):
        p = self.runner.run([self.cli, "--help"])
        commands = set()
        for line in p.stdout().splitlines():
            m = re.match(r"^  ([a-z][a-z-]*)\s{2,}\S", line)
            if m:
                commands.add(m.group(1))
        return commands

    # -- the rows

    def exports(self):
        self.main_export = self.path(f"export-main-{self.n}.json")
        self.pre_export = self.path(f"export-pre-labels-v1-{self.n}.json")
        self.export_files = [self.main_export, self.pre_export]
        for f in self.export_files:
            if os.path.exists(f):
                os.remove(f)
        procs, problem = self.measure(
            "export --branch main", lambda: self.cli_cmd(self.project, "export", "--branch", "main", "--out",
                                                         self.main_export))
        if problem:
            self.main_export = None
            self.timed_row("export", "export --branch main", procs, problem, goal="<= 10 s, <= 150 MB")
            return
        baseline, baseline_text = None, "-"
        progress("baseline: json.dump of main's export")
        dump = self.runner.run([sys.executable, __file__, "--json-dump-baseline", self.main_export,
                                self.path("json-dump-baseline.json"), str(self.runs)],
                               timeout=self.runner.timeout * (self.runs + 1))
        if dump.ok:
            baseline = float(dump.stdout().strip())
            baseline_text = f"{fmt_s(baseline)} json.dump"
        else:
            baseline_text = dump.problem(self.runner.timeout)
        self.timed_row("export", "export --branch main", procs, None, goal="<= 10 s, <= 150 MB", goal_s=10,
                       goal_mb=150, baseline=baseline, baseline_text=baseline_text)
        progress("export --branch pre-labels-v1 (for the Python compare)")
        p = self.runner.run(self.cli_cmd(self.project, "export", "--branch", "pre-labels-v1", "--out",
                                         self.pre_export))
        if not p.ok:
            self.pre_export = None
            self.pre_export_problem = p.problem(self.runner.timeout)

    def diff(self):
        baseline, baseline_text = None, "-"
        if self.main_export and self.pre_export:
            procs, problem = self.measure("baseline: compare_exports.py", lambda: [
                sys.executable, os.path.join(HERE, "compare_exports.py"), self.main_export, self.pre_export])
            if problem:
                baseline_text = problem
            else:
                baseline = statistics.median(p.wall for p in procs)
                baseline_text = f"{fmt_s(baseline)} python"
        elif not self.main_export:
            baseline_text = "skipped: export of main failed"
        else:
            baseline_text = f"export of pre-labels-v1 {self.pre_export_problem}"
        goal = ">= 50x faster, <= 150 MB"
        for key, label, extra in (("diff-json", "diff main pre-labels-v1 --json", ["--json"]),
                                  ("diff-table", "diff main pre-labels-v1 (table)", [])):
            procs, problem = self.measure(label, lambda: self.cli_cmd(self.project, *extra, "diff", "main",
                                                                      "pre-labels-v1"))
            row, seconds = self.timed_row(key, label, procs, problem, goal=goal, baseline=baseline,
                                          baseline_text=baseline_text)
            if seconds and baseline:
                row.met = met(baseline / seconds >= 50, max(p.rss_mb for p in procs) <= 150)

    def snapshot(self, has_gc):
        scratch = self.path("scratch-snapshot.lbproj")
        goal_growth = 15
        sizes = {"before": [], "snapshot": [], "gc": []}
        stages = {"snapshot": [], "undo": [], "gc": []}
        problems = {}
        for i in range(self.runs):
            copy_project(self.project, scratch)
            sizes["before"].append(used_bytes(scratch))
            steps = [("snapshot", ["snapshot", "--source", "main", "--name", "bench-snap"]), ("undo", ["undo"])]
            if has_gc:
                steps.append(("gc", ["gc"]))
            for stage, args in steps:
                progress(f"{stage} on a copy (run {i + 1}/{self.runs})")
                p = self.runner.run(self.cli_cmd(scratch, *args))
                if not p.ok:
                    problems[stage] = p.problem(self.runner.timeout)
                    # The later steps depend on this one.
                    for later, _ in steps[[s for s, _ in steps].index(stage) + 1:]:
                        problems.setdefault(later, f"skipped: {stage} failed")
                    break
                stages[stage].append(p)
                if stage in sizes:
                    sizes[stage].append(used_bytes(scratch))
            if problems:
                break
        remove_project(scratch)

        # The raw SQLite baseline on its own copies.
        raw_times, raw_growth, raw_problem = [], [], None
        for i in range(self.runs):
            copy_project(self.project, scratch)
            progress(f"baseline: raw SQLite copy of main's rows (run {i + 1}/{self.runs})")
            try:
                seconds, growth = raw_copy_of_main(scratch)
                raw_times.append(seconds)
                raw_growth.append(growth)
            except sqlite3.Error as e:
                raw_problem = f"failed: {e}"
                break
        remove_project(scratch)
        raw = statistics.median(raw_times) if raw_times and not raw_problem else None
        raw_text = raw_problem or f"{fmt_s(raw)} sqlite"

        self.timed_row("snapshot", "snapshot --source main (copy of P)", stages["snapshot"],
                       problems.get("snapshot"), goal="<= 0.5 s", goal_s=0.5, baseline=raw,
                       baseline_text=raw_text)
        growth_row = Row("  file growth of that snapshot", goal=f"<= {goal_growth} MB")
        self.rows["growth"] = growth_row
        if "snapshot" in problems:
            growth_row.time = "-"
        else:
            growth = statistics.median(a - b for a, b in zip(sizes["snapshot"], sizes["before"])) / MB
            growth_row.time = fmt_mb_change(growth)
            growth_row.met = met(growth <= goal_growth)
            if raw_growth and not raw_problem:
                growth_row.baseline = f"{fmt_mb_change(statistics.median(raw_growth) / MB)} sqlite"
        self.timed_row("undo", "undo (that snapshot)", stages["undo"], problems.get("undo"))
        if has_gc:
            row, _ = self.timed_row("gc", "gc (after that undo)", stages["gc"], problems.get("gc"))
            if "gc" not in problems:
                left = statistics.median(a - b for a, b in zip(sizes["gc"], sizes["before"])) / MB
                self.rows["gc-size"] = Row("  file size after undo + gc vs before",
                                           time=fmt_mb_change(left))

    def import_(self):
        label = "import --branch imp (main's export, copy of P)"
        goal = "<= 30 s, <= 200 MB"
        if not self.main_export:
            self.rows["import"] = Row(label, time="skipped: export of main failed", goal=goal)
            return
        scratch = self.path("scratch-import.lbproj")
        setup_problem = []

        def prepare(_):
            copy_project(self.project, scratch)
            p = self.runner.run(self.cli_cmd(scratch, "branch", "create", "imp"))
            if not p.ok:
                setup_problem.append(p.problem(self.runner.timeout))

        procs, problem = self.measure(label, lambda: self.cli_cmd(scratch, "import", "--branch", "imp",
                                                                  self.main_export), prepare=prepare)
        if setup_problem and problem:
            problem = f"{problem} (branch create: {setup_problem[0]})"
        self.timed_row("import", label, procs, problem, goal=goal, goal_s=30, goal_mb=200)
        remove_project(scratch)

    def init_(self):
        """A new project from main's export (labelbranch-cli init): the import's goals hold for it."""
        label = "init --out NEW (main's export)"
        goal = "<= 30 s, <= 200 MB"
        if not self.main_export:
            self.rows["init"] = Row(label, time="skipped: export of main failed", goal=goal)
            return
        made = self.path("scratch-init.lbproj")

        def prepare(_):
            remove_project(made)
            remove_project(made + ".partial")

        procs, problem = self.measure(label, lambda: [self.cli, "init", "--out", made, self.main_export],
                                      prepare=prepare)
        self.timed_row("init", label, procs, problem, goal=goal, goal_s=30, goal_mb=200)
        remove_project(made)

    def simple(self, key, label, args, goal="-", goal_s=None, goal_mb=None):
        procs, problem = self.measure(label, lambda: self.cli_cmd(self.project, *args))
        self.timed_row(key, label, procs, problem, goal=goal, goal_s=goal_s, goal_mb=goal_mb)

    GUI_LINES = [
        # (key, label printed by labelbranch-gui-timings starts with, row label, goal, goal in its unit)
        ("gui-open", "open project until the first rows", "  open -> first rows painted", "<= 0.3 s", 300),
        ("gui-totals", "open project until the branch totals", "  open -> branch totals shown (job)", "-", None),
        ("gui-compare", "compare source -> target", "  compare until the table is painted", "<= 1 s", 1000),
        ("gui-copy", "copy of every source row", "  copy of main (background job)", "-", None),
        ("gui-stall", "longest GUI event-loop stall", "  longest event-loop stall during the copy", "<= 16 ms",
         16),
        ("gui-snapshot", "snapshot of the source", "  snapshot of main (background job)", "-", None),
        ("gui-undo", "undo of that snapshot", "  undo of that snapshot (background job)", "-", None),
    ]

    def gui(self):
        label = "labelbranch-gui-timings P (whole process)"
        if not self.gui_bin:
            self.rows["gui"] = Row(label, time=f"failed: {self.built_gui} is not built", goal="<= 300 MB")
            return
        procs, problem = self.measure(label, lambda: [self.gui_bin, self.project],
                                      extra_env={"QT_QPA_PLATFORM": "offscreen"})
        self.timed_row("gui", label, procs, problem, goal="<= 300 MB", goal_mb=300)
        values = {key: [] for key, *_ in self.GUI_LINES}
        for p in procs:
            for line in p.stdout().splitlines():
                m = re.match(r"^(.*?)\s+(-?[\d.]+) ms$", line.strip())
                if not m:
                    continue
                for key, prefix, *_ in self.GUI_LINES:
                    if m.group(1).startswith(prefix):
                        values[key].append(float(m.group(2)))
        for key, _, row_label, goal, goal_value in self.GUI_LINES:
            row = Row(row_label, goal=goal)
            self.rows[key] = row
            if problem:
                continue
            if not values[key]:
                row.time = "not printed"
                continue
            ms = statistics.median(values[key])
            row.time = f"{ms:.1f} ms" if key == "gui-stall" else fmt_s(ms / 1000)
            if goal_value is not None:
                row.met = met(ms <= goal_value)

    ORDER = ["demo", "diff-json", "diff-table", "snapshot", "growth", "undo", "export", "import", "init", "rows-json",
             "rows-table", "review", "gui", "gui-open", "gui-totals", "gui-compare", "gui-copy", "gui-stall", "gui-snapshot",
             "gui-undo", "gc", "gc-size"]

    def run(self):
        self.pin_binaries()
        try:
            return self.measure_all()
        finally:
            shutil.rmtree(self.bin, ignore_errors=True)
            if hasattr(self, "project"):
                remove_project(self.project)

    def measure_all(self):
        self.make_project()
        header = self.describe()
        has_gc = "gc" in self.cli_commands()
        self.exports()
        self.diff()
        self.snapshot(has_gc)
        self.import_()
        if "init" in self.cli_commands():
            self.init_()
        self.simple("rows-json", "rows --branch main --json", ["--json", "rows", "--branch", "main"],
                    goal="<= 1.5 s, <= 100 MB", goal_s=1.5, goal_mb=100)
        self.simple("rows-table", "rows --branch main (table)", ["rows", "--branch", "main"])
        self.simple("review", "review list --source pre-labels-v1 --target main",
                    ["review", "list", "--source", "pre-labels-v1", "--target", "main"], goal="<= 1 s",
                    goal_s=1)
        self.gui()
        # The exports are made by this run's binary; only the demo project is kept for the next run.
        for path in [self.path("last-stdout"), self.path("last-stderr"), *self.export_files]:
            if os.path.exists(path):
                os.remove(path)

        rows = [self.rows[k] for k in self.ORDER if k in self.rows]
        goals_note = "" if self.n == 100000 else f"\n(the goals are set for N=100,000; this run has N={self.n:,})"
        text = f"{header}\n\n{table_text(rows)}\n\n{NOTES}{goals_note}"
        print(text, flush=True)
        if self.args.markdown:
            with open(self.args.markdown, "w", encoding="utf-8") as f:
                f.write(f"{header}\n\n{table_markdown(rows)}\n\n{NOTES}{goals_note}\n")
        return 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--json-dump-baseline":
        json_dump_baseline(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return 0
    env = os.environ
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=100000, help="data units of the demo project")
    parser.add_argument("--build", required=True, help="build directory with app/ and bench/ binaries")
    parser.add_argument("--work", default=env.get("LABELBRANCH_BENCH_DIR")
                        or os.path.join(os.path.dirname(HERE), "build-bench-data"),
                        help="work directory: the cached demo project, exports, scratch copies "
                             "(default $LABELBRANCH_BENCH_DIR, else build-bench-data)")
    parser.add_argument("--runs", type=int, default=int(env.get("LABELBRANCH_BENCH_RUNS", "3")),
                        help="runs per measurement (default $LABELBRANCH_BENCH_RUNS, else 3)")
    parser.add_argument("--timeout", type=float, default=float(env.get("LABELBRANCH_BENCH_TIMEOUT", "600")),
                        help="seconds one command may run (default $LABELBRANCH_BENCH_TIMEOUT, else 600)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as markdown to FILE")
    parser.add_argument("--fresh", action="store_true", default=env.get("LABELBRANCH_BENCH_FRESH") == "1",
                        help="create the demo project again even when one is cached")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
