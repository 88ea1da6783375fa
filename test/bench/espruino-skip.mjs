// What Espruino pays for text it does not run, counted by valgrind (callgrind) on the growable
// Linux build: a call whose function has 100 more tokens after an early return, the same tokens
// in an if-block not taken, and in a loop's body after a break, each against the same call
// without them, in instructions per token. Espruino reads (skips) all of a function's text at
// every call, past an early return too, so a hot function's rare code costs its callers unless
// it is a function of its own (src/ARCHITECTURE.md; test/bench/profile-espruino.mjs counts these
// tokens). `node test/bench/espruino-skip.mjs`; not part of `npm run bench` (it needs valgrind).
import * as acorn from 'acorn';
import { callgrindSections } from './callgrind.mjs';

const N = 2000;
const filler = 'a = a + 1; b = b * 2; if (a > b) { c = a - b; } else { c = b - a; } '.repeat(4);
const tokens = [...acorn.tokenizer(filler, { ecmaVersion: 5 })].length;
const cases = {
  none: 'function f() { if (x) return 1; return 2; }',
  'after a return': `function f() { if (x) return 1; ${filler} return 2; }`,
  'in a branch not taken': `function f() { if (!x) { ${filler} } return 1; }`,
  'after a break': `function f() { for (var i = 0; i < 1; i++) { if (x) break; ${filler} } return 1; }`,
  'a loop, no text after the break': 'function f() { for (var i = 0; i < 1; i++) { if (x) break; } return 1; }',
};

function instructions(fn) {
  return callgrindSections(`var a = 0, b = 1, c = 0, x = 1, k;\n${fn}\n` +
    `E.reverseByte(1); for (k = 0; k < ${N}; k++) f(); E.getAddressOf(0);\n`)[0] / N;
}

const ir = {};
for (const k of Object.keys(cases)) ir[k] = instructions(cases[k]);
console.log(`## Espruino: instructions per call, and per token of ${tokens} tokens not run`);
for (const k of Object.keys(cases)) {
  const base = k === 'after a break' ? ir['a loop, no text after the break'] : ir.none;
  const per = k === 'none' || k.startsWith('a loop') ? '' : String(Math.round((ir[k] - base) / tokens)).padStart(8) + ' per token';
  console.log(k.padEnd(34) + String(Math.round(ir[k])).padStart(9) + per);
}
