// Build step: calls to small pure functions are replaced by the functions' expressions.
// On Espruino a call costs far more than the arithmetic of `seqLt(a, b)` (a scope, a variable per
// parameter, the lookup of the function), and every function kept in the bundle costs memory
// blocks; terser inlines only a function called once. The source keeps its named helpers; the
// bundles get their bodies. A top-level function is inlined when its body is one `return <expr>`
// where <expr> reads only its parameters and Math, and calls nothing but Math's functions, and
// assigns, creates and increments nothing. At a call site the arguments are substituted in
// parentheses; a call is left as it is when that could change what the program does: an argument
// with an effect (a call, an assignment) that would be evaluated twice, dropped or out of order.
import * as acorn from 'acorn';
import { children, isReference, declarations } from './ast.mjs';

const MAX_LENGTH = 64;
const PURE_MATH = { floor: 1, ceil: 1, abs: 1, min: 1, max: 1, round: 1 };

/** Identifiers of expr that are references, in source order: [{ name, start, end }]. */
function references(expr) {
  const out = [];
  (function walk(n, parent, key) {
    if (n.type === 'Identifier' && isReference(parent, key)) out.push(n);
    children(n, walk);
  })(expr, null, null);
  return out;
}

/** An expression with no effect: evaluating it again, or not at all, changes nothing. */
function pure(n) {
  switch (n.type) {
    case 'Identifier': case 'Literal': case 'ThisExpression': return true;
    case 'MemberExpression': return pure(n.object) && (!n.computed || pure(n.property));
    case 'BinaryExpression': case 'LogicalExpression': return pure(n.left) && pure(n.right);
    case 'UnaryExpression': return n.operator !== 'delete' && pure(n.argument);
    case 'ConditionalExpression': return pure(n.test) && pure(n.consequent) && pure(n.alternate);
    case 'CallExpression': return isMathCall(n) && n.arguments.every(pure);
    default: return false;
  }
}

function isMathCall(n) {
  const c = n.callee;
  return c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && c.object.name === 'Math' &&
    Object.prototype.hasOwnProperty.call(PURE_MATH, c.property.name);
}

/** The inlinable top-level functions of a program: name -> { params, expr, uses, inOrder }. */
function candidates(ast, shadowed) {
  const out = {};
  for (const f of ast.body) {
    if (f.type !== 'FunctionDeclaration' || shadowed[f.id.name] > 1) continue;
    const b = f.body.body;
    if (b.length !== 1 || b[0].type !== 'ReturnStatement' || !b[0].argument) continue;
    const expr = b[0].argument;
    // Short expressions only: a long one copied to every call site would cost more bytes (and
    // blocks) than the call saves.
    if (!pure(expr) || containsThis(expr) || expr.end - expr.start > MAX_LENGTH) continue;
    const params = f.params.map((p) => p.name);
    const refs = references(expr);
    if (!refs.every((r) => params.indexOf(r.name) >= 0 || r.name === 'Math')) continue;
    const uses = params.map((p) => refs.filter((r) => r.name === p).length);
    const order = refs.filter((r) => r.name !== 'Math').map((r) => params.indexOf(r.name));
    const inOrder = uses.every((u) => u === 1) && order.every((p, i) => p === i);
    out[f.id.name] = { params, expr, uses, inOrder };
  }
  return out;
}

function containsThis(n) {
  let found = false;
  (function walk(x) { if (x.type === 'ThisExpression') found = true; else children(x, walk); })(n);
  return found;
}

/** src with the calls to inlinable functions replaced by their expressions (innermost first). */
export function inlinePure(src) {
  for (let pass = 0; pass < 10; pass++) {
    const ast = acorn.parse(src, { ecmaVersion: 5, sourceType: 'script' });
    const declared = declarations(ast);
    if (declared.Math) return src;
    const cands = candidates(ast, declared);
    const edits = [];
    let deferred = false;
    const isCandCall = (n) => n.type === 'CallExpression' && n.callee.type === 'Identifier' && Object.prototype.hasOwnProperty.call(cands, n.callee.name);
    const hasCandCall = (n) => {
      let found = false;
      (function walk(x) { if (isCandCall(x)) found = true; else children(x, walk); })(n);
      return found;
    };
    (function walk(n) {
      if (isCandCall(n)) {
        const c = cands[n.callee.name], args = n.arguments;
        if (args.some(hasCandCall)) { deferred = true; children(n, walk); return; }
        const allPure = args.every(pure);
        const fits = args.length === c.params.length && (allPure || c.inOrder) &&
          c.uses.every((u, i) => u === 1 || pure(args[i]));
        if (fits) {
          let text = '', last = c.expr.start;
          for (const r of references(c.expr)) {
            const i = c.params.indexOf(r.name);
            if (i < 0) continue;
            text += src.slice(last, r.start) + '(' + src.slice(args[i].start, args[i].end) + ')';
            last = r.end;
          }
          text += src.slice(last, c.expr.end);
          edits.push({ start: n.start, end: n.end, text: '(' + text + ')' });
          return;
        }
      }
      children(n, walk);
    })(ast);
    if (edits.length === 0) return src;
    edits.sort((a, b) => a.start - b.start);
    let out = '', last = 0;
    for (const e of edits) { out += src.slice(last, e.start) + e.text; last = e.end; }
    src = out + src.slice(last);
    if (!deferred) return src;
  }
  return src;
}
