// Deterministic cost of the Espruino bench figures: machine instructions counted by valgrind
// (callgrind), which the load of a shared machine does not move, where `npm run bench espruino`
// (wall time) moves by 10 % and more. Not part of `npm run bench` (it needs valgrind, and takes a
// minute or two per bundle). `node test/bench/ir-espruino.mjs [bundle ...] [--reps N]` (default:
// dist/espruino-esp32.js and .noalloc.js and the lean espruino-esp32-enc28j60 bundles, 5 reps).
//
// The bench scenario (test/interp/scenarios/bench.js; the bundle at the root, as parts/espruino.mjs
// runs it) runs with a probe whose on() and off() mark
// each timed section for callgrind (callgrind.mjs). A first section
// times 20,000 iterations of an empty loop. Printed per figure: instructions per unit (kIr), and
// loop units computed with a fixed loop cost (LOOP_IR, the empty loop of the growable 64-bit build;
// the measured one is printed too, it moves by about 1 % with the bundle's layout).
import path from 'node:path';
import { rootBundle, readRepo } from '../interp/engines.mjs';
import { root } from '../helpers/bundles.mjs';
import { callgrindSections, LOOP_IR } from './callgrind.mjs';

const args = process.argv.slice(2);
const ri = args.indexOf('--reps');
const reps = ri >= 0 ? +args[ri + 1] : 5, warm = 2, KB = 8;
let files = args.filter((a, i) => !a.startsWith('--') && (ri < 0 || i !== ri + 1));
if (!files.length) files = ['dist/espruino-esp32.js', 'dist/espruino-esp32.noalloc.js', 'dist/espruino-esp32-enc28j60.js', 'dist/espruino-esp32-enc28j60.noalloc.js'].map((f) => path.join(root, f));

function measure(file) {
  const probe = `{ cur: '', figure: function (name) { this.cur = name; },
    on: function () { if (this.cur !== 'timer' && this.cur !== 'cable') E.reverseByte(1); },
    off: function () { if (this.cur !== 'timer' && this.cur !== 'cable') E.getAddressOf(0); }, done: function () {} }`;
  const secs = callgrindSections(rootBundle('tcpip', path.resolve(file)) + readRepo('test/interp/scenarios/cable.js') + '\n' +
    readRepo('test/interp/scenarios/bench.js') + `\nvar P = ${probe};\nvar LI; E.reverseByte(1); for (LI = 0; LI < 20000; LI++) {} E.getAddressOf(0);\n` +
    `benchScenario(tcpip, { tcpKB: ${KB}, warmKB: 2, reps: ${reps}, warm: ${warm}, loop: 100, probe: P });\n`);
  // Sections in order: the loop; tcp (one); rx_segment; tx_segment (two a rep); ping; udp_echo.
  const loop = secs.shift() / 20000, out = { loopIr: Math.round(loop) };
  out.tcp = secs.shift() / KB;
  let i = 0;
  for (const [name, per] of [['rx_segment', 1], ['tx_segment', 2], ['ping', 1], ['udp_echo', 1]]) {
    const n = (warm + reps) * per;
    out[name] = secs.slice(i + warm * per, i + n).reduce((a, v) => a + v, 0) / reps;
    i += n;
  }
  return out;
}

for (const f of files) {
  const m = measure(f);
  console.log('\n## ' + path.basename(f) + ' (empty loop ' + m.loopIr + ' instructions; lu at ' + LOOP_IR + ')');
  for (const k of ['tcp', 'rx_segment', 'tx_segment', 'ping', 'udp_echo']) {
    console.log(k.padEnd(11) + String(Math.round(m[k] / 1000)).padStart(9) + ' kIr' + String(Math.round(m[k] / LOOP_IR * 10) / 10).padStart(9) +
      ' lu per ' + (k === 'tcp' ? 'KB' : 'frame'));
  }
}
