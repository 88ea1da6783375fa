// What Espruino does with typed arrays where it differs from a standard engine, and what the
// stack's copies and checksums rely on or keep away from (src/ARCHITECTURE.md, "ES5 and the
// interpreters"). Should a new Espruino change one of these, the code that depends on it is named
// in the assertion's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { espruinoFacts, skipEspruino } from './engines.mjs';

const script = `
var a = new Uint8Array(64), b = new Uint8Array(64), i, out = {};
for (i = 0; i < 64; i++) a[i] = (i * 97 + 13) & 255;
// 1. A Uint32Array may view any byte offset (the standard throws a RangeError).
try { new Uint32Array(a.buffer, 3, 2); out.unaligned = true; } catch (e) { out.unaligned = false; }
// 2. set() between unaligned word views copies every bit, words of 2^31 and more included.
new Uint32Array(b.buffer, 5, 12).set(new Uint32Array(a.buffer, 3, 12));
out.copied = true;
for (i = 0; i < 64; i++) if (b[i] !== (i >= 5 && i < 53 ? a[i - 2] : 0)) out.copied = false;
// 3. E.sum over a Uint32Array adds a word of 2^31 or more as a negative number.
var f = new Uint8Array(8); f.fill(255);
out.sumWords = E.sum(new Uint32Array(f.buffer, 0, 2));
out.sumHalves = E.sum(new Uint16Array(f.buffer, 0, 4));
// 4. == and === between typed arrays compare contents (as strings), not identity.
var c = new Uint8Array(64), d = new Uint8Array(64);
out.sameBytesEqual = c === d;
d[63] = 1;
out.otherBytesEqual = c === d;
out.nullEqual = c === null;
print("RESULT " + JSON.stringify(out));
`;

test('Espruino typed arrays: unaligned word views copy exactly; E.sum reads words of 2^31 and more as negative; === compares contents', { skip: skipEspruino }, async () => {
  const facts = await espruinoFacts(script);
  assert.equal(facts.unaligned, true, 'copyByViews (src/storage/copy.ts) tests for unaligned views before it copies by words');
  assert.equal(facts.copied, true, 'copyWords (src/storage/copy.ts) copies through unaligned Uint32Array views');
  assert.equal(facts.sumWords, -2, 'E.sum over 32-bit words: boards/shim/native-sum.ts stays on 16-bit words because this was -2, not 8589934590');
  assert.equal(facts.sumHalves, 4 * 65535, 'E.sum over 16-bit words, as boards/shim/native-sum.ts uses it');
  assert.equal(facts.sameBytesEqual, true, 'two distinct typed arrays with the same bytes are === on Espruino: test/bundle/typed-array-equality.test.mjs keeps the sources from comparing typed arrays');
  assert.equal(facts.otherBytesEqual, false);
  assert.equal(facts.nullEqual, false, 'a typed array compared with null, as the sources may do');
});
