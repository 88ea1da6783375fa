// Runs the smoke scenario on Duktape, an ES5 interpreter, against every bundle in dist/.
// Skipped (with a message) only when the `duk` binary is absent; .ci/run installs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync, spawnSync } from 'node:child_process';
import { distDir, root } from '../helpers/bundles.mjs';

const scenario = fs.readFileSync(path.join(root, 'test/bundle/smoke-scenario.js'), 'utf8');
const bundles = fs.readdirSync(distDir).filter((f) => f.endsWith('.js')).sort();
const haveDuk = spawnSync('sh', ['-c', 'command -v duk']).status === 0;

function program(file) {
  const src = fs.readFileSync(path.join(distDir, file), 'utf8');
  return 'var exports = {}; var module = { exports: exports };\n(function (exports, module) {\n' + src +
    '\n})(exports, module);\n' + scenario + '\nprint("SMOKE OK " + smoke(module.exports));\n';
}

for (const f of bundles) {
  test('smoke scenario on Duktape: ' + f, { skip: haveDuk ? false : 'duk not installed (apt-get install duktape)' }, () => {
    const file = path.join(os.tmpdir(), 'smoke-' + process.pid + '-' + f);
    fs.writeFileSync(file, program(f));
    try {
      const out = execFileSync('duk', [file], { encoding: 'utf8', timeout: 60000 });
      assert.match(out, /SMOKE OK/);
    } finally {
      fs.unlinkSync(file);
    }
  });
  test('smoke scenario in Node: ' + f, () => {
    let out = '';
    vm.runInNewContext(program(f), { print: (s) => { out += s; } });
    assert.match(out, /SMOKE OK/);
  });
}
