// Undoing a spurious fast recovery keeps an ssthresh that grew since the one before it, against a
// crafted peer (test/tcp/peer.mjs): after a timeout (ssthresh 2000) cwnd grows past it in
// congestion avoidance, so the fast retransmit's ssthresh (0.7 of the flight) is above the old one;
// the undo restores only what the recovery lowered (as Linux's undo takes the larger). Both builds.
// MSS 500, no SACK, 20 ms RTT.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, ackEachSegment } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP undo keeps a grown ssthresh', () => {
    const F = lib.wire.TCP_FLAGS;
    test('ssthresh above its value before the recovery stays when the recovery is undone', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 1000, minRto: 1000, nagle: false } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(n), flags: F.Ack, window: 65535 });
      const data = () => p.out().filter((s) => s.data.length);
      // Eight segments lost: the timeout sets ssthresh to 2000.
      c.sock.send(pattern(4000, 1), 0, 4000);
      p.poll();
      data();
      p.until((s) => s.some((x) => x.data.length), 5000, 'the retransmission');
      assert.equal(c.sock.ssthresh, 2000);
      // Everything acknowledged; then each segment acknowledged 20 ms after it went, with data
      // always queued, until cwnd reaches 3000.
      ack(c.snd + 4000);
      ackEachSegment(p, ack, { pending: data(), more: () => c.sock.cwnd < 3000,
        fill: () => { while (c.sock.sendQueue() < 8000) c.sock.send(pattern(500, 2), 0, 500); } });
      assert.equal(c.sock.cwnd, 3000);
      // Three duplicates: fast retransmit, ssthresh 0.7 of the flight (limited transmit's two
      // segments included), above the 2000 before.
      const una = c.sock.sndUna;
      for (let i = 0; i < 3; i++) {
        ack(una);
        data();
      }
      assert.equal(c.sock.stats[1], 1, 'fast retransmit');
      const ssthresh = c.sock.ssthresh;
      assert.ok(ssthresh > 2000, String(ssthresh));
      // The ACK of all 5 ms later (under 3/4 of the RTT): spurious, undone.
      p.now += 5;
      ack(c.sock.sndMax);
      assert.equal(c.sock.stats[3], 1, 'undone');
      assert.equal(c.sock.ssthresh, ssthresh, 'not lowered to the 2000 before the recovery');
    });
  });
}
