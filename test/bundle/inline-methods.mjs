// Build step (a TypeScript transformer, with the type checker): calls to small methods of our own
// classes are replaced by the methods' expressions, as test/bundle/inline-pure.mjs does for plain
// functions. `ring.free()` becomes `(ring.capacity - ring.length)`. A method qualifies when its body
// is one `return <expr>` that reads only `this`'s properties, its parameters and literals, with no
// call, assignment or creation; it is inlined at a call whose receiver has a class type that
// declares or inherits that very method, no subclass overrides it, and the receiver and arguments
// have no effect (so evaluating them again, or not at all, changes nothing).
import ts from 'typescript';

const MAX_LENGTH = 80;

/** An expression that reads only: names, literals, properties, operators (no call, no write). */
function pure(n) {
  if (ts.isParenthesizedExpression(n)) return pure(n.expression);
  if (ts.isIdentifier(n) || n.kind === ts.SyntaxKind.ThisKeyword || ts.isNumericLiteral(n) || ts.isStringLiteral(n) ||
    n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword || n.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isPropertyAccessExpression(n)) return pure(n.expression);
  if (ts.isElementAccessExpression(n)) return pure(n.expression) && pure(n.argumentExpression);
  if (ts.isBinaryExpression(n)) {
    const k = n.operatorToken.kind;
    if (k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment) return false;
    if (k === ts.SyntaxKind.CommaToken) return false;
    return pure(n.left) && pure(n.right);
  }
  if (ts.isPrefixUnaryExpression(n)) {
    const k = n.operator;
    return k !== ts.SyntaxKind.PlusPlusToken && k !== ts.SyntaxKind.MinusMinusToken && pure(n.operand);
  }
  if (ts.isConditionalExpression(n)) return pure(n.condition) && pure(n.whenTrue) && pure(n.whenFalse);
  if (ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression && ts.isTypeAssertionExpression(n)) return pure(n.expression);
  return false;
}

/** The bare names an expression reads (not property names). */
function names(n, out = []) {
  if (ts.isIdentifier(n)) out.push(n.text);
  else if (ts.isPropertyAccessExpression(n)) names(n.expression, out);
  else n.forEachChild((c) => { names(c, out); });
  return out;
}

export function inlineMethodsTransformer(program) {
  const checker = program.getTypeChecker();
  const verdicts = new Map(); // MethodDeclaration -> { params, expr } | null
  const classes = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile) continue;
    sf.forEachChild(function walk(n) {
      if (ts.isClassDeclaration(n)) classes.push(n);
      n.forEachChild(walk);
    });
  }

  /** Does a class other than `owner` that derives from it declare a member named `name`? */
  function overridden(owner, name) {
    const ownerType = checker.getTypeAtLocation(owner);
    for (const c of classes) {
      if (c === owner || !c.members.some((m) => m.name && ts.isIdentifier(m.name) && m.name.text === name)) continue;
      let t = checker.getTypeAtLocation(c);
      for (let depth = 0; depth < 10; depth++) {
        const bases = t.getBaseTypes && t.getBaseTypes();
        if (!bases || bases.length === 0) break;
        t = bases[0];
        if (t.symbol === ownerType.symbol) return true;
      }
    }
    return false;
  }

  function inlinable(decl) {
    if (verdicts.has(decl)) return verdicts.get(decl);
    let v = null;
    const body = decl.body;
    const cls = decl.parent;
    if (body && body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) && body.statements[0].expression &&
      ts.isClassDeclaration(cls) && !decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) &&
      decl.parameters.every((p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken) && ts.isIdentifier(decl.name)) {
      const expr = body.statements[0].expression;
      const params = decl.parameters.map((p) => p.name.text);
      const text = expr.getText();
      if (pure(expr) && text.length <= MAX_LENGTH && names(expr).every((x) => params.indexOf(x) >= 0) && !overridden(cls, decl.name.text)) {
        v = { params, expr };
      }
    }
    verdicts.set(decl, v);
    return v;
  }

  return (context) => {
    const f = context.factory;
    /** A new tree for expr (synthesized nodes: the method may live in another file, whose text
     *  the printer must not read), with `this` and the parameters replaced. */
    function substitute(expr, recv, params, args) {
      const K = ts.SyntaxKind;
      const copy = (n) => {
        switch (n.kind) {
          case K.ThisKeyword: return f.createParenthesizedExpression(recv);
          case K.Identifier: {
            const i = params.indexOf(n.text);
            if (i < 0) throw new Error('inline-methods: unexpected name ' + n.text);
            return f.createParenthesizedExpression(args[i]);
          }
          case K.NumericLiteral: return f.createNumericLiteral(n.text);
          case K.StringLiteral: return f.createStringLiteral(n.text);
          case K.TrueKeyword: return f.createTrue();
          case K.FalseKeyword: return f.createFalse();
          case K.NullKeyword: return f.createNull();
          case K.ParenthesizedExpression: return f.createParenthesizedExpression(copy(n.expression));
          case K.PropertyAccessExpression: return f.createPropertyAccessExpression(copy(n.expression), f.createIdentifier(n.name.text));
          case K.ElementAccessExpression: return f.createElementAccessExpression(copy(n.expression), copy(n.argumentExpression));
          case K.BinaryExpression: return f.createParenthesizedExpression(f.createBinaryExpression(copy(n.left), n.operatorToken.kind, copy(n.right)));
          case K.PrefixUnaryExpression: return f.createPrefixUnaryExpression(n.operator, copy(n.operand));
          case K.ConditionalExpression: return f.createParenthesizedExpression(f.createConditionalExpression(copy(n.condition), undefined, copy(n.whenTrue), undefined, copy(n.whenFalse)));
          case K.AsExpression: case K.NonNullExpression: case K.TypeAssertionExpression: return copy(n.expression);
          default: throw new Error('inline-methods: unexpected ' + K[n.kind]);
        }
      };
      return f.createParenthesizedExpression(copy(expr));
    }
    return (sf) => {
      const visit = (n) => {
        n = ts.visitEachChild(n, visit, context);
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind !== ts.SyntaxKind.SuperKeyword) {
          const orig = ts.getOriginalNode(n);
          const callee = ts.isCallExpression(orig) && ts.isPropertyAccessExpression(orig.expression) ? orig.expression : null;
          const sym = callee && checker.getSymbolAtLocation(callee.name);
          const decl = sym && sym.valueDeclaration;
          if (decl && ts.isMethodDeclaration(decl) && !decl.getSourceFile().isDeclarationFile) {
            const v = inlinable(decl);
            const recv = n.expression.expression, args = n.arguments;
            if (v && args.length === v.params.length && pure(recv) && args.every(pure)) return substitute(v.expr, recv, v.params, args);
          }
        }
        return n;
      };
      return ts.visitNode(sf, visit);
    };
  };
}
