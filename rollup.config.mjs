// Builds two minified ES5 bundles per board: dist/<board>.js (default build) and
// dist/<board>.noalloc.js (NO_ALLOC build). NO_ALLOC is folded by terser's global_defs, so each
// bundle carries one code path. Prints a size table and writes dist/sizes.json. Fails when a bundle
// uses an identifier before its declaration in any function (see test/bundle/declaration-order.mjs).
// TypeScript's class wrappers are taken away (test/bundle/flatten-classes.mjs).
// Every value-less return gets its semicolon (see test/bundle/bare-return.mjs).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import typescript from '@rollup/plugin-typescript';
import { minify } from 'terser';
import { usesBeforeDeclaration, describeFindings } from './test/bundle/declaration-order.mjs';
import { terminateBareReturns } from './test/bundle/bare-return.mjs';
import { thisLedSequences } from './test/bundle/skipped-this.mjs';
import { publicNames } from './test/bundle/public-names.mjs';
import { sourceSteps } from './test/bundle/source-steps.mjs';
import { nestedMethods } from './test/bundle/flatten-classes.mjs';
import { toNamespace } from './test/bundle/namespace.mjs';

const boards = fs.readdirSync('boards').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const only = process.env.BOARDS ? process.env.BOARDS.split(',') : null;
const selected = only ? boards.filter((b) => only.indexOf(b) >= 0) : boards;
const sizes = {};

