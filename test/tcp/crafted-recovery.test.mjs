// SACK loss recovery against a crafted peer (test/tcp/peer.mjs), the parts that the interop faults
// (loss, reordering, duplication) exercise: a recovery undone when D-SACKs show every
// retransmission was a duplicate (RFC 2883, RFC 3708), holes retransmitted only once SACKs show
// them lost while new data can go (RFC 6675 NextSeg), and a lost retransmission repaired by a
// probe two round trips later rather than by the retransmission timeout. Both builds. The sender
// has 4000 bytes acknowledged with a 20 ms RTT, then six 500-byte segments s0..s5 in flight.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, sackSenderProbed } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK recovery against a crafted peer', () => {
    /** Segment k of the flight: [base + 500k, base + 500(k + 1)). */
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    /** Data segments sent since the last look, by their offset from base in segments (new data too). */
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    /** s0 lost: three duplicate ACKs SACK s1, then s1-s2, then s1-s4 (or the blocks given); the
     *  third starts fast retransmit. Returns what the sender sent meanwhile. */
    function lose0(c, blocks = [[1, 2], [1, 3], [1, 5]]) {
      c.p.now += 20;
      const out = [];
      for (const [from, to] of blocks) {
        c.ack(c.base, [[seg(c, from)[0], seg(c, to - 1)[1]]]);
        out.push(...sent(c));
      }
      return out;
    }

    test('D-SACKs showing the only retransmission was a duplicate undo the recovery, a round trip after it ended', () => {
      const c = sackSender(lib);
      const cwnd = c.sock.cwnd, ssthresh = c.sock.ssthresh;
      assert.deepEqual(lose0(c), [0], 'fast retransmit of s0 after the third duplicate');
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      assert.ok(c.sock.cwnd < cwnd, 'cwnd reduced');
      // The original s0 was only delayed: the whole flight is acknowledged a round trip later
      // (too late for the timing test to call the retransmission spurious).
      c.p.now += 20;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[STAT.undos], 0, 'not undone by the ACK alone');
      assert.ok(c.sock.cwnd < cwnd, 'cwnd still reduced');
      // A D-SACK of a segment never retransmitted (the network duplicated it) proves nothing.
      c.ack(u32(c.base + 3000), [seg(c, 1)]);
      assert.equal(c.sock.stats[STAT.undos], 0, 'a D-SACK of s1 (not retransmitted) does not undo');
      // Then the retransmission of s0 arrives: the receiver reports it received twice.
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd back: ' + c.sock.cwnd + ' >= ' + cwnd);
      assert.ok(c.sock.ssthresh >= ssthresh, 'ssthresh back');
      // The same D-SACK again undoes nothing more.
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'one undo per recovery');
    });

    for (const echo of ['original', 'retransmission']) {
      test(`with timestamps, an ACK of the fast retransmission echoing the ${echo} ${echo === 'original' ? 'undoes the recovery at once, however late (Eifel detection)' : 'leaves it'}`, () => {
        const c = sackSender(lib, { ts: true });
        const cwnd = c.sock.cwnd, ssthresh = c.sock.ssthresh;
        c.p.now += 20;
        for (const to of [2, 3, 5]) c.ack(c.base, [[seg(c, 1)[0], seg(c, to - 1)[1]]]);
        const rtx = c.p.out().filter((s) => s.data.length);
        assert.deepEqual(rtx.map((s) => u32(s.seq - c.base) / 500), [0], 'fast retransmit of s0');
        assert.ok(u32(rtx[0].ts.val - c.flight[0].ts.val) > 0, 'the retransmission stamped later');
        assert.ok(c.sock.cwnd < cwnd, 'cwnd reduced');
        // 30 ms later (past 3/4 of the 20 ms RTT, so the timing test says nothing) the whole flight
        // is acknowledged; the echo tells which copy of s0 filled the hole.
        c.p.now += 30;
        c.ack(u32(c.base + 3000), undefined, (echo === 'original' ? c.flight[0] : rtx[0]).ts.val);
        if (echo === 'original') {
          assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
          assert.ok(c.sock.cwnd >= cwnd, 'cwnd back: ' + c.sock.cwnd + ' >= ' + cwnd);
          assert.ok(c.sock.ssthresh >= ssthresh, 'ssthresh back');
        } else {
          assert.equal(c.sock.stats[STAT.undos], 0, 'not undone');
          assert.ok(c.sock.cwnd < cwnd, 'cwnd stays reduced');
        }
      });
    }

    test('a D-SACK inside the second SACK block counts (RFC 2883 4.2); with two retransmissions both must be reported', () => {
      const c = sackSender(lib);
      const cwnd = c.sock.cwnd;
      // s0 and s2 missing: s1, s3 and s4 SACKed. Nothing new to send, so with s0 the hole at s2
      // goes too (RFC 6675 NextSeg rule 3), though only two segments are SACKed above it.
      assert.deepEqual(lose0(c, [[1, 2], [3, 4], [3, 5]]), [0, 2], 'fast retransmit of s0, then the hole at s2');
      c.p.now += 20;
      c.ack(u32(c.base + 3000));
      // s2's copy reported as a D-SACK inside the second block: one of the two.
      c.ack(u32(c.base + 3000), [seg(c, 2), [u32(c.base + 500), u32(c.base + 3000)]]);
      assert.equal(c.sock.stats[STAT.undos], 0, 'one of two retransmissions reported: no undo');
      c.ack(u32(c.base + 3000), [seg(c, 0)]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'both reported: undone');
      assert.ok(c.sock.cwnd >= cwnd);
    });

    test('while new data can go, a later hole waits until more than two segments are SACKed above it (RFC 6675 IsLost)', () => {
      const c = sackSender(lib);
      // s0 and s2 missing; two duplicates SACK s1 and s3.
      assert.deepEqual(lose0(c, [[1, 2], [3, 4]]), [], 'nothing new to send yet');
      // More data is queued; the third duplicate SACKs s3-s4 too and starts fast retransmit.
      c.sock.send(pattern(5000, 5), 0, 5000);
      c.ack(c.base, [[seg(c, 3)[0], seg(c, 4)[1]], seg(c, 1)]);
      const out = sent(c);
      assert.equal(out[0], 0, 'fast retransmit of s0 first: ' + out);
      assert.ok(!out.includes(2), 's2 (two segments SACKed above it, perhaps only reordered) not yet: ' + out);
      assert.ok(out.includes(6), 'new data instead: ' + out);
      // The peer SACKs s5 and the new data: now s2 is lost.
      c.p.now += 1;
      c.ack(c.base, [[seg(c, 3)[0], seg(c, Math.max(...out))[1]], seg(c, 1)]);
      assert.ok(sent(c).includes(2), 's2 retransmitted once more than two segments are SACKed above it');
    });

    test('what goes in a recovery while cwnd bounds the pipe counts for cwnd\'s growth after it (RFC 7661)', () => {
      const c = sackSender(lib);
      lose0(c, [[1, 2], [3, 4]]);
      c.sock.send(pattern(5000, 5), 0, 5000);
      c.ack(c.base, [[seg(c, 3)[0], seg(c, 4)[1]], seg(c, 1)]);
      const inRecovery = sent(c).filter((k) => k >= 6);
      assert.ok(inRecovery.length >= 2, 'new data in the recovery, bounded by the pipe: ' + inRecovery);
      // Everything up to the recovery point acknowledged: the recovery ends at ssthresh.
      c.p.now += 20;
      c.ack(u32(c.base + 3000));
      const cwnd0 = c.sock.cwnd;
      const rec = inRecovery.length * 500;
      assert.ok(rec < cwnd0, 'less than a cwnd of recovery data: ' + rec + ' < ' + cwnd0);
      // Its acknowledgment, then that of what went after, one segment at a time: cwnd grows by
      // one segment once a cwnd of bytes is acknowledged, the recovery's data included, but not
      // the first segment after it: the ACK of the recovery's data freed more than the ring then
      // held, so the ring, not cwnd, held that flight back (its first segment's ACK counts nothing).
      c.sock.send(pattern(8192, 6), 0, 8192);
      c.ack(u32(c.base + 3000 + rec));
      let acked = rec, next = u32(c.base + 3000 + rec);
      const pending = [];
      for (let i = 0; i < 40 && acked < cwnd0 + 500; i++) {
        pending.push(...c.p.out().filter((s) => s.data.length));
        const s = pending.find((x) => x.seq === next);
        if (!s) {
          c.sock.send(pattern(8192, 6 + i), 0, 8192); // the ring kept full: cwnd is the limit
          c.p.poll();
          continue;
        }
        next = u32(next + s.data.length);
        acked += s.data.length;
        assert.equal(c.sock.cwnd, cwnd0, 'no growth before a cwnd of bytes: ' + acked);
        c.sock.send(pattern(8192, 50 + i), 0, 8192); // the ring kept full: cwnd, not the ring, holds the sender
        c.ack(next);
      }
      assert.ok(acked >= cwnd0 + 500, 'a cwnd of bytes acknowledged, and the segment that did not count: ' + acked);
      assert.equal(c.sock.cwnd, cwnd0 + 500, 'one segment more');
    });

    test('a lost fast retransmission with the whole flight SACKed is sent again two round trips later, not at the RTO', () => {
      const c = sackSender(lib);
      assert.deepEqual(lose0(c, [[1, 2], [1, 4], [1, 6]]), [0], 'fast retransmit of s0');
      const t0 = c.p.now;
      // The retransmission is lost: nothing comes back. The RTO is 1 s (minRto).
      const seen = c.p.until((s) => s.some((x) => x.data.length && x.seq === c.base), 1000, 's0 sent again');
      const dt = c.p.now - t0;
      assert.ok(dt <= 100, 'within two round trips and a little (' + dt + ' ms), the RTO is 1000');
      assert.equal(seen.filter((x) => x.data.length).length, 1, 'one segment: s0');
      assert.equal(c.sock.stats[STAT.probes], 1, 'counted as a probe');
      assert.equal(c.sock.stats[STAT.timeouts], 0, 'no timeout');
      assert.ok(c.sock.cwnd > 500, 'cwnd not collapsed to one segment');
      c.p.now += 20;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.sendQueue(), 0, 'all acknowledged');
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });

    test('a SACK of the loss probe\'s new data shows every hole sent before it lost, however few segments it SACKs', () => {
      // Sixteen segments in flight (cwnd-bound, more data waiting); s0-s14 lost in a burst.
      // Sixteen in flight, more data held back by cwnd; the tail loss probe sent s16 (new data).
      const c = sackSenderProbed(lib);
      // s15 and the probe arrive: two segments SACKed, too few for the duplicate count.
      c.ack(c.base, [[seg(c, 15)[0], seg(c, 16)[1]]]);
      const out = sent(c);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'fast recovery, not the RTO');
      // The holes after s0 are lost too (sent before the probe), so they go before the new data
      // still waiting (RFC 6675 NextSeg rule 1 before rule 2).
      assert.deepEqual(out.slice(0, 3), [0, 1, 2], 'fast retransmit of s0, then s1 and s2: ' + out);
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });

    test('a recovery that starts after the flight\'s tail loss probe still gets its own probe', () => {
      const c = sackSender(lib);
      // No answer at all: the tail loss probe sends the last segment again.
      const probe = c.p.until((s) => s.some((x) => x.data.length), 1000, 'the tail loss probe');
      assert.deepEqual(probe.filter((x) => x.data.length).map((x) => u32(x.seq - c.base) / 500), [5], 'the probe: s5 again');
      assert.equal(c.sock.stats[STAT.probes], 1);
      // Its answer SACKs s1-s5: s0 is lost, fast retransmit.
      c.ack(c.base, [[seg(c, 1)[0], seg(c, 5)[1]]]);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      // That retransmission is lost too: s0 goes again within two round trips, not at the RTO (1 s).
      const t0 = c.p.now;
      c.p.until((s) => s.some((x) => x.data.length && x.seq === c.base), 1000, 's0 sent again');
      assert.ok(c.p.now - t0 <= 100, 'after ' + (c.p.now - t0) + ' ms');
      assert.equal(c.sock.stats[STAT.probes], 2, 'the recovery\'s probe');
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });
  });
}
