// Our FIN takes one sequence number, against a crafted peer (test/tcp/peer.mjs): once the peer
// acknowledges data and FIN (FIN-WAIT-2), nothing is in flight, so no retransmission timer is
// left, nothing is sent again and no timeout is counted however long the peer waits to close.
// Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP FIN acknowledged', () => {
    const F = lib.wire.TCP_FLAGS;
    test('data and FIN acknowledged: no timer left in FIN-WAIT-2', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { initialRto: 1000 } });
      c.sock.send(pattern(100, 1), 0, 100);
      c.sock.close();
      p.poll();
      const segs = p.out();
      assert.equal(segs.length, 1);
      assert.equal(segs[0].flags & F.Fin, F.Fin, 'data and FIN in one segment');
      assert.equal(segs[0].len, 101, '100 bytes and the FIN: 101 sequence numbers');
      p.now += 10;
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 101), flags: F.Ack, window: 65535 });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2');
      assert.equal(p.iface.pollAt(p.now), -1, 'no timer');
      for (let i = 0; i < 5; i++) p.step(60000);
      assert.deepEqual(p.out(), [], 'nothing sent again');
      assert.equal(c.sock.stats[0], 0, 'no timeout');
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2');
    });
  });
}
