// Mutant schemata: every mutant of one source file compiled into one readable build, the active
// mutant chosen at run time by the environment variable STACK_MUTANT (its id; 0 or unset: none).
// A site (the expression or statement a mutant changes, see mutants.mjs) becomes
//   expression: (__mutant === 7 ? (mutated) : __mutant === 8 ? (mutated) : (original))
//   statement:  { if (__mutant === 9) { mutated } else { original } }
// where "original" holds the schemata of the sites nested in it, and each "mutated" is the site's
// own text with that one mutant applied (nothing else is active then). So one build serves every
// mutant of the file and no mutant needs a rebuild.
// With `trace`, each test `__mutant === k` is instead a call that notes k as reached and answers
// false; on exit the reached ids, each with the names of the tests that reached it (see
// trace-tests.mjs; "" for code run outside a test), are appended as one JSON line to the file named
// by STACK_MUTANT_TRACE. A test that never reaches a mutant's site cannot kill it, so it is not run
// for that mutant.

// Mutants that cannot be put in a schema (a super() call removed: TypeScript's ES5 output of a
// constructor needs it at the top level) keep the rebuild per mutant.
export function schemable(m, source) {
  return !!m.site && !(m.site[2] === 'stmt' && /^super\s*\(/.test(source.slice(m.site[0], m.site[1])));
}

/** The file's text with the given mutants ([{ id, start, end, text, site }]) as schemata. */
export function schemaOf(source, mutants, { trace = false } = {}) {
  // Sites, outermost first (a statement before the expression of the same range).
  const byKey = new Map();
  for (const m of mutants) {
    const key = m.site.join(':');
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { start: m.site[0], end: m.site[1], kind: m.site[2], mutants: [], children: [] }));
    s.mutants.push(m);
  }
  const sites = [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === 'stmt' ? -1 : 1));
  const top = { start: 0, end: source.length, children: [] };
  const stack = [top];
  for (const s of sites) {
    while (!(s.start >= stack[stack.length - 1].start && s.end <= stack[stack.length - 1].end)) stack.pop();
    stack[stack.length - 1].children.push(s);
    stack.push(s);
  }
  const test = (id) => (trace ? '__mutantHit(' + id + ')' : '__mutant === ' + id);
  const mutated = (s, m) => source.slice(s.start, m.start) + m.text + source.slice(m.end, s.end);
  function render(node) {
    let out = '', at = node.start;
    for (const c of node.children) {
      out += source.slice(at, c.start) + schema(c);
      at = c.end;
    }
    return out + source.slice(at, node.end);
  }
  function schema(s) {
    const inner = render(s);
    if (s.kind === 'stmt') return '{ ' + s.mutants.map((m) => 'if (' + test(m.id) + ') { ' + mutated(s, m) + ' } else ').join('') + '{ ' + inner + ' } }';
    return '(' + s.mutants.map((m) => test(m.id) + ' ? (' + mutated(s, m) + ') : ').join('') + '(' + inner + '))';
  }
  // The header goes on the first line, so that the lines of the file keep their numbers.
  const header = trace
    ? 'var __mutantSeen = {}; if (typeof process === "object" && process.env.STACK_MUTANT_TRACE) process.on("exit", function () { var o = {}; for (var k in __mutantSeen) o[k] = Object.keys(__mutantSeen[k]); require("fs").appendFileSync(process.env.STACK_MUTANT_TRACE, JSON.stringify(o) + "\\n"); }); ' +
      'function __mutantHit(k) { var a = globalThis.__mutantAls, n = a ? a.getStore() : undefined; (__mutantSeen[k] || (__mutantSeen[k] = {}))[n === undefined ? "" : n] = 1; return false; } '
    : 'var __mutant = typeof process === "object" ? Number(process.env.STACK_MUTANT) || 0 : 0; ';
  return header + render(top);
}
