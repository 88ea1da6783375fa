// Finds identifiers used before their declaration within one function (or the program), in source
// order. Espruino does not hoist: `var x` takes effect when the statement runs, so an earlier `x = 1`
// writes the enclosing scope's x, and a function declaration is unknown until its statement has run.
// Used by rollup.config.mjs (the build fails on a finding) and by test/bundle/es5.test.mjs.
import * as acorn from 'acorn';

const FUNCTION = { FunctionDeclaration: 1, FunctionExpression: 1 };

/** Returns [{ name, use, decl, kind }] (offsets into src) for every use before declaration. */
export function usesBeforeDeclaration(src) {
  const found = [];
  const ast = acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' });
  checkScope(ast, ast.body, [], found);
  return found;
}

// One function's scope: its own var and function declarations, then every identifier read or
// written in its body (not inside nested functions, which get their own pass).
function checkScope(owner, body, params, found) {
  const decl = new Map(); // name -> { pos, kind } of the first declaration in source order
  const uses = []; // { name, pos }
  const nested = [];
  const declare = (name, pos, kind) => {
    if (!decl.has(name) || decl.get(name).pos > pos) decl.set(name, { pos, kind });
  };
  const visit = (node, parent, key) => {
    if (!node || typeof node.type !== 'string') return;
    if (FUNCTION[node.type]) {
      if (node.type === 'FunctionDeclaration') declare(node.id.name, node.start, 'function');
      nested.push(node);
      return;
    }
    switch (node.type) {
      case 'VariableDeclarator':
        declare(node.id.name, node.id.start, 'var');
        visit(node.init, node, 'init');
        return;
      case 'Identifier':
        uses.push({ name: node.name, pos: node.start });
        return;
      case 'MemberExpression':
        visit(node.object, node, 'object');
        if (node.computed) visit(node.property, node, 'property');
        return;
      case 'Property':
        if (node.computed) visit(node.key, node, 'key');
        visit(node.value, node, 'value');
        return;
      case 'LabeledStatement':
        visit(node.body, node, 'body');
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
      case 'CatchClause':
        // The catch parameter is its own scope; uses of it are not uses of an outer var.
        visitExcept(node.body, node.param.name);
        return;
    }
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (Array.isArray(v)) for (const c of v) visit(c, node, k);
      else if (v && typeof v.type === 'string') visit(v, node, k);
    }
  };
  const visitExcept = (node, hidden) => {
    const before = uses.length;
    visit(node, null, null);
    for (let i = uses.length - 1; i >= before; i--) if (uses[i].name === hidden) uses.splice(i, 1);
  };
  for (const stmt of body) visit(stmt, owner, 'body');
  const own = new Set(params);
  own.add('arguments');
  for (const u of uses) {
    if (own.has(u.name)) continue;
    const d = decl.get(u.name);
    if (d && u.pos < d.pos) found.push({ name: u.name, use: u.pos, decl: d.pos, kind: d.kind });
  }
  for (const fn of nested) {
    const p = fn.params.map((x) => x.name);
    // A function expression's own name is bound inside it from the start.
    if (fn.type === 'FunctionExpression' && fn.id) p.push(fn.id.name);
    checkScope(fn, fn.body.body, p, found);
  }
}

/** A one-line description of each finding, with a little source around the use. */
export function describeFindings(src, found) {
  return found.map((f) => f.kind + ' ' + f.name + ' used at ' + f.use + ' before its declaration at ' + f.decl +
    ': ...' + src.slice(Math.max(0, f.use - 30), f.use + 30).replace(/\s+/g, ' ') + '...');
}
