// How low two per-frame figures of the Espruino bench can go at all: the stack's own poll next to a
// floor, a receiver written for that one frame with only the checks a host must make
// (test/bench/floors.js), and next to what the bench's cable alone costs (its device receive and
// transmit). Machine instructions by callgrind (callgrind.mjs), in loop units at a fixed loop cost
// (LOOP_IR). Not part of `npm run bench` (needs valgrind; about a minute a bundle).
// `node test/bench/floor-espruino.mjs [bundle ...] [--reps N]` (default: the lean espruino-esp32
// ENC28J60 bundles of both builds, 6 reps).
import fs from 'node:fs';
import path from 'node:path';
import { rootBundle, readRepo } from '../interp/engines.mjs';
import { root } from '../helpers/bundles.mjs';
import { callgrindSections, LOOP_IR } from './callgrind.mjs';

const args = process.argv.slice(2);
const ri = args.indexOf('--reps');
const reps = ri >= 0 ? +args[ri + 1] : 6;
let files = args.filter((a, i) => !a.startsWith('--') && (ri < 0 || i !== ri + 1));
if (!files.length) files = ['dist/espruino-esp32-enc28j60.js', 'dist/espruino-esp32-enc28j60.noalloc.js'].map((f) => path.join(root, f));
// Issue 13's per-frame goals (a third of the figures when it was filed).
const GOALS = { ping: 203, rx_segment: 373 };

for (const f of files) {
  const mark = 'function (on) { if (on) E.reverseByte(1); else E.getAddressOf(0); }';
  const secs = callgrindSections(rootBundle('tcpip', path.resolve(f)) + readRepo('test/interp/scenarios/cable.js') + '\n' +
    fs.readFileSync(path.join(root, 'test/bench/floors.js'), 'utf8') + `\nfloorScenario(tcpip, ${reps}, ${mark});\n`);
  if (secs.length !== 2 * 3 * reps) throw new Error(path.basename(f) + ': ' + secs.length + ' timed sections, expected ' + 2 * 3 * reps);
  console.log('\n## ' + path.basename(f) + ' (loop units per frame)\n');
  console.log('| figure | the stack | floor | the cable alone | goal |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  ['ping', 'rx_segment'].forEach((name, i) => {
    const lu = (k) => {
      const part = secs.slice((3 * i + k) * reps, (3 * i + k + 1) * reps);
      return (part.reduce((a, v) => a + v, 0) / reps / LOOP_IR).toFixed(1);
    };
    console.log('| ' + name + ' | ' + lu(0) + ' | ' + lu(1) + ' | ' + lu(2) + ' | ' + GOALS[name] + ' |');
  });
}
