// A refused ACK in TIME-WAIT, against a crafted peer (test/tcp/peer.mjs): our ACK of the peer's
// FIN, refused by the device (busy), is tried again at the next poll, as a refused ACK is in the
// other states; left for the peer's retransmitted FIN, the peer's close waited one more of its
// retransmission timeouts. An ACK the neighbour holds back (ARP) parks the socket instead. Both builds. MSS 1000, TIME-WAIT 60 s.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP refused ACK in TIME-WAIT', () => {
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => lib.socket.TCP_STATES[s.state];

    test('the ACK of the peer\'s FIN, refused on entering TIME-WAIT, goes at the next poll', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { timeWait: 60000 } });
      c.sock.close();
      p.poll();
      const fin = p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin, 'our FIN');
      // The peer acknowledges our FIN and sends its own: TIME-WAIT; the device refuses our ACK of it.
      p.now += 10;
      const refuse = refuseFrames(p, 1);
      const t0 = p.now;
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'TimeWait');
      assert.equal(refuse.n, 0, 'tried');
      assert.deepEqual(p.out(), [], 'refused');
      p.step(1000);
      const got = p.out();
      assert.equal(got.length, 1, 'the ACK owed went out');
      assert.equal(u32(got[0].ack - c.rcv), 1);
      assert.equal(p.now - t0, 0, 'at the next poll');
      assert.equal(state(c.sock), 'TimeWait');
    });

    test('the ACK of the peer\'s FIN held back by the neighbour parks the socket until the ARP retry', () => {
      const R = lib.iface.RESULTS;
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { timeWait: 60000 } });
      c.sock.close();
      p.poll();
      assert.ok(p.out().find((s) => s.flags & F.Fin), 'our FIN');
      p.iface.neighbors.clear();
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'TimeWait');
      assert.equal(p.iface.counters[R.TxNeighborPending], 1);
      assert.equal(p.iface.set.parkedCount, 1, 'the socket waits for the neighbour');
      const at = p.iface.pollAt(p.now);
      assert.ok(at > p.now, 'poll is due at the ARP retry, not at once: ' + (at - p.now));
      p.poll();
      assert.equal(p.iface.counters[R.TxNeighborPending], 1, 'no second try before the retry');
    });
  });
}
