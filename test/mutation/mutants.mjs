// Generates the mutants of one TypeScript file: each is one small, plausible bug, given as a text
// replacement (start, end, text) in the file. Operators:
//   comparison  < <= > >= === !== == != : the boundary (< for <=) and the negation (< for >=)
//   arithmetic  + - * / % & | ^ << >> >>> and their compound assignments, ++ / --
//   logical     && || : swapped, and each operand alone (a condition clause removed)
//   negation    !x to x; an if / while / ?: condition to true and to false
//   statement   an expression statement, return, break or continue removed
//   constant    an integer literal n to n + 1 and n - 1
// Not mutated: type positions, string literals, declarations of constants' names, the NO_ALLOC
// flag, and anything inside a throw (API misuse messages).
import ts from 'typescript';

const K = ts.SyntaxKind;
const flips = {
  [K.LessThanToken]: ['<=', '>='], [K.LessThanEqualsToken]: ['<', '>'],
  [K.GreaterThanToken]: ['>=', '<='], [K.GreaterThanEqualsToken]: ['>', '<'],
  [K.EqualsEqualsEqualsToken]: ['!=='], [K.ExclamationEqualsEqualsToken]: ['==='],
  [K.EqualsEqualsToken]: ['!='], [K.ExclamationEqualsToken]: ['=='],
};
const arith = {
  [K.PlusToken]: ['-'], [K.MinusToken]: ['+'], [K.AsteriskToken]: ['/'], [K.SlashToken]: ['*'],
  [K.PercentToken]: ['*'], [K.AmpersandToken]: ['|'], [K.BarToken]: ['&'], [K.CaretToken]: ['&'],
  [K.LessThanLessThanToken]: ['>>'], [K.GreaterThanGreaterThanToken]: ['<<'],
  [K.GreaterThanGreaterThanGreaterThanToken]: ['>>'],
  [K.PlusEqualsToken]: ['-='], [K.MinusEqualsToken]: ['+='], [K.AmpersandEqualsToken]: ['|='], [K.BarEqualsToken]: ['&='],
};

const isStringy = (n) => n && (n.kind === K.StringLiteral || n.kind === K.TemplateExpression || n.kind === K.NoSubstitutionTemplateLiteral ||
  (n.kind === K.BinaryExpression && n.operatorToken.kind === K.PlusToken && (isStringy(n.left) || isStringy(n.right))));

/** All mutants of a file: [{ line, col, start, end, text, op, original }]. */
export function mutantsOf(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES5, true, ts.ScriptKind.TS);
  const out = [];
  // Each mutant also names its site (the expression or statement it changes, [start, end, kind]),
  // which test/mutation/schema.mjs turns into a switch chosen at run time.
  let site = null;
  const add = (start, end, text, op) => {
    const lc = sf.getLineAndCharacterOfPosition(start);
    out.push({ line: lc.line + 1, col: lc.character + 1, start, end, text, op, original: source.slice(start, end), site });
  };
  const at = (node, kind) => { site = [node.getStart(sf), node.end, kind || 'expr']; };
  const cond = (e, op) => {
    if (!e || e.kind === K.TrueKeyword || e.kind === K.FalseKeyword) return;
    at(e);
    add(e.getStart(sf), e.end, 'true', op + ' true');
    add(e.getStart(sf), e.end, 'false', op + ' false');
  };
  (function walk(node) {
    switch (node.kind) {
      case K.ThrowStatement:
      case K.InterfaceDeclaration: case K.TypeAliasDeclaration: case K.ImportDeclaration:
      case K.EnumDeclaration: case K.ModuleDeclaration:
        return;
      case K.BinaryExpression: {
        const op = node.operatorToken;
        const s = op.getStart(sf), e = op.end;
        at(node);
        if (flips[op.kind]) for (const t of flips[op.kind]) add(s, e, t, 'comparison');
        if (arith[op.kind] && !(op.kind === K.PlusToken || op.kind === K.PlusEqualsToken) || ((op.kind === K.PlusToken || op.kind === K.PlusEqualsToken) && !isStringy(node))) {
          if (arith[op.kind]) for (const t of arith[op.kind]) add(s, e, t, 'arithmetic');
        }
        if (op.kind === K.AmpersandAmpersandToken || op.kind === K.BarBarToken) {
          add(s, e, op.kind === K.AmpersandAmpersandToken ? '||' : '&&', 'logical');
          add(node.getStart(sf), node.end, '(' + node.left.getText(sf) + ')', 'clause removed');
          add(node.getStart(sf), node.end, '(' + node.right.getText(sf) + ')', 'clause removed');
        }
        break;
      }
      case K.PrefixUnaryExpression:
        at(node);
        if (node.operator === K.ExclamationToken) add(node.getStart(sf), node.end, '(' + node.operand.getText(sf) + ')', 'negation removed');
        else if (node.operator === K.PlusPlusToken || node.operator === K.MinusMinusToken) {
          add(node.getStart(sf), node.getStart(sf) + 2, node.operator === K.PlusPlusToken ? '--' : '++', 'arithmetic');
        }
        break;
      case K.PostfixUnaryExpression:
        at(node);
        add(node.end - 2, node.end, node.operator === K.PlusPlusToken ? '--' : '++', 'arithmetic');
        break;
      case K.IfStatement:
      case K.WhileStatement:
        cond(node.expression, 'condition');
        break;
      case K.ConditionalExpression:
        cond(node.condition, 'condition');
        break;
      case K.ExpressionStatement:
      case K.ReturnStatement:
      case K.BreakStatement:
      case K.ContinueStatement:
        at(node, 'stmt');
        if (!(node.kind === K.ReturnStatement && node.parent.kind === K.Block && node.parent.parent && ts.isFunctionLike(node.parent.parent) && node.parent.statements[node.parent.statements.length - 1] === node && node.expression)) {
          add(node.getStart(sf), node.end, node.kind === K.ReturnStatement && node.expression ? 'return undefined as any;' : ';', 'statement removed');
        }
        break;
      case K.NumericLiteral: {
        const v = Number(node.text);
        // Not in a literal type (`n: 0 | 1`: erased, so never a bug) nor a property name.
        if (Number.isInteger(v) && node.parent.kind !== K.EnumMember && node.parent.kind !== K.LiteralType &&
          !((node.parent.kind === K.PropertyAssignment || node.parent.kind === K.PropertyDeclaration) && node.parent.name === node)) {
          at(node);
          add(node.getStart(sf), node.end, String(v + 1), 'constant');
          if (v > 0) add(node.getStart(sf), node.end, String(v - 1), 'constant');
        }
        break;
      }
      case K.Identifier:
        break;
    }
    ts.forEachChild(node, walk);
  })(sf);
  // Positions inside an earlier mutant's range stay: each mutant applies alone.
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The file's text with one mutant applied. */
export function apply(source, m) {
  return source.slice(0, m.start) + m.text + source.slice(m.end);
}
