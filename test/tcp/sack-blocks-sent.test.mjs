// The SACK blocks of our duplicate ACKs (RFC 2018 4), read from the wire against a crafted peer
// (test/tcp/peer.mjs): the range holding the latest out-of-order segment first, the others in
// order, at most 4; when the latest segment is in no kept range (not kept: the range set was full;
// or its range was delivered since), plain order. And a delayed ACK the device refused is still
// owed.
// Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK blocks we send', () => {
    const w = lib.wire;
    const F = w.TCP_FLAGS;

    /** The ACKs sent since the last call: { ack, blocks } (blocks relative to the peer's ISN + 1). */
    function acks(p) {
      return p.out().map((x) => ({ ack: x.ack - 1001, blocks: x.blocks.map(([l, r]) => [l - 1001, r - 1001]) }));
    }

    /** Our socket after a handshake with a SACK-permitting peer (ISN 1000). */
    function open(sockOpts = {}) {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 0, rxBytes: 16384, ...sockOpts });
      sock.listen(80);
      p.send({ seq: 1000, flags: F.Syn, mss: 1000, sack: true });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      const snd = (synAck.seq + 1) >>> 0;
      p.send({ seq: 1001, ack: snd, flags: F.Ack });
      p.out();
      /** 100 bytes at offset off from the peer. */
      const seg = (off) => p.send({ seq: 1001 + off, ack: snd, flags: F.Ack, data: pattern(100, off & 255) });
      return { p, sock, seg };
    }

    test('the latest segment\'s range first, then the others in order', () => {
      const { p, seg } = open();
      for (const off of [200, 600, 400]) seg(off);
      const a = acks(p);
      assert.deepEqual(a[2].blocks, [[400, 500], [200, 300], [600, 700]]);
    });

    test('six ranges held: four blocks, the latest first', () => {
      const { p, seg } = open({ oooRanges: 6 });
      for (const off of [200, 400, 600, 800, 1000, 1200]) seg(off);
      const a = acks(p);
      assert.deepEqual(a[a.length - 1].blocks, [[1200, 1300], [200, 300], [400, 500], [600, 700]]);
    });

    test('the latest segment not kept (range set full): the kept ranges in order', () => {
      for (const [first, second, off] of [[200, 700, 500], [200, 700, 900], [700, 200, 500]]) {
        const { p, seg } = open({ oooRanges: 2 });
        seg(first);
        seg(second);
        acks(p);
        seg(off);
        assert.deepEqual(acks(p)[0].blocks, [[200, 300], [700, 800]], first + ', ' + second + ', then a segment at ' + off + ' refused');
      }
    });

    test('the latest segment\'s range delivered: the ranges left in order', () => {
      const { p, seg } = open();
      seg(600);
      seg(200);
      acks(p);
      // The hole before the latest range filled: it is delivered, [600, 700) is left.
      seg(0);
      seg(100);
      const a = acks(p);
      assert.deepEqual(a[a.length - 1], { ack: 300, blocks: [[600, 700]] });
    });

    test('an immediate ACK (ackDelay 0) the device refuses is tried again at the next poll', () => {
      const { p, seg } = open();
      const refuse = refuseFrames(p, 1);
      const t0 = p.now;
      seg(0);
      assert.equal(refuse.n, 0, 'the ACK was tried at once');
      assert.equal(acks(p).length, 0, 'refused');
      p.step(1000);
      const got = acks(p);
      assert.equal(got.length, 1, 'the ACK owed went out');
      assert.equal(got[0].ack, 100);
      assert.equal(p.now - t0, 0, 'at once, not at a later timer');
    });

    test('a delayed ACK the device refuses is tried again at the next poll', () => {
      const { p, seg } = open({ ackDelay: 40 });
      seg(0);
      assert.equal(acks(p).length, 0, 'delayed');
      const refuse = refuseFrames(p, 1);
      const t0 = p.now;
      p.step(1000);
      assert.equal(p.now - t0, 40);
      assert.equal(refuse.n, 0, 'the ACK was tried at the delay');
      assert.equal(acks(p).length, 0, 'refused');
      p.step(1000);
      const got = acks(p);
      assert.equal(got.length, 1, 'the ACK owed went out');
      assert.equal(got[0].ack, 100);
      assert.equal(p.now - t0, 40, 'at once');
    });
  });
}
