// Every bundle in dist/ must be ECMAScript 5: parse it with acorn at ecmaVersion 5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { distDir } from '../helpers/bundles.mjs';
import { usesBeforeDeclaration, describeFindings } from './declaration-order.mjs';
import { unterminatedReturns, terminateBareReturns } from './bare-return.mjs';
import { thisLedSequences } from './skipped-this.mjs';
import { collect, excerpt } from './ast.mjs';

const bundles = fs.readdirSync(distDir).filter((f) => f.endsWith('.js')).sort();

test('all ten bundles were built', () => {
  const boards = ['espruino-esp32', 'espruino-original', 'espruino-pico', 'espruino-wifi', 'node-sim'];
  for (const b of boards) {
    assert.ok(bundles.includes(b + '.js'), b + '.js missing');
    assert.ok(bundles.includes(b + '.noalloc.js'), b + '.noalloc.js missing');
  }
});

for (const f of bundles) {
  test('parses as ES5: ' + f, () => {
    const src = fs.readFileSync(path.join(distDir, f), 'utf8');
    assert.doesNotThrow(() => acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' }));
  });
}

test('the ES5 check rejects ES2015 syntax (the check itself works)', () => {
  assert.throws(() => acorn.parse('let a = () => 1;', { ecmaVersion: 5 }));
});

test('sizes.json lists every bundle with bytes and gzip', () => {
  const sizes = JSON.parse(fs.readFileSync(path.join(distDir, 'sizes.json'), 'utf8'));
  for (const f of bundles) {
    assert.ok(sizes[f], f + ' not in sizes.json');
    assert.ok(sizes[f].bytes > 0 && sizes[f].gzip > 0);
  }
});

test('each bundle carries only its own build path', () => {
  for (const f of bundles) {
    const src = fs.readFileSync(path.join(distDir, f), 'utf8');
    assert.ok(!/NO_ALLOC/.test(src), f + ' still names NO_ALLOC');
  }
});

// Espruino's RegExp lacks the {n,m} and ? quantifiers (checked on the 2v29 Linux build: /^1?$/ does
// not match "1"); Duktape and Node have them, so only this check catches such a literal.
function espruinoRegexProblems(src) {
  const found = [];
  acorn.parse(src, {
    ecmaVersion: 5,
    onToken(t) {
      if (t.type.label !== 'regexp') return;
      const body = t.value.pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, 'C');
      if (/\{\d*,?\d*\}|\?/.test(body)) found.push('/' + t.value.pattern + '/');
    },
  });
  return found;
}

test('the RegExp check finds {n,m} and ? quantifiers (the check itself works)', () => {
  assert.deepEqual(espruinoRegexProblems('var a = /^[0-9]{1,3}$/, b = /x?/, c = /[?{]+\\?/;'), ['/^[0-9]{1,3}$/', '/x?/']);
});

for (const f of bundles) {
  test('no RegExp quantifier Espruino lacks: ' + f, () => {
    const src = fs.readFileSync(path.join(distDir, f), 'utf8');
    assert.deepEqual(espruinoRegexProblems(src), []);
  });
}

// Espruino throws "Assignment to a constant" when an array's length is assigned (a.length = 0),
// checked on the 2v29 Linux build; Node and Duktape allow it. The stack's own objects may keep a
// `length` field (this.length) or method (X.prototype.length), so only other assignments are flagged.
function lengthAssignments(src) {
  return collect(src, (n) => (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && !n.left.computed &&
    n.left.property.name === 'length' && n.left.object.type !== 'ThisExpression' &&
    !(n.left.object.type === 'MemberExpression' && n.left.object.property.name === 'prototype') ? excerpt(src, n) : undefined));
}

test('the length-assignment check finds a.length = 0 (the check itself works)', () => {
  assert.deepEqual(lengthAssignments('var a = [1]; a.length = 0; function R() { this.length = 0; } R.prototype.length = function () {};'), ['a.length = 0']);
});

for (const f of bundles) {
  test('no assignment to an array length (Espruino refuses it): ' + f, () => {
    assert.deepEqual(lengthAssignments(fs.readFileSync(path.join(distDir, f), 'utf8')), []);
  });
}

