// TAP plumbing against the Linux kernel, without the Interface: the kernel's ARP request arrives as
// a frame, hand-made replies (lib.wire) make its ping and a UDP echo succeed, and tshark finds no
// malformed frame or bad checksum in the recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const skip = interopSkipReason();

for (const chip of [null, 'enc28j60', 'w5500']) {
test(`interop plumbing (${chip || 'plain TAP device'}): kernel ping and UDP reach a lib.wire responder`, { skip: skip || false }, async (t) => {
  const r = await runScenario('plumbing', { build: 'default', chip });
  assert.equal(r.error, undefined, r.error);
  t.diagnostic(`path: ${r.path}; ping: ${r.pingOut}`);
  assert.equal(r.seen.arpRequests >= 1, true, 'the kernel ARP request reached the device');
  assert.equal(r.pingCode, 0, `ping failed: ${r.pingOut}`);
  assert.equal(r.seen.echoRequests, 3);
  assert.equal(r.udpEchoOk, true, 'the kernel received its UDP datagram back');
  assert.equal(r.seen.bad, 0, 'every kernel frame parsed');
  const ts = tsharkFindings(r.pcap);
  // 1 ARP reply + 3 echo replies + 1 UDP echo went out, besides what came in.
  assert.equal(r.recorded, r.seen.frames + 5, 'the pcap holds every frame in and out');
  assert.equal(ts.frames, r.recorded);
  assert.deepEqual(ts.findings, [], 'tshark: no malformed frame, no bad checksum');
});
}
