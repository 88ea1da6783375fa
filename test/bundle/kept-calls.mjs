// Build step: calls to the functions named in KEPT are marked /*@__NOINLINE__*/ so that terser
// keeps them calls. terser puts a function called once in line, as a function expression called
// where it stands. On Espruino that expression is a new function object every time it runs: its
// text is scanned token by token to find its end (and copied, when the code is not in flash), and
// the object keeps a copy of the two-scope chain; only then is it called. Two kinds stay calls:
// - COLD: the cold branches of hot functions. The text of a branch that is skipped is still read
//   token by token (about 450 machine instructions a token on the Linux build, a call about
//   30,000), so a rarely taken branch costs every frame that skips it. The general TCP option list
//   (parseTcp reads the usual NOP NOP Timestamp in line) and the option writer of emitTcp (its usual
//   segment is written in line), the E.sum checksum's byte loop for an odd address
//   (boards/shim/native-sum.ts), and the word copy of a large copyBytes (src/storage/copy.ts).
// - PER_PACKET: the parsers the interface calls for every frame, and the TCP header length of
//   every segment sent. In the bundles the tests use they are called from several places (the
//   `wire` exports), but in a lean bundle each has one caller, and terser put them in line there:
//   the lean espruino-esp32 bundle took 963 loop units per received segment, and 750 with them
//   kept as calls (the bench, code inlined in RAM; on a board, from flash, the copy is not made,
//   the scan and the object are).
import * as acorn from 'acorn';

export const COLD = ['parseOptions', 'emitOptions', 'oddSum16', 'copyWords'];
export const PER_PACKET = ['parseArp', 'parseIpv4', 'parseIcmpv4', 'parseUdp', 'parseTcp', 'tcpHeaderLen'];
export const KEPT = COLD.concat(PER_PACKET);

/** code with every call of a KEPT function by its name marked /*@__NOINLINE__*\/. */
export function markKeptCalls(code, names = KEPT) {
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
