// A window probe sends one byte, and only that byte becomes acknowledgeable: an ACK that claims
// more than the probe carried acknowledges data never sent and is not acceptable (RFC 9293
// 3.10.7.4: the peer gets an ACK back, nothing moves), while an ACK of the probe byte moves
// sndUna by one and the data goes on from the next byte. Against a crafted peer
// (test/tcp/peer.mjs) whose window is closed from the start. Both builds. MSS 1000, RTO 1000 ms.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP ACK of a window probe', () => {
    const F = lib.wire.TCP_FLAGS;

    test('an ACK past the probe byte is refused; the ACK of the byte moves on by one', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, window: 0, sockOpts: { nagle: false, initialRto: 1000, minRto: 1000, txBytes: 8192 } });
      const d = pattern(3000, 7);
      assert.equal(c.sock.send(d, 0, 3000), 3000);
      p.poll();
      assert.deepEqual(p.out(), [], 'nothing into the closed window');
      const probe = p.until((s) => s.length > 0, 5000, 'the window probe');
      assert.deepEqual(probe.map((s) => [u32(s.seq - c.snd), s.data.length]), [[0, 1]]);
      // Two bytes acknowledged, one sent: an ACK goes back, nothing else.
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 2), flags: F.Ack, window: 4000 });
      const reply = p.out();
      assert.deepEqual(reply.map((s) => [s.flags, u32(s.seq - c.snd), s.data.length]), [[F.Ack, 0, 0]], 'an ACK of what we have, at sndNxt');
      assert.equal(c.sock.sendQueue(), 3000, 'nothing acknowledged');
      // The probe byte acknowledged, the window open: from byte 1 on.
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack, window: 4000 });
      const segs = p.out().filter((s) => s.data.length);
      assert.equal(u32(segs[0].seq - c.snd), 1);
      assert.deepEqual(Array.from(segs[0].data.subarray(0, 4)), Array.from(d.subarray(1, 5)));
    });
  });
}
