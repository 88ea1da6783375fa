// The marks that SACK recovery keeps between ACKs, against a crafted peer (test/tcp/peer.mjs): the
// fast retransmission's time (rtxAt: the spurious test, cleared once the retransmission is
// acknowledged, also when it went at time 0 or was refused by the device), the smallest RTT
// (a 1 ms path), the timestamp echo (used only once timestamps are agreed), the loss probe's new
// data (tlpSeq: kept until the ACK passes it; shows lost only the holes before it, only once it is
// SACKed, also through partial ACKs without SACK blocks; stale with no probe sent, even where the
// sequence space wraps through 0), the scoreboard's ranges (dropped once acknowledged, also by a
// predicted ACK) and the pipe (a hole at sequence number 0; nothing below sndUna after a partial
// ACK, so window-limited data does not grow cwnd). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { refuseFrames, sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, undos: 3, predicted: 4 };

/** sackSender (peer.mjs; its sent() gives the data segments since the last look, as indices) with
 *  an ACK that takes any extra fields (ack(ack, sackBlocks, extra)) and the flight's segments by
 *  index: seg(k) is [base + 500k, base + 500(k + 1)), blk(k, j) segments k..j as one SACK block. */
function sackFlight(lib, opts = {}) {
  const F = lib.wire.TCP_FLAGS;
  const c = sackSender(lib, opts);
  c.ack = (ack, sackBlocks, extra = {}) => c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(ack), flags: F.Ack, sackBlocks, ...extra });
  c.seg = (k) => [c.at(k), c.at(k + 1)];
  c.blk = (k, j) => [c.seg(k)[0], c.seg(j)[1]];
  return c;
}

