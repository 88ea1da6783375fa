// Where the time of the Espruino bench figures goes (input for speed-up work; not part of `npm run
// bench`). `node test/bench/profile-espruino.mjs [figure ...] [--top N] [--tokens]`.
//
// Espruino has no profiler, so this counts instead, in Node, on the espruino-esp32 bundle built as
// `npm run build` builds it (same compress options, NO_ALLOC folded) but not mangled, so that
// functions keep their names. Every function of the bundle gets a call counter and every statement
// a counter of the function it is in (a statement is one in a block or a switch case, or the body
// of an if/loop; terser joins expressions with commas, so a "statement" can hold several). Counted
// only inside the timed sections of test/interp/scenarios/bench.js (its opts.probe), per unit of
// the figure (per frame; per KB for tcp). Espruino, an AST-walking interpreter, spends its time
// roughly in proportion to what it executes, so the statements per function say where to look.
// It also reads every token it skips: a branch not taken, and everything after a return (up to the
// function's closing brace). The "tokens" column estimates the tokens each function's calls read,
// as its whole body's text per call plus a loop's text again for each iteration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import * as acorn from 'acorn';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { minify } from 'terser';
import { root } from '../helpers/bundles.mjs';
import { sourceSteps } from '../bundle/source-steps.mjs';

const args = process.argv.slice(2);
const topIdx = args.indexOf('--top');
const TOP = topIdx >= 0 ? +args[topIdx + 1] : 25;
const byTokens = args.indexOf('--tokens') >= 0;
const wanted = args.filter((a, i) => !a.startsWith('--') && (topIdx < 0 || i !== topIdx + 1));
const OPTS = { tcpKB: 16, warmKB: 4, reps: 50, warm: 5, loop: 1000 };

async function unmangled(noAlloc) {
  const bundle = await rollup({
    input: path.join(root, 'boards/espruino-esp32.ts'),
    plugins: [typescript({ tsconfig: path.join(root, 'tsconfig.json'), noEmitOnError: true, outputToFilesystem: false })],
    onwarn() {},
  });
  const { output } = await bundle.generate({ format: 'cjs', esModule: false, freeze: false, exports: 'named' });
  const out = await minify(sourceSteps(output[0].code), {
    ecma: 5, toplevel: true, mangle: false, format: { ecma: 5, comments: false, beautify: true },
    compress: { global_defs: { NO_ALLOC: noAlloc }, passes: 3, pure_getters: true, hoist_vars: true, hoist_funs: true, if_return: false },
  });
  return out.code;
}

/** The bundle with counters: __F[i]++ at the start of function i, __S[i]++ before each statement of
 *  it, and __T[i] += its body's tokens at each call and a loop's at each of its iterations. */
function instrument(code) {
  const ast = acorn.parse(code, { ecmaVersion: 5, sourceType: 'script', locations: true });
  const starts = [];
  for (const t of acorn.tokenizer(code, { ecmaVersion: 5 })) starts.push(t.start);
  /** Tokens that start before pos. */
  const tokensBefore = (pos) => {
    let lo = 0, hi = starts.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (starts[m] < pos) lo = m + 1; else hi = m; }
    return lo;
  };
  const names = [], ins = [];
  const at = (pos, text, order) => ins.push({ pos, text, order });
  function nameOf(fn, parent, grand) {
    if (fn.id) return fn.id.name;
    if (parent && parent.type === 'Property') return (parent.key.name || parent.key.value);
    if (parent && parent.type === 'VariableDeclarator') return parent.id.name;
    if (parent && parent.type === 'AssignmentExpression') return code.slice(parent.left.start, parent.left.end).replace(/\.prototype\./, '#');
    return '(anonymous)';
  }
  function stmt(s, fid, wrap) {
    if (fid < 0 || s.type === 'FunctionDeclaration') return;
    if (wrap) {
      at(s.start, '{__S[' + fid + ']++;', 0);
      at(s.end, '}', 1);
    } else at(s.start, '__S[' + fid + ']++;', 0);
  }
  function walk(node, fid, parent, grand) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') {
      const id = names.length;
      names.push(nameOf(node, parent, grand) + ':' + node.loc.start.line);
      at(node.body.start + 1, '__F[' + id + ']++;', 0);
      at(node.body.start + 1, '__T[' + id + ']+=' + (tokensBefore(node.body.end) - tokensBefore(node.body.start)) + ';', 0);
      fid = id;
    }
    if (fid >= 0 && /^(For|ForIn|While|DoWhile)Statement$/.test(node.type)) {
      const from = node.test ? node.test.start : node.body.start;
      const t = '__T[' + fid + ']+=' + (tokensBefore(node.end) - tokensBefore(from)) + ';';
      if (node.body.type === 'BlockStatement') at(node.body.start + 1, t, 0.5);
      else at(node.body.start, t, 0.5);
    }
    if (node.type === 'BlockStatement' || node.type === 'Program') for (const s of node.body) stmt(s, fid, false);
    if (node.type === 'SwitchCase') for (const s of node.consequent) stmt(s, fid, false);
    for (const k of ['consequent', 'alternate', 'body']) {
      const c = node[k];
      if (c && !Array.isArray(c) && c.type && /Statement$/.test(c.type) && c.type !== 'BlockStatement' &&
        node.type !== 'SwitchCase' && !/Function/.test(node.type)) stmt(c, fid, true);
    }
    for (const k of Object.keys(node)) {
      if (k === 'loc') continue;
      const v = node[k];
      if (Array.isArray(v)) for (const c of v) walk(c, fid, node, parent);
      else if (v && typeof v.type === 'string') walk(v, fid, node, parent);
    }
  }
  walk(ast, -1, null, null);
  ins.sort((a, b) => b.pos - a.pos || b.order - a.order);
  let out = code;
  for (const i of ins) out = out.slice(0, i.pos) + i.text + out.slice(i.pos);
  return { code: out, names };
}

