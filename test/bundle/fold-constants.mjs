// Build step: a module-level constant (`var NAME = <number>` at the top level of the rollup output,
// NAME in capitals, never assigned again nor declared anywhere else) is replaced by its value
// wherever it is read. terser leaves such names as variables (a function declared above the `var`
// might run before it, as far as terser can tell), and on Espruino reading one is a search of the
// module's scope, name by name: a constant near its end (they come after the functions) costs
// about as much as two iterations of an empty loop, a literal almost nothing. Espruino does not
// hoist, and the build already fails on any name used before its declaration runs
// (declaration-order.mjs), so the value read is always the literal's.
import * as acorn from 'acorn';
import { children } from './ast.mjs';

const CONST_NAME = /^[A-Z][A-Z0-9_]*$/;

/** src with every read of a foldable constant replaced by its literal. */
export function foldConstants(src) {
  const ast = acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' });
  const cands = {};
  for (const s of ast.body) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      if (d.id.type === 'Identifier' && CONST_NAME.test(d.id.name) && d.init && d.init.type === 'Literal' &&
        typeof d.init.value === 'number' && isFinite(d.init.value)) cands[d.id.name] = { text: d.init.raw, decl: d.id };
      else if (d.id.type === 'Identifier') delete cands[d.id.name];
    }
  }
  const bad = {};
  // Disqualified: declared again (a parameter, a var, a function), or written anywhere.
  (function walk(n, parent, key) {
    if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression')) {
      if (n.id) bad[n.id.name] = 1;
      for (const p of n.params) bad[p.name] = 1;
    }
    if (n.type === 'VariableDeclarator' && !(cands[n.id.name] && cands[n.id.name].decl === n.id)) bad[n.id.name] = 1;
    if (n.type === 'CatchClause' && n.param) bad[n.param.name] = 1;
    if (n.type === 'AssignmentExpression' && n.left.type === 'Identifier') bad[n.left.name] = 1;
    if (n.type === 'UpdateExpression' && n.argument.type === 'Identifier') bad[n.argument.name] = 1;
    children(n, walk);
  })(ast, null, null);
  const edits = [];
  (function walk(n, parent, key) {
    if (n.type === 'Identifier' && cands[n.name] && !bad[n.name] && cands[n.name].decl !== n &&
      !(parent && parent.type === 'MemberExpression' && key === 'property' && !parent.computed) &&
      !(parent && parent.type === 'Property' && key === 'key')) {
      edits.push({ start: n.start, end: n.end, text: cands[n.name].text });
      return;
    }
    children(n, walk);
  })(ast, null, null);
  edits.sort((a, b) => b.start - a.start);
  let out = src;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
