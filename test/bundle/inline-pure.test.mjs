// The build's inlining of small pure functions (test/bundle/inline-pure.mjs): what it inlines, and
// that a program computes the same before and after, arguments with effects included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { inlinePure } from './inline-pure.mjs';

const run = (src) => vm.runInNewContext(src + '\n;out', { out: [] });

test('a small pure helper is inlined at its call sites, with its arguments in parentheses', () => {
  const src = 'function seqLt(a, b) { return ((a - b) | 0) < 0; }\nvar x = 1, y = 5;\nout.push(seqLt(x + 1, y), seqLt(y, x));';
  const got = inlinePure(src);
  assert.equal((got.match(/seqLt\(/g) || []).length, 1, 'only the declaration is left: ' + got);
  assert.match(got, /\(\(\(\(x \+ 1\) - \(y\)\) \| 0\) < 0\)/);
  assert.deepEqual(run(got), run(src));
});

test('nested calls are inlined from the inside out', () => {
  const src = 'function add(a, n) { return (a + n) >>> 0; }\nfunction lt(a, b) { return ((a - b) | 0) < 0; }\nout.push(lt(add(4294967295, 2), add(0, 3)));';
  const got = inlinePure(src);
  assert.doesNotMatch(got.slice(got.indexOf('out.push')), /add\(|lt\(/);
  assert.deepEqual(run(got), run(src));
});

test('an argument with an effect is never evaluated twice, dropped or reordered', () => {
  const src = [
    'function twice(a) { return a + a; }',
    'function first(a, b) { return a; }',
    'function swap(a, b) { return b - a; }',
    'function ordered(a, b) { return a - b; }',
    'var n = 0; function tick() { n++; out.push("t" + n); return n; }',
    'out.push(twice(tick()), first(1, tick()), swap(tick(), tick()), ordered(tick(), tick()), n);',
  ].join('\n');
  const got = inlinePure(src);
  assert.match(got, /twice\(tick\(\)\)/, 'a used twice: not inlined');
  assert.match(got, /first\(1, tick\(\)\)/, 'b unused: not inlined');
  assert.match(got, /swap\(tick\(\), tick\(\)\)/, 'parameters read out of order: not inlined');
  assert.doesNotMatch(got, /ordered\(tick/, 'each parameter read once, in order: inlined');
  assert.deepEqual(run(got), run(src));
});

test('not inlined: a shadowed name, a body that reads other names, calls or creates, a long body', () => {
  const src = [
    'function f(a) { return a + 1; }',
    'function g() { var f = 3; return f; }',
    'var k = 2; function h(a) { return a + k; }',
    'function c(a) { return String(a); }',
    'function o(a) { return { v: a }; }',
    'function m(a) { return Math.floor(a / 2); }',
    'function long(a) { return a + 1111111111 + 2222222222 + 3333333333 + 4444444444 + 5555555555 + 666; }',
    'out.push(f(1), g(), h(1), c(1), o(1).v, m(7), long(0));',
  ].join('\n');
  const got = inlinePure(src);
  const call = got.slice(got.indexOf('out.push'));
  for (const name of ['f(1)', 'h(1)', 'c(1)', 'o(1)', 'long(0)']) assert.ok(call.indexOf(name) >= 0, name + ' stays a call: ' + call);
  assert.ok(call.indexOf('m(7)') < 0, 'Math.floor is allowed: ' + call);
  assert.deepEqual(run(got), run(src));
});
