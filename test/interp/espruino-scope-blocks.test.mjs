// An Espruino fact the build works with (test/bundle/flatten-classes.mjs, src/ARCHITECTURE.md):
// a function keeps the scopes it was made in, as one reference when that is a single scope and as
// a copy of the whole chain (an array: a block, a block per scope and one for the name) when there
// are more. TypeScript's ES5 classes make their methods inside a wrapper function, one scope deeper
// than the module's top level: three blocks a method more, which is why the build takes the
// wrappers away. Should a new Espruino share the chain, that step would only be worth its speed.
// A function made at the root keeps no scope at all, a block less again: why README loads the
// bundle at the root, its names behind one object (test/bundle/namespace.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { espruinoFacts, skipEspruino } from './engines.mjs';

const script = `
function usage() { process.memory(); return process.memory().usage; }
var variants = {
  oneScope: function (n) { var fs = []; for (var i = 0; i < n; i++) fs.push(function () { return 1; }); return fs; },
  twoScopes: function (n) { return (function () { var fs = []; for (var i = 0; i < n; i++) fs.push(function () { return 1; }); return fs; })(); },
  threeScopes: function (n) { return (function () { return (function () { var fs = []; for (var i = 0; i < n; i++) fs.push(function () { return 1; }); return fs; })(); })(); }
};
var out = {}, keep = [], k, a, b, c;
// A first call of each, unmeasured: what only a first call makes stays out of the difference.
for (k in variants) keep.push(variants[k](1));
for (k in variants) {
  a = usage(); keep.push(variants[k](10)); b = usage(); keep.push(variants[k](30)); c = usage();
  out[k] = ((c - b) - (b - a)) / 20;
}
// Made at the root (no scope at all), kept in an array as the variants keep theirs.
var fs0 = [], i;
a = usage(); for (i = 0; i < 10; i++) fs0.push(function () { return 1; }); b = usage();
for (i = 0; i < 30; i++) fs0.push(function () { return 1; }); c = usage();
out.root = ((c - b) - (b - a)) / 20;
print("RESULT " + JSON.stringify(out));
`;

test('Espruino keeps a copy of the scope chain in each function made below one scope: blocks per function', { skip: skipEspruino }, async () => {
  const facts = await espruinoFacts(script);
  assert.equal(facts.twoScopes - facts.oneScope, 3, 'two scopes: an array of two more than one scope (' + JSON.stringify(facts) + ')');
  assert.equal(facts.threeScopes - facts.twoScopes, 1, 'one block per further scope (' + JSON.stringify(facts) + ')');
  // A Storage module's top level is one scope; the root is none (about 340 blocks on the WiFi's
  // bundle, src/ARCHITECTURE.md).
  assert.equal(facts.oneScope - facts.root, 1, 'one scope: a reference more than none (' + JSON.stringify(facts) + ')');
});
