// `npm run coverage`: line and branch coverage of src/*.ts by the non-interop suite.
// Builds the readable, source-mapped node-sim bundles (test/coverage/build.mjs) into dist/cov,
// runs the Node test files against them with NODE_V8_COVERAGE, maps the counts of both builds back
// to the TypeScript sources (a line or arm run by either build is covered) and prints a table per
// file, per folder and in total. Also writes dist/cov/coverage.json: the totals, every uncovered
// line and arm, and which test file runs which source lines (npm run mutate uses it to pick tests).
// Options: --files a,b (test files to run; default every *.test.mjs outside test/interop,
// test/interp and test/bundle, which run other engines or only parse bundles), --uncovered (list
// the uncovered lines of each file), --reuse (skip building and running, report the last run).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from '../helpers/bundles.mjs';
import { buildSim } from './build.mjs';
import { nodeTestFiles } from '../helpers/test-files.mjs';
import { pointsOf, paint, accumulate } from './v8map.mjs';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : null; };
const outDir = path.join(root, 'dist', 'cov');
const rawDir = path.join(outDir, 'v8');
const bundles = ['node-sim.js', 'node-sim.noalloc.js'];

function testFiles() {
  if (opt('--files')) return opt('--files').split(',');
  return nodeTestFiles();
}

if (!args.includes('--reuse')) {
  await buildSim({ outDir });
  fs.rmSync(rawDir, { recursive: true, force: true });
  const files = testFiles();
  console.log('running ' + files.length + ' test files against ' + path.relative(root, outDir) + ' with V8 coverage');
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=dot', ...files], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NODE_V8_COVERAGE: rawDir, STACK_BUNDLE_DIR: outDir },
  });
  if (r.status !== 0) console.log('note: some tests failed (exit ' + r.status + '); coverage is of what ran');
}

// Totals per point, and per test file the source lines it runs.
const points = {}, hits = {};
for (const b of bundles) {
  points[b] = pointsOf(path.join(outDir, b));
  hits[b] = { stmts: new Float64Array(points[b].stmts.length), branches: new Float64Array(points[b].branches.length) };
}
const perTest = {};
for (const f of fs.readdirSync(rawDir)) {
  const data = JSON.parse(fs.readFileSync(path.join(rawDir, f), 'utf8'));
  const test = data.result.map((s) => s.url).find((u) => /\.test\.mjs$/.test(u));
  const testRel = test ? path.relative(root, new URL(test).pathname) : null;
  for (const script of data.result) {
    const b = bundles.find((n) => script.url.endsWith('/dist/cov/' + n));
    if (!b) continue;
    const counts = paint(points[b].size, script.functions);
    accumulate(points[b], counts, hits[b]);
    if (testRel) {
      const lines = perTest[testRel] || (perTest[testRel] = {});
      for (const s of points[b].stmts) {
        if (counts[s.off] > 0) (lines[s.file] || (lines[s.file] = new Set())).add(s.line);
      }
    }
  }
}

// Merge both builds by source position.
const files = {};
const fileOf = (name) => files[name] || (files[name] = { lines: new Map(), arms: new Map() });
for (const b of bundles) {
  points[b].stmts.forEach((s, i) => {
    const m = fileOf(s.file).lines;
    m.set(s.line, (m.get(s.line) || 0) + hits[b].stmts[i]);
  });
  points[b].branches.forEach((a, i) => {
    const m = fileOf(a.file).arms;
    const key = a.group + '#' + a.index;
    const prev = m.get(key);
    m.set(key, { line: a.line, kind: a.kind, n: (prev ? prev.n : 0) + hits[b].branches[i] });
  });
}

const pct = (c, t) => (t ? (100 * c / t).toFixed(1) : '100.0').padStart(6);
const rows = [];
const sum = (list) => list.reduce((a, r) => ({ l: a.l + r.l, lc: a.lc + r.lc, b: a.b + r.b, bc: a.bc + r.bc }), { l: 0, lc: 0, b: 0, bc: 0 });
for (const name of Object.keys(files).sort()) {
  const f = files[name];
  const lines = [...f.lines.entries()];
  const arms = [...f.arms.values()];
  rows.push({
    name, l: lines.length, lc: lines.filter((e) => e[1] > 0).length, b: arms.length, bc: arms.filter((a) => a.n > 0).length,
    missedLines: lines.filter((e) => e[1] === 0).map((e) => e[0]).sort((a, b) => a - b),
    missedArms: arms.filter((a) => a.n === 0).map((a) => a.line + ':' + a.kind).sort((a, b) => parseInt(a) - parseInt(b)),
  });
}
const w = Math.max(...rows.map((r) => r.name.length), 12);
const line = (name, r) => name.padEnd(w) + pct(r.lc, r.l) + ' %' + (r.lc + '/' + r.l).padStart(11) + pct(r.bc, r.b) + ' %' + (r.bc + '/' + r.b).padStart(11);
const out = [''.padEnd(w) + '   lines' + ''.padStart(11) + ' branches'];
let folder = null;
for (const r of rows) {
  const dir = path.dirname(r.name);
  if (dir !== folder) {
    folder = dir;
    out.push(line(dir + '/', sum(rows.filter((x) => path.dirname(x.name) === dir))));
  }
  out.push(line('  ' + path.basename(r.name), r));
  if (args.includes('--uncovered') && (r.missedLines.length || r.missedArms.length)) {
    out.push('      lines not run: ' + r.missedLines.join(' '));
    out.push('      arms not taken: ' + r.missedArms.join(' '));
  }
}
const total = sum(rows);
out.push(line('total', total));
console.log(out.join('\n'));

const perTestJson = {};
for (const t of Object.keys(perTest).sort()) {
  perTestJson[t] = {};
  for (const f of Object.keys(perTest[t]).sort()) perTestJson[t][f] = [...perTest[t][f]].sort((a, b) => a - b);
}
fs.writeFileSync(path.join(outDir, 'coverage.json'), JSON.stringify({
  total: { lines: [total.lc, total.l], branches: [total.bc, total.b] },
  files: Object.fromEntries(rows.map((r) => [r.name, { lines: [r.lc, r.l], branches: [r.bc, r.b], missedLines: r.missedLines, missedArms: r.missedArms }])),
  perTest: perTestJson,
}, null, 1) + '\n');