async function profile(noAlloc) {
  const { code, names } = instrument(await unmangled(noAlloc));
  const F = new Float64Array(names.length), S = new Float64Array(names.length), T = new Float64Array(names.length);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wt-bench-prof-')), 'bundle.js');
  fs.writeFileSync(file, 'var __F = globalThis.__F, __S = globalThis.__S, __T = globalThis.__T;\n' + code);
  globalThis.__F = F;
  globalThis.__S = S;
  globalThis.__T = T;
  const lib = createRequire(import.meta.url)(file);
  const E = { sum(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; } }; // E.sum as Espruino's
  const nativeSum16 = lib.nativeSum16;
  lib.nativeSum16 = () => vm.runInNewContext('(' + nativeSum16.toString() + ')', { E, __F: F, __S: S, __T: T })();
  const per = {}, f0 = new Float64Array(names.length), s0 = new Float64Array(names.length), t0 = new Float64Array(names.length);
  const accF = {}, accS = {}, accT = {};
  let cur = null;
  const probe = {
    figure(name) { cur = name; accF[name] = new Float64Array(names.length); accS[name] = new Float64Array(names.length); accT[name] = new Float64Array(names.length); },
    on() { f0.set(F); s0.set(S); t0.set(T); },
    off() { for (let i = 0; i < names.length; i++) { accF[cur][i] += F[i] - f0[i]; accS[cur][i] += S[i] - s0[i]; accT[cur][i] += T[i] - t0[i]; } },
    done(name, units) { per[name] = name === 'tcp' || name === 'timer' ? units : OPTS.reps + OPTS.warm; },
  };
  const ctx = { print() {}, Date, performance };
  vm.runInNewContext(fs.readFileSync(path.join(root, 'test/interp/scenarios/cable.js'), 'utf8') +
    fs.readFileSync(path.join(root, 'test/interp/scenarios/bench.js'), 'utf8'), ctx);
  ctx.benchScenario(lib, Object.assign({ probe }, OPTS));
  const res = {};
  for (const name of Object.keys(per)) {
    const rows = names.map((n, i) => ({ fn: n, calls: accF[name][i] / per[name], stmts: accS[name][i] / per[name], tokens: accT[name][i] / per[name] }))
      .filter((r) => r.calls > 0 || r.stmts > 0).sort((a, b) => (byTokens ? b.tokens - a.tokens : b.stmts - a.stmts));
    res[name] = { rows, calls: rows.reduce((a, r) => a + r.calls, 0), stmts: rows.reduce((a, r) => a + r.stmts, 0), tokens: rows.reduce((a, r) => a + r.tokens, 0) };
  }
  return res;
}

const r1 = (x) => Math.round(x * 10) / 10;
for (const noAlloc of [false, true]) {
  const res = await profile(noAlloc);
  for (const name of Object.keys(res)) {
    if (wanted.length ? wanted.indexOf(name) < 0 : name === 'timer' || name === 'cable') continue;
    const x = res[name];
    console.log('\n## ' + (noAlloc ? 'noalloc' : 'default') + ' ' + name + ': ' + r1(x.calls) + ' calls, ' + r1(x.stmts) +
      ' statements, ' + Math.round(x.tokens) + ' tokens per ' + (name === 'tcp' ? 'KB' : 'frame') + ' (bundle functions only)');
    console.log('statements  calls  tokens  function:line (unmangled bundle)');
    for (const r of x.rows.slice(0, TOP)) console.log(String(r1(r.stmts)).padStart(10) + String(r1(r.calls)).padStart(7) + String(Math.round(r.tokens)).padStart(8) + '  ' + r.fn);
  }
}
