// The suite's test files that run in Node against the node-sim bundles (not interop, interp or
// bundle checks): what coverage and mutation runs take.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './bundles.mjs';

export function nodeTestFiles() {
  const out = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir + '/' + e.name;
      if (e.isDirectory()) { if (!/^test\/(interop|interp|bundle)$/.test(rel)) walk(rel); }
      else if (e.name.endsWith('.test.mjs')) out.push(rel);
    }
  })('test');
  return out.sort();
}
