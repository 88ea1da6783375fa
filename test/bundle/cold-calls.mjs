// Build step: calls to the functions named in COLD are marked /*@__NOINLINE__*/ so that terser
// keeps them calls. terser puts a function called once in line (as a function expression called
// where it stands), which suits a function that runs; but on Espruino the text of a branch that is
// skipped is still read token by token (about 450 machine instructions a token on the Linux build,
// a call about 30,000), so a rarely taken branch costs every frame that skips it, and a function
// expression in it is a new object each time it is taken. These are the cold branches of hot
// functions: the general TCP option list (parseTcp reads the usual NOP NOP Timestamp in line) and
// the option writer of emitTcp (its usual segment is written in line), the E.sum checksum's
// byte loop for an odd address (boards/shim/native-sum.ts), and the word copy of a large copyBytes
// (src/storage/copy.ts), which small copies skip.
import * as acorn from 'acorn';

export const COLD = ['parseOptions', 'emitOptions', 'oddSum16', 'copyWords'];

/** code with every call of a COLD function by its name marked /*@__NOINLINE__*\/. */
export function markColdCalls(code, names = COLD) {
  const ast = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'module' });
  const at = [];
  (function walk(n) {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && names.indexOf(n.callee.name) >= 0) at.push(n.start);
    for (const k of Object.keys(n)) {
      const c = n[k];
      if (Array.isArray(c)) { for (const x of c) if (x && typeof x.type === 'string') walk(x); }
      else if (c && typeof c.type === 'string') walk(c);
    }
  })(ast);
  at.sort((a, b) => b - a);
  let out = code;
  for (const p of at) out = out.slice(0, p) + '/*@__NOINLINE__*/ ' + out.slice(p);
  return out;
}
