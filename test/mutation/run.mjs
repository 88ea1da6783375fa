// `npm run mutate`: mutation testing of src/*.ts, on demand (not in CI).
// Each mutant (test/mutation/mutants.mjs) is applied alone to its file; the readable node-sim
// bundles are rebuilt from it (test/coverage/build.mjs, rollup's cache makes that well under a
// second) into a directory of the worker's own, and the test files that run the mutated line
// (from dist/cov/coverage.json, written by `npm run coverage`, run first if it is missing) run
// against them, fastest first, until one fails (killed) or a test file overruns its time (killed
// by timeout, a hang). A mutant on a line no test runs survives without running anything.
// Writes dist/mutation/report.md (killed/survived per file, every survivor with its place) and
// report.json.
// Options:
//   --files src/socket/tcp.ts,src/wire/   files or folders (default: every src file)
//   --lines 100-250                       only mutants on these lines
//   --sample 200 [--seed 1]               a random sample of that many mutants (per file with --per-file)
//   --ops comparison,constant             only these operators (see mutants.mjs)
//   --workers 2                           mutants run in parallel
//   --out dist/mutation/name              report path prefix (.md and .json)
//   --fresh                               time every test file again (else dist/mutation/baseline.json)
//   --replay dist/mutation/x.json         run again the survivors of an earlier report
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { root } from '../helpers/bundles.mjs';
import { buildSim } from '../coverage/build.mjs';
import { mutantsOf, apply } from './mutants.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const workDir = path.join(root, 'dist', 'mutation');
const covFile = path.join(root, 'dist', 'cov', 'coverage.json');
const outPrefix = path.resolve(root, opt('--out', path.join(workDir, 'report')));

if (!fs.existsSync(covFile)) {
  console.log('no ' + path.relative(root, covFile) + ': running the coverage first');
  const r = spawnSync(process.execPath, [path.join(root, 'test', 'coverage', 'run.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const cov = JSON.parse(fs.readFileSync(covFile, 'utf8'));

// Lines where a statement starts, per file (run by some test or listed as not run). A mutant on
// the continuation line of a statement belongs to the line where that statement starts.
const executable = {};
function executableLines(file) {
  if (executable[file]) return executable[file];
  const set = new Set((cov.files[file] && cov.files[file].missedLines) || []);
  for (const t of Object.keys(cov.perTest)) for (const l of cov.perTest[t][file] || []) set.add(l);
  return (executable[file] = [...set].sort((a, b) => a - b));
}

// Which test files run a given line of a given file.
function testsFor(file, line) {
  const lines = executableLines(file);
  let at = -1;
  for (const l of lines) if (l <= line) at = l;
  const out = [];
  for (const t of Object.keys(cov.perTest)) {
    const ran = cov.perTest[t][file];
    if (ran && ran.indexOf(at) >= 0) out.push(t);
  }
  return out;
}

function srcFiles() {
  const want = opt('--files', 'src/').split(',');
  const out = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir + '/' + e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && want.some((w) => rel === w || rel.startsWith(w.endsWith('/') ? w : w + '/'))) out.push(rel);
    }
  })('src');
  return out.sort();
}

// A small seeded generator so that a sample can be run again.
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

