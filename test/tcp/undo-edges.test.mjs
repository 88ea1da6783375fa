// The edges of undoing a spurious fast recovery (TcpSocket.spuriousCheck, undoRecovery), against a
// crafted peer (test/tcp/peer.mjs): the timing rule at its smallest RTT (1 ms), timestamp options
// that were never agreed (not read), cwnd that grew past its value before the recovery (kept), an
// undo by a partial ACK (the recovery ends: nothing more is retransmitted), and a D-SACK undo after
// the recovery ended, which leaves the duplicate count of a new loss alone. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP undo of a spurious recovery, edges', () => {
    const F = lib.wire.TCP_FLAGS;
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const span = (c, a, b) => [seg(c, a)[0], seg(c, b - 1)[1]];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
    /** s0 "lost": three duplicates SACK s1, s1-s2, s1-s4; the third starts fast retransmit. */
    function lose0(c) {
      c.ack(c.base, [seg(c, 1)]);
      c.ack(c.base, [span(c, 1, 3)]);
      c.ack(c.base, [span(c, 1, 5)]);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
    }

    test('smallest RTT 1 ms: an ACK of the retransmission in the same millisecond undoes the recovery', () => {
      const c = sackSender(lib);
      // The flight is acknowledged 1 ms after it went: an RTT sample of 1 ms.
      c.p.now += 1;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.rtt.minRtt, 1);
      c.sock.send(pattern(3000, 3), 0, 3000);
      c.p.poll();
      c.base = u32(c.base + 3000);
      assert.deepEqual(sent(c), [0, 1, 2, 3, 4, 5]);
      const cwnd = c.sock.cwnd;
      lose0(c);
      assert.ok(c.sock.cwnd < cwnd);
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[STAT.undos], 1, '0 ms is under 3/4 of 1 ms');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd back');
    });

    test('timestamps not agreed: a timestamp option on the ACK does not tell a spurious recovery', () => {
      const c = sackSender(lib);
      lose0(c);
      // The ACK of all comes a full RTT later (no undo by timing) with an echo of our clock at a
      // time before the flight went: read, it would prove the retransmission spurious (Eifel).
      const old = c.sock.ts.clock(c.p.now - 500);
      c.p.now += 40;
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.base + 3000), flags: F.Ack, tsVal: 7, tsEcr: old });
      assert.equal(c.sock.sendQueue(), 0, 'all acknowledged');
      assert.equal(c.sock.stats[STAT.undos], 0, 'no undo');
    });

    test('timestamps not agreed: a timestamp option on the ACK after a timeout does not undo it (Eifel)', () => {
      const c = sackSender(lib);
      const old = c.sock.ts.clock(c.p.now - 500);
      // Nothing answers: the loss probe, then the timeout sends s0 again.
      c.p.until((s) => s.some((x) => x.data.length), 5000, 'the probe');
      c.p.until((s) => s.some((x) => x.data.length && x.seq === c.base), 5000, 'the retransmission');
      assert.equal(c.sock.stats[STAT.timeouts], 1);
      c.p.now += 40;
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.base + 3000), flags: F.Ack, tsVal: 7, tsEcr: old });
      assert.equal(c.sock.sendQueue(), 0, 'all acknowledged');
      assert.equal(c.sock.stats[STAT.undos], 0, 'no undo');
    });

    test('an undo by a partial ACK ends the recovery: nothing more is retransmitted', () => {
      const c = sackSender(lib);
      const cwnd = c.sock.cwnd;
      lose0(c);
      // 5 ms later (under 3/4 of the 20 ms RTT) the ACK covers s0-s2, not s3-s5: the original s0
      // arrived; s3-s5 are still on their way.
      c.p.now += 5;
      c.ack(seg(c, 3)[0]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'spurious: undone');
      // cwnd back to its value before the recovery, not ssthresh (a recovery's end would set
      // that); not grown either: the six segments were all the application had, less than cwnd.
      assert.equal(c.sock.cwnd, cwnd, 'cwnd back');
      assert.deepEqual(sent(c), [], 'no retransmission of s3: the recovery is over');
      c.p.now += 15;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.sendQueue(), 0);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
    });

    test('a D-SACK undo after the recovery, on a duplicate ACK of a new loss, leaves its duplicate count', () => {
      const c = sackSender(lib, { sockOpts: { txBytes: 16384 } });
      lose0(c);
      // The original s0 arrives after 25 ms (too late to undo by timing): the full ACK ends the recovery.
      c.p.now += 25;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[STAT.undos], 0);
      c.sock.send(pattern(3000, 4), 0, 3000);
      c.p.poll();
      const old = c.base;
      c.base = u32(c.base + 3000);
      assert.deepEqual(sent(c), [0, 1, 2, 3, 4, 5], 'a new flight s0..s5');
      // s0 of the new flight is lost. The first duplicate (window unchanged, no SACK), then one
      // that D-SACKs the old s0 (received twice: the proof is complete), then a third duplicate.
      c.p.now += 20;
      c.ack(c.base);
      c.ack(c.base, [[old, u32(old + 500)]]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'the old recovery undone by the D-SACK');
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      c.ack(c.base);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 2, 'the third duplicate starts fast retransmit');
      assert.equal(sent(c)[0], 0, 'of the new s0');
    });
  });

  describe(name + ': TCP undo of a NewReno recovery keeps a cwnd that grew', () => {
    const F = lib.wire.TCP_FLAGS;
    test('cwnd inflated past its value before the recovery stays there when the recovery is undone', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 5000, minRto: 5000, nagle: false } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
      const sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.snd) / 500);
      // An RTT sample of 20 ms.
      c.sock.send(pattern(500, 1), 0, 500);
      p.poll();
      p.out();
      p.now += 20;
      ack(500);
      c.snd = u32(c.snd + 500);
      assert.equal(c.sock.send(pattern(5000, 2), 0, 5000), 5000);
      p.poll();
      assert.equal(sent().length, 10);
      const cwnd = c.sock.cwnd;
      // s0 "lost": three duplicates, fast retransmit; four more inflate cwnd past its old value.
      for (let i = 0; i < 3; i++) ack(0);
      assert.deepEqual(sent(), [0]);
      for (let i = 0; i < 4; i++) ack(0);
      const inflated = c.sock.cwnd;
      assert.ok(inflated > cwnd, inflated + ' > ' + cwnd);
      // 5 ms after the retransmission (under 3/4 of the RTT) the ACK of all: it was spurious.
      p.now += 5;
      ack(5000);
      assert.equal(c.sock.stats[STAT.undos], 1);
      assert.ok(c.sock.cwnd >= inflated, 'not lowered to its value before the recovery: ' + c.sock.cwnd);
    });
  });
}
