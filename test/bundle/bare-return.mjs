// Espruino 2v29 throws "SyntaxError: Unexpected end of Input" when a function body ends with a
// `return` that has no value and no semicolon (`function f(){a();return}`, `if(x)return}`): it runs
// a function from the text inside its braces, so that `return` meets the end of its input. Terser
// emits that form. The build terminates every such return with `;` (one byte each); the test checks.
import * as acorn from 'acorn';

function bareReturns(src) {
  const ends = [];
  const walk = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ReturnStatement' && !node.argument && src[node.end - 1] !== ';') ends.push(node.end);
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v.type === 'string') walk(v);
    }
  };
  walk(acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' }));
  return ends;
}

/** Offsets of value-less returns not ended by a semicolon (all of them, not only those before `}`). */
export function unterminatedReturns(src) {
  return bareReturns(src);
}

/** src with a `;` after every value-less return that lacks one. */
export function terminateBareReturns(src) {
  const ends = bareReturns(src).sort((a, b) => a - b);
  let out = '', last = 0;
  for (const e of ends) { out += src.slice(last, e) + ';'; last = e; }
  return out + src.slice(last);
}
