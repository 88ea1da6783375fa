// Build step for the Espruino bundles: every top-level name of the bundle becomes a property of one
// object, NAMESPACE, and the bundle's text ends with its exports object, so that a program can load
// it at the root of its scopes with `var tcpip = eval(require("Storage").read("tcpip"));`.
// Why: a function made below a scope keeps a reference to it (one block), and each call of it
// builds a one-element array of that scope (test/interp/espruino-scope-blocks.test.mjs); a module's
// top level is such a scope, the root is not. Run at the root as written by terser, the bundle's
// ~300 names would sit in the root, which Espruino searches for every global name the user's
// program reads, built-ins included; behind one object they cost that search one entry.
// `require("tcpip")` still works (the names are then the module's, as before).
// The rewrite: `function f(a) {...}` at the top level becomes `NS.f = function (a) {...};`,
// `var a = 1, b;` becomes `NS.a = 1, NS.b = NS.b;`, every reference that finds a top-level name (not a
// parameter, variable, function or catch parameter of a function around it) reads NS.a, and
// `exports` becomes NS.exports, the module's exports object or, at the root, a new one.
import * as acorn from 'acorn';
import { children, isReference } from './ast.mjs';

export const NAMESPACE = '_$';

/** The names a function declares for its body: parameters, variables, inner function declarations
 *  and, for a named function expression, its own name. */
function declaredIn(fn) {
  const s = new Set(fn.params.map((p) => p.name));
  if (fn.type === 'FunctionExpression' && fn.id) s.add(fn.id.name);
  (function walk(n) {
    if (n.type === 'VariableDeclarator') s.add(n.id.name);
    if (n.type === 'FunctionDeclaration') { s.add(n.id.name); return; }
    if (n.type === 'FunctionExpression') return;
    children(n, walk);
  })(fn.body);
  return s;
}

/** Does fn's own body (not its inner functions) read `this`? */
function readsThis(fn) {
  let found = false;
  (function walk(n) {
    if (n.type === 'ThisExpression') found = true;
    else if (n.type !== 'FunctionExpression' && n.type !== 'FunctionDeclaration') children(n, walk);
  })(fn.body);
  return found;
}

/** src (an ES5 script, as terser writes it) with its top-level names behind the object `ns`. */
export function toNamespace(src, ns = NAMESPACE) {
  const ast = acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' });
  const top = new Set();
  const topFunctions = new Map();
  (function walk(n) {
    if (n.type === 'VariableDeclarator') top.add(n.id.name);
    if (n.type === 'FunctionDeclaration') { top.add(n.id.name); topFunctions.set(n.id.name, n); return; }
    if (n.type === 'FunctionExpression') return;
    children(n, walk);
  })(ast);
  const problems = [];
  (function walk(n) {
    if (n.type === 'Identifier' && n.name === ns) problems.push('the bundle uses the name ' + ns + ' itself');
    children(n, walk);
  })(ast);
  const edits = [];
  const scopes = [];
  const local = (name) => scopes.some((s) => s.has(name));
  function reference(n) {
    if (local(n.name)) return;
    if (top.has(n.name)) edits.push({ start: n.start, end: n.end, text: ns + '.' + n.name });
    else if (n.name === 'exports') edits.push({ start: n.start, end: n.end, text: ns + '.exports' });
    else if (n.name === 'module') problems.push('the bundle reads `module` (only `exports` is supported)');
  }
  function walk(n, parent, key) {
    if (n.type === 'Identifier') {
      if (!isReference(parent, key)) return;
      if (key === 'label' && /Statement$/.test(parent.type)) return;
      if (key === 'params' || (key === 'id' && /^Function/.test(parent.type))) return;
      if (key === 'id' && parent.type === 'VariableDeclarator' && scopes.length) return;
      if (key === 'param' && parent.type === 'CatchClause') return;
      // A function of the top level called as a plain function would get the namespace as `this`.
      if (key === 'callee' && parent.type === 'CallExpression' && !local(n.name) && topFunctions.has(n.name) && readsThis(topFunctions.get(n.name))) {
        problems.push(n.name + '() reads `this` and is called as a plain function');
      }
      reference(n);
      return;
    }
    if (n.type === 'VariableDeclaration' && !scopes.length) {
      edits.push({ start: n.start, end: n.declarations[0].start, text: '' });
      for (const d of n.declarations) {
        reference(d.id);
        if (d.init) walk(d.init, d, 'init');
        // `var a;` makes a where it stands: the object gets the property there too (`NS.a = NS.a`
        // keeps a value it may have), so that its properties come in the order the module's scope
        // had its names: a lookup walks them in that order.
        else if (!(parent && parent.type === 'ForInStatement')) edits.push({ start: d.id.end, end: d.id.end, text: ' = ' + ns + '.' + d.id.name });
      }
      return;
    }
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') {
      if (n.type === 'FunctionDeclaration' && !scopes.length) {
        edits.push({ start: n.start, end: n.id.end, text: ns + '.' + n.id.name + ' = function' });
        edits.push({ start: n.end, end: n.end, text: ';' });
      }
      scopes.push(declaredIn(n));
      walk(n.body, n, 'body');
      scopes.pop();
      return;
    }
    if (n.type === 'CatchClause') {
      scopes.push(new Set([n.param.name]));
      walk(n.body, n, 'body');
      scopes.pop();
      return;
    }
    children(n, walk);
  }
  walk(ast, null, null);
  if (top.has('exports')) problems.push('the bundle declares `exports`');
  if (problems.length) throw new Error('toNamespace: ' + [...new Set(problems)].join('; '));
  // After the directives ("use strict"), so that they stay directives.
  let at = 0;
  for (const st of ast.body) {
    if (st.type !== 'ExpressionStatement' || !st.directive) break;
    at = st.end;
  }
  edits.push({ start: at, end: at, text: (at ? '\n' : '') + 'var ' + ns + ' = { exports: typeof exports == "object" && exports ? exports : {} };\n' });
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = src;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out + '\n' + ns + '.exports;\n';
}
