// Which property names the Espruino bundles keep (test/bundle/public-names.mjs): the lean bundles,
// which export no wire layer, rename the fields of its records; the board entries keep them (the
// smoke scenario reads them through `wire`); a name the documentation gives stays in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publicNames } from './public-names.mjs';
import { root } from '../helpers/bundles.mjs';

test('the lean bundles rename the wire records\' fields, the board entries keep them', () => {
  const full = new Set(publicNames(root)), lean = new Set(publicNames(root, { lean: true }));
  for (const n of ['srcPort', 'sackBlocks', 'hasTimestamp', 'senderMac', 'fragOffset']) {
    assert.ok(full.has(n), n + ' is kept in the board entries');
    assert.ok(!lean.has(n), n + ' is renamed in the lean bundles');
  }
  // src/socket/README.md names tcpRepr.payloadOff; connect and the socket API are public in both.
  for (const n of ['payloadOff', 'connect', 'sendTo', 'recvFrom', 'localPort']) assert.ok(full.has(n) && lean.has(n), n + ' is kept in both');
  for (const n of lean) assert.ok(full.has(n), n + ': the lean list is part of the full one');
});
