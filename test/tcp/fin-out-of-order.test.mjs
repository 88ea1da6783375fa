// A FIN that does not fit what is held out of order, against a crafted peer (test/tcp/peer.mjs):
// an in-order segment whose FIN lies below data already held beyond it is taken without its FIN
// (the peer contradicts itself: the data above stays, the connection stays open); a FIN alone
// beyond a hole holds no bytes, so nothing is held out of order and the next in-order segment is
// acknowledged with the usual delay, not at once as a hole's filling is. Both builds. ACK delay
// 200 ms, MSS 1000, no SACK.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP FIN against data held out of order', () => {
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => lib.socket.TCP_STATES[s.state];
    function open() {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { ackDelay: 200 } });
      c.p = p;
      c.data = (off, n, flags = F.Ack) => p.send({ sport: 80, dport: c.port, seq: u32(c.rcv + off), ack: c.snd, flags, window: 65535, data: n ? pattern(n, off & 255) : undefined });
      return c;
    }

    test('an in-order segment with a FIN below data held out of order: its data is taken, not its FIN', () => {
      const c = open();
      c.data(500, 100);
      assert.deepEqual(c.p.out().map((s) => u32(s.ack - c.rcv)), [0], 'the out-of-order segment: a duplicate ACK at once');
      c.data(0, 100, F.Ack | F.Fin);
      const acks = c.p.out().map((s) => u32(s.ack - c.rcv));
      assert.deepEqual(acks, [100], 'the 100 bytes acknowledged, not the FIN');
      assert.equal(state(c.sock), 'Established');
    });

    test('a FIN alone beyond a hole holds nothing: the next in-order data waits for the delayed ACK', () => {
      const c = open();
      c.data(500, 0, F.Ack | F.Fin);
      assert.deepEqual(c.p.out().map((s) => u32(s.ack - c.rcv)), [0], 'a duplicate ACK at once');
      c.data(0, 100);
      assert.deepEqual(c.p.out(), [], 'no ACK at once: no hole was filled');
      const t0 = c.p.now;
      const late = c.p.until((s) => s.length > 0, 1000, 'the delayed ACK');
      assert.equal(c.p.now - t0, 200);
      assert.equal(u32(late[0].ack - c.rcv), 100);
      assert.equal(state(c.sock), 'Established');
    });
  });
}
