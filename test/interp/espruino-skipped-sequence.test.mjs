// An Espruino difference the build works around (test/bundle/skipped-this.mjs, src/ARCHITECTURE.md):
// in code it skips, Espruino 2v29 evaluates a `this`-led element of a parenthesized comma
// expression to the `this` object and converts it to a string, as a possible arrow function's
// parameter name. The conversion calls the object's own toString(), so it shows: a standard engine
// calls it never. Should a new Espruino stop doing this, the build's `sequences: false`
// (rollup.config.mjs) may go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { espruinoFacts, skipEspruino } from './engines.mjs';

const script = `
var calls = 0, skip = false, x;
function T() { this.a = 0; this.b = 0; }
T.prototype.toString = function () { calls++; return 'T'; };
T.prototype.f = function () { return 0; };
var forms = {
  skippedAnd: function () { skip && (this.a = 1, this.b = 2); },
  skippedIf: function () { if (skip) x = (this.a, 1); },
  skippedTernary: function () { x = skip ? (this.a = 1, 2) : 0; },
  threeElements: function () { skip && (this.a = 1, this.b = 2, x = 3); },
  run: function () { !skip && (this.a = 1, this.b = 2); },
  call: function () { skip && (this.f(), x = 1); },
  statements: function () { if (skip) { this.a = 1; this.b = 2; } }
};
var out = {}, k;
for (k in forms) { calls = 0; T.prototype.g = forms[k]; new T().g(); out[k] = calls; }
print("RESULT " + JSON.stringify(out));
`;

test('Espruino converts `this` to a string for each this-led element of a skipped comma expression in parentheses', { skip: skipEspruino }, async () => {
  const facts = await espruinoFacts(script);
  assert.deepEqual(facts, { skippedAnd: 1, skippedIf: 1, skippedTernary: 1, threeElements: 2, run: 0, call: 0, statements: 0 },
    'toString() calls per form; the build turns terser\'s sequences off because skipped forms call it (test/bundle/skipped-this.mjs)');
});
