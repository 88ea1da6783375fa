// No source compares typed arrays with == or ===. Espruino does not compare them by identity: it
// turns both into comma-joined strings of their elements and compares those (src/jsvar.c,
// jsvMathsOp), so two distinct arrays with the same bytes are equal, and each comparison of two
// frame buffers costs milliseconds and allocates (test/interp/espruino-typed-arrays.test.mjs).
// A comparison with null or undefined is fine (decided before any contents are read). Checked
// with the TypeScript checker over the sources the bundles are built from (tsconfig.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ts from 'typescript';
import { root } from '../helpers/bundles.mjs';

const TYPED = new Set(['ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'ArrayBufferView']);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** Is t, or a member of the union t, a typed array or an ArrayBuffer? */
function isTyped(t) {
  if (t.isUnion()) return t.types.some(isTyped);
  const s = t.getSymbol();
  return s !== undefined && TYPED.has(s.getName());
}

function isNullish(node) {
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

/** The equality comparisons of a program's own files with a typed array on either side, as
 *  "file:line: text". */
function typedComparisons(program) {
  const checker = program.getTypeChecker(), out = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || sf.fileName.includes('node_modules')) continue;
    const visit = (node) => {
      if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind) && !isNullish(node.left) && !isNullish(node.right) &&
        (isTyped(checker.getTypeAtLocation(node.left)) || isTyped(checker.getTypeAtLocation(node.right)))) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        out.push(path.relative(root, sf.fileName) + ':' + line + ': ' + node.getText());
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

function programOf(configPath) {
  const cfg = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  return ts.createProgram(cfg.fileNames, cfg.options);
}

test('the check finds a typed-array comparison, and lets null tests and other objects pass', () => {
  const file = path.join(root, 'typed-eq-sample.ts');
  const text = `
    declare const a: Uint8Array, b: Uint8Array | null, o: { x: number }, p: { x: number };
    export const bad1 = a === b;
    export const bad2 = b !== a.buffer;
    export const ok1 = b === null, ok2 = b !== undefined, ok3 = o === p, ok4 = a.length === 3;
  `;
  const host = ts.createCompilerHost({ target: ts.ScriptTarget.ES5, lib: ['lib.es5.d.ts'], strict: true, types: [] });
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => (path.resolve(name) === file ? ts.createSourceFile(name, text, lang) : read(name, lang));
  const found = typedComparisons(ts.createProgram([file], { target: ts.ScriptTarget.ES5, lib: ['lib.es5.d.ts'], strict: true, types: [] }, host));
  assert.deepEqual(found, ['typed-eq-sample.ts:3: a === b', 'typed-eq-sample.ts:4: b !== a.buffer']);
});

test('no source compares typed arrays with == or === (Espruino compares their contents as strings)', () => {
  const program = programOf(path.join(root, 'tsconfig.json'));
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('node_modules'));
  assert.ok(files.some((f) => f.fileName.endsWith('src/iface/interface.ts')) && files.some((f) => f.fileName.endsWith('boards/shim/native-sum.ts')),
    'the program holds the sources and the board shims');
  assert.deepEqual(typedComparisons(program), []);
});
