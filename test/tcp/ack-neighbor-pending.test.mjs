// An ACK owed while the neighbour's address is being resolved (ARP), against a crafted peer
// (test/tcp/peer.mjs): the send waits for it (NeighborPending) and the socket is parked until the
// ARP retry; the ACK is not taken as refused by the device, which would bring the socket back at
// every poll to fail again; data held back arms no retransmission timer. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP ACK waiting for the neighbour', () => {
    const R = lib.iface.RESULTS;
    const F = lib.wire.TCP_FLAGS;
    test('an owed ACK the neighbour holds back parks the socket until the ARP retry', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { ackDelay: 0 } });
      // The peer's address is forgotten: in-order data is owed an ACK at once, which must wait.
      p.iface.neighbors.clear();
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack | F.Psh, window: 65535, data: pattern(10, 1) });
      assert.equal(p.iface.counters[R.TxNeighborPending], 1);
      assert.equal(p.dev.sent.length, 1, 'only the ARP request went out');
      p.dev.sent.length = 0;
      assert.equal(p.iface.set.parkedCount, 1, 'the socket waits for the neighbour');
      const at = p.iface.pollAt(p.now);
      assert.ok(at > p.now, 'poll is due at the ARP retry, not at once: ' + (at - p.now));
      p.poll();
      assert.equal(p.iface.counters[R.TxNeighborPending], 1, 'no second try before the retry');
    });

    test('data held back by the neighbour arms no retransmission timer: nothing went', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { initialRto: 200, minRto: 200 } });
      p.iface.neighbors.clear();
      assert.equal(c.sock.send(pattern(100, 2), 0, 100), 100);
      p.poll();
      assert.equal(p.iface.counters[R.TxNeighborPending], 1);
      assert.equal(p.iface.set.parkedCount, 1, 'the socket waits for the neighbour');
      assert.ok(p.iface.pollAt(p.now) - p.now > 200, 'due at the ARP retry, not at an RTO of 200 ms: ' + (p.iface.pollAt(p.now) - p.now));
      assert.equal(c.sock.sndMax, c.snd, 'nothing in flight');
    });
  });
}
