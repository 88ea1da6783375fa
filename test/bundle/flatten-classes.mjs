// Build step: TypeScript's ES5 classes lose their wrapping function.
// TypeScript writes a class as `var X = (function (_super) { __extends(X, _super); function X() {...}
// X.prototype.m = function () {...}; return X; }(Base));`. On Espruino every function keeps the
// scopes it was made in: a function made at a module's top level keeps the module's scope itself
// (one block), one made inside the wrapper keeps a copy of the two-scope chain (an array: four
// blocks), and every call of it copies that array again. A bundle's methods are most of its
// functions, so the wrapper costs about three blocks per method while the bundle is loaded, and
// an allocation and a scope to search on every call. This step writes the wrapper's statements at
// the top level instead, with `_super` replaced by the base class's name. A class is left as it is
// when that could change what a name means: the class's name or the base's declared anywhere else,
// `_super` or a name of the body declared again inside it, or a statement other than the
// constructor, `__extends`, assignments and the final `return X`.
import * as acorn from 'acorn';
import { children, isReference, declarations } from './ast.mjs';

/** The class wrapper of a top-level statement, or null: { name, param, base, body, fn, unused }.
 *  unused: the statement is the bare call (rollup keeps the wrapper of a class nothing uses). */
function wrapper(stmt) {
  let call, name = null;
  if (stmt.type === 'VariableDeclaration' && stmt.declarations.length === 1) {
    call = stmt.declarations[0].init;
    name = stmt.declarations[0].id.name;
  } else if (stmt.type === 'ExpressionStatement') call = stmt.expression;
  if (!call || call.type !== 'CallExpression' || call.callee.type !== 'FunctionExpression' || call.callee.id) return null;
  const fn = call.callee;
  if (name === null) {
    const r = fn.body.body[fn.body.body.length - 1];
    if (!r || r.type !== 'ReturnStatement' || !r.argument || r.argument.type !== 'Identifier') return null;
    name = r.argument.name;
  }
  if (fn.params.length !== call.arguments.length || fn.params.length > 1) return null;
  const base = call.arguments.length ? call.arguments[0] : null;
  if (base && base.type !== 'Identifier') return null;
  const body = fn.body.body;
  const last = body[body.length - 1];
  if (!last || last.type !== 'ReturnStatement' || !last.argument || last.argument.type !== 'Identifier' || last.argument.name !== name) return null;
  let ctor = 0;
  for (const s of body.slice(0, -1)) {
    if (s.type === 'FunctionDeclaration' && s.id.name === name) ctor++;
    else if (s.type !== 'ExpressionStatement') return null;
  }
  if (ctor !== 1) return null;
  return { name, param: base ? fn.params[0].name : null, base: base ? base.name : null, body: body.slice(0, -1), fn, unused: stmt.type === 'ExpressionStatement' };
}

/** Does a statement of an unused class's wrapper only touch the class: `__extends(X, param)`, or
 *  `X.<...> = function () {...}`? */
function onlyDefines(s, w) {
  if (s.type === 'FunctionDeclaration') return true;
  const e = s.expression;
  if (e.type === 'CallExpression') {
    return e.callee.type === 'Identifier' && e.callee.name === '__extends' && e.arguments.length === 2 &&
      e.arguments[0].type === 'Identifier' && e.arguments[0].name === w.name && e.arguments[1].type === 'Identifier' && e.arguments[1].name === w.param;
  }
  if (e.type !== 'AssignmentExpression' || e.operator !== '=' || e.right.type !== 'FunctionExpression') return false;
  let t = e.left;
  while (t.type === 'MemberExpression' && !t.computed) t = t.object;
  return t.type === 'Identifier' && t.name === w.name;
}

/** src with every class wrapper that can go replaced by its statements at the top level. */
export function flattenClasses(src) {
  const ast = acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' });
  const declared = declarations(ast);
  const edits = [];
  for (const stmt of ast.body) {
    const w = wrapper(stmt);
    if (!w) continue;
    if (w.unused) {
      // Nothing can reach the class: its wrapper has no effect but making it, so it goes.
      if (w.body.every((s) => onlyDefines(s, w))) edits.push({ start: stmt.start, end: stmt.end, text: '' });
      continue;
    }
    // Declared twice in all: the outer `var X` and the constructor. Anything else named X would
    // now see the top-level one.
    if (declared[w.name] !== 2) continue;
    const inner = declarations(w.fn.body);
    if (w.base && (inner[w.base] || inner[w.param])) continue;
    // Names of the body that are not the constructor's own scope would move to the top level.
    const top = {};
    for (const s of w.body) if (s.type === 'FunctionDeclaration') top[s.id.name] = 1;
    if (Object.keys(top).some((n) => n !== w.name)) continue;
    const refs = [];
    if (w.param) {
      (function walk(n, parent, key) {
        if (n.type === 'Identifier' && n.name === w.param && isReference(parent, key)) refs.push(n);
        children(n, walk);
      })(w.fn.body, null, null);
    }
    refs.sort((a, b) => a.start - b.start);
    let text = '', last = w.body[0].start;
    for (const r of refs) { text += src.slice(last, r.start) + w.base; last = r.end; }
    text += src.slice(last, w.body[w.body.length - 1].end);
    edits.push({ start: stmt.start, end: stmt.end, text });
  }
  if (edits.length === 0) return src;
  let out = '', last = 0;
  for (const e of edits) { out += src.slice(last, e.start) + e.text; last = e.end; }
  return out + src.slice(last);
}

/** Methods assigned to a prototype inside a function rather than at the top level (a class
 *  wrapper left in place): [{ start, text }]. The build fails on any. */
export function nestedMethods(src) {
  const found = [];
  (function walk(n, depth) {
    if (n.type === 'AssignmentExpression' && depth > 0 && n.right.type === 'FunctionExpression' && n.left.type === 'MemberExpression' &&
        n.left.object.type === 'MemberExpression' && !n.left.object.computed && n.left.object.property.name === 'prototype') {
      found.push({ start: n.start, text: src.slice(n.start, Math.min(n.end, n.start + 40)) });
    }
    const d = n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' ? depth + 1 : depth;
    children(n, (c) => walk(c, d));
  })(acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' }), 0);
  return found;
}
