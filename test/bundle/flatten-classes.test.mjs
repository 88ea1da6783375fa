// The build's removal of TypeScript's class wrappers (test/bundle/flatten-classes.mjs): classes as
// this project's TypeScript writes them lose their wrappers and behave the same; a class is left
// wrapped when a name could change its meaning; an unused class goes; the build's check finds a
// method made inside a function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import ts from 'typescript';
import { flattenClasses, nestedMethods } from './flatten-classes.mjs';

// Compiled as the build compiles (tsconfig.json: ES5), with the helpers written out instead of
// imported from tslib.
function compile(source) {
  return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, removeComments: true, noEmitHelpers: false } }).outputText;
}

const CLASSES = `
var out: any[] = [];
class Base {
  n: number;
  constructor(n: number) { this.n = n; }
  get2(): number { return this.n * 2; }
  static make(n: number): Base { return new Base(n); }
}
class Derived extends Base {
  k: number;
  constructor(n: number, k: number) { super(n); this.k = k; }
  get2(): number { return super.get2() + this.k; }
  sum(a: number): number { var f = function (x: number) { return x + 1; }; return f(a) + this.n; }
}
var d = new Derived(3, 4);
out.push(d.get2(), d.sum(10), d instanceof Base, d instanceof Derived, Base.make(5).get2(), Object.keys(Derived.prototype).join());
`;

const run = (src) => JSON.parse(JSON.stringify(vm.runInNewContext(src + '\n;out', {})));

test('TypeScript\'s ES5 classes lose their wrappers and compute the same', () => {
  const src = compile(CLASSES);
  assert.match(src, /var Derived = \(function \(_super\) \{/, 'the form this step expects from TypeScript');
  const got = flattenClasses(src);
  assert.doesNotMatch(got, /\(function \(_super\)/, 'no wrapper left: ' + got);
  assert.match(got, /__extends\(Derived, Base\);/, '_super is the base class by name');
  assert.match(got, /Base\.prototype\.get2\.call\(this\)/);
  assert.equal(nestedMethods(got).length, 0);
  assert.ok(nestedMethods(src).length >= 3, 'the wrapped methods are found');
  assert.deepEqual(run(got), run(src));
  assert.deepEqual(run(got), [10, 14, true, true, 10, 'constructor,get2,sum']);
});

test('a class stays wrapped when moving its names to the top level could change what a name means', () => {
  const shadowBase = compile(`
    var out: any[] = [];
    class Base { f(): number { return 1; } }
    class D extends Base { g(Base: number): number { return Base + 1; } }
    out.push(new D().g(5), new D().f());`);
  const a = flattenClasses(shadowBase);
  assert.match(a, /var D = \(function \(_super\)/, 'the base\'s name is a parameter inside: left wrapped');
  assert.match(a, /var Base = \(function \(\)/, 'Base\'s name is declared again (g\'s parameter): Base stays wrapped too');
  assert.deepEqual(run(a), [6, 1]);

  const twice = compile(`
    var out: any[] = [];
    class C { f(): number { return 2; } }
    function other(C: number) { return C * 3; }
    out.push(new C().f(), other(4));`);
  const b = flattenClasses(twice);
  assert.match(b, /var C = \(function \(\)/, 'the class\'s name declared elsewhere: left wrapped');
  assert.deepEqual(run(b), [2, 12]);

  const extraVar = [
    'var out = [];',
    'var K = (function () { var shared = 7; function K() {} K.prototype.f = function () { return shared; }; return K; }());',
    'var shared = 1; out.push(new K().f(), shared);',
  ].join('\n');
  const c = flattenClasses(extraVar);
  assert.equal(c, extraVar, 'a variable of the wrapper would move to the top level: left wrapped');
  assert.deepEqual(run(c), [7, 1]);
});

test('the wrapper of a class nothing uses goes, unless it does more than make the class', () => {
  const unused = compile(`
    var out: any[] = [];
    class Base { f(): number { return 1; } }
    class Unused extends Base { g(): number { return 2; } }
    out.push(new Base().f());`).replace(/var Unused = /, '');
  assert.match(unused, /\n\(function \(_super\)/, 'the bare wrapper rollup leaves of an unused class');
  const got = flattenClasses(unused);
  assert.doesNotMatch(got, /Unused/, 'gone: ' + got);
  assert.deepEqual(run(got), [1]);

  const effect = 'var out = [];\n(function () { function U() {} out.push("made"); U.prototype.f = function () {}; return U; }());';
  assert.equal(flattenClasses(effect), effect, 'a statement with an effect: left');
  assert.deepEqual(run(flattenClasses(effect)), ['made']);
});

test('nestedMethods finds a prototype method made inside a function, not one at the top level', () => {
  const found = nestedMethods('function A() {}\nA.prototype.f = function () {};\nfunction make() { function B() {} B.prototype.g = function () {}; return B; }');
  assert.deepEqual(found.map((f) => f.text), ['B.prototype.g = function () {}']);
});
