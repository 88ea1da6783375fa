// NewReno fast recovery without SACK (RFC 6582, with RFC 9438's 0.7 reduction) against a crafted
// peer (test/tcp/peer.mjs) that sends the duplicate and partial ACKs itself: cwnd at the fast
// retransmit (ssthresh + 3 MSS), inflated by one MSS per further duplicate, deflated by what a
// partial ACK acknowledges (plus one MSS) with the next hole sent at once, and set to ssthresh by
// the ACK that ends the recovery. Both builds. MSS 500, ten segments s0..s9 in flight.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP NewReno recovery against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;

    function flight() {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 5000, minRto: 5000, nagle: false } });
      assert.equal(c.sock.send(pattern(5000, 8), 0, 5000), 5000);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 10);
      c.p = p;
      c.ack = (k) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 500 * k), flags: F.Ack, window: 65535 });
      c.sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.snd) / 500);
      return c;
    }

    test('cwnd through a recovery with two losses (s0, s3): 3 duplicates, 2 more, a partial ACK, the full ACK', () => {
      const c = flight();
      assert.equal(c.sock.cwnd, 5000);
      for (let i = 0; i < 3; i++) c.ack(0);
      assert.deepEqual(c.sent(), [0], 'fast retransmit of s0');
      assert.equal(c.sock.ssthresh, 3500, '0.7 of 5000');
      assert.equal(c.sock.cwnd, 3500 + 3 * 500, 'ssthresh + 3 MSS');
      c.ack(0);
      c.ack(0);
      assert.equal(c.sock.cwnd, 5000 + 2 * 500, 'one MSS more per further duplicate');
      // s0's retransmission arrives: the ACK stops at the hole at s3 (1500 bytes acknowledged).
      c.ack(3);
      assert.deepEqual(c.sent(), [3], 'the next hole at once');
      assert.equal(c.sock.cwnd, 6000 - 1500 + 500, 'deflated by what was acknowledged, plus one MSS');
      c.ack(10);
      assert.equal(c.sock.cwnd, 3500, 'the full ACK: cwnd = ssthresh');
      assert.equal(c.sock.stats[1], 1, 'one fast retransmit');
    });

    test('after the recovery, three new duplicates start a new one', () => {
      const c = flight();
      for (let i = 0; i < 3; i++) c.ack(0);
      c.ack(10);
      c.sent();
      c.sock.send(pattern(3000, 9), 0, 3000);
      c.p.poll();
      assert.equal(c.sent().length, 6, 'cwnd 3500: seven segments would not fit, six do');
      c.ack(10);
      c.ack(10);
      assert.equal(c.sock.stats[1], 1, 'two duplicates: not yet');
      c.ack(10);
      assert.deepEqual(c.sent(), [10], 'fast retransmit of the first of the new flight');
      assert.equal(c.sock.stats[1], 2);
    });

    test('the retransmission after a partial ACK is not timed: a quick full ACK after it undoes nothing', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 5000, minRto: 5000, nagle: false } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
      const sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.snd - 500) / 500);
      // An RTT sample of 20 ms (the smallest seen), then ten segments s0..s9 in flight.
      c.sock.send(pattern(500, 1), 0, 500);
      p.poll();
      p.out();
      p.now += 20;
      ack(500);
      assert.equal(c.sock.rtt.minRtt, 20);
      c.sock.send(pattern(5000, 8), 0, 5000);
      p.poll();
      assert.equal(sent().length, 10);
      // s0 and s3 lost: three duplicates, fast retransmit of s0.
      for (let i = 0; i < 3; i++) ack(500);
      assert.deepEqual(sent(), [0]);
      // Its ACK a round trip later (not spurious) stops at s3: s3 goes at once.
      p.now += 20;
      ack(500 + 1500);
      assert.deepEqual(sent(), [3]);
      // The full ACK 1 ms later: too quick to answer s3's retransmission, but that one was not timed.
      p.now += 1;
      ack(500 + 5000);
      assert.equal(c.sock.stats[3], 0, 'no undo');
      assert.equal(c.sock.cwnd, c.sock.ssthresh, 'the recovery ended at ssthresh');
    });

    test('an ACK of new data starts the duplicate count again', () => {
      const c = flight();
      c.ack(0);
      c.ack(0);
      c.ack(1);
      c.ack(1);
      assert.equal(c.sock.stats[1], 0, 'two duplicates, new data, one duplicate: no fast retransmit');
      c.ack(1);
      c.ack(1);
      assert.equal(c.sock.stats[1], 1, 'three duplicates of the new ACK');
    });

    test('each duplicate in the recovery lets one more new segment go (inflation)', () => {
      const c = flight();
      c.sock.send(pattern(2000, 10), 0, 2000);
      c.p.poll();
      assert.deepEqual(c.sent(), [], 'cwnd full');
      for (let i = 0; i < 3; i++) c.ack(0);
      assert.deepEqual(c.sent(), [10, 11, 0], 'limited transmit for the first two, then fast retransmit');
      // ssthresh 0.7 x 6000 (the flight, limited transmit's two included) = 4200, cwnd 4200 + 3 x 500.
      assert.equal(c.sock.cwnd, 5700);
      c.ack(0);
      assert.deepEqual(c.sent(), [], 'cwnd 6200: a segment cut short by cwnd waits');
      c.ack(0);
      assert.deepEqual(c.sent(), [12], 'cwnd 6700: one new segment');
      c.ack(0);
      assert.deepEqual(c.sent(), [13], 'cwnd 7200: one more');
    });

    test('after a timeout, duplicates for data sent before it start no fast retransmit (RFC 6582 recover)', () => {
      const c = flight();
      const re = c.p.until((s) => s.some((x) => x.data.length), 60000, 'the retransmission');
      assert.equal(c.sock.stats[0], 1, 'a timeout');
      assert.deepEqual(re.filter((x) => x.data.length).map((x) => u32(x.seq - c.snd) / 500), [0]);
      c.ack(1);
      assert.deepEqual(c.sent(), [1, 2], 'slow start again: cwnd 2 segments');
      for (let i = 0; i < 3; i++) c.ack(1);
      assert.equal(c.sock.stats[1], 0, 'no fast retransmit below the recovery point');
    });

    test('ssthresh is at least two segments: a fast retransmit with cwnd 1000 (two segments) keeps 1000', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 1000, minRto: 1000, nagle: false } });
      const ack = (k) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 500 * k), flags: F.Ack, window: 65535 });
      const sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.snd) / 500);
      c.sock.send(pattern(1000, 8), 0, 1000);
      p.poll();
      assert.deepEqual(sent(), [0, 1]);
      // A timeout brings cwnd to one segment; the ACKs of s0 and s1 bring it to two.
      p.until((s) => s.some((x) => x.data.length), 60000, 'the retransmission');
      ack(1);
      assert.deepEqual(sent(), [1], 's1 again (cwnd two segments)');
      ack(2);
      assert.equal(c.sock.cwnd, 1000);
      c.sock.send(pattern(1000, 9), 0, 1000);
      p.poll();
      assert.deepEqual(sent(), [2, 3]);
      // s2 lost: with two segments in flight one duplicate is enough (early retransmit).
      ack(2);
      assert.deepEqual(sent(), [2], 'fast retransmit');
      assert.equal(c.sock.ssthresh, 1000, 'max(0.7 x 1000, 2 x 500)');
      assert.equal(c.sock.cwnd, 1500, 'ssthresh + 1 duplicate x 500');
      // In the recovery no limited transmit: cwnd 1500 with 1000 in flight lets one new segment go.
      c.sock.send(pattern(2000, 10), 0, 2000);
      p.poll();
      assert.deepEqual(sent(), [4]);
    });

    test('fast retransmit spoils the RTT sample of the timed segment (Karn)', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 5000, minRto: 5000, nagle: false } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
      c.sock.send(pattern(500, 1), 0, 500);
      p.poll();
      p.now += 20;
      ack(500);
      assert.equal(c.sock.rtt.srtt, 20);
      c.sock.send(pattern(5000, 8), 0, 5000); // s0 (timed) .. s9
      p.poll();
      for (let i = 0; i < 3; i++) ack(500);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit of s0');
      p.now += 300;
      ack(1000);
      assert.equal(c.sock.rtt.srtt, 20, 'the ACK of the retransmitted segment gives no sample');
    });

    test('a timeout after two duplicates: the go-back sends one segment (the duplicate count starts again)', () => {
      const c = flight();
      c.ack(0);
      c.ack(0);
      assert.deepEqual(c.sent(), [], 'nothing new to send');
      const re = c.p.until((s) => s.some((x) => x.data.length), 60000, 'the retransmission');
      assert.equal(c.sock.stats[0], 1, 'a timeout');
      assert.deepEqual(re.filter((x) => x.data.length).map((x) => u32(x.seq - c.snd) / 500), [0], 'one segment: cwnd 1 MSS, no limited transmit');
      assert.equal(c.sock.ssthresh, 2500, 'half the flight');
    });

    test('a timeout of a small flight: ssthresh is at least two segments', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { initialRto: 1000, minRto: 1000 } });
      c.sock.send(pattern(500, 1), 0, 500);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      p.until((s) => s.some((x) => x.data.length), 60000, 'the retransmission');
      assert.equal(c.sock.stats[0], 1, 'a timeout');
      assert.equal(c.sock.ssthresh, 1000, 'max(500 / 2, 2 x 500)');
      assert.equal(c.sock.cwnd, 500);
    });

    test('limited transmit stops at two duplicates, though more come (below the recovery point)', () => {
      const c = flight();
      c.p.until((s) => s.some((x) => x.data.length), 60000, 'the retransmission');
      c.ack(1);
      assert.deepEqual(c.sent(), [1, 2], 'slow start again: cwnd 2 segments');
      c.sock.send(pattern(3000, 12), 0, 3000);
      c.p.poll();
      assert.deepEqual(c.sent(), [], 'cwnd full');
      const out = [];
      for (let i = 0; i < 4; i++) {
        c.ack(1);
        out.push(c.sent());
      }
      assert.deepEqual(out, [[3], [4], [], []], 'one new segment for each of the first two duplicates, none after');
    });
  });
}
