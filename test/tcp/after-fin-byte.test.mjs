// Data after the peer's FIN (CLOSE-WAIT), however short: a segment of a single byte is
// acknowledged like a longer one, not delivered. Crafted peer (test/tcp/peer.mjs), both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP one byte after the peer\'s FIN', () => {
    const F = lib.wire.TCP_FLAGS;

    test('CLOSE-WAIT: a one-byte segment after the FIN gets an ACK; nothing is delivered', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'CloseWait');
      p.out();
      p.send({ seq: u32(c.rcv + 1), ack: c.snd, flags: F.Ack, data: pattern(1, 2) });
      const out = p.out();
      assert.equal(out.length, 1, 'an ACK');
      assert.equal(out[0].ack, u32(c.rcv + 1), 'of the FIN, not of the byte');
      assert.equal(c.sock.recv(new Uint8Array(8), 0, 8), lib.socket.SOCKET_ERRORS.Closed);
    });
  });
}
