// A fast retransmission answered sooner than 3/4 of the smallest RTT seen answers the original
// segment (only delayed): the recovery is undone (TcpSocket.spuriousCheck), against a crafted peer
// (test/tcp/peer.mjs). The boundary in time, an ACK that does not cover the retransmission, and a
// recovery with a second retransmission are not undone. Both builds. The sender has 4000 bytes
// acknowledged with a 20 ms RTT (so 3/4 of it is 15 ms), then six 500-byte segments s0..s5 in
// flight; s0 is "lost" and sent again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, refusedFastRetransmit } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const UNDOS = 3;

for (const { name, lib } of builds) {
  describe(name + ': TCP spurious fast retransmission by timing', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const span = (c, a, b) => [seg(c, a)[0], seg(c, b - 1)[1]];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    function retransmitted() {
      const c = sackSender(lib);
      assert.equal(c.sock.rtt.minRtt, 20, 'the smallest RTT seen');
      c.p.now += 20;
      for (const b of [[seg(c, 1)], [span(c, 1, 3)], [span(c, 1, 5)]]) c.ack(c.base, b);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      return c;
    }

    test('an ACK of the retransmitted segment 14 ms after it went: spurious, undone', () => {
      const c = retransmitted();
      const cwnd = c.sock.cwnd;
      c.p.now += 14;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[UNDOS], 1, 'undone');
      assert.ok(c.sock.cwnd > cwnd, 'cwnd back');
    });

    test('15 ms after it went (3/4 of the RTT): not undone', () => {
      const c = retransmitted();
      c.p.now += 15;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[UNDOS], 0);
    });

    test('an ACK that stops inside the retransmitted segment does not count', () => {
      const c = retransmitted();
      c.ack(u32(c.base + 250), [span(c, 1, 5)]);
      assert.equal(c.sock.stats[UNDOS], 0, 'the ACK does not cover the retransmission');
    });

    test('a quick ACK after a second retransmission in the recovery proves nothing', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const b of [[seg(c, 1)], [seg(c, 3), seg(c, 1)], [span(c, 3, 5), seg(c, 1)]]) c.ack(c.base, b);
      assert.deepEqual(sent(c), [0, 2], 's0 and the hole at s2 sent again');
      c.p.now += 5;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[UNDOS], 0, 'not undone: s2 was retransmitted too');
    });

    test('a recovery undone by timing is not undone again by a later D-SACK', () => {
      const c = retransmitted();
      c.p.now += 5;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[UNDOS], 1, 'undone by timing');
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[UNDOS], 1, 'the D-SACK of s0 undoes nothing more');
    });

    test('undone by a quick partial ACK: a later loss in the same flight starts fast retransmit again', () => {
      const c = retransmitted();
      c.p.now += 5;
      // s0-s2 acknowledged 5 ms after s0 went again: spurious. s3 is really lost.
      c.ack(seg(c, 3)[0]);
      assert.equal(c.sock.stats[UNDOS], 1, 'undone');
      sent(c);
      // Two duplicates without SACK blocks (s4, s5 arrive): with three segments in flight and
      // nothing new to send, two are enough (early retransmit, RFC 5827).
      c.ack(seg(c, 3)[0]);
      c.ack(seg(c, 3)[0]);
      assert.equal(c.sock.stats[1], 2, 'a second fast retransmit');
      assert.deepEqual(sent(c), [3], 's3 sent again');
    });

    test('a fast retransmission the device refused, then a full ACK: a quick ACK of later new data undoes nothing', () => {
      const c = sackSender(lib);
      refusedFastRetransmit(c);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit started');
      assert.deepEqual(sent(c), [], 'its segment refused by the device');
      // The originals were only delayed: everything is acknowledged; the recovery ends.
      c.p.now += 20;
      c.ack(u32(c.base + 3000));
      const cwnd = c.sock.cwnd;
      // New data, acknowledged 1 ms later: no retransmission was answered, nothing to undo.
      c.sock.send(pattern(500, 15), 0, 500);
      c.p.poll();
      assert.deepEqual(sent(c), [6]);
      c.p.now += 1;
      c.ack(u32(c.base + 3500));
      assert.equal(c.sock.stats[UNDOS], 0, 'no undo');
      assert.equal(c.sock.cwnd, cwnd, 'cwnd as the recovery left it');
    });
  });
}
