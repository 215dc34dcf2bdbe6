// duck_sql.mjs SCRIPT.sql DATA.csv — bench/run's DuckDB run of the compiled workload: load the
// benchmark file (region, indicator, period, value; the value as text, as the tests load it, so
// no digit is lost) into an in-memory table `observations`, run the script `mubiao sql
// --dialect duckdb` wrote, and print one JSON line: the wall and CPU seconds of the load and of
// the script (CPU: this process, DuckDB's threads included), and the verdicts counted by status
// (bench/run compares them with eval's).
// @duckdb/node-api is the one pinned in tests/package.json (`npm ci` in tests/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const req = createRequire(path.join(here, '..', 'tests', 'package.json'));
const { DuckDBInstance } = await import(pathToFileURL(req.resolve('@duckdb/node-api')).href);

const [script, data] = process.argv.slice(2);
const lit = (s) => "'" + s.replaceAll("'", "''") + "'";
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let t = performance.now(), c0 = cpu();
await c.run('CREATE TABLE observations (region VARCHAR, indicator VARCHAR, period VARCHAR, value VARCHAR, unit VARCHAR)');
await c.run(`INSERT INTO observations SELECT region, indicator, period, value, NULL FROM read_csv(${lit(data)}, ` +
            `header = true, columns = {'region': 'VARCHAR', 'indicator': 'VARCHAR', 'period': 'VARCHAR', 'value': 'VARCHAR'})`);
const load = [(performance.now() - t) / 1000, cpu() - c0];
t = performance.now();
c0 = cpu();
await c.run(readFileSync(script, 'utf8'));
const run = [(performance.now() - t) / 1000, cpu() - c0];
const rows = (await c.runAndReadAll('SELECT status, count(*)::BIGINT FROM verdicts GROUP BY status')).getRows();
const status = Object.fromEntries(rows.map(([s, n]) => [s, Number(n)]));
console.log(JSON.stringify({ load, run, status }));
