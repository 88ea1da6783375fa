// RFC 5961 5.2 takes an old ACK down to MAX.SND.WND below SND.UNA: max(65535, the peer's window).
// A scaled window of exactly 65536 is the first that is more than 65535: an ACK 65536 behind is
// taken quietly, one 65537 behind gets a challenge ACK. Crafted peer (test/tcp/peer.mjs), both
// builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP old ACKs against a window of exactly 65536', () => {
    const F = lib.wire.TCP_FLAGS;

    test('window 32768 scaled by 2: an ACK 65536 behind is taken quietly, 65537 behind gets a challenge ACK', () => {
      const p = craftedPeer(lib);
      // Window 32768 << 1: sndWnd is 65536.
      const c = p.accept({ window: 32768, wscale: 1, sockOpts: { txBytes: 65536, nagle: false } });
      let una = c.snd;
      const d = pattern(20000, 5);
      for (let i = 0; i < 1000 && u32(una - c.snd) < 100000; i++) {
        c.sock.send(d, 0, d.length);
        p.poll();
        for (const s of p.out()) if (s.data.length) una = u32(s.seq + s.data.length);
        p.send({ seq: c.rcv, ack: una, flags: F.Ack, window: 32768 });
        p.out();
      }
      assert.equal(c.sock.sndUna, una);
      assert.equal(c.sock.sndWnd, 65536);
      p.send({ seq: c.rcv, ack: u32(una - 65536), flags: F.Ack, window: 32768 });
      assert.equal(p.out().length, 0, '65536 behind: taken, no answer');
      p.send({ seq: c.rcv, ack: u32(una - 65537), flags: F.Ack, window: 32768 });
      assert.equal(p.out().length, 1, '65537 behind: a challenge ACK');
      assert.equal(c.sock.sndUna, una);
    });
  });
}
