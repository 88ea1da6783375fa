// The stack against the Linux kernel through a TAP, on both builds and on three device paths (the
// TAP device itself, and the ENC28J60 / W5500 drivers over their emulators): ping both ways, UDP
// both ways up to a full MTU, ICMP port unreachable; tshark finds nothing wrong in the recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings } from './tshark.mjs';

const skip = interopSkipReason();

for (const build of ['default', 'noalloc']) {
  for (const chip of [null, 'enc28j60', 'w5500']) {
    test(`interop ${build}/${chip || 'tap'}: ping both ways, UDP both ways, port unreachable`, { skip: skip || false }, async (t) => {
      const r = await runScenario('stack-basic', { build, chip });
      assert.equal(r.error, undefined, r.error);
      t.diagnostic(`path: ${r.path}`);
      t.diagnostic(`kernel ping: ${r.kernelPing.summary}; stack ping rtt ms: ${r.stackPing.rttsMs.join(', ')}`);
      assert.equal(r.kernelPing.code, 0, r.kernelPing.summary);
      assert.equal(r.kernelPingFullMtu.code, 0, r.kernelPingFullMtu.summary);
      assert.ok(r.stackPing.rttsMs.every((x) => x !== null), `stack ping lost replies: ${r.stackPing.rttsMs}`);
      assert.deepEqual(r.udpEcho.filter((e) => !e.ok), [], 'kernel -> stack UDP echo');
      assert.deepEqual(r.udpToKernel.filter((e) => !e.ok), [], 'stack -> kernel UDP');
      assert.equal(r.portUnreachable.stackSent, 1);
      assert.equal(r.portUnreachable.kernelInDestUnreachs, 1, `the kernel took the stack's port unreachable${r.portUnreachableWait ? ` (${r.portUnreachableWait})` : ''}`);
      assert.deepEqual(r.kernelSnmp, { 'Ip.InHdrErrors': 0, 'Udp.InCsumErrors': 0, 'Icmp.InCsumErrors': 0, 'Icmp.InErrors': 0 });
      const ts = tsharkFindings(r.pcap);
      assert.equal(ts.frames, r.recorded);
      assert.deepEqual(ts.findings, [], 'tshark: no malformed frame, no bad checksum');
    });
  }
}
