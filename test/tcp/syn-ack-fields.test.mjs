// What an active open takes from the peer's SYN-ACK, against a crafted peer (test/tcp/peer.mjs):
// an MSS larger than ours does not make our segments larger (we send the smaller of the two,
// RFC 9293 3.7.1: a peer's MSS is what it can take, ours what our link carries), and the window
// update mark starts at the peer's ISN also when that ISN has the top bit set, so a later window
// update is taken (the passive open's case is in handshake-fields). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP fields of the SYN-ACK', () => {
    const F = lib.wire.TCP_FLAGS;
    const dataSizes = (p) => p.out().filter((s) => s.data.length).map((s) => s.data.length);

    test('a peer MSS of 9000 on our 1500-byte link: segments of 1460', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 9000, sockOpts: { txBytes: 8192, nagle: false } });
      assert.equal(c.sock.send(pattern(4000, 1), 0, 4000), 4000);
      p.poll();
      assert.deepEqual(dataSizes(p), [1460, 1460, 1080]);
    });

    test('a peer ISN with the top bit set: a window update after the SYN-ACK is taken', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ irs: 0x90000000, sockOpts: { txBytes: 8192, nagle: false } });
      // A pure ACK shrinking the window to 1000 bytes (its seq is past the SYN's).
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 1000 });
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      assert.deepEqual(dataSizes(p), [1000], 'only the 1000 bytes the window allows');
    });
  });
}
