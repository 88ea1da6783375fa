// Builds two minified ES5 bundles per board: dist/<board>.js (default build) and
// dist/<board>.noalloc.js (NO_ALLOC build). NO_ALLOC is folded by terser's global_defs, so each
// bundle carries one code path. Prints a size table and writes dist/sizes.json. Fails when a bundle
// uses an identifier before its declaration in any function (see test/bundle/declaration-order.mjs).
// Every value-less return gets its semicolon (see test/bundle/bare-return.mjs).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import typescript from '@rollup/plugin-typescript';
import { minify } from 'terser';
import { usesBeforeDeclaration, describeFindings } from './test/bundle/declaration-order.mjs';
import { terminateBareReturns } from './test/bundle/bare-return.mjs';

const boards = fs.readdirSync('boards').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const only = process.env.BOARDS ? process.env.BOARDS.split(',') : null;
const selected = only ? boards.filter((b) => only.indexOf(b) >= 0) : boards;
const sizes = {};
const expected = selected.length * 2;

function minifyAs(noAlloc) {
  return {
    name: 'minify-' + (noAlloc ? 'noalloc' : 'default'),
    async renderChunk(code) {
      const out = await minify(code, {
        ecma: 5,
        toplevel: true,
        compress: { global_defs: { NO_ALLOC: noAlloc }, passes: 3, pure_getters: true, hoist_vars: true, hoist_funs: true },
        mangle: true,
        format: { ecma: 5, comments: false },
      });
      // Espruino does not hoist: hoist_vars and hoist_funs put every declaration first, and the
      // build fails if any identifier is still used before its declaration in its function.
      const fixed = terminateBareReturns(out.code);
      const late = usesBeforeDeclaration(fixed);
      if (late.length) this.error('use before declaration (Espruino does not hoist):\n' + describeFindings(fixed, late).join('\n'));
      return { code: fixed, map: null };
    },
    writeBundle(opts, bundle) {
      for (const name of Object.keys(bundle)) {
        const file = path.join(opts.dir || path.dirname(opts.file), name);
        const buf = fs.readFileSync(file);
        sizes[name] = { bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
      }
      if (Object.keys(sizes).length === expected) report();
    },
  };
}

function report() {
  const names = Object.keys(sizes).sort();
  const merged = fs.existsSync('dist/sizes.json') && only ? JSON.parse(fs.readFileSync('dist/sizes.json', 'utf8')) : {};
  for (const n of names) merged[n] = sizes[n];
  fs.writeFileSync('dist/sizes.json', JSON.stringify(merged, null, 2) + '\n');
  const w = Math.max.apply(null, names.map((n) => n.length));
  const lines = ['bundle'.padEnd(w) + '      bytes       gzip'];
  for (const n of names) {
    lines.push(n.padEnd(w) + String(sizes[n].bytes).padStart(11) + String(sizes[n].gzip).padStart(11));
  }
  console.log(lines.join('\n'));
}

export default selected.map((board) => ({
  input: 'boards/' + board + '.ts',
  plugins: [typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, outputToFilesystem: false })],
  onwarn(w, warn) {
    if (w.code === 'CIRCULAR_DEPENDENCY') return;
    warn(w);
  },
  output: [
    { file: 'dist/' + board + '.js', format: 'cjs', esModule: false, freeze: false, exports: 'named', plugins: [minifyAs(false)] },
    { file: 'dist/' + board + '.noalloc.js', format: 'cjs', esModule: false, freeze: false, exports: 'named', plugins: [minifyAs(true)] },
  ],
}));
