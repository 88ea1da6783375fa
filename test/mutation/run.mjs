// `npm run mutate`: mutation testing of src/*.ts, on demand (not in CI).
// Mutants (test/mutation/mutants.mjs) are compiled as schemata (test/mutation/schema.mjs): one
// readable node-sim build (test/coverage/build.mjs) holds every mutant of the run, and the
// environment variable STACK_MUTANT chooses the active one, so no mutant needs a rebuild. A trace
// build runs each candidate test file once (the baseline: it must pass; its time sets the order and
// the timeout) and notes which mutants' code it reaches. Each mutant then runs only the test files
// that reach it, fastest first, each in one process with a reporter that stops at the first failing
// test, until one fails (killed) or overruns (timeout, a hang). A mutant no test reaches survives
// without running anything ("no coverage"). A survivor named equivalent in test/mutation/named.mjs
// (matched by its code, not its line) counts as named and is not run.
// The fuzz campaign (test/fuzz/interface.fuzz.test.mjs) runs 40,000 frames instead of 120,000
// (FUZZ_FRAMES; FUZZ_SEED 1 still reaches every TCP state in both builds): it alone took most of
// a survivor's time.
// Candidate test files: those that run a line of the mutated files in dist/cov/coverage.json
// (written by `npm run coverage`, run first if it is missing) and test files newer than it.
// Writes dist/mutation/report.md (killed/survived/named per file, every survivor with its place)
// and report.json.
// Options:
//   --files src/socket/tcp.ts,src/wire/   files or folders (default: every src file)
//   --lines 100-250[,300,310-320]         only mutants on these lines
//   --sample 200 [--seed 1]               a random sample of that many mutants (per file with --per-file)
//   --ops comparison,constant             only these operators (see mutants.mjs)
//   --workers 2                           mutants run in parallel
//   --out dist/mutation/name              report path prefix (.md and .json)
//   --tests test/a.test.mjs,...           only these test files (e.g. new tests, with --replay)
//   --replay dist/mutation/x.json         run again the survivors of an earlier report
//   --replay-all                          with --replay: every mutant of it, not only the survivors
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { root } from '../helpers/bundles.mjs';
import { buildSim } from '../coverage/build.mjs';
import { mutantsOf, apply } from './mutants.mjs';
import { schemaOf, schemable } from './schema.mjs';
import { namedEquivalent } from './named.mjs';
import { nodeTestFiles } from '../helpers/test-files.mjs';
import { writeReport } from './report.mjs';

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
const ranges = lines ? lines.split(',').map((r) => { const [a, b] = r.split('-').map(Number); return [a, b || a]; }) : [[0, Infinity]];
const ops = opt('--ops', null);
const replay = opt('--replay', null);
const texts = {}; // each file as it was when the mutants were made
for (const file of replay ? [] : srcFiles()) {
  const text = texts[file] = fs.readFileSync(path.join(root, file), 'utf8');
  for (const m of mutantsOf(file, text)) {
    if (!ranges.some(([a, b]) => m.line >= a && m.line <= b)) continue;
    if (ops && !ops.split(',').some((o) => m.op.startsWith(o))) continue;
    mutants.push({ file, ...m });
  }
}
// --replay report.json: exactly the mutants that survived in an earlier report (after new tests).
if (replay) {
  const old = JSON.parse(fs.readFileSync(path.resolve(root, replay), 'utf8')).mutants.filter((m) => args.includes('--replay-all') || m.status === 'survived' || m.status === 'no coverage');
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
// Ids for the schemata: one build holds every mutant of every file in the run.
mutants.forEach((m, i) => { m.id = i + 1; });
// Replayed mutants carry no site: found again among the file's current mutants.
for (const m of mutants) {
  if (m.site) continue;
  const same = mutantsOf(m.file, texts[m.file]).find((x) => x.start === m.start && x.end === m.end && x.text === m.text);
  if (same) m.site = same.site;
}
const total = mutants.length;
console.log(total + ' mutants in ' + new Set(mutants.map((m) => m.file)).size + ' files');

// Runs one test file in one process against a bundle directory with that mutant active; resolves
// 'pass', 'fail' or 'timeout'. The file runs without the --test child process (several test files
// in one process through run-files.mjs), and the bail reporter ends it at the first failing test.
const bail = path.join(root, 'test', 'mutation', 'bail.mjs');
const runFiles = path.join(root, 'test', 'mutation', 'run-files.mjs');
const children = new Set(); // test processes running (each the leader of its process group)
function runTest(test, bundleDir, timeoutMs, env = {}, nodeArgs = [], testArgs = []) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--test-reporter=' + bail, ...nodeArgs, test, ...testArgs], {
      cwd: root, detached: true, stdio: 'ignore', env: { FUZZ_FRAMES: '40000', FUZZ_SEED: '1', ...process.env, STACK_BUNDLE_DIR: bundleDir, NODE_V8_COVERAGE: '', ...env },
    });
    children.add(child);
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch (e) { /* gone */ } resolve({ result: 'timeout', ms: Date.now() - t0 }); }, timeoutMs);
    child.on('exit', (code) => { children.delete(child); clearTimeout(timer); resolve({ result: code === 0 ? 'pass' : 'fail', ms: Date.now() - t0 }); });
  });
}

