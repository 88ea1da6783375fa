// The SACK blocks of our ACKs (RFC 2018 4) name the out-of-order ranges we hold now, each once:
// not a range already delivered (its slot is left behind when the ranges move down), nor a range
// of a socket's earlier connection (a reused socket's slots still hold it). Read from the wire
// against a crafted peer (test/tcp/peer.mjs), both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK blocks name only the ranges held now', () => {
    const F = lib.wire.TCP_FLAGS;

    /** ACKs sent since the last call: { ack, blocks }, relative to the peer's ISN + 1. */
    const acks = (p) => p.out().map((x) => ({ ack: x.ack - 1001, blocks: x.blocks.map(([l, r]) => [l - 1001, r - 1001]) }));

    /** A handshake of sock (listening on 80) with a SACK-permitting peer of ISN 1000; returns
     *  seg(off, len): len bytes at offset off from the peer. */
    function open(p, sock) {
      p.send({ seq: 1000, flags: F.Syn, mss: 1000, sack: true });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      const snd = (synAck.seq + 1) >>> 0;
      p.send({ seq: 1001, ack: snd, flags: F.Ack });
      p.out();
      return { snd, seg: (off, len = 100) => p.send({ seq: 1001 + off, ack: snd, flags: F.Ack, data: pattern(len, off & 255) }) };
    }

    test('three ranges held, the first delivered: the ACK names the two left, each once', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 0, rxBytes: 16384 });
      sock.listen(80);
      const { seg } = open(p, sock);
      seg(200);
      seg(800);
      seg(500); // the latest: its range leads
      acks(p);
      seg(0, 300); // fills the hole before [200, 300): delivered with it
      assert.deepEqual(acks(p).pop(), { ack: 300, blocks: [[500, 600], [800, 900]] });
    });

    test('a socket used again: the ranges its first connection held are not SACK blocks of the second', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 0, rxBytes: 16384 });
      sock.listen(80);
      const first = open(p, sock);
      first.seg(200);
      first.seg(400, 400); // [400, 800)
      assert.deepEqual(acks(p).pop().blocks, [[400, 800], [200, 300]]);
      p.send({ seq: 1001, ack: first.snd, flags: F.Rst });
      assert.equal(lib.socket.TCP_STATES[sock.state], 'Closed');
      // The same peer with the same ISN: [600, 700) lies inside the first connection's [400, 800).
      assert.equal(sock.listen(80), 0);
      const second = open(p, sock);
      second.seg(600);
      assert.deepEqual(acks(p), [{ ack: 0, blocks: [[600, 700]] }]);
    });
  });
}
