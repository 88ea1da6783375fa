// The kept-call marking keeps the named functions as calls through terser's minification, and no
// lean bundle makes a function object on the per-packet paths (a function put in line by terser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minify } from 'terser';
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { markKeptCalls } from './kept-calls.mjs';
import { children } from './ast.mjs';
import { distDir } from '../helpers/bundles.mjs';

const SRC = 'function big(a) { a.x = 1; a.y = 2; if (a.z) a.w = 3; }\n' +
  'function f(a, b) { if (b) big(a); return 1; }\nmodule.exports = f;\n';
const OPTS = { toplevel: true, compress: { passes: 3, hoist_funs: true, hoist_vars: true } };

test('a function called once stays a call when it is marked, and is put in line otherwise', async () => {
  const plain = (await minify(SRC, OPTS)).code;
  assert.match(plain, /&&function\(/, 'terser puts an unmarked function in line: ' + plain);
  const marked = markKeptCalls(SRC, ['big']);
  assert.match(marked, /\/\*@__NOINLINE__\*\/ big\(a\)/);
  const kept = (await minify(marked, OPTS)).code;
  assert.doesNotMatch(kept, /&&function\(/, 'the marked call stays a call: ' + kept);
  assert.match(kept, /^function \w+\(\w+\)\{/, 'the function stays declared: ' + kept);
});

test('only calls by the name are marked, not methods or other names', () => {
  const out = markKeptCalls('x.big(1); big(2); bigger(3);', ['big']);
  assert.equal(out, 'x.big(1); /*@__NOINLINE__*/ big(2); bigger(3);');
});

// The methods every frame or segment runs through, by their public names (kept in every bundle).
const PER_PACKET_METHODS = ['processEthernet', 'processArp', 'processIpv4', 'processIcmp', 'processUdp', 'processTcp', 'emit', 'poll'];

/** Function expressions inside the named prototype methods of a bundle: ['method: text'...]. */
function functionsMadeIn(src, methods) {
  const found = [];
  (function walk(n, inMethod) {
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && !n.left.computed &&
        methods.indexOf(n.left.property.name) >= 0 && n.right.type === 'FunctionExpression') {
      walk(n.right.body, n.left.property.name);
      return;
    }
    if (inMethod && (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration')) found.push(inMethod + ': ' + src.slice(n.start, n.start + 50));
    children(n, (c) => walk(c, inMethod));
  })(acorn.parse(src, { ecmaVersion: 5 }), null);
  return found;
}

test('no bundle makes a function object on the per-packet paths', () => {
  const files = fs.readdirSync(distDir).filter((f) => /^espruino-.*\.js$/.test(f));
  assert.ok(files.length >= 8, 'the Espruino bundles are built (npm run build): ' + files.length);
  for (const f of files) {
    const src = fs.readFileSync(path.join(distDir, f), 'utf8');
    assert.ok(/\.processTcp=function/.test(src), f + ': the methods are found by name');
    assert.deepEqual(functionsMadeIn(src, PER_PACKET_METHODS), [], f + ': a function put in line on a per-packet path (test/bundle/kept-calls.mjs)');
  }
});

test('the check finds a function put in line in a method', () => {
  const src = 'function P() {}\nP.prototype.processIpv4 = function (b) { var r = function (x) { return x + 1; }(b); return r; };\nP.prototype.other = function () { return function () {}; };';
  assert.equal(functionsMadeIn(src, PER_PACKET_METHODS).length, 1);
});
