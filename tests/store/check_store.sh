#!/usr/bin/env bash
# check_store.sh — the verdict history (eval --store, history, diff) on two runs of the
# Jiangyin example: the mid-term review (--as-of 2019) and the final one.
#   - history, one target's history, and diff (text and JSON) print what *.expected say
#     (MB_UPDATE_GOLDEN=1 rewrites them; read the diff);
#   - every verdict and every trace value of the JSON report (--trace) is in the store;
#   - a run that fails half-way (a trigger aborts it after ten trace values) leaves the
#     history as it was: still two runs, nothing of the third;
#   - a database with other tables, and a file that is no database, are refused untouched.
set -uo pipefail
bin=${MB_BINARY:?MB_BINARY is the mubiao binary}
src=${MB_SOURCE_DIR:?MB_SOURCE_DIR is the source tree}
here=$src/tests/store
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
fail=0
db=$tmp/history.db
rules=rules/jiangyin_2018_2020.mb data=examples/jiangyin_2018_2020/submission.csv
bad() { echo "FAIL: $*"; fail=1; }

SOURCE_DATE_EPOCH=1700000000 "$bin" eval $rules --data $data --as-of 2019 --fail-on none --format summary \
  --store "$db" >/dev/null 2>"$tmp/err1" || bad "first run: exit $?"
grep -q "run 1 stored" "$tmp/err1" || bad "first run: no 'run 1 stored' on stderr"
SOURCE_DATE_EPOCH=1700086400 "$bin" eval $rules --data $data --fail-on none --format json --trace \
  --store "$db" >"$tmp/run2.json" 2>/dev/null || bad "second run: exit $?"

