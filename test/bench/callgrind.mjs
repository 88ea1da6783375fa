// Runs a script on the growable Linux build of Espruino under valgrind (callgrind) and returns the
// instructions of each section the script marks: it calls E.reverseByte(1) where a section starts
// and E.getAddressOf(0) where it ends (two native functions the stack never calls); callgrind dumps
// its counts before each, so a dump taken at the end holds exactly one section. Used by
// ir-espruino.mjs and espruino-skip.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { espruinoBin } from '../interp/engines.mjs';

/** Instructions of one iteration of an empty `for` loop on the growable 64-bit build: the loop unit
 *  of the figures computed from instruction counts. */
export const LOOP_IR = 16566;

/** Instructions of each marked section of `script` (main.js), in order. */
export function callgrindSections(script) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callgrind-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.js'), script);
    execFileSync('valgrind', ['--tool=callgrind', '--dump-instr=no', '--dump-before=jswrap_espruino_reverseByte',
      '--dump-before=jswrap_espruino_getAddressOf', '--callgrind-out-file=' + path.join(dir, 'cg.out'), espruinoBin(), 'main.js'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
    return fs.readdirSync(dir).filter((f) => /^cg\.out\.\d+$/.test(f)).sort((a, b) => +a.split('.').pop() - +b.split('.').pop())
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .filter((t) => /Trigger: .*getAddressOf/.test(t)).map((t) => +/(?:summary|totals): (\d+)/.exec(t)[1]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
