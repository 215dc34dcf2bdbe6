// duck_run.mjs SCRIPT.sql OBS.csv OUT.csv TABLE — run a `mubiao sql --dialect duckdb` script in an
// in-memory DuckDB (the npm package @duckdb/node-api, pinned in tests/package.json): load the
// observations (region, indicator, period, value, unit) into TABLE, run the script, write the
// verdicts table as CSV for compare_verdicts.py.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [script, obs, out, table] = process.argv.slice(2);
const q = (s) => '"' + s.replaceAll('"', '""') + '"';
const lit = (s) => "'" + s.replaceAll("'", "''") + "'";
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`CREATE TABLE ${q(table)} (region VARCHAR, indicator VARCHAR, period VARCHAR, value VARCHAR, unit VARCHAR)`);
await c.run(`INSERT INTO ${q(table)} SELECT * FROM read_csv(${lit(obs)}, header = true, quote = '"', escape = '"', ` +
            `columns = {'region': 'VARCHAR', 'indicator': 'VARCHAR', 'period': 'VARCHAR', 'value': 'VARCHAR', 'unit': 'VARCHAR'})`);
await c.run(readFileSync(script, 'utf8'));
await c.run(`COPY (SELECT * FROM verdicts) TO ${lit(out)} (HEADER, DELIMITER ',', QUOTE '"')`);