// Two builds: the schemata (every mutant, chosen by STACK_MUTANT) and the trace (which notes the
// mutants whose site runs). Mutants that cannot be in a schema are rebuilt one by one.
const schemaMutants = mutants.filter((m) => schemable(m, texts[m.file]));
const byFileM = {};
for (const m of schemaMutants) (byFileM[m.file] || (byFileM[m.file] = [])).push(m);
const overrides = (trace) => Object.fromEntries(Object.keys(byFileM).map((f) => [path.join(root, f), schemaOf(texts[f], byFileM[f], { trace })]));
// Build directories of this run's own (named after its report), so that runs can overlap.
const runDir = path.join(workDir, 'run-' + path.basename(outPrefix));
const schemaDir = path.join(runDir, 'schema'), traceDir = path.join(runDir, 'trace');
await buildSim({ outDir: schemaDir, overrides: overrides(false) });
await buildSim({ outDir: traceDir, overrides: overrides(true) });

// Candidate test files: those the coverage run saw running the files' lines, and any test file
// newer than that run (--tests a,b: only these).
const allTests = nodeTestFiles;
const fileSet = new Set(mutants.map((m) => m.file));
const candidates = opt('--tests', null) ? opt('--tests', null).split(',')
  : allTests().filter((t) => !cov.perTest[t] || Object.keys(cov.perTest[t]).some((f) => fileSet.has(f)));

// The trace run (also the baseline: it must pass, and its time sets the order and the timeout).
const baseline = {}, reaches = {}, testCount = {};
const traceT0 = Date.now();
const workers = Number(opt('--workers', 2));
{
  const queue = [...candidates];
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (queue.length) {
      const t = queue.shift();
      const file = path.join(traceDir, 'hits-' + w + '.txt');
      fs.rmSync(file, { force: true });
      const r = await runTest(t, traceDir, 900000, { STACK_MUTANT_TRACE: file }, ['--import', path.join(root, 'test', 'mutation', 'trace-tests.mjs')]);
      if (r.result !== 'pass') { console.log('trace run fails: ' + t + ' (' + r.result + '); leaving it out'); continue; }
      baseline[t] = r.ms;
      const names = new Set();
      for (const line of fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []) {
        for (const [id, list] of Object.entries(JSON.parse(line))) {
          const byTest = reaches[id] || (reaches[id] = new Map());
          const set = byTest.get(t) || new Set();
          for (const n of list) { set.add(n); names.add(n); }
          byTest.set(t, set);
        }
      }
      testCount[t] = names.size;
    }
  }));
}
console.log('trace: ' + Object.keys(baseline).length + ' test files in ' + ((Date.now() - traceT0) / 1000).toFixed(0) + ' s');

