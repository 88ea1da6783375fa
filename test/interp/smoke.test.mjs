// Every bundle in dist/ loads and runs the smoke scenario (build a UDP frame, parse it back, check
// the checksums) on the interpreters the boards use: Espruino (the bundle written to Storage and
// loaded as README tells a program to: an Espruino bundle evaluated at the root, node-sim with
// require(); the board and stack suites load the Espruino bundles with require()) and JerryScript
// (inlined: it has no require). The deeper suites beside this one run the stack itself.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { distDir } from '../helpers/bundles.mjs';
import { runEspruino, runJerry, inlineModule, readRepo, skipEspruino, skipJerry } from './engines.mjs';

const bundles = fs.readdirSync(distDir).filter((f) => f.endsWith('.js')).sort();
const scenario = readRepo('test/bundle/smoke-scenario.js');
// A lean board bundle (<board>-<chip>.js, no wire layer) answers with its exports and sockets.
const expectLine = (f) => {
  const lean = /-(enc28j60|w5500)(\.noalloc)?\.js$/.test(f);
  return new RegExp('^SMOKE OK ' + (lean ? 'lean ' : '') + 'board ' + f.replace(/(-enc28j60|-w5500)?(\.noalloc)?\.js$/, '') +
    (f.includes('.noalloc') ? ' \\(noalloc\\)' : '') + (lean ? ', exports and sockets$' : ', udp frame of 47 bytes round-tripped$'), 'm');
};

describe('smoke scenario on Espruino (bundle loaded from Storage, Espruino bundles at the root)', { skip: skipEspruino }, () => {
  for (const f of bundles) {
    test(f, async () => {
      const load = f.startsWith('espruino-') ? 'eval(require("Storage").read("tcpip"))' : 'require("tcpip")';
      const r = await runEspruino('var lib = ' + load + ';\n' + scenario + '\nprint("SMOKE OK " + smoke(lib));\n',
        { storage: { tcpip: f }, timeoutMs: 60000 });
      assert.equal(r.code, 0, 'Espruino exited ' + r.code + ':\n' + r.out + r.err);
      assert.match(r.out, expectLine(f));
      fs.rmSync(r.dir, { recursive: true, force: true });
    });
  }
});

describe('smoke scenario on JerryScript', { skip: skipJerry }, () => {
  for (const f of bundles) {
    test(f, async () => {
      const r = await runJerry(inlineModule('lib', f) + scenario + '\nprint("SMOKE OK " + smoke(lib));\n', { timeoutMs: 60000 });
      assert.equal(r.code, 0, 'JerryScript exited ' + r.code + ':\n' + r.out + r.err);
      assert.match(r.out, expectLine(f));
    });
  }
});
