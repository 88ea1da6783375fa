// A burst of 2000 UDP datagrams from the kernel at the stack's echo port, faster than the stack
// drains: every datagram is either echoed back or counted as dropped at one named place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const skip = interopSkipReason();

for (const [build, chip] of [['default', null], ['noalloc', null], ['default', 'enc28j60'], ['noalloc', 'w5500']]) {
  test(`interop ${build}/${chip || 'tap'}: a UDP burst is echoed or counted, datagram for datagram`, { skip: skip || false }, async (t) => {
    const r = await runScenario('udp-burst', { build, chip });
    assert.equal(r.error, undefined, r.error);
    t.diagnostic(`path: ${r.path}; ${r.sent} x ${r.size} B sent in ${r.sendMs} ms; echoed ${r.echoed}; drops ${JSON.stringify(r.drops)}`);
    assert.ok(r.echoed > 0, 'some datagrams came back');
    // An echo dropped on its way back by a full UDP receive buffer (socat's, which carries the
    // TapDevice's frames, or the test's) is counted by the kernel in Udp.RcvbufErrors: the stack
    // sent it. A full run here saw 4 such (553 delivered, 549 echoed).
    assert.equal(r.udpDelivered, r.echoed + r.drops.kernelUdpRcvbufErrors, 'every datagram the interface delivered was echoed, or dropped by the kernel on its way back and counted');
    assert.equal(r.accounted, r.sent, `echoed + counted drops = sent${r.waitError ? ` (${r.waitError})` : ''}`);
    const ts = tsharkFindings(r.pcap);
    assert.equal(ts.frames, r.recorded);
    assert.deepEqual(ts.findings, [], 'tshark: no malformed frame, no bad checksum');
  });
}