let next = 0, done = 0;
const t0 = Date.now();
async function worker(w) {
  const dir = path.join(runDir, 'w' + w);
  let cache;
  while (next < mutants.length) {
    const m = mutants[next++];
    const inSchema = schemaMutants.includes(m);
    const eq = namedEquivalent(m, texts[m.file]);
    if (eq) { m.status = 'named'; m.reason = eq.reason; }
    // [test file, names of its tests that reach the mutant, or null: the whole file], cheapest first.
    const tests = (inSchema ? [...(reaches[m.id] || new Map())].map(([t, names]) => [t, names.has('') ? null : [...names]]) : testsFor(m.file, m.line).map((t) => [t, null]))
      .filter(([t]) => baseline[t] >= 0)
      .map(([t, names]) => [t, names, names ? baseline[t] * names.length / Math.max(1, testCount[t]) : baseline[t]])
      .sort((a, b) => a[2] - b[2]);
    if (m.status) { /* named equivalent: not run */ } else if (!tests.length) m.status = 'no coverage';
    else {
      if (!inSchema) {
        try {
          cache = await buildSim({ outDir: dir, overrides: { [path.join(root, m.file)]: apply(texts[m.file], m) }, cache });
        } catch (e) {
          m.status = 'invalid';
          m.error = String(e.message || e).split('\n')[0];
        }
      }
      if (!m.status) {
        m.status = 'running';
        let status = 'survived';
        // At most two processes: the tests that reach the mutant picked by name, then the files
        // where code outside a test (a hook, the top level) reaches it, whole.
        const groups = [tests.filter((x) => x[1]), tests.filter((x) => !x[1])].filter((g) => g.length);
        for (const g of groups) {
          const names = g[0][1] ? [...new Set(g.flatMap((x) => x[1]))] : null;
          const pattern = names ? ['--test-name-pattern=^(?:' + names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')$'] : [];
          const files = g.map((x) => x[0]);
          // The trace run is slower than a plain one: its time is already a generous bound.
          const timeout = 10000 + g.reduce((a, x) => a + x[2], 0);
          const r = await runTest(runFiles, inSchema ? schemaDir : dir, timeout, { STACK_MUTANT: String(inSchema ? m.id : 0) }, pattern, files);
          if (process.env.MUTATE_VERBOSE) console.log('  ' + m.id + ': ' + files.join(' ') + (names ? ' (' + names.length + ' tests)' : ' (whole)') + ': ' + r.result + ' ' + r.ms + ' ms');
          if (r.result !== 'pass') { status = r.result === 'fail' ? 'killed' : 'timeout'; m.by = files.length === 1 ? files[0] : files.length + ' files'; break; }
        }
        m.status = status;
      }
    }
    done++;
    const el = (Date.now() - t0) / 1000;
    process.stdout.write(`[${done}/${total} ${el.toFixed(0)}s] ${m.file}:${m.line}:${m.col} ${m.op} ${JSON.stringify(m.original)} -> ${JSON.stringify(m.text)}: ${m.status}${m.by ? ' (' + m.by + ')' : ''}\n`);
  }
}
// Stopped early (SIGINT / SIGTERM): the report of the mutants run so far.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    for (const c of children) { try { process.kill(-c.pid, 'SIGKILL'); } catch (e) { /* gone */ } }
    const ran = mutants.filter((m) => m.status && m.status !== 'running');
    writeReport({ outPrefix, args, mutants: ran, texts, header: 'stopped after ' + ran.length + ' of ' + total + ' mutants' });
    process.exit(1);
  });
}
await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
const runSeconds = (Date.now() - t0) / 1000, traceSeconds = (t0 - traceT0) / 1000;

writeReport({ outPrefix, args, mutants, texts, header: 'trace ' + traceSeconds.toFixed(0) + ' s + mutants ' + runSeconds.toFixed(0) + ' s (' + (total / (traceSeconds + runSeconds)).toFixed(2) + ' mutants/s)' });
