// The cold-call marking keeps the named functions as calls through terser's minification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minify } from 'terser';
import { markColdCalls } from './cold-calls.mjs';

const SRC = 'function big(a) { a.x = 1; a.y = 2; if (a.z) a.w = 3; }\n' +
  'function f(a, b) { if (b) big(a); return 1; }\nmodule.exports = f;\n';
const OPTS = { toplevel: true, compress: { passes: 3, hoist_funs: true, hoist_vars: true } };

test('a function called once stays a call when it is marked cold, and is put in line otherwise', async () => {
  const plain = (await minify(SRC, OPTS)).code;
  assert.match(plain, /&&function\(/, 'terser puts an unmarked function in line: ' + plain);
  const marked = markColdCalls(SRC, ['big']);
  assert.match(marked, /\/\*@__NOINLINE__\*\/ big\(a\)/);
  const kept = (await minify(marked, OPTS)).code;
  assert.doesNotMatch(kept, /&&function\(/, 'the marked call stays a call: ' + kept);
  assert.match(kept, /^function \w+\(\w+\)\{/, 'the function stays declared: ' + kept);
});

test('only calls by the name are marked, not methods or other names', () => {
  const out = markColdCalls('x.big(1); big(2); bigger(3);', ['big']);
  assert.equal(out, 'x.big(1); /*@__NOINLINE__*/ big(2); bigger(3);');
});
