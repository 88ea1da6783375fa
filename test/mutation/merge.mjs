// Merges a full report with later replays of its survivors (after new tests), and names the
// survivors that test/mutation/named.mjs now names equivalent:
//   node test/mutation/merge.mjs dist/mutation/full.json dist/mutation/replay.json... --out dist/mutation/final
// A mutant is the same in both when file, start, end and replacement agree (the replay must run on
// the same source text). A later report's killed or timeout wins; its mutants that the first did
// not run are added (runs over other lines of the same file). Mutants whose code changed since
// (a fix) are left out.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/bundles.mjs';
import { namedEquivalent } from './named.mjs';
import { writeReport } from './report.mjs';

const args = process.argv.slice(2);
const o = args.indexOf('--out');
const outPrefix = path.resolve(root, o >= 0 ? args[o + 1] : 'dist/mutation/merged');
const inputs = args.filter((a, i) => a !== '--out' && i !== o + 1);
const key = (m) => m.file + ':' + m.start + ':' + m.end + ':' + m.text;
const [first, ...later] = inputs.map((f) => JSON.parse(fs.readFileSync(path.resolve(root, f), 'utf8')));
const mutants = first.mutants.map((m) => ({ ...m }));
const byKey = new Map(mutants.map((m) => [key(m), m]));
for (const r of later) {
  for (const m of r.mutants) {
    const x = byKey.get(key(m));
    if (!x) { // a mutant the first report did not run (a run over other lines): added
      const y = { ...m };
      mutants.push(y);
      byKey.set(key(y), y);
      continue;
    }
    if ((m.status === 'killed' || m.status === 'timeout') && (x.status === 'survived' || x.status === 'no coverage')) {
      x.status = m.status;
      x.by = m.by;
    }
  }
}
const texts = {};
// A mutant whose code is no longer at its place (the source was fixed since its run) no longer
// exists: left out, and named on the console. Run the changed lines again (--lines) to add theirs.
for (let i = mutants.length - 1; i >= 0; i--) {
  const m = mutants[i];
  const text = texts[m.file] || (texts[m.file] = fs.readFileSync(path.join(root, m.file), 'utf8'));
  if (text.slice(m.start, m.end) !== m.original) {
    console.log('left out (source changed): ' + m.file + ':' + m.line + ':' + m.col + ' ' + JSON.stringify(m.original) + ' -> ' + JSON.stringify(m.text));
    mutants.splice(i, 1);
  }
}
for (const m of mutants) {
  const text = texts[m.file];
  if (m.status === 'survived' || m.status === 'no coverage') {
    const eq = namedEquivalent(m, text);
    if (eq) { m.status = 'named'; m.reason = eq.reason; }
  }
}
mutants.sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start || a.end - b.end);
writeReport({ outPrefix, args: ['(merged: ' + inputs.join(', ') + ')'], mutants, texts, header: 'merged' });
