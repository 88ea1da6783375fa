// Finds the interpreters built from ../shared/vendor/ (Espruino for Linux, JerryScript) and runs
// scripts on them. A suite that needs one and does not find it skips with `skipEspruino` /
// `skipJerry` as its one-line reason. Locations, first found wins:
//   Espruino:    $ESPRUINO_HOME/bin, ~/.cache/espruino-linux/*/bin   (espruino, espruino-2756 ...)
//   JerryScript: $JERRY_HOME/bin, ~/.cache/jerryscript/*/bin         (jerry)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { distDir, root } from '../helpers/bundles.mjs';
import { NAMESPACE } from '../bundle/namespace.mjs';

/** Fixed-block binaries, one per board (blocks of its Espruino firmware). */
export const BOARD_BLOCKS = { 'espruino-original': 2756, 'espruino-pico': 5100, 'espruino-wifi': 8190, 'espruino-esp32': 16383 };

function candidates(envVar, cacheName) {
  const dirs = [];
  if (process.env[envVar]) dirs.push(path.join(process.env[envVar], 'bin'));
  const cache = path.join(os.homedir(), '.cache', cacheName);
  if (fs.existsSync(cache)) for (const d of fs.readdirSync(cache).sort()) dirs.push(path.join(cache, d, 'bin'));
  return dirs;
}

function findBin(envVar, cacheName, name) {
  for (const d of candidates(envVar, cacheName)) {
    const p = path.join(d, name);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/** Path of the growable 64-bit Espruino (blocks omitted) or of a fixed-block build; null if absent. */
export function espruinoBin(blocks) {
  return findBin('ESPRUINO_HOME', 'espruino-linux', blocks ? 'espruino-' + blocks : 'espruino');
}

export function jerryBin() {
  return findBin('JERRY_HOME', 'jerryscript', 'jerry');
}

const HOWTO = ' (bash .ci/run builds it; or ../shared/vendor/*/build.sh, see README "Interpreters")';
/** false when the 64-bit Espruino and every fixed-block build are there, else why the suite skips. */
export const skipEspruino = espruinoBin() && Object.values(BOARD_BLOCKS).every((b) => espruinoBin(b))
  ? false : 'Espruino for Linux not built' + HOWTO;
export const skipJerry = jerryBin() ? false : 'JerryScript not built' + HOWTO;

/** Espruino's stdout without its 12-line banner, CRs, the callback prefix and the final prompt. */
export function cleanEspruinoOutput(raw) {
  const lines = raw.split('\n').slice(12).map((l) => l.replace(/\r/g, '').replace(/^>?\x1b\[J/, ''));
  let text = lines.join('\n');
  if (text.endsWith('>')) text = text.slice(0, -1);
  return text;
}

function run(bin, args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '', timedOut = false;
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, timedOut });
    });
  });
}

/** A fresh working directory (Espruino keeps its Storage in ./espruino.flash). */
export function workDir(tag) {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'interp-' + tag + '-'));
}

/**
 * Runs `script` (ES5 source) on Espruino in `dir` (default: a fresh one). `storage` maps Storage
 * file names to files of dist/ (or absolute paths): they are written by the 64-bit binary first,
 * since a bundle as a string does not fit in a small board's memory. Resolves to
 * { code, out (cleaned), raw, err, timedOut, dir }.
 */
export async function runEspruino(script, { blocks, storage, dir, timeoutMs = 120000 } = {}) {
  const cwd = dir || workDir('espruino');
  if (storage && Object.keys(storage).length) {
    const writes = Object.entries(storage).map(([name, file]) =>
      'require("Storage").write(' + JSON.stringify(name) + ',require("fs").readFileSync(' +
      JSON.stringify(path.isAbsolute(file) ? file : path.join(distDir, file)) + '));');
    fs.writeFileSync(path.join(cwd, 'storage-write.js'), writes.join('\n') + '\nprint("STORED");\n');
    const w = await run(espruinoBin(), ['storage-write.js'], cwd, 60000);
    if (!/STORED/.test(w.out)) throw new Error('Espruino could not write Storage: ' + cleanEspruinoOutput(w.out) + w.err);
  }
  fs.writeFileSync(path.join(cwd, 'main.js'), script);
  const r = await run(espruinoBin(blocks), ['main.js'], cwd, timeoutMs);
  return { code: r.code, out: cleanEspruinoOutput(r.out), raw: r.out, err: r.err, timedOut: r.timedOut, dir: cwd };
}

/** Runs `script` on JerryScript. Resolves to { code, out, err, timedOut }. */
export async function runJerry(script, { timeoutMs = 120000 } = {}) {
  const cwd = workDir('jerry');
  const file = path.join(cwd, 'main.js');
  fs.writeFileSync(file, script);
  const r = await run(jerryBin(), [file], cwd, timeoutMs);
  fs.rmSync(cwd, { recursive: true, force: true });
  return r;
}

/** The text of a file under the repository root (scenario sources, bundles). */
export function readRepo(rel) {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

/** A bundle's text: file is a name in dist/ or an absolute path. */
function bundleText(file) {
  return fs.readFileSync(path.isAbsolute(file) ? file : path.join(distDir, file), 'utf8');
}

/**
 * Wraps a CommonJS bundle so that a plain script (JerryScript, or Espruino without Storage) can
 * use it: `var <name> = (function () { ...bundle...; return module.exports })();`.
 */
export function inlineModule(name, file) {
  const src = bundleText(file);
  return 'var ' + name + ' = (function () { var module = { exports: {} }; var exports = module.exports;\n' + src +
    '\nreturn module.exports; })();\n';
}

/**
 * An Espruino bundle as a program loads it at the root (README; test/bundle/namespace.mjs): its
 * text at the top level of the script, then `var <name> = ` its exports.
 */
export function rootBundle(name, file) {
  return bundleText(file) + 'var ' + name + ' = ' + NAMESPACE + '.exports;\n';
}

/** Lines `RESULT <json>` printed by a scenario, parsed. */
export function results(out) {
  return out.split('\n').filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)));
}

/** Runs a facts script on Espruino (it prints one `RESULT <json>` line) and returns that object;
 *  throws when Espruino fails or prints none. For the tests of interpreter differences. */
export async function espruinoFacts(script) {
  const r = await runEspruino(script, { timeoutMs: 60000 });
  try {
    if (r.code !== 0) throw new Error('Espruino exited ' + r.code + ':\n' + r.out + r.err);
    const found = results(r.out);
    if (found.length !== 1) throw new Error('expected one RESULT line in: ' + r.out);
    return found[0];
  } finally {
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
}
