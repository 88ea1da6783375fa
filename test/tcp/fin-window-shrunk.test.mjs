// Our FIN when the peer's window has shrunk below what is in flight, against a crafted peer
// (test/tcp/peer.mjs): the FIN carries no data, so it goes as it does with the window exactly
// full (every byte sent, the close owed); the window only holds data back. Both builds. MSS 1000.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP FIN with the peer\'s window shrunk', () => {
    const F = lib.wire.TCP_FLAGS;
    for (const shrunk of [1000, 500, 0]) {
      test('1000 bytes in flight, the window ' + (shrunk === 1000 ? 'exactly full' : 'shrunk to ' + shrunk) + ': close() sends the FIN', () => {
        const p = craftedPeer(lib);
        const c = p.connect({ mss: 1000, window: 1000, sockOpts: { nagle: false, txBytes: 4096 } });
        assert.equal(c.sock.send(pattern(1000, 1), 0, 1000), 1000);
        p.poll();
        assert.deepEqual(p.out().map((s) => s.data.length), [1000]);
        // A window update acknowledging nothing new (at 1000 it would be a duplicate ACK: none).
        if (shrunk < 1000) p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: shrunk });
        assert.deepEqual(p.out(), []);
        c.sock.close();
        p.poll();
        const fin = p.out().filter((s) => s.flags & F.Fin);
        assert.equal(fin.length, 1, 'the FIN goes');
        assert.equal(u32(fin[0].seq - c.snd), 1000);
        assert.equal(fin[0].data.length, 0);
      });
    }
  });
}