for (const { name, lib } of builds) {
  describe(name + ': TCP recovery marks against a crafted peer', () => {
    /** s0 lost: duplicates SACK s1, s1-s2, s1-s4; the third starts fast retransmit. */
    function lose0(c) {
      for (const j of [1, 2, 4]) c.ack(c.base, [c.blk(1, j)]);
      assert.deepEqual(c.sent(), [0], 'fast retransmit of s0');
    }

    for (const [now, rttMs] of [[1000, 20], [0, 0]]) {
      test(`after a recovery from a real loss (at time ${now}), ACKs of new data take the shortcut again`, () => {
        const c = sackFlight(lib, { now, rttMs });
        lose0(c);
        // The retransmission is acknowledged later than 3/4 of the RTT (or with no RTT to judge
        // by): a real loss. The recovery ends.
        c.p.now += 30 * (rttMs > 0);
        c.ack(c.base + 3000);
        assert.equal(c.sock.stats[STAT.undos], 0);
        c.sock.send(pattern(1000, 3), 0, 1000);
        c.p.poll();
        assert.deepEqual(c.sent(), [6, 7]);
        const before = c.sock.stats[STAT.predicted];
        c.ack(c.base + 4000);
        assert.equal(c.sock.stats[STAT.predicted], before + 1, 'predicted again');
      });
    }

    test('a 1 ms path: a fast retransmission acknowledged within the same millisecond was spurious', () => {
      const c = sackFlight(lib, { rttMs: 1 });
      assert.equal(c.sock.rtt.minRtt, 1);
      const cwnd = c.sock.cwnd;
      lose0(c);
      c.ack(c.base + 3000);
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
      assert.ok(c.sock.cwnd >= cwnd);
    });

    test('timestamps not agreed: an echo in the ACK of a fast retransmission proves nothing', () => {
      const c = sackFlight(lib);
      assert.ok(c.syn.ts, 'our SYN offered timestamps');
      const offset = u32(c.syn.ts.val - 1000); // our clock at time t reads t + offset
      lose0(c);
      const rtxAt = c.p.now;
      c.p.now += 30;
      // An echo from before the retransmission, as Eifel detection reads it (RFC 3522).
      c.ack(c.base + 3000, undefined, { tsVal: 5, tsEcr: u32(rtxAt - 5 + offset) });
      assert.equal(c.sock.stats[STAT.undos], 0, 'not undone');
    });

    test('a fast retransmission the device refused is still timed when it goes after a partial ACK', () => {
      // Our ISS low: the stale end of a retransmission never made (0) lies below the ACKs.
      const c = sackFlight(lib, { iss: 1000 });
      const refuse = refuseFrames(c.p, 0);
      c.p.now += 20;
      c.ack(c.base, [c.blk(1, 1)]);
      c.ack(c.base, [c.blk(1, 2)]);
      refuse.n = 1;
      c.ack(c.base, [c.blk(1, 4)]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      assert.deepEqual(c.sent(), [], 'the retransmission refused');
      // The original s0 arrives: s0-s4 acknowledged. s5 is sent again at once (a partial ACK).
      c.ack(c.base + 2500);
      assert.deepEqual(c.sent(), [5]);
      // In the same millisecond the whole flight is acknowledged: that retransmission was not
      // needed (the original s5 arrived), and it was the only one that went: undone.
      c.ack(c.base + 3000);
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
    });

    test('SACKed ranges an ACK covers are dropped also when the ACK takes the shortcut: a later loss has room for four ranges', () => {
      const c = sackFlight(lib, { more: 6000, sockOpts: { txBytes: 16384 } });
      c.p.now += 20;
      // s1 missing for a moment: s2 SACKed, then s1 arrives and the ACK (no SACK) covers s2.
      c.ack(c.seg(1)[0], [c.blk(2, 2)]);
      const before = c.sock.stats[STAT.predicted];
      c.ack(c.seg(3)[0]);
      assert.equal(c.sock.stats[STAT.predicted], before + 1, 'the ACK took the shortcut');
      // s3, s5, s7 and s9 lost: four SACKed ranges, s4, s6, s8, s10, the scoreboard's four.
      c.ack(c.seg(3)[0], [c.blk(4, 4)]);
      c.ack(c.seg(3)[0], [c.blk(6, 6), c.blk(4, 4)]);
      c.ack(c.seg(3)[0], [c.blk(8, 8), c.blk(6, 6), c.blk(4, 4)]);
      assert.deepEqual(c.sent(), [3, 5, 7], 'fast retransmit of the three holes below the highest SACK');
      c.ack(c.seg(3)[0], [c.blk(10, 10), c.blk(8, 8), c.blk(6, 6)]);
      assert.deepEqual(c.sent(), [9], 'the fourth range taken: s9 is a hole too');
    });

    /** Sixteen segments in flight (cwnd-bound), `extra` bytes waiting; no answer: the tail loss
     *  probe sends new data, s16. */
    function probeNew(extra = 2000) {
      const c = sackFlight(lib, { more: 8000, sockOpts: { txBytes: 32768 } });
      c.sock.send(pattern(extra, 5), 0, extra);
      c.p.poll();
      assert.deepEqual(c.sent(), [], 'cwnd holds the new data back');
      const probe = c.p.until((s) => s.some((x) => x.data.length), 1000, 'the tail loss probe');
      assert.deepEqual(probe.filter((x) => x.data.length).map((x) => u32(x.seq - c.base) / 500), [16], 'the probe: new data, s16');
      return c;
    }

    test('the probe\'s mark survives an ACK short of it: a SACK of the probe then shows the holes before it lost', () => {
      const c = probeNew();
      // s0 arrives; s15 and the probe are SACKed, two segments only.
      c.ack(c.base + 500, [c.blk(15, 16)]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'fast recovery');
      assert.equal(c.sent()[0], 1, 's1 first');
    });

    test('before the probe itself is SACKed, a SACK below it shows nothing lost', () => {
      const c = probeNew();
      c.ack(c.base, [c.blk(15, 15)]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 0, 'one segment SACKed, the probe not yet');
      assert.deepEqual(c.sent(), []);
    });

    test('in a recovery the probe showed, partial ACKs without SACK blocks keep its mark: the holes before it go on', () => {
      const c = probeNew();
      c.ack(c.base, [c.blk(15, 16)]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'fast recovery');
      assert.deepEqual(c.sent(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'the holes before the probe, as far as cwnd goes');
      // s0, then s1 acknowledged by ACKs without SACK blocks (below the probe): each makes room
      // for one more hole, which the probe's SACK still shows lost.
      c.p.now += 20;
      c.ack(c.seg(1)[0]);
      assert.deepEqual(c.sent(), [12]);
      c.ack(c.seg(2)[0]);
      assert.deepEqual(c.sent(), [13]);
    });

    test('the probe shows lost only the holes before it: a hole at the probe itself waits for more SACKs', () => {
      const c = probeNew(8000);
      // s0 and the probe s16 lost: s1-s15 SACKed, fast retransmit of s0, then new data.
      c.ack(c.base, [c.blk(1, 15)]);
      const first = c.sent();
      assert.equal(first[0], 0, 'fast retransmit of s0: ' + first);
      assert.ok(first.length >= 4 && first.slice(1).every((k) => k >= 17), 'then new data: ' + first);
      // s17 and s18 SACKed above the hole at s16: two segments, not yet enough.
      c.ack(c.base, [c.blk(17, 18), c.blk(1, 15)]);
      const next = c.sent();
      assert.ok(!next.includes(16), 's16 not sent again yet: ' + next);
      // One more SACKed: s16 is lost.
      c.ack(c.base, [c.blk(17, 19), c.blk(1, 15)]);
      assert.ok(c.sent().includes(16), 's16 sent again');
    });

    test('no probe sent: the stale mark (0) shows nothing lost where the sequence space wraps through 0', () => {
      // s0 = [-200, 300) and s1 = [300, 800) modulo 2^32.
      const c = sackFlight(lib, { iss: u32(-200 - 6001) });
      assert.equal(c.base, u32(-200));
      c.p.now += 20;
      c.ack(c.base, [c.blk(1, 1)]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 0, 'one segment SACKed: not yet');
      assert.deepEqual(c.sent(), []);
      c.ack(c.base, [c.blk(1, 2)]);
      c.ack(c.base, [c.blk(1, 4)]);
      assert.deepEqual(c.sent(), [0], 'fast retransmit after three');
    });

    test('after a partial ACK past the retransmissions, the pipe holds nothing below sndUna: window-limited data does not count for cwnd\'s growth', () => {
      // The peer's window, not cwnd, limits the sender throughout the recovery (RFC 7661: only
      // data sent while cwnd limited the sender grows cwnd when acknowledged).
      const c = sackFlight(lib, { more: 4000, window: 4000, sockOpts: { txBytes: 32768 } });
      let window = 4000;
      const ack = (a, blocks) => c.ack(a, blocks, { window });
      c.sock.send(pattern(2000, 6), 0, 2000);
      c.p.poll();
      assert.deepEqual(c.sent(), [], 'the 4000-byte window is full');
      // s0 lost: three duplicates SACK s1-s4; fast retransmit of s0.
      c.p.now += 20;
      for (const j of [1, 2, 4]) ack(c.base, [c.blk(1, j)]);
      assert.deepEqual(c.sent(), [0]);
      const cwnd = c.sock.cwnd;
      // The window grows to 6000: s8-s11 go (the window, not cwnd, holds the rest).
      window = 6000;
      ack(c.base, [c.blk(1, 4)]);
      assert.deepEqual(c.sent(), [8, 9, 10, 11]);
      // s0 arrives (s1-s4 with it), s5 is missing, s6-s7 SACKed; the window shrinks to 3000.
      c.p.now += 20;
      window = 3000;
      ack(c.seg(5)[0], [c.blk(6, 7)]);
      assert.deepEqual(c.sent(), [5], 's5 sent again');
      // s5 arrives: the recovery ends; then s8-s11 are acknowledged.
      ack(c.seg(8)[0]);
      ack(c.seg(12)[0]);
      assert.equal(c.sock.cwnd, cwnd, 'cwnd after the recovery');
      // The window opens wide: cwnd limits the sender from now on. cwnd grows by one segment once
      // a cwnd of bytes is acknowledged from here, not before: s8-s11 must not count.
      window = 65535;
      c.sock.send(pattern(16000, 7), 0, 16000);
      let next = 12, acked = 0;
      const pending = [];
      for (let i = 0; i < 100 && c.sock.cwnd === cwnd; i++) {
        c.p.poll();
        pending.push(...c.sent());
        assert.ok(pending.includes(next), 'segment ' + next + ' sent');
        next++;
        acked += 500;
        ack(c.seg(next)[0]);
      }
      assert.equal(c.sock.cwnd, cwnd + 500, 'one segment more');
      assert.ok(acked >= cwnd, 'not before a cwnd of bytes is acknowledged once cwnd limits the sender (' + acked + ' < ' + cwnd + ')');
    });

    test('a hole at sequence number 0 not yet lost counts in the pipe as any other hole does', () => {
      // Sixteen segments in flight, cwnd-bound, more data waiting. s0 and s11 lost: s1-s10 and s12
      // SACKed. s0 goes again (more than two segments SACKed above it); s11, with one segment
      // above it, is not yet taken as lost and counts in the pipe, which bounds the new data.
      const run = (iss) => {
        const c = sackFlight(lib, { iss, sockOpts: { txBytes: 32768 } });
        c.sock.send(pattern(16000, 6), 0, 16000);
        c.p.poll();
        assert.deepEqual(c.sent(), [6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        c.p.now += 20;
        c.ack(c.base, [c.blk(1, 10), c.blk(12, 12)]);
        assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
        return { c, out: c.sent() };
      };
      // s11 = [0, 500) modulo 2^32, and elsewhere.
      const at0 = run(u32(-5500 - 6001)), elsewhere = run(1000);
      assert.equal(at0.c.seg(11)[0], 0);
      assert.equal(at0.out[0], 0, 'fast retransmit of s0 first: ' + at0.out);
      assert.ok(!at0.out.includes(11), 's11 not yet: ' + at0.out);
      assert.deepEqual(at0.out, elsewhere.out, 'the same segments as with the hole elsewhere');
      assert.deepEqual(at0.out, [0, 16, 17, 18, 19, 20, 21]);
    });
  });
}
