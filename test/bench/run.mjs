// `npm run bench`: runs every bench part in test/bench/parts/, prints a readable table, and as its
// last line one JSON object with every part's fields. A part is a module whose default export is
// `async function (ctx) -> { title, rows: [[label, value, unit], ...], json: { field: number } }`,
// where ctx = { builds } (both node-sim bundles, see test/helpers/bundles.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builds } from '../helpers/bundles.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'parts');
const parts = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort() : [];
const only = process.argv[2];
const json = {};
for (const f of parts) {
  if (only && f.indexOf(only) < 0) continue;
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  const res = await mod.default({ builds });
  console.log('\n## ' + res.title);
  const w = Math.max(10, ...res.rows.map((r) => String(r[0]).length));
  for (const r of res.rows) console.log(String(r[0]).padEnd(w) + '  ' + String(r[1]).padStart(14) + '  ' + (r[2] || ''));
  Object.assign(json, res.json);
}
console.log(JSON.stringify(json));
