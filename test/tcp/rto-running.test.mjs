// A retransmission does not restart a retransmission timer already running (RFC 6298 5.1), against
// a crafted peer (test/tcp/peer.mjs): in a NewReno recovery (no SACK, so no recovery probe) the
// fast retransmission the device refused goes with the next duplicate ACK, 100 ms later, and the
// RTO still comes at its time from the fast retransmit, not 100 ms later. Both builds. MSS 500,
// RTO 1 s, ten segments in flight.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP retransmission timer kept through a late fast retransmission', () => {
    const F = lib.wire.TCP_FLAGS;
    test('the refused fast retransmission goes 100 ms late; the RTO keeps its time', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 16384, initialRto: 1000, minRto: 1000, nagle: false } });
      const ack = (k) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 500 * k), flags: F.Ack, window: 65535 });
      const sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.snd) / 500);
      c.sock.send(pattern(5000, 8), 0, 5000);
      p.poll();
      assert.equal(sent().length, 10);
      ack(0);
      ack(0);
      const refuse = refuseFrames(p, 1);
      const t0 = p.now;
      ack(0);
      assert.equal(c.sock.stats[1], 1, 'fast retransmit');
      assert.equal(refuse.n, 0, 'its segment refused');
      assert.deepEqual(sent(), []);
      p.now += 100;
      ack(0);
      assert.deepEqual(sent(), [0], 'the retransmission goes with the next duplicate');
      const again = p.until((s) => s.some((x) => x.data.length), 5000, 'the timeout');
      assert.equal(p.now - t0, 1000, 'the RTO from the fast retransmit');
      assert.equal(c.sock.stats[0], 1);
      assert.deepEqual(again.filter((x) => x.data.length).map((s) => u32(s.seq - c.snd) / 500), [0]);
    });
  });
}
