// Walks every node of an ES5 script's syntax tree (acorn): what the bundle checks build on.
import * as acorn from 'acorn';

/** The values pick(node) returns for the nodes of src where it returns something other than undefined. */
export function collect(src, pick) {
  const found = [];
  const walk = (node) => {
    const v = pick(node);
    if (v !== undefined) found.push(v);
    for (const k of Object.keys(node)) {
      const c = node[k];
      if (Array.isArray(c)) { for (const x of c) if (x && typeof x.type === 'string') walk(x); }
      else if (c && typeof c.type === 'string') walk(c);
    }
  };
  walk(acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' }));
  return found;
}

/** Up to 40 characters of src at node, for a finding's message. */
export function excerpt(src, node) {
  return src.slice(node.start, Math.min(node.end, node.start + 40));
}

/** Calls fn(child, node, key) for each child node of node. */
export function children(node, fn) {
  for (const k of Object.keys(node)) {
    const c = node[k];
    if (Array.isArray(c)) { for (const x of c) if (x && typeof x.type === 'string') fn(x, node, k); }
    else if (c && typeof c.type === 'string') fn(c, node, k);
  }
}

/** Does an identifier at parent[key] read a name (rather than being a property name or an object
 *  literal's key)? */
export function isReference(parent, key) {
  if (parent && parent.type === 'MemberExpression' && key === 'property' && !parent.computed) return false;
  if (parent && parent.type === 'Property' && key === 'key') return false;
  return true;
}

/** How often each name is declared under node (functions, parameters, variables, catch). */
export function declarations(node) {
  const count = {};
  const add = (name) => { count[name] = (count[name] || 0) + 1; };
  (function walk(n) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') {
      if (n.id) add(n.id.name);
      for (const p of n.params) add(p.name);
    } else if (n.type === 'VariableDeclarator') add(n.id.name);
    else if (n.type === 'CatchClause' && n.param) add(n.param.name);
    children(n, walk);
  })(node);
  return count;
}
