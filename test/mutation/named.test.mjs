// The named equivalents (test/mutation/named.mjs) still describe the source: each entry's code
// snippet occurs in its file and holds the mutated text. An entry left behind by a change of the
// code would match no mutant and leave the mutation report silently short of a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/bundles.mjs';
import { equivalents } from './named.mjs';

test('every named equivalent matches the current source', () => {
  const stale = [];
  const src = {};
  for (const e of equivalents) {
    src[e.file] = src[e.file] || fs.readFileSync(path.join(root, e.file), 'utf8');
    if (src[e.file].indexOf(e.code) < 0) stale.push(e.file + ': code not found: ' + JSON.stringify(e.code.slice(0, 80)));
    else if (e.code.indexOf(e.original) < 0) stale.push(e.file + ': ' + JSON.stringify(e.original) + ' not in its code ' + JSON.stringify(e.code.slice(0, 80)));
    assert.ok(e.reason && e.reason.length > 10, 'a reason for ' + e.file + ' ' + JSON.stringify(e.code.slice(0, 60)));
  }
  assert.ok(equivalents.length > 700, 'the list was read (' + equivalents.length + ' entries)');
  assert.deepEqual(stale, [], 'named equivalents that no longer match the source: update or remove them');
});
