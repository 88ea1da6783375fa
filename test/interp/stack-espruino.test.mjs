// The stack scenario (test/interp/scenarios/stack.js: DHCP, ping, UDP, DNS, 64 KB of TCP each way
// over a lossy cable, and for NO_ALLOC builds process.memory() before and after 10,000 packets) on
// Espruino for Linux (the growable 64-bit binary), for every Espruino board bundle, both builds.
// Each bundle is written to Storage and loaded with require("tcpip"). The default builds then run
// from Storage as a board runs them (code executed from flash). The NO_ALLOC builds run the scenario
// on a copy of the same bundle inlined into the script: the Linux build opens and reads the flash file
// for every read of code in Storage (jshFlashRead), which makes the 10,000-packet step take minutes;
// their Storage copy is required and its exports compared.
import { describe, test } from 'node:test';
import { runEspruino, inlineModule, skipEspruino } from './engines.mjs';
import { scenarioSource, checkRun, summary, PACKETS } from './stack-check.mjs';

const BOARDS = ['espruino-esp32', 'espruino-pico', 'espruino-wifi', 'espruino-original'];
// NO_ALLOC first: they take longest, so two at a time finish together.
const RUNS = BOARDS.map((b) => ({ board: b, noAlloc: true })).concat(BOARDS.map((b) => ({ board: b, noAlloc: false })));

function script({ board, noAlloc }) {
  const file = board + (noAlloc ? '.noalloc.js' : '.js');
  if (!noAlloc) return scenarioSource + '\nstackScenario(require("tcpip"), {});\n';
  return inlineModule('inlined', file) + scenarioSource +
    '\nvar stored = require("tcpip");\n' +
    'if (Object.keys(stored).join() !== Object.keys(inlined).join() || stored.board !== ' + JSON.stringify(board) + ' || stored.noAlloc !== true)' +
    ' throw new Error("the bundle from Storage exports " + Object.keys(stored).join());\n' +
    'stored = undefined;\n' +
    'stackScenario(inlined, { memory: true, packets: ' + PACKETS + ' });\n';
}

describe('stack scenario on Espruino', { skip: skipEspruino, concurrency: 2 }, () => {
  for (const run of RUNS) {
    const file = run.board + (run.noAlloc ? '.noalloc.js' : '.js');
    test(file, async (t) => {
      const t0 = Date.now();
      const r = await runEspruino(script(run), { storage: { tcpip: file }, timeoutMs: 300000 });
      const steps = checkRun(r, { board: run.board, noAlloc: run.noAlloc, memory: run.noAlloc, nativeSum: true });
      t.diagnostic(summary(file, Date.now() - t0, steps));
    });
  }
});
