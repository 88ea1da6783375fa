// TAP plumbing against the Linux kernel, without the Interface: the kernel's ARP request arrives as
// a frame, hand-made replies (lib.wire) make its ping and a UDP echo succeed, and tshark finds no
// malformed frame or bad checksum in the recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const skip = interopSkipReason();

test('interop plumbing: kernel ping and UDP through the TAP to a lib.wire responder', { skip: skip || false }, async (t) => {
  const r = await runScenario('plumbing', { build: 'default' });
  assert.equal(r.error, undefined, r.error);
  t.diagnostic(`path: ${r.path}; ping: ${r.pingOut}`);
  assert.equal(r.seen.arpRequests >= 1, true, 'the kernel ARP request reached the device');
  assert.equal(r.pingCode, 0, `ping failed: ${r.pingOut}`);
  assert.equal(r.seen.echoRequests, 3);
  assert.equal(r.udpEchoOk, true, 'the kernel received its UDP datagram back');
  assert.equal(r.seen.bad, 0, 'every kernel frame parsed');
  const ts = tsharkFindings(r.pcap);
  assert.equal(ts.frames, r.device.rxFrames + r.device.txFrames, 'the pcap holds every frame in and out');
  assert.deepEqual(ts.findings, [], 'tshark: no malformed frame, no bad checksum');
});
