// A readable, source-mapped build of the node-sim bundles, for coverage and mutation testing.
// Each TypeScript file is transpiled on its own (ts.transpileModule: no type check, so a rebuild
// after one changed file takes well under a second with rollup's cache), nothing is minified, and
// NO_ALLOC is replaced by a literal padded to its own length so that every column keeps its place
// and the source map stays exact. Writes <outDir>/node-sim.js and node-sim.noalloc.js (+ .map).
import fs from 'node:fs';
import path from 'node:path';
import { rollup } from 'rollup';
import ts from 'typescript';
import { root } from '../helpers/bundles.mjs';

const tslibPath = path.join(root, 'node_modules', 'tslib', 'tslib.es6.mjs');
const compilerOptions = {
  target: ts.ScriptTarget.ES5,
  module: ts.ModuleKind.ESNext,
  importHelpers: true,
  sourceMap: true,
  inlineSources: true,
  removeComments: true,
  // A const enum exported by one file and read in another must exist at run time when each file
  // is transpiled alone.
  preserveConstEnums: true,
};

/** The rollup plugin: resolves extension-less imports to .ts files and transpiles them.
 *  `overrides` maps an absolute .ts path to the text to use instead of the file's (a mutant). */
function transpile(overrides) {
  return {
    name: 'transpile-ts',
    resolveId(id, importer) {
      if (id === 'tslib') return tslibPath;
      if (!importer || !id.startsWith('.')) return null;
      const base = path.resolve(path.dirname(importer), id);
      for (const p of [base + '.ts', path.join(base, 'index.ts'), base]) if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
      return null;
    },
    load(id) {
      if (overrides && Object.prototype.hasOwnProperty.call(overrides, id)) return overrides[id];
      return null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const out = ts.transpileModule(code, { compilerOptions, fileName: id });
      const map = JSON.parse(out.sourceMapText);
      map.sources = [id];
      map.sourcesContent = [code];
      return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map };
    },
  };
}

/** Replaces NO_ALLOC by `true    ` or `false   ` (same length), leaving the source map valid. */
function defineNoAlloc(noAlloc) {
  const lit = (noAlloc ? 'true' : 'false').padEnd('NO_ALLOC'.length, ' ');
  return {
    name: 'no-alloc-' + noAlloc,
    renderChunk(code) {
      return { code: code.replace(/\bNO_ALLOC\b/g, lit), map: null };
    },
  };
}

/** Builds both node-sim bundles into outDir. Returns the rollup cache for the next call. */
export async function buildSim({ outDir, overrides = null, cache = undefined }) {
  const bundle = await rollup({
    input: path.join(root, 'boards', 'node-sim.ts'),
    plugins: [transpile(overrides)],
    cache,
    onwarn(w, warn) {
      if (w.code === 'CIRCULAR_DEPENDENCY') return;
      warn(w);
    },
  });
  fs.mkdirSync(outDir, { recursive: true });
  for (const noAlloc of [false, true]) {
    await bundle.write({
      file: path.join(outDir, noAlloc ? 'node-sim.noalloc.js' : 'node-sim.js'),
      format: 'cjs', esModule: false, freeze: false, exports: 'named', sourcemap: true,
      plugins: [defineNoAlloc(noAlloc)],
    });
  }
  const next = bundle.cache;
  await bundle.close();
  return next;
}

if (import.meta.url === 'file://' + process.argv[1]) {
  const outDir = path.resolve(process.argv[2] || path.join(root, 'dist', 'cov'));
  const t0 = Date.now();
  await buildSim({ outDir });
  console.log('built ' + outDir + ' in ' + (Date.now() - t0) + ' ms');
}
