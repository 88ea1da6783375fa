// Espruino 2v29 reads `(a, b, ...)` as a possible arrow function's parameter list: while every
// element before the last has been a name, it adds that element to a new function object as a
// parameter, converting it to a string. In code that is skipped (the right side of a && or || that
// short-circuits, a branch of ?: or if not taken), an element led by `this` (`this.x = 1`, `this.x`,
// `!this.x`: not a call) evaluates to the `this` object itself, so each such element turns `this`
// into a string: about 28,000 machine instructions, and a call of its toString() if it has one
// (test/interp/espruino-skipped-sequence.test.mjs). terser joins statements into such sequences
// (`c&&(this.a=1,this.b=2)` for `if(c){...}`); the build turns that off (`sequences: false`) and
// fails if a bundle still holds one.
import { collect, excerpt } from './ast.mjs';

// Positions where a comma expression is not inside parentheses of its own (Espruino parses these
// with its statement parser, not as a parenthesized expression).
function bare(parent, key) {
  if (!parent) return true;
  const t = parent.type;
  return t === 'ExpressionStatement' || t === 'ForStatement' || t === 'ReturnStatement' || t === 'ThrowStatement' ||
    ((t === 'IfStatement' || t === 'WhileStatement' || t === 'DoWhileStatement') && key === 'test') ||
    (t === 'SwitchStatement' && key === 'discriminant') || (t === 'SwitchCase' && key === 'test');
}

/** Whether e, evaluated by Espruino while skipping, is the `this` object (measured forms: member
 *  reads and writes, compound and postfix updates, binary, logical, ?: and unary operators except
 *  typeof on a this-led operand; a call anywhere on the way yields nothing). */
export function skippedValueIsThis(e) {
  for (;;) {
    switch (e.type) {
      case 'ThisExpression': return true;
      case 'MemberExpression': e = e.object; break;
      case 'AssignmentExpression': e = e.left; break;
      case 'BinaryExpression': case 'LogicalExpression': e = e.left; break;
      case 'ConditionalExpression': e = e.test; break;
      case 'UpdateExpression': e = e.argument; break;
      case 'UnaryExpression': if (e.operator === 'typeof') return false; e = e.argument; break;
      default: return false;
    }
  }
}

/** Excerpts of the parenthesized comma expressions of src with an element before the last that
 *  would be `this` when skipped. */
export function thisLedSequences(src) {
  const found = [];
  collect(src, (n) => {
    for (const k of Object.keys(n)) {
      const kids = Array.isArray(n[k]) ? n[k] : [n[k]];
      for (const c of kids) {
        if (c && c.type === 'SequenceExpression' && !bare(n, k) &&
          c.expressions.slice(0, -1).some(skippedValueIsThis)) found.push(excerpt(src, c));
      }
    }
    return undefined;
  });
  return found;
}
