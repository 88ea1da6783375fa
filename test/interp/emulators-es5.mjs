// Builds the chip emulators of test/emu/ (ENC28J60, W5500, CRC-32, frames, cable) as one ES5 script
// for the interpreters, so that a board's own SPI shim and driver can run against them inside
// Espruino. TypeScript lowers the modern syntax; rollup joins the modules. The script defines one
// global, `emu`, with the modules' exports. Written to dist/interp/emulators.js.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { rollup } from 'rollup';
import * as acorn from 'acorn';
import { minify } from 'terser';
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

export const CHIP_SCRIPT_FILE = path.join(distDir, 'interp', 'enc28j60-chip.js');

/**
 * A compact script for memory runs: the ENC28J60 emulator and the cable only, minified, with the
 * chip wiring (scenarios/espruino-chip.js), as one expression that evaluates to
 * { emu: { Enc28j60Emu, cable }, wireEmulatedChip } (and defines the name EMU_CHIP). Stored in Storage and evaluated into RAM
 * (`eval(require("Storage").read(name) + "")`): code run from Storage is read from flash 16 bytes
 * at a time on the Linux build (a file open per read), far too slow for per-byte chip emulation,
 * and the minified text costs fewer blocks than the source would. Returns its path.
 */
let chipBuilt = null;
export async function buildChipScript() {
  if (chipBuilt) return chipBuilt;
  const entry = '\0enc28j60-chip-entry';
  const virtualEntry = {
    name: 'enc28j60-chip-entry',
    resolveId(id) { return id === entry ? entry : null; },
    load(id) {
      if (id !== entry) return null;
      // cable() written here, not taken from test/emu/index.mjs: through that module the script
      // grows from 10 KB to 18 KB (the W5500 emulator comes along), which the memory runs pay for.
      return "export { Enc28j60Emu } from " + JSON.stringify(path.join(root, 'test/emu/enc28j60.mjs')) + ";\n" +
        "export function cable(a, b) { a.onTransmit = function (f) { b.inject(f); }; b.onTransmit = function (f) { a.inject(f); }; }\n";
    },
  };
  const bundle = await rollup({ input: entry, plugins: [virtualEntry, lowerToEs5], onwarn() {} });
  const { output } = await bundle.generate({ format: 'iife', name: 'emu', esModule: false, freeze: false });
  await bundle.close();
  const glue = fs.readFileSync(path.join(root, 'test/interp/scenarios/espruino-chip.js'), 'utf8');
  const src = 'var EMU_CHIP = (function () {\n' + output[0].code + '\n' + glue + '\nreturn { emu: emu, wireEmulatedChip: wireEmulatedChip };\n})();';
  const min = await minify(src, { ecma: 5, compress: { hoist_funs: true, hoist_vars: true }, mangle: true, format: { ascii_only: true } });
  const code = min.code + '\nEMU_CHIP';
  acorn.parse(code, { ecmaVersion: 5 });
  fs.mkdirSync(path.dirname(CHIP_SCRIPT_FILE), { recursive: true });
  fs.writeFileSync(CHIP_SCRIPT_FILE, code);
  chipBuilt = CHIP_SCRIPT_FILE;
  return chipBuilt;
}
