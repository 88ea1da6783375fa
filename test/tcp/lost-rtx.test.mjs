// A lost fast retransmission shown by SACKs (the idea of RACK, RFC 8985) against a crafted peer
// (test/tcp/peer.mjs): once the peer SACKs data sent after the retransmission at sndUna while
// sndUna stays, that retransmission was lost and goes again at once, not at the probe timeout;
// SACKs of data sent before it prove nothing. Both builds. The sender has 4000 bytes acknowledged
// (20 ms RTT), then six 500-byte segments s0..s5 in flight; s0 is lost.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, refusedFastRetransmit } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP lost retransmission shown by SACKs', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const span = (c, a, b) => [seg(c, a)[0], seg(c, b - 1)[1]];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    /** Fast retransmit of s0, then s6-s9 (new data) sent in the recovery. */
    function recovering() {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const b of [[seg(c, 1)], [span(c, 1, 3)], [span(c, 1, 5)]]) c.ack(c.base, b);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      c.sock.send(pattern(2000, 12), 0, 2000);
      c.p.poll();
      assert.deepEqual(sent(c), [6, 7, 8, 9], 'new data in the recovery');
      return c;
    }

    test('SACKs of data sent after the retransmission, with sndUna unmoved, send s0 again at once', () => {
      const c = recovering();
      c.p.now += 5;
      c.ack(c.base, [span(c, 1, 6)]);
      assert.deepEqual(sent(c), [], 's5 SACKed: sent before the retransmission, proves nothing');
      c.ack(c.base, [span(c, 1, 7)]);
      assert.deepEqual(sent(c), [0], 's6 SACKed: the retransmission of s0 was lost, sent again');
      // SACKs of what went before that second retransmission prove nothing about it.
      c.ack(c.base, [span(c, 1, 8)]);
      c.ack(c.base, [span(c, 1, 10)]);
      assert.deepEqual(sent(c), [], 'no third copy for SACKs of s7-s9');
      assert.equal(c.sock.stats[0], 0, 'no timeout');
    });

    test('a partial ACK with SACKs beyond the retransmission is no sign of its loss', () => {
      const c = recovering();
      c.p.now += 5;
      // The peer holds the first 250 bytes of s0 (an ACK within the retransmitted segment) and
      // s1-s6: the ACK moved, so nothing shows the retransmission lost.
      c.ack(u32(c.base + 250), [span(c, 1, 7)]);
      assert.deepEqual(sent(c), [], 'nothing sent again');
      assert.equal(c.sock.sndUna, u32(c.base + 250));
    });

    test('a partial ACK in SACK recovery sends the hole at the new sndUna at once, though not yet shown lost', () => {
      const c = sackSender(lib, { sockOpts: { txBytes: 16384 } });
      // cwnd (8000) fills; 4000 bytes stay queued: new data can go all through the recovery.
      assert.equal(c.sock.send(pattern(9000, 14), 0, 9000), 9000);
      c.p.poll();
      sent(c);
      c.p.now += 20;
      // s0 and s3 lost: s1-s2 then s1-s2 and s4 SACKed: fast retransmit of s0; s3 (one segment
      // SACKed above it) is not yet taken as lost while new data can go.
      c.ack(c.base, [span(c, 1, 3)]);
      c.ack(c.base, [seg(c, 4), span(c, 1, 3)]);
      let out = sent(c);
      assert.ok(out.includes(0), 'fast retransmit of s0 (and limited transmit): ' + out);
      assert.ok(!out.includes(3), 's3 not yet: ' + out);
      // s0's retransmission arrives: the ACK stops at s3.
      c.p.now += 20;
      c.ack(seg(c, 3)[0], [seg(c, 4)]);
      out = sent(c);
      assert.equal(out[0], 3, 's3 at once: ' + out);
    });

    test('while new data can go, a hole with more than two segments SACKed above it is sent again', () => {
      const c = sackSender(lib, { sockOpts: { txBytes: 16384 } });
      assert.equal(c.sock.send(pattern(9000, 14), 0, 9000), 9000);
      c.p.poll();
      assert.equal(sent(c).length, 10, 'cwnd filled: s6..s15');
      c.p.now += 20;
      // s0 and s3 lost.
      c.ack(c.base, [span(c, 1, 3)]);
      c.ack(c.base, [seg(c, 4), span(c, 1, 3)]);
      let out = sent(c);
      assert.ok(out.includes(0) && !out.includes(3), out);
      // s5 and s6 arrive too: three segments above s3.
      c.ack(c.base, [span(c, 4, 7), span(c, 1, 3)]);
      out = sent(c);
      assert.ok(out.includes(3), 's3 now taken as lost: ' + out);
    });

    test('after a timeout, SACKs of data sent before it start no fast retransmit (RFC 6675 RecoveryPoint)', () => {
      const c = sackSender(lib);
      const re = c.p.until((s) => s.filter((x) => x.data.length).length >= 2, 60000, 'probe and timeout');
      assert.equal(c.sock.stats[0], 1, 'a timeout');
      assert.equal(re.filter((x) => x.data.length).pop().seq, c.base, 'the go-back from s0');
      // The peer had s2-s5 (s0 and s1 lost): it acknowledges s0 and SACKs s2-s5.
      c.ack(seg(c, 1)[0], [span(c, 2, 6)]);
      assert.equal(c.sock.stats[1], 0, 'no fast retransmit: sndUna is below the point of the timeout');
    });

    test('a fast retransmission the device refused goes at the recovery\'s probe time, not at the RTO', () => {
      const c = sackSender(lib);
      refusedFastRetransmit(c);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit started');
      assert.deepEqual(sent(c), [], 'refused by the device');
      const t0 = c.p.now;
      c.p.until((x) => x.some((y) => y.data.length && y.seq === c.base), 2000, 's0 sent');
      assert.ok(c.p.now - t0 <= 100, 'within two round trips and a little: ' + (c.p.now - t0) + ' ms (the RTO is 1000)');
    });

    test('the recovery probe resends s0 without going back over holes already resent', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const b of [[seg(c, 1)], [seg(c, 3), seg(c, 1)], [span(c, 3, 5), seg(c, 1)]]) c.ack(c.base, b);
      assert.deepEqual(sent(c), [0, 2], 's0 and the hole at s2');
      // Nothing answers: the recovery's probe sends s0 again, and only s0.
      const seen = c.p.until((x) => x.some((y) => y.data.length), 1000, 'the probe');
      assert.deepEqual(seen.filter((y) => y.data.length).map((y) => u32(y.seq - c.base) / 500), [0]);
      c.p.poll();
      assert.deepEqual(sent(c), [], 's2 not sent a third time');
    });

    test('the recovery probe counts from the latest retransmission of s0', () => {
      const c = recovering();
      c.p.now += 5;
      c.ack(c.base, [span(c, 1, 7)]);
      assert.deepEqual(sent(c), [0], 's0 again (lost retransmission)');
      const t0 = c.p.now;
      c.p.until((x) => x.some((y) => y.data.length && y.seq === c.base), 1000, 's0 by the probe');
      assert.equal(c.p.now - t0, 2 * c.sock.rtt.srtt, 'two SRTT after that retransmission');
    });
  });
}
