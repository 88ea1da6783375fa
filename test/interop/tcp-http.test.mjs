// HTTP between the stack and the Linux kernel through the TAP: curl -> the board's responder, the
// board -> python3 -m http.server, bodies byte for byte; then 10 MiB each way under netem (loss 5%,
// reorder 10%, duplicate 2%, delay 5 ms) checked by SHA-256, with the time printed. The plain TAP
// path and the W5500 path (the brief's "same on the W5500 path"); tshark checks every recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { interopSkipReason, runScenario } from './harness.mjs';
import { tsharkFindings, tsharkCount } from './tshark.mjs';
import { KERNEL_IP, STACK_IP } from './scenarios/setup.mjs';

const noTcp = builds.some((b) => !b.lib.socket.TcpSocket) ? 'the node-sim bundle has no TcpSocket yet (branch tcp not merged)' : null;
const skip = interopSkipReason() || noTcp;

function check(t, r) {
  assert.equal(r.error, undefined, r.error);
  t.diagnostic(`path: ${r.path}; python3 http.server accepted after ${r.pythonReadyMs} ms`);
  assert.equal(r.curlPage.ok, true, `curl / : ${JSON.stringify(r.curlPage)}`);
  assert.equal(r.curlStatus.ok, true, `curl /status.json: ${JSON.stringify(r.curlStatus)}`);
  assert.equal(r.boardGetSmall.ok, true, `board GET small.bin: ${JSON.stringify(r.boardGetSmall)}`);
  const ts = tsharkFindings(r.pcap);
  assert.equal(ts.frames, r.recorded);
  assert.deepEqual(ts.findings.slice(0, 5), [], 'tshark: no malformed frame, no bad checksum');
}

for (const build of ['default', 'noalloc']) {
  test(`interop ${build}/tap: HTTP both ways`, { skip: skip || false }, async (t) => {
    check(t, await runScenario('tcp-http', { build }));
  });
}

for (const chip of [null, 'w5500']) {
  test(`interop default/${chip || 'tap'}: 10 MiB each way under netem`, { skip: skip || false, timeout: 600000 }, async (t) => {
    const r = await runScenario('tcp-http', { build: 'default', chip, bulk: true }, { timeoutMs: 580000 });
    check(t, r);
    t.diagnostic(`stack -> kernel (curl): ${JSON.stringify(r.bulkStackToKernel)}`);
    t.diagnostic(`kernel -> stack (python http.server): ${JSON.stringify(r.bulkKernelToStack)}`);
    t.diagnostic(`kernel-side faults: ${r.kernelFaults}; qdisc: ${r.netem}; TapDevice counters: ${JSON.stringify(r.tapFaults)}`);
    assert.equal(r.bulkStackToKernel.ok, true, JSON.stringify(r.bulkStackToKernel));
    assert.equal(r.bulkKernelToStack.ok, true, JSON.stringify(r.bulkKernelToStack));
    // SACK (issue 16): offered in every SYN and SYN-ACK, and used both ways under the faults.
    const syns = tsharkCount(r.pcap, 'tcp.flags.syn == 1');
    assert.ok(syns >= 4, 'SYNs recorded: ' + syns);
    assert.equal(tsharkCount(r.pcap, 'tcp.flags.syn == 1 && tcp.options.sack_perm'), syns, 'every SYN and SYN-ACK offers SACK');
    const ours = tsharkCount(r.pcap, `tcp.options.sack_le && ip.src == ${STACK_IP}`);
    const theirs = tsharkCount(r.pcap, `tcp.options.sack_le && ip.src == ${KERNEL_IP}`);
    t.diagnostic(`ACKs with SACK blocks: ${ours} from the stack, ${theirs} from Linux`);
    assert.ok(ours > 0 && theirs > 0, 'SACK blocks both ways');
    // Timestamps (RFC 7323): in every SYN and SYN-ACK, so agreed, then on every segment both
    // ways but a RST.
    assert.equal(tsharkCount(r.pcap, 'tcp.flags.syn == 1 && tcp.options.timestamp.tsval'), syns, 'every SYN and SYN-ACK carries timestamps');
    const bare = (ip) => tsharkCount(r.pcap, `tcp && ip.src == ${ip} && tcp.flags.reset == 0 && !tcp.options.timestamp.tsval`);
    assert.equal(bare(STACK_IP), 0, 'every segment of ours carries timestamps');
    assert.equal(bare(KERNEL_IP), 0, 'every segment of Linux carries timestamps');
  });
}
