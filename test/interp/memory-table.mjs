// `npm run memory`: measures every Espruino bundle on its board's fixed-block interpreter (see
// memory-run.mjs), writes dist/interp/memory.{md,json}, and rewrites the README's "Memory on the
// boards" table between its marker comments.
import fs from 'node:fs';
import path from 'node:path';
import { skipEspruino } from './engines.mjs';
import { measureAll, writeTables } from './memory-run.mjs';
import { root } from '../helpers/bundles.mjs';

const BEGIN = '<!-- memory-table:begin (npm run memory) -->';
const END = '<!-- memory-table:end -->';

if (skipEspruino) {
  console.error('npm run memory: ' + skipEspruino);
  process.exit(1);
}
const t0 = Date.now();
const md = writeTables(await measureAll());
const readme = path.join(root, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const a = text.indexOf(BEGIN), b = text.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md has no ' + BEGIN + ' ... ' + END + ' markers');
fs.writeFileSync(readme, text.slice(0, a + BEGIN.length) + '\n' + md + text.slice(b));
console.log(md + 'README.md table rewritten (' + Math.round((Date.now() - t0) / 1000) + ' s)');
