// The stack scenario (test/interp/scenarios/stack.js) on JerryScript (no timers: the scenario drives
// virtual time itself) for node-sim and espruino-esp32, both builds; the memory step is Espruino's.
// Also, with no interpreter: the scenario is ES5 (acorn), passes in Node, and fails when a byte of a
// TCP stream is changed or a DNS answer is wrong.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { runJerry, inlineModule, skipJerry } from './engines.mjs';
import { loadBundle } from '../helpers/bundles.mjs';
import { scenarioSource, checkRun, summary } from './stack-check.mjs';

const RUNS = [
  { board: 'node-sim', noAlloc: false }, { board: 'node-sim', noAlloc: true },
  { board: 'espruino-esp32', noAlloc: false }, { board: 'espruino-esp32', noAlloc: true },
];
const fileOf = (r) => r.board + (r.noAlloc ? '.noalloc.js' : '.js');

describe('stack scenario on JerryScript', { skip: skipJerry, concurrency: 2 }, () => {
  for (const run of RUNS) {
    test(fileOf(run), async (t) => {
      const t0 = Date.now();
      const r = await runJerry(inlineModule('tcpip', fileOf(run)) + scenarioSource + '\nstackScenario(tcpip, {});\n', { timeoutMs: 120000 });
      const steps = checkRun(r, { board: run.board, noAlloc: run.noAlloc, memory: false, nativeSum: false });
      t.diagnostic(summary(fileOf(run), Date.now() - t0, steps));
    });
  }
});

/** Runs the scenario in Node on lib; resolves to { code, out } like an interpreter run. */
function inNode(lib) {
  let out = '';
  const ctx = { print: (s) => { out += s + '\n'; }, Date };
  vm.runInNewContext(scenarioSource, ctx);
  try {
    ctx.stackScenario(lib, {});
    return { code: 0, out, timedOut: false };
  } catch (e) {
    return { code: 1, out, err: e.message, timedOut: false };
  }
}

describe('stack scenario without an interpreter', () => {
  test('the scenario is ES5', () => {
    acorn.parse(scenarioSource, { ecmaVersion: 5, sourceType: 'script' });
  });

  for (const run of RUNS) {
    test('in Node: ' + fileOf(run), () => {
      checkRun(inNode(loadBundle(fileOf(run))), { board: run.board, noAlloc: run.noAlloc, memory: false, nativeSum: false });
    });
  }

  test('fails when one byte of a TCP stream changes', () => {
    const lib = loadBundle('node-sim.js');
    class Flipping extends lib.socket.TcpSocket {
      recv(b, o, l) {
        const n = super.recv(b, o, l);
        if (n > 100 && !this.flipped) { b[o + 77] ^= 4; this.flipped = true; }
        return n;
      }
    }
    const r = inNode({ ...lib, socket: { ...lib.socket, TcpSocket: Flipping } });
    assert.equal(r.code, 1);
    assert.match(r.err, /A to B: bytes \d+\.\.\d+ differ/);
    assert.match(r.out, /RESULT \{"step":"tcp","ok":false/);
  });

  test('fails when the DNS client reports a wrong address', () => {
    const lib = loadBundle('node-sim.js');
    class Lying extends lib.app.DnsClient {
      resolve(name, cb) { return super.resolve(name, (e, a) => cb(e, a ? a + 1 : a)); }
    }
    const r = inNode({ ...lib, app: { ...lib.app, DnsClient: Lying } });
    assert.equal(r.code, 1);
    assert.match(r.err, /board\.example resolved to \[0, 10\.0\.0\.78\]/);
  });
});
