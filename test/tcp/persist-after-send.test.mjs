// The persist timer once data went, against a crafted peer (test/tcp/peer.mjs): armed for a zero
// window with nothing in flight, it is off as soon as a window update lets data go; if the peer
// then shrinks its window to zero again with that data unacknowledged, the retransmission timer
// (not the old persist time) is what runs: no window probe beyond the data in flight. Both
// builds. MSS 1000, initial RTO 1000 ms (no RTT sample).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP persist timer after a send', () => {
    const F = lib.wire.TCP_FLAGS;

    test('a window update lets data go, then the window shrinks to zero: the retransmission, no probe', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 100, txBytes: 16384 } });
      const update = (window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window });
      update(0);
      const t0 = p.now;
      assert.equal(c.sock.send(pattern(3000, 1), 0, 3000), 3000);
      p.poll();
      assert.deepEqual(p.out().filter((s) => s.data.length), [], 'nothing into a zero window');
      p.now += 100;
      const tSent = p.now, rto = c.sock.rtt.rto;
      update(1000);
      assert.deepEqual(p.out().filter((s) => s.data.length).map((s) => [u32(s.seq - c.snd), s.data.length]), [[0, 1000]]);
      p.now += 10;
      update(0);
      const first = p.until((s) => s.some((x) => x.data.length), 5000, 'the next data segment').filter((x) => x.data.length);
      assert.ok(p.now - tSent >= rto, 'not before the retransmission timeout of the data sent');
      assert.deepEqual(first.map((s) => u32(s.seq - c.snd)), [0], 'from the first unacknowledged byte, not a probe beyond what was sent');
    });
  });
}
