// An immediate ACK the device refused while a delayed ACK is armed, against a crafted peer
// (test/tcp/peer.mjs): it is tried again at the next poll, as any refused ACK is, not at the
// delayed ACK's later time (a duplicate ACK held back up to the ACK delay slows the sender's fast
// retransmit). Both builds. ACK delay 200 ms, SACK permitted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP refused immediate ACK with a delayed ACK armed', () => {
    const F = lib.wire.TCP_FLAGS;
    test('a refused duplicate ACK goes at the next poll, not at the delayed ACK time', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 200, rxBytes: 16384 });
      sock.listen(80);
      p.send({ seq: 1000, flags: F.Syn, mss: 1000, sack: true });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      const snd = (synAck.seq + 1) >>> 0;
      p.send({ seq: 1001, ack: snd, flags: F.Ack });
      p.out();
      const seg = (off) => p.send({ seq: 1001 + off, ack: snd, flags: F.Ack, data: pattern(100, off & 255) });
      seg(0);
      assert.deepEqual(p.out(), [], 'in order: the ACK is delayed');
      // Out of order: a duplicate ACK at once, which the device refuses (twice: in the segment's
      // processing and in the visit after it).
      const refuse = refuseFrames(p, 2);
      const t0 = p.now;
      seg(300);
      assert.equal(refuse.n, 0, 'tried twice');
      assert.deepEqual(p.out(), [], 'refused');
      p.step(1000);
      const got = p.out();
      assert.equal(got.length, 1, 'the ACK owed went out');
      assert.equal(got[0].ack - 1001, 100);
      assert.deepEqual(got[0].blocks.map(([l, r]) => [l - 1001, r - 1001]), [[300, 400]]);
      assert.equal(p.now - t0, 0, 'at the next poll, not 200 ms later');
    });
  });
}
