// Builds the chip emulators of test/emu/ (ENC28J60, W5500, CRC-32, frames, cable) as one ES5 script
// for the interpreters, so that a board's own SPI shim and driver can run against them inside
// Espruino. TypeScript lowers the modern syntax; rollup joins the modules. The script defines one
// global, `emu`, with the modules' exports. Written to dist/interp/emulators.js.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { rollup } from 'rollup';
import * as acorn from 'acorn';
import { root, distDir } from '../helpers/bundles.mjs';

const ENTRY = path.join(root, 'test/interp/emulators-entry.mjs');
export const EMULATORS_FILE = path.join(distDir, 'interp', 'emulators.js');

const lowerToEs5 = {
  name: 'lower-to-es5',
  transform(code, id) {
    if (!id.endsWith('.mjs')) return null;
    const out = ts.transpileModule(code, {
      fileName: id.replace(/\.mjs$/, '.js'),
      compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.ESNext, allowJs: true, sourceMap: false },
    });
    return { code: out.outputText, map: null };
  },
};

/** Builds (once per process) and returns the path of the ES5 emulator script. */
let built = null;
export async function buildEmulatorsEs5() {
  if (built) return built;
  const bundle = await rollup({ input: ENTRY, plugins: [lowerToEs5], onwarn() {} });
  const { output } = await bundle.generate({ format: 'iife', name: 'emu', esModule: false, freeze: false });
  await bundle.close();
  const code = output[0].code;
  acorn.parse(code, { ecmaVersion: 5 }); // throws if anything modern slipped through
  fs.mkdirSync(path.dirname(EMULATORS_FILE), { recursive: true });
  fs.writeFileSync(EMULATORS_FILE, code);
  built = EMULATORS_FILE;
  return built;
}