// Espruino does not hoist (a `var` takes effect when its statement runs, a function declaration when
// its statement has run): the build fails on such a use, and this checks every bundle again.
test('the use-before-declaration check finds late var and function declarations (the check itself works)', () => {
  const src = 'var n = 1; function f(s) { for (;;) if ((n = s)) return n; return null; var n }\n' +
    'g(); function g() { try { h(); } catch (e) { e = 1; } var e; }\n' +
    'function k(a) { a = 2; var a; return function m() { return m; }; }';
  const found = usesBeforeDeclaration(src).map((f) => f.kind + ' ' + f.name + '@' + f.use);
  assert.deepEqual(found, ['function g@80', 'var n@41', 'var n@56']);
});

for (const f of bundles) {
  test('no identifier used before its declaration (Espruino does not hoist): ' + f, () => {
    const src = fs.readFileSync(path.join(distDir, f), 'utf8');
    assert.deepEqual(describeFindings(src, usesBeforeDeclaration(src)), []);
  });
}

// Espruino 2v29 throws "Unexpected end of Input" on a value-less return that ends a function body
// without a semicolon (`function f(){a();return}`); the build adds the semicolon to every such return.
test('value-less returns get their semicolon (the fix and the check themselves work)', () => {
  const src = 'function f(a){if(a)return}function g(){for(;;)if(1)return;return}function h(){return 1}';
  assert.equal(unterminatedReturns(src).length, 2);
  const fixed = terminateBareReturns(src);
  assert.equal(fixed, 'function f(a){if(a)return;}function g(){for(;;)if(1)return;return;}function h(){return 1}');
  assert.deepEqual(unterminatedReturns(fixed), []);
});

for (const f of bundles) {
  test('every value-less return ends with a semicolon (Espruino needs it): ' + f, () => {
    assert.deepEqual(unterminatedReturns(fs.readFileSync(path.join(distDir, f), 'utf8')), []);
  });
}

// Espruino 2v29 turns `this` into a string for each `this`-led element of a parenthesized comma
// expression that it skips (skipped-this.mjs): some 28,000 machine instructions each, 50 loop units
// per KB of the TCP bench with terser's sequences. The build keeps them out.
test('the check finds this-led elements of parenthesized comma expressions, and only those (the check itself works)', () => {
  const src = 'function f(a){a&&(this.a=1,this.b=2);if(a)x=(this.a,1);y=(-this.a,2);a||(this.n++,z=1);' +
    'b=(this.f(),1);c=(typeof this.a,1);d=(x=1,this.a);this.a=1,this.b=2;for(this.i=0,j=0;;)break;return this.a,1}';
  assert.deepEqual(thisLedSequences(src), ['this.a=1,this.b=2', 'this.a,1', '-this.a,2', 'this.n++,z=1']);
});

for (const f of bundles) {
  test('no this-led comma expression in parentheses (slow on Espruino when skipped): ' + f, () => {
    assert.deepEqual(thisLedSequences(fs.readFileSync(path.join(distDir, f), 'utf8')), []);
  });
}

// Espruino 2v29 reads Array.prototype.slice (and every other Array method) as undefined through
// Array.prototype, though [].slice works: `Array.prototype.slice.call(x)` throws "Can't read property
// 'call' of undefined" (checked on the Linux build). TypeScript's spread helper is written that way.
function arrayPrototypeReads(src) {
  return collect(src, (n) => (n.type === 'MemberExpression' && n.object.type === 'MemberExpression' && !n.object.computed &&
    n.object.object.type === 'Identifier' && n.object.object.name === 'Array' && n.object.property.name === 'prototype' ? excerpt(src, n) : undefined));
}

test('the Array.prototype check finds a method read through it (the check itself works)', () => {
  assert.deepEqual(arrayPrototypeReads('var a = Array.prototype.slice.call(x); var b = [].slice.call(x); Array.isArray(b);'), ['Array.prototype.slice']);
});

for (const f of bundles) {
  test('no Array method read through Array.prototype (Espruino has none there): ' + f, () => {
    assert.deepEqual(arrayPrototypeReads(fs.readFileSync(path.join(distDir, f), 'utf8')), []);
  });
}
