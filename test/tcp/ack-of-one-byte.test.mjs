// An ACK that acknowledges a single byte of data frees that byte from the send ring, on the full
// path of ACK processing as on header prediction's: the next segment starts with the next byte.
// Against a crafted peer (test/tcp/peer.mjs), with prediction off and on. Both builds.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) for (const predict of [false, true]) {
  describe(name + ': TCP ACK of one byte' + (predict ? '' : ' (header prediction off)'), () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setTcpShortcuts(predict));
    after(() => lib.socket.setTcpShortcuts(true));

    test('one byte sent and acknowledged: the next segment carries the next bytes', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ sockOpts: { nagle: false, txBytes: 4096 } });
      const data = () => p.out().filter((s) => s.data.length).map((s) => [u32(s.seq - c.snd), Array.from(s.data)]);
      assert.equal(c.sock.send(Uint8Array.of(0x41), 0, 1), 1);
      p.poll();
      assert.deepEqual(data(), [[0, [0x41]]]);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack, window: 65535 });
      assert.equal(c.sock.sendQueue(), 0, 'nothing left to acknowledge');
      assert.equal(c.sock.send(Uint8Array.of(0x42, 0x43), 0, 2), 2);
      p.poll();
      assert.deepEqual(data(), [[1, [0x42, 0x43]]]);
    });
  });
}
