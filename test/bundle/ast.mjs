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