golden() { # NAME COMMAND...: stdout and exit status against NAME.expected
  local name=$1; shift
  "$@" 2>&1 | sed "s|$tmp/|TMP/|g" >"$tmp/$name.out"
  echo "exit ${PIPESTATUS[0]}" >>"$tmp/$name.out"
  if [ "${MB_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/$name.out" "$here/$name.expected"; return; fi
  diff -u "$here/$name.expected" "$tmp/$name.out" || bad "$name differs"
}
golden history "$bin" history "$db"
golden history_rule "$bin" history "$db" --rule JY02
golden diff "$bin" diff "$db"
golden diff_json "$bin" diff "$db" 1 2 --format json
golden diff_no_run "$bin" diff "$db" 1 7

# --rule and --region match NFKC-normalised, as names do elsewhere: fullwidth ＪＹ０２ is JY02.
"$bin" history "$db" --rule JY02 >"$tmp/h_ascii.out" 2>&1
"$bin" history "$db" --rule ＪＹ０２ >"$tmp/h_wide.out" 2>&1 || bad "history --rule ＪＹ０２: exit $?"
cmp -s "$tmp/h_ascii.out" "$tmp/h_wide.out" || bad "history --rule ＪＹ０２ differs from --rule JY02"

# Every verdict and trace value of the second run, as the JSON report has them.
python3 - "$db" "$tmp/run2.json" <<'PY' || fail=1
import json, sqlite3, sys
db, rep = sqlite3.connect(sys.argv[1]), json.load(open(sys.argv[2]))
got = {(r, g, m): (s, a) for r, g, m, s, a in db.execute(
    "SELECT rule, region, milestone, status, actual FROM verdicts WHERE run = 2")}
want = {(v["rule"], v["region"], v["milestone"]): (v["status"], None if v["actual"] is None else str(v["actual"]))
        for v in rep["verdicts"]}
if got != want:
    sys.exit("FAIL: the stored verdicts of run 2 differ from the JSON report's: %s" % sorted(set(got.items()) ^ set(want.items()))[:5])
n = db.execute("SELECT count(*) FROM trace_values WHERE run = 2").fetchone()[0]
m = sum(len(v["trace"]["values"]) for v in rep["verdicts"])
if n != m or m == 0:
    sys.exit(f"FAIL: {n} trace values stored, the JSON report has {m}")
PY

# The HTML report of a run stored into the history shows, beside each charted verdict, its
# status in the latest run before it (run 2): one "before" badge per verdict badge here.
cp "$db" "$tmp/copy.db"
"$bin" eval $rules --data $data --as-of 2019 --fail-on none --format html --output "$tmp/prev.html" \
  --store "$tmp/copy.db" 2>/dev/null || bad "an HTML run with --store: exit $?"
python3 - "$tmp/prev.html" <<'PY' || fail=1
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
if not re.search(r'<p id="previous">[^<]*#2 \(2023-11-15T22:13:20Z\)</p>', page):
    sys.exit("FAIL: the HTML page does not name run 2 as the one compared with")
caps = re.findall(r"<figcaption>(.*?)<br>", page)
now = sum(len(re.findall(r'<span class="badge', re.sub(r'<span class="before">.*?</span></span>', "", c))) for c in caps)
before = sum(c.count('class="before"') for c in caps)
changed = sum(1 for c in caps for a, b in re.findall(r'data-status="([a-z-]+)">[^<]*</span> <span class="before">[^<]*<span class="badge [^"]*" data-status="([a-z-]+)"', c) if a != b)
if not caps or before != now or changed == 0:
    sys.exit(f"FAIL: {len(caps)} charts, {now} verdict badges, {before} before-badges, {changed} changed")
PY

# A run that fails half-way leaves the history as it was.
python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('''CREATE TRIGGER stop BEFORE INSERT ON trace_rows WHEN NEW.run = 3 AND
  (SELECT count(*) FROM trace_rows WHERE run = 3) >= 10 BEGIN SELECT RAISE(ABORT, 'stopped by the test'); END''')
db.commit()" "$db"
"$bin" eval $rules --data $data --fail-on none --format summary --store "$db" >/dev/null 2>"$tmp/err3"
code=$?
[ $code = 2 ] || bad "a failed store: exit $code, expected 2"
grep -q "stopped by the test (the history is left as it was)" "$tmp/err3" || { cat "$tmp/err3"; bad "a failed store: no message"; }
python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
counts = [db.execute(f'SELECT count(*) FROM {t} WHERE run = 3').fetchone()[0] for t in ('verdicts', 'trace_values', 'rule_files', 'submissions')]
runs = db.execute('SELECT count(*) FROM runs').fetchone()[0]
if runs != 2 or any(counts): sys.exit(f'FAIL: after a failed run: {runs} runs, run 3 rows {counts}')
" "$db" || fail=1

# A history of schema version 1 (names in every row) is moved to version 2 when a run is
# appended: its verdicts and trace values keep their names, and history reads both runs.
v1=$tmp/v1.db
python3 - "$v1" <<'PY' || fail=1
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
d.executescript("""
CREATE TABLE runs(id INTEGER PRIMARY KEY, time TEXT NOT NULL, as_of INTEGER, as_of_period TEXT, as_of_reason TEXT,
  version TEXT NOT NULL, verdicts INTEGER NOT NULL, rows_read INTEGER NOT NULL, rows_used INTEGER NOT NULL,
  rows_unused_indicator INTEGER NOT NULL, rows_unused_period INTEGER NOT NULL, rows_unused_region INTEGER NOT NULL,
  rows_duplicate INTEGER NOT NULL, rows_rejected INTEGER NOT NULL, submission_errors INTEGER NOT NULL,
  submission_warnings INTEGER NOT NULL);
CREATE TABLE rule_files(run INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL);
CREATE TABLE submissions(run INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL);
CREATE TABLE verdicts(run INTEGER NOT NULL REFERENCES runs(id), rule TEXT NOT NULL, region TEXT NOT NULL,
  milestone INTEGER NOT NULL, plan TEXT, year INTEGER, status TEXT NOT NULL, actual TEXT, actual_period INTEGER,
  target TEXT, gap TEXT, progress_ratio REAL, detail TEXT, PRIMARY KEY(run, rule, region, milestone)) WITHOUT ROWID;
CREATE TABLE trace_values(run INTEGER NOT NULL, rule TEXT NOT NULL, region TEXT NOT NULL, milestone INTEGER NOT NULL,
  seq INTEGER NOT NULL, role TEXT NOT NULL, indicator TEXT, value_region TEXT, period INTEGER, state TEXT NOT NULL,
  value TEXT, file TEXT, line INTEGER, PRIMARY KEY(run, rule, region, milestone, seq)) WITHOUT ROWID;
CREATE INDEX verdicts_target ON verdicts(rule, region, milestone);
INSERT INTO runs VALUES(1, '2023-11-14T22:13:20Z', 2018, '2018', 'given', '0.1', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO verdicts VALUES(1, 'JY02', '江阴高新区', 0, 'jiangyin_2018_2020', 2018, 'missed', '4.9', 2018, '5.1', '-0.2', NULL, NULL);
INSERT INTO trace_values VALUES(1, 'JY02', '江阴高新区', 0, 0, 'value', 'rd_gdp', '江阴高新区', 2018, 'ok', '4.9', 'old.csv', 2);
PRAGMA user_version = 1;
""")
PY
"$bin" eval $rules --data $data --fail-on none --format summary --store "$v1" >/dev/null 2>"$tmp/err6" || { cat "$tmp/err6"; bad "appending to a version 1 history failed"; }
python3 - "$v1" <<'PY' || fail=1
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
v = d.execute("PRAGMA user_version").fetchone()[0]
old = d.execute("SELECT status, actual FROM verdicts WHERE run = 1 AND rule = 'JY02' AND region = '江阴高新区'").fetchall()
tv = d.execute("SELECT value, file FROM trace_values WHERE run = 1").fetchall()
new = d.execute("SELECT count(*) FROM verdicts WHERE run = 2").fetchone()[0]
if v != 2 or old != [("missed", "4.9")] or tv != [("4.9", "old.csv")] or new == 0:
    sys.exit(f"FAIL: version 1 moved to {v}: run 1 {old} {tv}, run 2 has {new} verdicts")
PY
"$bin" history "$v1" --rule JY02 --region 江阴高新区 >"$tmp/h_v1.out" 2>&1
grep -q "^1 .* JY02  江阴高新区  2018  missed  4.9 (2018)  5.1$" "$tmp/h_v1.out" && grep -q "^2 .* JY02 " "$tmp/h_v1.out" \
  || { cat "$tmp/h_v1.out"; bad "history of a moved version 1 database: not both runs of JY02"; }

# Somebody else's database, and a file that is not a database, are not written into.
python3 -c "import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); d.execute('CREATE TABLE mine(x)'); d.commit()" "$tmp/other.db"
before=$(md5sum <"$tmp/other.db")
"$bin" eval $rules --data $data --fail-on none --format summary --store "$tmp/other.db" >/dev/null 2>"$tmp/err4"
[ $? = 2 ] && grep -q "other tables, not a history" "$tmp/err4" || bad "a foreign database was not refused"
[ "$(md5sum <"$tmp/other.db")" = "$before" ] || bad "a foreign database was changed"
cp $data "$tmp/data.csv"
"$bin" history "$tmp/data.csv" >/dev/null 2>"$tmp/err5"
[ $? = 2 ] && grep -q "not a history database" "$tmp/err5" || { cat "$tmp/err5"; bad "a CSV file read as a history"; }
[ $fail = 0 ] && echo "ok: history, diff, a failed run and foreign files"
exit $fail
