// The Espruino bench scenario (test/interp/scenarios/bench.js, run by test/bench/parts/espruino.mjs)
// with tiny counts on Espruino for Linux, both espruino-esp32 builds: every figure is printed and
// positive, the native checksum is in use. Not a timing assertion: `npm run bench espruino` measures.
// Also the floors of test/bench/floor-espruino.mjs (test/bench/floors.js): each floor's answer is
// taken by the stack (the echo reply) or refused by nothing (the segment), on both lean builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { skipEspruino, readRepo, runEspruino, rootBundle } from './engines.mjs';
import { loadBundle } from '../helpers/bundles.mjs';
import { BUILDS, FIGURES, runBench } from '../bench/parts/espruino.mjs';

const TINY = { tcpKB: 4, warmKB: 2, reps: 3, warm: 1, loop: 20000 };
const source = readRepo('test/interp/scenarios/cable.js') + '\n' + readRepo('test/interp/scenarios/bench.js');

// Node may optimise the empty loop away (lu then meaningless): there only units are checked to be
// positive and us to be a number (a figure of a microsecond less the timer read can come out below
// zero on a busy machine).
function checkFigures(figures, keys = ['lu', 'us', 'loopNsBefore', 'loopNsAfter', 'units']) {
  for (const [name] of FIGURES) {
    const x = figures[name];
    assert.ok(x, 'figure ' + name + ' printed');
    for (const k of keys) {
      assert.ok(typeof x[k] === 'number' && x[k] > 0, name + '.' + k + ' is positive: ' + JSON.stringify(x));
    }
  }
}

describe('bench scenario', () => {
  test('is ES5 (with the cable)', () => {
    acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' });
  });

  for (const file of ['node-sim.js', 'node-sim.noalloc.js']) {
    test('in Node: ' + file, () => {
      let out = '';
      const ctx = { print: (s) => { out += s + '\n'; }, Date, performance };
      vm.runInNewContext(source, ctx);
      ctx.benchScenario(loadBundle(file), TINY);
      const figures = {};
      for (const l of out.split('\n')) if (l.startsWith('RESULT ')) { const x = JSON.parse(l.slice(7)); if (x.figure) figures[x.figure] = x; }
      checkFigures(figures, ['units']);
      for (const [name] of FIGURES) assert.ok(Number.isFinite(figures[name].us), name + '.us is a number');
    });
  }
});

describe('bench scenario on Espruino', { skip: skipEspruino, concurrency: 2 }, () => {
  for (const b of BUILDS) {
    test(b.file, async () => {
      const r = await runBench(b.file, TINY, 120000);
      assert.equal(r.start.nativeSum, true, 'checksum by E.sum');
      assert.equal(r.start.copyByViews, true, 'copies through views, as a board\'s startDevice sets');
      assert.equal(r.start.noAlloc, b.suffix.endsWith('noalloc'));
      checkFigures(r.figures);
    });
  }
});

describe('per-frame floors (test/bench/floors.js)', () => {
  const floors = readRepo('test/bench/floors.js');
  test('are ES5', () => {
    acorn.parse(floors, { ecmaVersion: 5, sourceType: 'script' });
  });
  for (const file of ['espruino-esp32-enc28j60.js', 'espruino-esp32-enc28j60.noalloc.js']) {
    test('on Espruino: ' + file, { skip: skipEspruino }, async () => {
      const r = await runEspruino(rootBundle('tcpip', file) + 'var MARKS = 0;\n' + readRepo('test/interp/scenarios/cable.js') + '\n' + floors +
        '\nfloorScenario(tcpip, 2, function (on) { if (on) MARKS++; });\nprint("MARKS " + MARKS);\n', { timeoutMs: 120000 });
      assert.match(r.out, /^FLOORS OK$/m, 'the floors and the stack answered every frame: ' + r.out.slice(-600));
      // Two figures, three ways each (the stack, the floor, the cable alone), two reps timed.
      assert.match(r.out, /^MARKS 12$/m);
    });
  }
});
