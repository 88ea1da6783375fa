// Bench part: the stack's speed on Espruino for Linux (the growable 64-bit binary), in loop units
// (lu: the time of one iteration of an empty `for` loop in the same process, measured right before
// and after each workload; see test/interp/scenarios/bench.js for exactly what each figure times).
// Runs the bench scenario on espruino-esp32.js and espruino-esp32.noalloc.js (and the lean
// espruino-esp32-enc28j60 bundles, both builds), each inlined at the root of the script, as a
// program loads it with eval (code run from Storage is re-read from the flash file on this build, which would measure
// the file system), one build at a time, with the native checksum (E.sum) installed as on a board.
// Figures: lu per KB of TCP payload (two stacks in one process, 2 KB rings), and lu per frame for
// receiving a full-size segment and sending its ACK, sending one and taking its ACK, answering a
// 56-byte ping, echoing a 512-byte UDP datagram; plus the cable's own cost and the empty loop in ns.
// Skipped (one row) when the interpreter is not built.
import { espruinoBin, runEspruino, rootBundle, readRepo, results } from '../../interp/engines.mjs';

export const BUILDS = [
  { file: 'espruino-esp32.js', suffix: '' },
  { file: 'espruino-esp32.noalloc.js', suffix: '_noalloc' },
  // The file a user uploads (one chip, the program's API): terser treats functions with one caller
  // differently there (test/bundle/kept-calls.mjs), so it is measured too.
  { file: 'espruino-esp32-enc28j60.js', suffix: '_lean' },
  { file: 'espruino-esp32-enc28j60.noalloc.js', suffix: '_lean_noalloc' },
];
/** The figures bench.js prints, in order, and what each row says. */
export const FIGURES = [
  ['tcp', 'lu/KB', 'TCP A->B, 2 KB rings, whole loop (both polls, send, recv)'],
  ['rx_segment', 'lu/frame', "B's poll: takes a full-size segment (1448 bytes + timestamps), sends its ACK"],
  ['tx_segment', 'lu/frame', "A: send(1448) + poll emitting it + poll taking the ACK"],
  ['ping', 'lu/frame', "B's poll: takes a 56-byte echo request, sends the reply"],
  ['udp_echo', 'lu/frame', "B: poll + recvFrom + sendTo + poll, 512 bytes"],
  ['cable', 'lu/frame', 'the test cable alone: transmit 1514 B + receive + empty receive'],
  ['timer', 'lu', 'one pair of clock reads (subtracted from the per-frame figures)'],
];

/** The ES5 script: the bundle at the root (as a program loads it), the cable, the scenario, the call. */
export function benchScript(file, opts) {
  return rootBundle('tcpip', file) + readRepo('test/interp/scenarios/cable.js') + '\n' +
    readRepo('test/interp/scenarios/bench.js') + '\nbenchScenario(tcpip, ' + JSON.stringify(opts || {}) + ');\n';
}

/** Runs the scenario on one bundle; resolves to { start, figures: { name: RESULT }, done }. Throws on failure. */
export async function runBench(file, opts, timeoutMs = 600000) {
  const r = await runEspruino(benchScript(file, opts), { timeoutMs });
  const lines = results(r.out);
  const start = lines.find((x) => x.step === 'start'), done = lines.find((x) => x.step === 'done');
  if (r.timedOut || r.code !== 0 || !start || !done) {
    throw new Error('bench scenario on ' + file + (r.timedOut ? ' timed out' : ' failed (exit ' + r.code + ')') + ':\n' + r.out + r.err);
  }
  const figures = {};
  for (const x of lines) if (x.figure) figures[x.figure] = x;
  return { start, figures, done, out: r.out };
}

export default async function () {
  const title = 'Espruino (64-bit Linux build, espruino-esp32 bundles inlined, E.sum checksum; lu = empty-loop iterations)';
  if (!espruinoBin()) {
    return { title, rows: [['espruino', 'skipped', 'Espruino for Linux not built (bash .ci/run, or ../shared/vendor/*/build.sh)']], json: {} };
  }
  const rows = [], json = {};
  for (const b of BUILDS) {
    const res = await runBench(b.file, {});
    if (!res.start.nativeSum) throw new Error(b.file + ': the native checksum was not installed');
    const f = res.figures;
    let loops = [];
    for (const [name, unit, what] of FIGURES) {
      const x = f[name];
      if (!x) throw new Error(b.file + ': no figure ' + name);
      loops.push(x.loopNsBefore, x.loopNsAfter);
      rows.push([b.file + ' ' + name, x.lu, unit + ' (' + x.us + ' us; loop ' + x.loopNsBefore + ' / ' + x.loopNsAfter + ' ns) ' + what]);
      json['espruino_' + name + (name === 'tcp' ? '_lu_per_kb' : '_lu') + b.suffix] = x.lu;
    }
    const mean = loops.reduce((a, v) => a + v, 0) / loops.length;
    json['espruino_loop_ns' + b.suffix] = Math.round(mean * 10) / 10;
    json['espruino_loop_ns_min' + b.suffix] = Math.min(...loops);
    json['espruino_loop_ns_max' + b.suffix] = Math.max(...loops);
    rows.push([b.file + ' empty loop', json['espruino_loop_ns' + b.suffix],
      'ns/iteration (mean of ' + loops.length + ' measurements, ' + Math.min(...loops) + '..' + Math.max(...loops) + ')']);
  }
  return { title, rows, json };
}