let mutants = [];
const lines = opt('--lines', null);
const [lo, hi] = lines ? lines.split('-').map(Number) : [0, Infinity];
const ops = opt('--ops', null);
const replay = opt('--replay', null);
const texts = {}; // each file as it was when the mutants were made
for (const file of replay ? [] : srcFiles()) {
  const text = texts[file] = fs.readFileSync(path.join(root, file), 'utf8');
  for (const m of mutantsOf(file, text)) {
    if (m.line < lo || m.line > (hi || lo)) continue;
    if (ops && !ops.split(',').some((o) => m.op.startsWith(o))) continue;
    mutants.push({ file, ...m });
  }
}
// --replay report.json: exactly the mutants that survived in an earlier report (after new tests).
if (replay) {
  const old = JSON.parse(fs.readFileSync(path.resolve(root, replay), 'utf8')).mutants.filter((m) => m.status === 'survived' || m.status === 'no coverage');
  mutants = [];
  for (const m of old) {
    const text = texts[m.file] || (texts[m.file] = fs.readFileSync(path.join(root, m.file), 'utf8'));
    let start = m.start;
    if (text.slice(start, m.end) !== m.original) {
      // The file changed since: the same text at the same column, on the nearest line.
      start = -1;
      let best = Infinity;
      for (let i = text.indexOf(m.original); i >= 0; i = text.indexOf(m.original, i + 1)) {
        const line = text.slice(0, i).split('\n').length, col = i - text.lastIndexOf('\n', i - 1);
        if (col === m.col && Math.abs(line - m.line) < best) { best = Math.abs(line - m.line); start = i; }
      }
      if (start < 0 || best > 20) { console.log('skipped (source changed): ' + m.file + ':' + m.line + ':' + m.col); continue; }
    }
    const line = text.slice(0, start).split('\n').length;
    mutants.push({ file: m.file, line, col: m.col, start, end: start + m.original.length, text: m.text, op: m.op, original: m.original });
  }
}
const sample = Number(opt('--sample', 0));
if (sample && sample < mutants.length) {
  const rand = rng(Number(opt('--seed', 1)));
  for (let i = mutants.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [mutants[i], mutants[j]] = [mutants[j], mutants[i]]; }
  mutants = mutants.slice(0, sample).sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
}
const total = mutants.length;
console.log(total + ' mutants in ' + new Set(mutants.map((m) => m.file)).size + ' files');

// Runs one test file against a bundle directory; resolves 'pass', 'fail' or 'timeout'.
function runTest(test, bundleDir, timeoutMs) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--test', '--test-reporter=dot', test], {
      cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, STACK_BUNDLE_DIR: bundleDir, NODE_V8_COVERAGE: '' },
    });
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch (e) { /* gone */ } resolve({ result: 'timeout', ms: Date.now() - t0 }); }, timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ result: code === 0 ? 'pass' : 'fail', ms: Date.now() - t0 }); });
  });
}

// Baseline: every test file needed, once, against the unmutated build: it must pass, and its time
// sets the order and the timeout.
const needed = new Set();
for (const m of mutants) { m.tests = testsFor(m.file, m.line); for (const t of m.tests) needed.add(t); }
const baseDir = path.join(workDir, 'base');
await buildSim({ outDir: baseDir });
// Times of earlier baselines are kept in dist/mutation/baseline.json (keyed by test file and the
// coverage run), so that runs one after another check only test files not yet seen.
const baselineFile = path.join(workDir, 'baseline.json');
const covStamp = String(fs.statSync(covFile).mtimeMs);
let saved = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : {};
if (saved.stamp !== covStamp || args.includes('--fresh')) saved = { stamp: covStamp, times: {} };
const baseline = saved.times;
const neededList = [...needed].filter((t) => !(t in baseline)).sort();
console.log('baseline: ' + neededList.length + ' test files');
for (let i = 0; i < neededList.length; i += 2) {
  const batch = neededList.slice(i, i + 2);
  const rs = await Promise.all(batch.map((t) => runTest(t, baseDir, 600000)));
  batch.forEach((t, k) => {
    baseline[t] = rs[k].ms;
    if (rs[k].result !== 'pass') { console.log('baseline fails: ' + t + ' (' + rs[k].result + '); leaving it out'); baseline[t] = -1; }
  });
}
fs.writeFileSync(baselineFile, JSON.stringify(saved, null, 1) + '\n');

