// A window that closes during a NewReno recovery (no SACK) sends the flight again from sndUna
// once it opens, as any go-back does: what goes is bounded by cwnd counted from sndNxt (back at
// sndUna), as BSD's output counts it. Only a SACK recovery bounds what it sends by the pipe (RFC
// 6675 5); counting the flight sent before the window closed as still in flight left the sender
// silent until its retransmission timeout. Against a crafted peer (test/tcp/peer.mjs) that offers
// no SACK, MSS 500 (initial window 5000), 20 ms RTT. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP window reopened in a NewReno recovery', () => {
    test('closed after the fast retransmission, then opened: s0..s10 go again at once', () => {
      const F = lib.wire.TCP_FLAGS;
      const p = craftedPeer(lib);
      const { sock, port, snd } = p.connect({ mss: 500, sockOpts: { initialRto: 3000, minRto: 1000, txBytes: 16384 } });
      const ack = (a, window) => p.send({ sport: 80, dport: port, seq: 9001, ack: a, flags: F.Ack, window });
      const sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - snd) / 500);
      sock.send(pattern(6000, 1), 0, 6000);
      p.poll();
      assert.deepEqual(sent(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'the initial window');
      // s0 lost: two duplicates send s10 and s11 (limited transmit), the third s0 again.
      p.now += 20;
      for (let k = 0; k < 3; k++) ack(snd, 65535);
      assert.deepEqual(sent(), [10, 11, 0]);
      assert.equal(sock.sackOk, false);
      assert.equal(sock.cwnd, 5700, 'NewReno: 0.7 of the flight (6000) plus three segments');
      // The window closes: nothing goes, and sending will start again at sndUna.
      ack(snd, 0);
      assert.deepEqual(sent(), []);
      assert.equal(u32(sock.sndNxt - snd), 0);
      // It opens: cwnd (5700) of data from s0 goes at once, eleven segments, no timeout waited for.
      ack(snd, 65535);
      assert.deepEqual(sent(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal(sock.inRecovery, true, 'still the same recovery');
    });
  });
}
