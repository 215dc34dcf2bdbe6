// sarif_schema.js FILE... — validate SARIF logs against the published SARIF 2.1.0 JSON schema
// (draft-04; the copy shipped in @microsoft/jest-sarif, pinned in tests/package.json), with
// every format ("uri", "date-time", ...) checked. Exit 0 when all are valid, 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// unicodeRegExp off: the schema's "language" pattern is not valid with the u flag
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// the formats the schema uses, checked as JSON Schema defines them
ajv.addFormat('uri', (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s));
ajv.addFormat('uri-reference', (s) => !/[\s"<>\\^`{|}]/.test(s));
ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
ajv.addFormat('email', (s) => /^[^\s@]+@[^\s@]+$/.test(s));
const validate = ajv.compile(schema);
let bad = 0;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) {
    console.log(`ok: ${path.basename(file)} is valid SARIF 2.1.0 (${schema.title})`);
  } else {
    bad++;
    console.log(`FAIL: ${file}:`);
    for (const e of validate.errors) console.log(`  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(bad ? 1 : 0);