const workers = Number(opt('--workers', 2));
let next = 0, done = 0;
const t0 = Date.now();
async function worker(w) {
  const dir = path.join(workDir, 'w' + w);
  let cache;
  while (next < mutants.length) {
    const m = mutants[next++];
    const abs = path.join(root, m.file);
    const mutated = apply(texts[m.file], m);
    const tests = m.tests.filter((t) => baseline[t] >= 0).sort((a, b) => baseline[a] - baseline[b]);
    if (!tests.length) m.status = 'no coverage';
    else {
      try {
        cache = await buildSim({ outDir: dir, overrides: { [abs]: mutated }, cache });
      } catch (e) {
        m.status = 'invalid';
        m.error = String(e.message || e).split('\n')[0];
      }
      if (!m.status) {
        m.status = 'survived';
        for (const t of tests) {
          const r = await runTest(t, dir, Math.max(15000, 3 * baseline[t] + 10000));
          if (r.result !== 'pass') { m.status = r.result === 'fail' ? 'killed' : 'timeout'; m.by = t; break; }
        }
      }
    }
    done++;
    const el = (Date.now() - t0) / 1000;
    process.stdout.write(`[${done}/${total} ${el.toFixed(0)}s] ${m.file}:${m.line}:${m.col} ${m.op} ${JSON.stringify(m.original)} -> ${JSON.stringify(m.text)}: ${m.status}${m.by ? ' (' + m.by + ')' : ''}\n`);
  }
}
await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));

// Report.
const byFile = {};
for (const m of mutants) {
  const f = byFile[m.file] || (byFile[m.file] = { killed: 0, timeout: 0, survived: 0, 'no coverage': 0, invalid: 0 });
  f[m.status]++;
}
const score = (f) => { const n = f.killed + f.timeout + f.survived + f['no coverage']; return n ? (100 * (f.killed + f.timeout) / n).toFixed(1) + ' %' : '-'; };
const sumAll = Object.values(byFile).reduce((a, f) => { for (const k of Object.keys(f)) a[k] = (a[k] || 0) + f[k]; return a; }, {});
const md = ['# Mutation report', '', 'Command: `npm run mutate -- ' + args.join(' ') + '`, ' + new Date().toISOString() + ', ' + ((Date.now() - t0) / 1000).toFixed(0) + ' s.', '',
  '| file | mutants | killed | timeout | survived | no coverage | invalid | score |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
for (const f of Object.keys(byFile).sort()) {
  const r = byFile[f];
  md.push(`| ${f} | ${r.killed + r.timeout + r.survived + r['no coverage'] + r.invalid} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r['no coverage']} | ${r.invalid} | ${score(r)} |`);
}
md.push(`| total | ${total} | ${sumAll.killed || 0} | ${sumAll.timeout || 0} | ${sumAll.survived || 0} | ${sumAll['no coverage'] || 0} | ${sumAll.invalid || 0} | ${score({ killed: 0, timeout: 0, survived: 0, 'no coverage': 0, ...sumAll })} |`);
md.push('', 'Score: (killed + timeout) / (mutants - invalid).', '', '## Surviving mutants', '');
for (const m of mutants.filter((x) => x.status === 'survived' || x.status === 'no coverage')) {
  const src = texts[m.file].split('\n')[m.line - 1].trim();
  md.push(`- ${m.file}:${m.line}:${m.col} ${m.op}: \`${m.original.replace(/\s+/g, ' ')}\` → \`${m.text}\`${m.status === 'no coverage' ? ' (no test runs this line)' : ''}  — \`${src}\``);
}
fs.mkdirSync(path.dirname(outPrefix), { recursive: true });
fs.writeFileSync(outPrefix + '.md', md.join('\n') + '\n');
fs.writeFileSync(outPrefix + '.json', JSON.stringify({ args, byFile, mutants: mutants.map(({ tests, ...m }) => m) }, null, 1) + '\n');
console.log(md.slice(0, 6 + Object.keys(byFile).length + 1).join('\n'));
console.log('report: ' + path.relative(root, outPrefix) + '.md');
