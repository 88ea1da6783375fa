// The receive window we advertise, against a crafted peer (test/tcp/peer.mjs): bounded by the
// device's receive capacity as whole segments of our MSS, each counted with 66 bytes of headers,
// less one (at least one segment); and the window scale offered for rings past 64 KB. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP receive window', () => {
    // Our MSS is 1460 (MTU 1500): a segment takes 1526 bytes of the device's buffer.
    for (const [cap, rxBytes, wnd] of [[2000, 4096, 1460], [4575, 8192, 1460], [4578, 8192, 2920], [20000, 32768, 17520]]) {
      test('a device holding ' + cap + ' bytes: the SYN-ACK and later ACKs offer ' + wnd, () => {
        const p = craftedPeer(lib);
        p.dev.rxCapacity = cap;
        const c = p.accept({ sockOpts: { rxBytes, ackDelay: 0 } });
        assert.equal(c.synAck.window, wnd);
        p.send({ seq: c.rcv, ack: c.snd, flags: lib.wire.TCP_FLAGS.Ack, data: new Uint8Array(100) });
        assert.equal(p.out().pop().window, wnd);
      });
    }
  });
}
