// The namespace step (test/bundle/namespace.mjs): the rewritten script computes what the original
// does, loaded as a module and evaluated at the root, and every name a function declares keeps
// hiding the top-level one of the same name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as acorn from 'acorn';
import fs from 'node:fs';
import path from 'node:path';
import { toNamespace, NAMESPACE } from './namespace.mjs';
import { distDir } from '../helpers/bundles.mjs';

const SRC = `"use strict";
var count = 0, unset, list = [];
function add(n) { count += n; list.push(n); return count; }
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
function Counter(start) { this.v = start; }
Counter.prototype.bump = function () { this.v = add(this.v); return this; };
function shadows(count, list) {
  var add = function (x) { return x * 100; };
  function fact() { return 'inner'; }
  var named = function unset() { return typeof unset; };
  try { throw 7; } catch (count) { list = count; }
  return [count, list, add(2), fact(), named(), typeof unset];
}
function outer() {
  var r = [];
  loop: for (var i = 0; i < 3; i++) { if (i === 2) break loop; r.push(add(i)); }
  return r.concat([count]);
}
for (var k in { a: 1, b: 2 }) list.push(k);
var kept = 3;
var kept, fresh;
exports.add = add;
exports.result = function () {
  return { fact: fact(5), counter: new Counter(3).bump().v, shadows: shadows(1, 2), outer: outer(), count: count, list: list.join(), unset: typeof unset, kept: kept, fresh: typeof fresh, ctor: new Counter(1) instanceof Counter };
};
`;

function asModule(src) {
  const exports = {};
  vm.runInNewContext('(function (exports) {' + src + '\n})(exports);', { exports });
  return exports;
}

test('the rewritten script computes what the original does, as a module and at the root', () => {
  const out = toNamespace(SRC);
  assert.match(out, /^"use strict";\nvar _\$ = /, 'the directive stays first, the namespace comes next');
  assert.deepEqual(acorn.parse(out, { ecmaVersion: 5 }).body.filter((st) => /Declaration$/.test(st.type)).map((st) => st.declarations[0].id.name), [NAMESPACE],
    'the namespace is the one name the top level declares');
  // JSON: the results come from other contexts (their own Array and Object).
  const plain = (x) => JSON.parse(JSON.stringify(x));
  const want = plain(asModule(SRC).result());
  assert.deepEqual(plain(asModule(out).result()), want, 'as a module');
  const ctx = vm.createContext({});
  const exported = vm.runInContext(out, ctx);
  assert.deepEqual(plain(exported.result()), want, 'evaluated at the root, the script ends with its exports');
  assert.deepEqual(Object.keys(ctx).sort(), [NAMESPACE], 'at the root it adds one name');
  assert.equal(want.shadows.join(), '1,7,200,inner,function,undefined', 'the case itself shadows each way');
});

test('what the rewrite cannot keep is refused', () => {
  assert.throws(() => toNamespace('module.exports = 1;'), /module/);
  assert.throws(() => toNamespace('var _$ = 1;'), /_\$/);
  assert.throws(() => toNamespace('var a = 1;\nexports.f = function (_$) { return a; };'), /_\$/, 'a parameter of that name would hide it');
  assert.throws(() => toNamespace('function f() { return this; }\nexports.g = function () { return f(); };'), /f\(\) reads `this`/);
  assert.doesNotThrow(() => toNamespace('function F() { this.a = 1; }\nexports.g = function () { return new F(); };'), 'a constructor may read this');
});

test('every Espruino bundle holds one top-level name and ends with its exports', () => {
  const files = fs.readdirSync(distDir).filter((f) => /^espruino-.*\.js$/.test(f));
  assert.ok(files.length >= 8, 'the Espruino bundles are built (npm run build)');
  for (const f of files) {
    const src = fs.readFileSync(path.join(distDir, f), 'utf8');
    assert.match(src, /^"use strict";\nvar _\$ = \{ exports: /, f);
    assert.ok(src.endsWith('\n_$.exports;\n'), f + ' ends with its exports');
    const declared = acorn.parse(src, { ecmaVersion: 5 }).body.filter((st) => st.type === 'FunctionDeclaration' || st.type === 'VariableDeclaration');
    assert.equal(declared.length, 1, f + ': nothing else declared at the top level');
  }
});
