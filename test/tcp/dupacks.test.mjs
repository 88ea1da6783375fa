// Which ACKs count as duplicates, against a crafted SACK peer (test/tcp/peer.mjs): an ACK that
// SACKs new bytes counts though its window changed (RFC 6675 2; Linux's window moves on nearly
// every ACK), and each of the first two duplicates lets one new segment go (limited transmit, RFC
// 3042). Both builds. The sender has 4000 bytes acknowledged (20 ms RTT), then a full congestion
// window (sixteen 500-byte segments) in flight and more data queued.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP duplicate ACKs against a crafted SACK peer', () => {
    const F = lib.wire.TCP_FLAGS;
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
    const dup = (c, blocks, window) => c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.base, flags: F.Ack, sackBlocks: blocks, window });

    /** A cwnd-limited sender: sixteen segments in flight (cwnd) and 2000 bytes waiting. */
    function full() {
      const c = sackSender(lib, { more: 8000, sockOpts: { txBytes: 16384 } });
      assert.equal(c.sock.cwnd, 8000, 'cwnd grown to 16 segments by the first 4000 bytes');
      c.sock.send(pattern(2000, 9), 0, 2000);
      c.p.poll();
      assert.deepEqual(sent(c), [], 'cwnd holds the rest back');
      return c;
    }

    test('a duplicate that SACKs new bytes counts though its window changed: limited transmit sends one new segment', () => {
      const c = full();
      dup(c, [seg(c, 1)], 60000);
      assert.deepEqual(sent(c), [16], 'one new segment for the first duplicate');
      dup(c, [[seg(c, 1)[0], seg(c, 2)[1]]], 59000);
      assert.deepEqual(sent(c), [17], 'one more for the second');
    });

    test('a window change with no new SACK information is not a duplicate', () => {
      const c = full();
      dup(c, [seg(c, 1)], 60000);
      assert.deepEqual(sent(c), [16]);
      dup(c, [seg(c, 1)], 59000);
      assert.deepEqual(sent(c), [], 'the same block again with another window: no new segment');
    });

    test('a duplicate with the window unchanged and no SACK counts too (RFC 5681)', () => {
      const c = full();
      dup(c, undefined, 65535);
      assert.deepEqual(sent(c), [16], 'one new segment');
    });

    test('SACK blocks from a peer that did not send SACK-permitted are ignored: a changed window makes no duplicate', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 3000, minRto: 1000 } });
      assert.equal(c.sock.send(pattern(7000, 3), 0, 7000), 7000);
      p.poll();
      const base = c.snd;
      const out = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - base) / 500);
      assert.deepEqual(out(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'the initial window');
      const d = (window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: base, flags: F.Ack, window,
        sackBlocks: [[u32(base + 500), u32(base + 1000)]] });
      d(60000);
      assert.deepEqual(out(), [], 'not a duplicate: the window changed, and the blocks do not count');
      d(60000);
      assert.deepEqual(out(), [10], 'the window unchanged: a duplicate, one new segment');
    });

    /** Connected without SACK (MSS 500), n bytes sent and in flight. */
    function plain(n) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 3000, minRto: 1000, nagle: false } });
      assert.equal(c.sock.send(pattern(n, 3), 0, n), n);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, Math.ceil(n / 500));
      c.p = p;
      c.dup = (window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window });
      return c;
    }

    test('duplicate ACKs that close the window do not start fast retransmit', () => {
      const c = plain(3000);
      for (let i = 0; i < 5; i++) c.dup(0);
      assert.equal(c.sock.stats[1], 0, 'no fast retransmit with a zero window');
    });

    test('duplicate ACKs with a window of one byte still count', () => {
      const c = plain(3000);
      c.dup(1); // the window changes: not a duplicate
      for (let i = 0; i < 3; i++) c.dup(1);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit');
      assert.deepEqual(c.p.out().filter((s) => s.data.length).map((s) => s.seq), [c.snd], 'the first segment again');
    });

    test('one byte in flight: a single duplicate ACK sends it again (early retransmit, RFC 5827)', () => {
      const c = plain(1);
      c.dup(65535);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit');
      assert.deepEqual(c.p.out().filter((s) => s.data.length).map((s) => s.seq), [c.snd]);
    });
  });
}
