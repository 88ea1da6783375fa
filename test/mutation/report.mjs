// The report of `npm run mutate` (and of merge.mjs): per file killed / timeout / survived / no
// coverage / named / invalid and the score, every survivor with its place, every named equivalent
// with its reason. Writes <outPrefix>.md and <outPrefix>.json.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/bundles.mjs';

export function tally(mutants) {
  const byFile = {};
  for (const m of mutants) {
    const f = byFile[m.file] || (byFile[m.file] = { killed: 0, timeout: 0, survived: 0, 'no coverage': 0, named: 0, invalid: 0 });
    f[m.status]++;
  }
  return byFile;
}
export const score = (f) => { const n = f.killed + f.timeout + f.survived + f['no coverage']; return n ? (100 * (f.killed + f.timeout) / n).toFixed(1) + ' %' : '-'; };

export function writeReport({ outPrefix, args, mutants, texts, header }) {
  const total = mutants.length;
  const byFile = tally(mutants);
  const sumAll = Object.values(byFile).reduce((a, f) => { for (const k of Object.keys(f)) a[k] = (a[k] || 0) + f[k]; return a; }, {});
  const md = ['# Mutation report', '', 'Command: `npm run mutate -- ' + args.join(' ') + '`, ' + new Date().toISOString() + ', ' + header + '.', '',
    '| file | mutants | killed | timeout | survived | no coverage | named | invalid | score |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const f of Object.keys(byFile).sort()) {
    const r = byFile[f];
    md.push(`| ${f} | ${r.killed + r.timeout + r.survived + r['no coverage'] + r.named + r.invalid} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r['no coverage']} | ${r.named} | ${r.invalid} | ${score(r)} |`);
  }
  md.push(`| total | ${total} | ${sumAll.killed || 0} | ${sumAll.timeout || 0} | ${sumAll.survived || 0} | ${sumAll['no coverage'] || 0} | ${sumAll.named || 0} | ${sumAll.invalid || 0} | ${score({ killed: 0, timeout: 0, survived: 0, 'no coverage': 0, ...sumAll })} |`);
  md.push('', 'Score: (killed + timeout) / (mutants - invalid - named). Named: equivalent mutants listed in test/mutation/named.mjs with their reason (not run).', '', '## Surviving mutants', '');
  for (const m of mutants.filter((x) => x.status === 'survived' || x.status === 'no coverage')) {
    const src = texts[m.file].split('\n')[m.line - 1].trim();
    md.push(`- ${m.file}:${m.line}:${m.col} ${m.op}: \`${m.original.replace(/\s+/g, ' ')}\` → \`${m.text}\`${m.status === 'no coverage' ? ' (no test runs this line)' : ''}  — \`${src}\``);
  }
  md.push('', '## Named equivalent mutants', '');
  for (const m of mutants.filter((x) => x.status === 'named')) {
    md.push(`- ${m.file}:${m.line}:${m.col} ${m.op}: \`${m.original.replace(/\s+/g, ' ')}\` → \`${m.text}\` — ${m.reason}`);
  }
  fs.mkdirSync(path.dirname(outPrefix), { recursive: true });
  fs.writeFileSync(outPrefix + '.md', md.join('\n') + '\n');
  fs.writeFileSync(outPrefix + '.json', JSON.stringify({ args, byFile, mutants: mutants.map(({ tests, ...m }) => m) }, null, 1) + '\n');
  console.log(md.slice(0, 6 + Object.keys(byFile).length + 1).join('\n'));
  console.log((sumAll.survived || 0) + (sumAll['no coverage'] || 0) + ' survivors listed');
  console.log('report: ' + path.relative(root, outPrefix) + '.md');
}
