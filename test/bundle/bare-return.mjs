// Espruino 2v29 throws "SyntaxError: Unexpected end of Input" when a function body ends with a
// `return` that has no value and no semicolon (`function f(){a();return}`, `if(x)return}`): it runs
// a function from the text inside its braces, so that `return` meets the end of its input. Terser
// emits that form. The build terminates every such return with `;` (one byte each); the test checks.
import { collect } from './ast.mjs';

/** Offsets of value-less returns not ended by a semicolon (all of them, not only those before `}`). */
export function unterminatedReturns(src) {
  return collect(src, (n) => (n.type === 'ReturnStatement' && !n.argument && src[n.end - 1] !== ';' ? n.end : undefined));
}

/** src with a `;` after every value-less return that lacks one. */
export function terminateBareReturns(src) {
  const ends = unterminatedReturns(src).sort((a, b) => a - b);
  let out = '', last = 0;
  for (const e of ends) { out += src.slice(last, e) + ';'; last = e; }
  return out + src.slice(last);
}