// The Espruino bundles rename private members to short names (every property name costs blocks
// on the board, a long one more than a short one); the public names stay (test/bundle/public-names.mjs;
// the lean bundles, which export no wire layer, rename the fields of its records too).
// node-sim keeps every name: the Node tests read private state.
function minifyAs(noAlloc, mangleProps, lean) {
  return {
    name: 'minify-' + (noAlloc ? 'noalloc' : 'default'),
    async renderChunk(code) {
      const out = await minify(sourceSteps(code), {
        ecma: 5,
        toplevel: true,
        compress: { global_defs: { NO_ALLOC: noAlloc }, passes: 3, pure_getters: true, hoist_vars: true, hoist_funs: true, keep_fargs: false, if_return: false, sequences: false },
        mangle: mangleProps ? { properties: { reserved: publicNames(path.resolve('.'), { lean }), keep_quoted: true } } : true,
        format: { ecma: 5, comments: false },
      });
      // Espruino does not hoist: hoist_vars and hoist_funs put every declaration first, and the
      // build fails if any identifier is still used before its declaration in its function.
      const fixed = terminateBareReturns(out.code);
      const late = usesBeforeDeclaration(fixed);
      if (late.length) this.error('use before declaration (Espruino does not hoist):\n' + describeFindings(fixed, late).join('\n'));
      // `sequences: false`: a skipped `(this.x = 1, ...)` costs Espruino a string conversion of
      // `this` per element (test/bundle/skipped-this.mjs); no bundle may hold one.
      const seqs = thisLedSequences(fixed);
      if (seqs.length) this.error('comma expressions led by this (slow on Espruino when skipped):\n' + seqs.join('\n'));
      // TypeScript's class wrappers are gone (test/bundle/flatten-classes.mjs): on Espruino a method
      // made inside one costs three blocks more while the bundle is loaded, and more work per call.
      const nested = nestedMethods(fixed);
      if (nested.length) this.error('methods made inside a class wrapper (see test/bundle/flatten-classes.mjs):\n' + nested.map((n) => n.text).join('\n'));
      // The Espruino bundles keep their top-level names behind one object, so that a program can
      // load them at the root, where functions keep no scope (test/bundle/namespace.mjs).
      return { code: mangleProps ? toNamespace(fixed) : fixed, map: null };
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
  const merged = fs.existsSync('dist/sizes.json') && (only || pick) ? JSON.parse(fs.readFileSync('dist/sizes.json', 'utf8')) : {};
  for (const n of names) merged[n] = sizes[n];
  fs.writeFileSync('dist/sizes.json', JSON.stringify(merged, null, 2) + '\n');
  const w = Math.max.apply(null, names.map((n) => n.length));
  const lines = ['bundle'.padEnd(w) + '      bytes       gzip'];
  for (const n of names) {
    lines.push(n.padEnd(w) + String(sizes[n].bytes).padStart(11) + String(sizes[n].gzip).padStart(11));
  }
  console.log(lines.join('\n'));
}

const CHIPS = { enc28j60: { file: 'enc28j60', name: 'Enc28j60', text: 'ENC28J60' }, w5500: { file: 'w5500', name: 'W5500', text: 'W5500' } };
/** What a lean bundle exports (boards/<board>.ts exports more: every wire function and RawSocket,
 *  which the tests use; a program on a board needs these). setSum16 and copyByViews are what a
 *  board's startDevice installs: exported so that the bench can run a lean bundle as a board does. */
const LEAN_EXPORTS = ['board', 'noAlloc', 'startDevice', 'connect', 'nativeSum16', 'setSum16', 'copyByViews', 'Interface', 'UdpSocket', 'IcmpSocket',
  'TcpSocket', 'DhcpClient', 'DnsClient', 'NetworkDriver', 'SOCKET_ERRORS'];

/** Boards whose lean bundles take a static address only: no DHCP or DNS client. The Pico's 5,100
 *  blocks run connect() and an HTTP server only without them (with them: out of memory in
 *  connect(), `npm run memory`); the Original's 2,756 run neither. */
const STATIC_ONLY = ['espruino-original', 'espruino-pico'];
// The stand-ins for the clients a static-only bundle leaves out: connect() still builds both.
const NO_DHCP = 'export function DhcpClient() { this.state = 0; }\n' +
  'DhcpClient.prototype.start = function () { throw new Error("this bundle has no DHCP client: give connect() options.ip (and prefix, gateway, dns)"); };\n' +
  'DhcpClient.prototype.stop = function (cb) { if (cb) cb(); };\n';
const NO_DNS = 'export function DnsClient() { this.servers = []; }\n' +
  'DnsClient.prototype.setServers = function () {};\n' +
  '// No DNS client in this bundle: a host name is not found (-16), a dotted address works.\n' +
  'DnsClient.prototype.resolve = function () { return -16; };\n';

/** The lean bundle of one board and chip: a virtual entry re-exporting LEAN_EXPORTS from the
 *  board's entry, and the other chip's driver replaced by a stub that says which file to upload
 *  (for a STATIC_ONLY board, the DHCP and DNS clients too). */
function lean(board, chip) {
  const entry = '\0lean:' + board + ':' + chip;
  const staticOnly = STATIC_ONLY.indexOf(board) >= 0;
  const exportsList = staticOnly ? LEAN_EXPORTS.filter((n) => n !== 'DhcpClient' && n !== 'DnsClient') : LEAN_EXPORTS;
  return {
    name: 'lean-' + chip,
    resolveId(source, importer) {
      if (source === entry) return entry;
      if (importer && /src[\\/]phy[\\/]create\.ts$/.test(importer)) {
        for (const c of Object.keys(CHIPS)) if (c !== chip && source === './' + CHIPS[c].file) return '\0stub:' + c;
      }
      if (staticOnly && importer && /(src[\\/]app[\\/]networkjs|boards[\\/]shim[\\/]connect)\.ts$/.test(importer)) {
        if (/[\\/]dhcp$/.test(source)) return '\0stub:dhcp';
        if (/[\\/]dns$/.test(source)) return '\0stub:dns';
      }
      return null;
    },
    load(id) {
      if (id === entry) return 'export { ' + exportsList.join(', ') + ' } from ' + JSON.stringify(path.resolve('boards', board + '.ts')) + ';\n';
      if (id === '\0stub:dhcp') return NO_DHCP;
      if (id === '\0stub:dns') return NO_DNS;
      if (id.startsWith('\0stub:')) {
        const c = CHIPS[id.slice(6)];
        return 'export function ' + c.name + '() { throw new Error(' + JSON.stringify('this bundle drives the ' + CHIPS[chip].text +
          ' only: upload ' + board + '-' + c.file + '.js for the ' + c.text) + '); }\n';
      }
      return null;
    },
  };
}

function config(input, out, extraPlugins, isLean) {
  const mangleProps = out.startsWith('espruino-');
  return {
    input,
    plugins: extraPlugins.concat([typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, outputToFilesystem: false })]),
    onwarn(w, warn) {
      if (w.code === 'CIRCULAR_DEPENDENCY') return;
      warn(w);
    },
    output: [
      { file: 'dist/' + out + '.js', format: 'cjs', esModule: false, freeze: false, exports: 'named', plugins: [minifyAs(false, mangleProps, isLean)] },
      { file: 'dist/' + out + '.noalloc.js', format: 'cjs', esModule: false, freeze: false, exports: 'named', plugins: [minifyAs(true, mangleProps, isLean)] },
    ],
  };
}

// Every board entry as it is (the tests use these: both chips, every export), and for each
// Espruino board one lean bundle per chip: the file to upload (README, "Boards").
const configs = [];
for (const board of selected) {
  configs.push(config('boards/' + board + '.ts', board, []));
  if (board.startsWith('espruino-')) for (const chip of Object.keys(CHIPS)) configs.push(config('\0lean:' + board + ':' + chip, board + '-' + chip, [lean(board, chip)], true));
}
// BUNDLES=<regex>: only the bundles whose name matches (quicker rebuilds while measuring).
const pick = process.env.BUNDLES ? new RegExp(process.env.BUNDLES) : null;
const chosen = pick ? configs.filter((c) => pick.test(c.output[0].file)) : configs;
const expected = chosen.length * 2;
export default chosen;
