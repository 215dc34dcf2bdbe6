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

# A run that fails half-way leaves the history as it was.
python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('''CREATE TRIGGER stop BEFORE INSERT ON trace_values WHEN NEW.run = 3 AND
  (SELECT count(*) FROM trace_values WHERE run = 3) >= 10 BEGIN SELECT RAISE(ABORT, 'stopped by the test'); END''')
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
