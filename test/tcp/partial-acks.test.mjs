// Partial ACKs in a recovery (RFC 6582 3.2 step 5, RFC 6675), against a crafted peer
// (test/tcp/peer.mjs): without SACK cwnd deflates by what was acknowledged plus one MSS, but never
// below one MSS when the ACK covers more than cwnd, and the rest of a segment acknowledged in part
// goes again at once (a segment from the new sndUna); with SACK cwnd stays at ssthresh (the pipe counts instead). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP partial ACKs', () => {
    const F = lib.wire.TCP_FLAGS;

    /** NewReno (no SACK), MSS 500: with `grow`, a round of slow start first (ten segments with
     *  one more held back by cwnd, four ACKs of two or more segments: cwnd 5000 -> 9000); then a
     *  flight of cwnd (s0..) in flight. */
    function newReno(grow) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 32768, initialRto: 5000, minRto: 5000, nagle: false } });
      c.p = p;
      c.ackAt = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
      if (grow) {
        assert.equal(c.sock.send(pattern(5500, 3), 0, 5500), 5500);
        p.poll();
        assert.equal(p.out().filter((s) => s.data.length).length, 10);
        p.now += 20;
        for (const k of [2, 4, 6, 10]) c.ackAt(500 * k);
        c.ackAt(5500);
        c.snd = u32(c.snd + 5500);
        p.out();
      }
      const w = c.sock.cwnd;
      assert.equal(c.sock.send(pattern(w, 4), 0, w), w);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, w / 500);
      c.ack = (k) => c.ackAt(500 * k);
      c.sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.snd) / 500);
      return c;
    }

    test('NewReno: a partial ACK covering more than cwnd leaves one MSS, not less', () => {
      const c = newReno(true);
      assert.equal(c.sock.cwnd, 9000, 'eighteen segments in flight');
      for (let i = 0; i < 3; i++) c.ack(0);
      assert.deepEqual(c.sent(), [0], 'fast retransmit of s0');
      assert.equal(c.sock.ssthresh, 6300, '0.7 of 9000');
      assert.equal(c.sock.cwnd, 7800);
      // A round trip later (not spurious) s0-s16 are acknowledged (8500 bytes, more than cwnd):
      // s17 is the next hole.
      c.p.now += 20;
      c.ack(17);
      assert.equal(c.sock.cwnd, 500, 'one MSS');
      assert.deepEqual(c.sent(), [17], 'the next hole at once');
      c.ack(18);
      assert.equal(c.sock.cwnd, 6300, 'the full ACK: ssthresh');
    });

    test('NewReno: a partial ACK of half the retransmitted segment sends a segment from there at once', () => {
      const c = newReno(false);
      for (let i = 0; i < 3; i++) c.ack(0);
      assert.deepEqual(c.sent(), [0]);
      c.p.now += 20;
      c.ack(0.5);
      const out = c.p.out().filter((s) => s.data.length);
      assert.equal(out.length, 1, 'one segment');
      assert.equal(out[0].seq, u32(c.snd + 250), 'from the new sndUna, inside the retransmitted s0');
    });

    /** sackSender's flight (s0..s5) with s0 lost: three duplicates SACK s1, s1-s2, s1-s4 and
     *  start the recovery. */
    function sackLose0() {
      const c = sackSender(lib);
      const seg = (k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
      for (const to of [1, 2, 4]) c.ack(c.base, [[seg(1)[0], seg(to)[1]]]);
      return { c, seg };
    }

    test('SACK: a partial ACK leaves cwnd at ssthresh', () => {
      const { c, seg } = sackLose0();
      const cwnd = c.sock.cwnd;
      assert.equal(cwnd, c.sock.ssthresh);
      c.p.now += 20;
      // s0 arrives: the ACK stops at s5 (1500 + 1000 bytes acknowledged).
      c.ack(seg(5)[0]);
      assert.equal(c.sock.cwnd, cwnd, 'no deflation with SACK');
    });

    test('SACK: duplicates in the recovery leave cwnd at ssthresh (no inflation: the pipe counts)', () => {
      const { c, seg } = sackLose0();
      const cwnd = c.sock.cwnd;
      c.ack(c.base, [[seg(1)[0], seg(5)[1]]]);
      c.ack(c.base, [[seg(1)[0], seg(6)[1]]]);
      assert.equal(c.sock.cwnd, cwnd);
    });
  });
}
