// The property names the Espruino bundles must keep, for terser's property mangling (see
// rollup.config.mjs). Kept: every member of an interface or type (options, Repr fields, the Device
// and Hal contracts, Stack, exported constant objects), every public method of a class, the
// ambient declarations (Espruino's globals), and any name that the documentation names or that a
// test reads from an Espruino bundle (any `.name` in those tests, private members included). Renamed: private and
// protected members, and the public fields of classes that nothing outside the bundle reads (a
// TcpSocket's sequence variables and timers...): each field name costs the board blocks on every
// object, a long name more. A name kept anywhere is kept everywhere, and inside the bundle every
// use of a renamed one is renamed alike.
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';

// Sources that read an Espruino bundle's objects, and the documents that name its API.
const READERS = ['test/interp', 'test/bundle', 'test/phy/board-shim.test.mjs', 'test/app/espruino-net.mjs', 'test/bench/parts/espruino.mjs'];
const DOCS = ['README.md', 'src/socket/README.md', 'boards/WIRING.md'];
// The lean bundles (the files a program uploads) export no wire layer (`wire`, its parse and
// emit functions and create*Repr): the fields of its records (the `*Repr` interfaces of src/wire)
// are then renamed too, unless something else keeps the name, and the reader that checks the
// wire layer of the board entries does not keep them.
const WIRE_ONLY_READERS = ['test/bundle/smoke-scenario.js'];
const isWireRecord = (node, file) => ts.isInterfaceDeclaration(node) && /Repr$/.test(node.name.text) && /[\\/]wire[\\/]/.test(file);

function filesUnder(root, rel) {
  const p = path.join(root, rel);
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return [p];
  return fs.readdirSync(p, { recursive: true }).map((f) => path.join(p, f)).filter((f) => /\.(m?js|md)$/.test(f) && fs.statSync(f).isFile());
}

/** Names read as `.name` (or written as `name:` in an object) by the readers, and named in the docs
 *  (lean: leaving out the readers of the board entries' wire layer). */
export function readNames(root, { lean = false } = {}) {
  const names = new Set();
  for (const rel of READERS.concat(DOCS)) {
    for (const f of filesUnder(root, rel)) {
      if (lean && WIRE_ONLY_READERS.some((w) => f === path.join(root, w))) continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
      for (const m of text.matchAll(/[{,]\s*([A-Za-z_$][\w$]*)\s*:/g)) names.add(m[1]);
      for (const m of text.matchAll(/`([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
    }
  }
  return names;
}

function membersOf(sf, names, fieldsKept, lean) {
  function visit(node) {
    if (lean && isWireRecord(node, sf.fileName)) return;
    // A class's public field is kept only when something outside the bundle reads it.
    if (ts.isPropertyDeclaration(node) && node.name && ts.isIdentifier(node.name) && !fieldsKept.has(node.name.text)) {
      ts.forEachChild(node, visit);
      return;
    }
    const isMember = ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node) ||
      ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) ||
      ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isEnumMember(node);
    // Exported names: a namespace export (`export * as wire`) is an object keyed by them.
    const isExport = (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node) ||
      ts.isExportSpecifier(node) || ts.isEnumDeclaration(node)) && node.name && ts.isIdentifier(node.name);
    if (isExport) names.add(node.name.text);
    if (isMember && node.name) {
      const hidden = (ts.getCombinedModifierFlags(node) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
      const n = node.name;
      if (!hidden && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n))) names.add(n.text);
    }
    ts.forEachChild(node, visit);
  }
  visit(sf);
}

const cached = {};
/** Sorted list of the public member names of the program of tsconfig.json under root (lean: for
 *  the lean bundles, whose wire records are private). */
export function publicNames(root, { lean = false } = {}) {
  const key = root + (lean ? ' lean' : '');
  if (cached[key]) return cached[key];
  const cfgPath = path.join(root, 'tsconfig.json');
  const cfg = ts.getParsedCommandLineOfConfigFile(cfgPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
  const options = { ...cfg.options, declaration: true, emitDeclarationOnly: true, noEmit: false, outDir: '/virtual-dts' };
  const program = ts.createProgram(cfg.fileNames, options);
  const names = new Set(), read = readNames(root, { lean });
  program.emit(undefined, (file, text) => {
    if (file.endsWith('.d.ts')) membersOf(ts.createSourceFile(file, text, ts.ScriptTarget.ES5, true), names, read, lean);
  }, undefined, true);
  // Ambient declarations (Espruino's globals, NO_ALLOC) are inputs, not outputs.
  for (const sf of program.getSourceFiles()) if (sf.isDeclarationFile && !sf.fileName.includes('node_modules')) membersOf(sf, names, read, lean);
  // What a test or the documentation reads stays too, private or not (a scenario checks the driver's pool).
  for (const n of read) names.add(n);
  cached[key] = [...names].sort();
  return cached[key];
}
