// A FIN alone at the next expected sequence number while data is held out of order above it,
// against a crafted peer (test/tcp/peer.mjs): the peer contradicts itself, the FIN carries no
// byte to take, so the segment changes nothing: no ACK at once (no hole was filled), the
// connection stays open and the held data stays, delivered once the gap is filled. Both builds.
// ACK delay 200 ms, MSS 1000, no SACK.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP lone FIN below data held out of order', () => {
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => lib.socket.TCP_STATES[s.state];

    test('a lone FIN at rcvNxt below held data: nothing sent, nothing taken', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { ackDelay: 200 } });
      const data = (off, n, flags = F.Ack) => p.send({ sport: 80, dport: c.port, seq: u32(c.rcv + off), ack: c.snd, flags, window: 65535, data: n ? pattern(n, off & 255) : undefined });
      data(500, 100);
      assert.deepEqual(p.out().map((s) => u32(s.ack - c.rcv)), [0], 'the out-of-order segment: a duplicate ACK at once');
      data(0, 0, F.Ack | F.Fin);
      assert.deepEqual(p.out(), [], 'no ACK at once for the FIN');
      assert.equal(state(c.sock), 'Established');
      // The gap filled: all 600 bytes, the held ones included, acknowledged at once.
      data(0, 500);
      assert.deepEqual(p.out().map((s) => u32(s.ack - c.rcv)), [600]);
      assert.equal(recvAll(c.sock).length, 600);
      assert.equal(state(c.sock), 'Established');
    });
  });
}
