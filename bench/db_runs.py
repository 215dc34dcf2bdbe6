"""db_runs.py — bench/run's runs of the compiled workload inside databases: the script
`mubiao sql` writes for bench/workload.mb, run in PostgreSQL (a server of its own: initdb in a
temporary folder, a Unix socket, no TCP, removed afterwards) and in DuckDB (in memory, from Node:
duck_sql.mjs), on the same file as `mubiao eval`, with the verdicts of each counted by status and
compared with eval's. A missing engine is skipped with a note.

Times: the load (COPY / read_csv) and the script apart, each as wall seconds and CPU seconds.
PostgreSQL's CPU is the server's: the backend that ran the script exits when psql does, and the
postmaster, which waits for it, gets its user + system time in its children's times
(/proc/PID/stat cutime + cstime)."""
import csv
import glob
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TICK = os.sysconf("SC_CLK_TCK")


def eval_status(mb, rules, data):
    """eval's verdicts on the file, counted by status, and its wall and CPU seconds (the CSV
    report to a file, as bench/run's csv runs write it)."""
    with tempfile.TemporaryDirectory(prefix="mb-bench-eval.") as tmp:
        out = os.path.join(tmp, "verdicts.csv")
        t0 = time.perf_counter()
        p = subprocess.Popen([mb, "eval", rules, "--data", data, "--format", "csv", "--fail-on", "none",
                              "--output", out], stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        with open(out, newline="", encoding="utf-8") as f:
            counts = Counter(r["status"] for r in csv.DictReader(f))
    return dict(counts), wall, ru.ru_utime + ru.ru_stime


def _pg_bin():
    found = shutil.which("initdb")
    for d in ([os.path.dirname(os.path.realpath(found))] if found else []) + sorted(glob.glob("/usr/lib/postgresql/*/bin")):
        if os.access(os.path.join(d, "initdb"), os.X_OK) and os.access(os.path.join(d, "pg_ctl"), os.X_OK):
            return d
    return None


def _children_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / TICK  # cutime, cstime (fields 16 and 17)


def postgresql(mb, rules, data):
    """{'load': (wall, cpu), 'run': (wall, cpu), 'status': {...}} or a note (str) saying why not."""
    pg = _pg_bin()
    if not pg or not shutil.which("psql"):
        return "PostgreSQL: skipped (initdb, pg_ctl or psql not installed: the postgresql package)"
    root = tempfile.mkdtemp(prefix="mb-bench-pg.")
    os.chmod(root, 0o755)
    as_ = []
    if os.getuid() == 0:  # initdb and postgres refuse to run as root
        user = "postgres" if subprocess.run(["id", "postgres"], capture_output=True).returncode == 0 else "nobody"
        shutil.chown(root, user)
        as_ = ["runuser", "-u", user, "--"]
    pgdata = os.path.join(root, "data")
    psql = ["psql", "-h", root, "-U", "mb", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    script = os.path.join(root, "verdicts.sql")
    try:
        subprocess.run(as_ + [f"{pg}/initdb", "-D", pgdata, "-A", "trust", "-U", "mb", "-E", "UTF8", "--locale=C",
                              "--no-sync"], check=True, capture_output=True)
        subprocess.run(as_ + [f"{pg}/pg_ctl", "-D", pgdata, "-l", os.path.join(root, "server.log"), "-w", "-o",
                              f"-k {root} -c listen_addresses= -c fsync=off -c synchronous_commit=off "
                              "-c full_page_writes=off", "start"], check=True, capture_output=True)
        with open(os.path.join(pgdata, "postmaster.pid")) as f:
            pid = int(f.readline())
        with open(script, "w") as f:
            subprocess.run([mb, "sql", "--dialect", "postgresql", rules], stdout=f, stderr=subprocess.DEVNULL, check=True)
        subprocess.run(psql + ["-c", "CREATE TABLE observations (region TEXT, indicator TEXT, period TEXT, "
                                     "value NUMERIC, unit TEXT)"], check=True)
        times = {}
        for step, args in (("load", ["-c", f"\\copy observations (region, indicator, period, value) FROM '{data}' "
                                           "CSV HEADER", "-c", "ANALYZE observations"]),
                           ("run", ["-f", script])):
            c0, t0 = _children_cpu(pid), time.perf_counter()
            subprocess.run(psql + args, check=True, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - t0
            time.sleep(0.2)  # the backend is reaped by the postmaster just after psql ends
            times[step] = (wall, _children_cpu(pid) - c0)
        out = subprocess.run(psql + ["-At", "-F", ",", "-c", "SELECT status, count(*) FROM verdicts GROUP BY status"],
                             check=True, capture_output=True, text=True).stdout
        times["status"] = {s: int(n) for s, n in (line.split(",") for line in out.split())}
        return times
    except (subprocess.CalledProcessError, OSError) as e:
        return f"PostgreSQL: failed ({e})"
    finally:
        subprocess.run(as_ + [f"{pg}/pg_ctl", "-D", pgdata, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def duckdb(mb, rules, data):
    node = shutil.which("node")
    mod = os.path.join(HERE, "..", "tests", "node_modules", "@duckdb", "node-api")
    if not node or not os.path.isdir(mod):
        return "DuckDB: skipped (node or @duckdb/node-api missing: `npm ci` in tests/)"
    with tempfile.NamedTemporaryFile("w", suffix=".sql") as f:
        subprocess.run([mb, "sql", "--dialect", "duckdb", rules], stdout=f, stderr=subprocess.DEVNULL, check=True)
        f.flush()
        p = subprocess.run([node, os.path.join(HERE, "duck_sql.mjs"), f.name, data], capture_output=True, text=True)
    if p.returncode:
        return f"DuckDB: failed ({p.stderr.strip()[-200:]})"
    r = json.loads(p.stdout)
    return {"load": tuple(r["load"]), "run": tuple(r["run"]), "status": r["status"]}


def report(mb, rules, data, label, p):
    """Run eval, PostgreSQL and DuckDB on `data` and write the section (lines through p)."""
    want, ewall, ecpu = eval_status(mb, rules, data)
    rows = [("mubiao eval --format csv (reading included)", None, (ewall, ecpu), want)]
    notes = []
    for name, fn in (("PostgreSQL (NUMERIC)", postgresql), ("DuckDB (DECIMAL(38,12))", duckdb)):
        r = fn(mb, rules, data)
        if isinstance(r, str):
            notes.append(r)
        else:
            rows.append((name, r["load"], r["run"], r["status"]))
    p(f"In the database: the compiled workload (`mubiao sql` of bench/workload.mb) on the {label} file, "
      "one run each, beside eval; CPU is user + system (PostgreSQL's: the server's), the verdicts counted by "
      "status must be eval's:")
    p("")
    p("| engine | load wall (s) | load CPU (s) | verdicts wall (s) | verdicts CPU (s) | verdicts | as eval |")
    p("|---|---|---|---|---|---|---|")
    for name, load, run, status in rows:
        lw, lc = (f"{load[0]:.2f}", f"{load[1]:.2f}") if load else ("—", "—")
        same = "yes" if status == want else "NO: " + json.dumps(status, sort_keys=True)
        p(f"| {name} | {lw} | {lc} | {run[0]:.2f} | {run[1]:.2f} | {sum(status.values()):,} | {same} |")
    for n in notes:
        p(f"- {n}")
