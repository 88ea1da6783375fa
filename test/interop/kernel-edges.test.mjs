// Kernel traffic a small stack may not expect (IP options, fragments, broadcast ping, UDP without
// checksum, TTL 1): answered where the stack supports it, otherwise dropped and counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const skip = interopSkipReason();

for (const build of ['default', 'noalloc']) {
  test(`interop ${build}/tap: IP options, fragments, broadcast ping, no-checksum UDP, TTL 1`, { skip: skip || false }, async (t) => {
    const r = await runScenario('kernel-edges', { build });
    assert.equal(r.error, undefined, r.error);
    t.diagnostic(`broadcast ping: ${JSON.stringify(r.broadcast.stack)}; fragments: ${JSON.stringify(r.fragmented.stack)}`);
    assert.equal(r.recordRoute.code, 0, `ping -R: ${r.recordRoute.summary}`);
    assert.equal(r.recordRoute.stack.IcmpEchoAnswered, 2);
    // 3000-byte pings arrive as 3 fragments each; no reassembly: all dropped under IpFragment.
    assert.equal(r.fragmented.code, 1);
    assert.equal(r.fragmented.stack.IpFragment, 6);
    assert.equal(r.fragmented.stack.TxFrames, undefined, 'nothing sent in answer to a fragment');
    // A broadcast echo request is either answered or dropped under a named counter, never lost.
    const b = r.broadcast.stack;
    assert.equal(b.Frames, 2);
    assert.equal(Object.entries(b).filter(([k]) => k !== 'Frames' && k !== 'TxFrames').reduce((a, [, v]) => a + v, 0), 2);
    assert.equal(r.ttl1.code, 0);
    assert.equal(r.udpNoChecksum.echoed, 'no checksum here');
    const ts = tsharkFindings(r.pcap);
    assert.equal(ts.frames, r.recorded);
    assert.deepEqual(ts.findings, [], 'tshark: no malformed frame, no bad checksum');
  });
}
