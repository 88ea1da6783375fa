// Which SACK blocks prove a retransmission was a duplicate (D-SACK, RFC 2883 4) against a crafted
// peer (test/tcp/peer.mjs): a first block inside the second one counts though it lies above the
// cumulative ACK; an ordinary SACK of a retransmitted segment (its first copy was lost) does not,
// so it cannot help undo a recovery that was needed. Both builds. The sender has 4000 bytes
// acknowledged (20 ms RTT), then six 500-byte segments s0..s5 in flight; s0 and s2 go missing and
// both are retransmitted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;
const UNDOS = 3;

for (const { name, lib } of builds) {
  describe(name + ': TCP D-SACK blocks against a crafted peer', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const span = (c, a, b) => [seg(c, a)[0], seg(c, b - 1)[1]];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    /** s0 and s2 missing: duplicates SACK s1, then s1 and s3, then s1 and s3-s4; s0 and then the
     *  hole at s2 are retransmitted (nothing new can go: NextSeg rule 3). */
    function lose02() {
      const c = sackSender(lib);
      c.p.now += 20;
      const out = [];
      for (const blocks of [[seg(c, 1)], [seg(c, 3), seg(c, 1)], [span(c, 3, 5), seg(c, 1)]]) {
        c.ack(c.base, blocks);
        out.push(...sent(c));
      }
      assert.deepEqual(out, [0, 2], 'retransmissions of s0 and s2');
      return c;
    }

    test('a D-SACK inside the second block, above the cumulative ACK, counts: both duplicates reported undo the recovery', () => {
      const c = lose02();
      const cwnd = c.sock.cwnd;
      c.p.now += 20;
      // The original s2 was only reordered: s1-s5 held, s0 still missing.
      c.ack(c.base, [span(c, 1, 6)]);
      assert.equal(c.sock.stats[UNDOS], 0);
      // Then s2's retransmission: reported twice, inside the block, while s0 is still missing.
      c.ack(c.base, [seg(c, 2), span(c, 1, 6)]);
      assert.equal(c.sock.stats[UNDOS], 0, 'one of two duplicates: no undo yet');
      // s0's retransmission fills the gap; the original s0 comes late and is reported twice.
      c.ack(u32(c.base + 3000));
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[UNDOS], 1, 'both retransmissions were duplicates: undone');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd back');
    });

    test('a SACK block that holds a retransmitted segment, above the cumulative ACK, is no D-SACK', () => {
      const c = lose02();
      c.p.now += 20;
      // s2's first copy was lost: its retransmission arrives and is SACKed (s1-s4 held).
      c.ack(c.base, [span(c, 1, 5)]);
      // s0's retransmission and s5 arrive; later the original s0 comes, reported twice.
      c.ack(u32(c.base + 3000));
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[UNDOS], 0, 's2 was really lost: the recovery stays');
    });

    test('a D-SACK block that starts below the cumulative ACK and ends above it counts', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const blocks of [[seg(c, 1)], [span(c, 1, 3)], [span(c, 1, 5)]]) c.ack(c.base, blocks);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      c.p.now += 20;
      // The peer acknowledges 250 bytes and reports bytes 0 to 400 received twice (the original
      // s0 came late, after its retransmission): the block starts below the ACK and ends above it.
      c.ack(u32(c.base + 250), [[c.base, u32(c.base + 400)]]);
      assert.equal(c.sock.stats[UNDOS], 1, 'undone');
    });

    test('with no SACK block on an ACK, blocks of an earlier segment are not read again', () => {
      const c = lose02();
      c.p.now += 20;
      // s2's retransmission was a duplicate (reported below s0's gap in the second block), then an
      // ACK without SACK blocks: nothing more is proved by it.
      c.ack(c.base, [seg(c, 2), span(c, 1, 6)]);
      c.ack(u32(c.base + 3000));
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[UNDOS], 0, 'one of two duplicates reported');
    });

    /** After lose02 (s0 and s2 retransmitted), the ACK carrying `blocks` at sndUna, then s0's
     *  retransmission and s5 arriving, then the late original s0 reported twice: true if undone. */
    function undoneAfter(blocksOf) {
      const c = lose02();
      c.p.now += 20;
      for (const blocks of blocksOf(c)) c.ack(c.base, blocks);
      c.ack(u32(c.base + 3000));
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      return c.sock.stats[UNDOS] === 1;
    }

    test('a first block that starts below the second is no D-SACK', () => {
      assert.equal(undoneAfter((c) => [[seg(c, 2), span(c, 3, 6)]]), false, 's2 was only SACKed');
    });

    test('a first block that starts inside the second but ends past it is no D-SACK', () => {
      assert.equal(undoneAfter((c) => [[span(c, 2, 6), span(c, 1, 3)]]), false, 's2 was only SACKed');
    });

    test('a single block is not compared with the second block of an earlier ACK', () => {
      // First a D-SACK of s4 (never retransmitted) inside a block s1-s5, then s2 SACKed alone.
      assert.equal(undoneAfter((c) => [[seg(c, 4), span(c, 1, 6)], [seg(c, 2)]]), false, 's2 was only SACKed');
    });

    test('control: the D-SACK of s2 inside the second block, then that of s0, undo', () => {
      assert.equal(undoneAfter((c) => [[span(c, 1, 6)], [seg(c, 2), span(c, 1, 6)]]), true);
    });

    test('after a timeout, a D-SACK of the earlier fast retransmission undoes nothing', () => {
      const c = sackSender(lib);
      c.p.now += 20;
      for (const blocks of [[seg(c, 1)], [span(c, 1, 3)], [span(c, 1, 5)]]) c.ack(c.base, blocks);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      c.p.until(() => c.sock.stats[0] > 0, 10000, 'a timeout');
      // Everything arrives at last, and s0 is reported received twice.
      c.ack(u32(c.base + 3000));
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[UNDOS], 0, 'the timeout closed the record of the recovery');
    });
  });
}
