"""
Time `manage.py import_seeds` on a synthetic corpus, on SQLite and PostgreSQL.

    python bench/import_bench.py                      # 10,000 files, 3 runs, both databases
    python bench/import_bench.py --files 2000 --runs 1 --databases sqlite
    python bench/import_bench.py --files 4000 --databases postgres --workers 0,1,2

For each run: a fresh database, migrate, a first import (everything
created) and a second one (everything unchanged), each in its own process.
Reports the median files/s and the peak resident memory of the command and
its worker process, and the CPU time a file costs in the first import: in
the import's own processes and on the whole machine (on Linux), the
difference being mostly the database server, which shares the cores.
PostgreSQL is the server at 127.0.0.1:5432 (user postgres); the benchmark
creates and drops its own database there.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def machine_busy_seconds():
    """CPU time all cores have spent busy since boot (Linux's /proc/stat), or None elsewhere."""
    try:
        ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return None
    idle = ticks[3] + ticks[4]  # idle and waiting for I/O
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args, env):
    """
    Run a command; return its wall time, the peak RSS (MB) of it and its
    children, its CPU seconds and the whole machine's (None if unknown).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu, busy = children_cpu_seconds(), machine_busy_seconds()
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    cpu = children_cpu_seconds() - cpu
    busy = machine_busy_seconds() - busy if busy is not None else None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest any child reached so far; a value
    # that did not rise means this run stayed under an earlier one.
    return elapsed, max(peak, before) / 1024, cpu, busy


def fresh_database(kind, folder):
    if kind == "sqlite":
        path = Path(folder) / "bench.sqlite3"
        for leftover in Path(folder).glob("bench.sqlite3*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    for sql in ("DROP DATABASE IF EXISTS newsroom_bench", "CREATE DATABASE newsroom_bench"):
        subprocess.run(["psql", PG_SERVER + "/postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL)
    return f"{PG_SERVER}/newsroom_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--workers",
        help="comma-separated numbers of parsing processes to compare (import_seeds --workers); default: its own",
    )
    options = parser.parse_args()

    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        subprocess.run(
            [python, "bench/make_corpus.py", str(options.files), str(corpus)], cwd=ROOT, check=True
        )
        megabytes = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        print(f"corpus: {options.files} files, {megabytes:.0f} MB")
        settings = [(kind, None) for kind in options.databases.split(",")]
        if options.workers:
            settings = [(kind, int(n)) for kind, _ in settings for n in options.workers.split(",")]
        for kind, workers in settings:
            first, second, peaks, importer_ms, machine_ms = [], [], [], [], []
            for _ in range(options.runs):
                env = {
                    **os.environ,
                    "DATABASE_URL": fresh_database(kind, folder),
                    "DEBUG": "0",
                    "SECRET_KEY": "benchmark-only-" + "x" * 40,
                }
                subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
                command = [python, "manage.py", "import_seeds", str(corpus), "-v0"]
                if workers is not None:
                    command += ["--workers", str(workers)]
                elapsed, peak, cpu, busy = run(command, env)
                first.append(options.files / elapsed)
                peaks.append(peak)
                importer_ms.append(cpu / options.files * 1000)
                if busy is not None:
                    machine_ms.append(busy / options.files * 1000)
                elapsed, peak, _, _ = run(command, env)
                second.append(options.files / elapsed)
                peaks.append(peak)
            label = kind if workers is None else f"{kind} {workers}w"
            print(
                f"{label:<11} first import {statistics.median(first):6.0f} files/s"
                f" (runs: {', '.join(f'{v:.0f}' for v in first)});"
                f" re-import {statistics.median(second):6.0f} files/s"
                f" (runs: {', '.join(f'{v:.0f}' for v in second)});"
                f" peak memory {max(peaks):.0f} MB"
            )
            machine = f", whole machine {statistics.median(machine_ms):.1f}" if machine_ms else ""
            print(
                f"{'':<11} CPU ms a file, first import: importer {statistics.median(importer_ms):.1f}{machine}"
            )
            if kind == "postgres":
                subprocess.run(
                    ["psql", PG_SERVER + "/postgres", "-qc", "DROP DATABASE newsroom_bench"], check=True
                )


if __name__ == "__main__":
    main()
