// A SACK hole that starts at sequence number 0, against a crafted peer (test/tcp/peer.mjs): 0 is
// a sequence number like any other, not "no hole" (-1 is), so the hole is retransmitted once
// SACKs show it lost. Both builds. ISN 2^32 - 1001: the segments s0..s7 of 500 bytes start at
// 2^32 - 1000, and s2 starts at 0.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK hole at sequence number 0', () => {
    const F = lib.wire.TCP_FLAGS;
    test('s0 and s2 (at 0) lost: both are retransmitted once SACKs show them lost', () => {
      const p = craftedPeer(lib);
      const { sock, port, snd: base } = p.connect({ mss: 500, sack: true, iss: u32(-1 - 1000), sockOpts: { initialRto: 1000, minRto: 1000, txBytes: 8192 } });
      const seg = (k) => [u32(base + 500 * k), u32(base + 500 * (k + 1))];
      assert.equal(seg(2)[0], 0);
      const ack = (a, sackBlocks) => p.send({ sport: 80, dport: port, seq: 9001, ack: a, flags: F.Ack, sackBlocks });
      const sent = () => p.out().filter((s) => s.data.length).map((s) => u32(s.seq - base) / 500);
      sock.send(pattern(4000, 1), 0, 4000);
      p.poll();
      assert.deepEqual(sent(), [0, 1, 2, 3, 4, 5, 6, 7]);
      ack(base, [seg(1)]);
      ack(base, [seg(3), seg(1)]);
      assert.deepEqual(sent(), []);
      // s1, s3 and s4 SACKed: s0 (three segments SACKed above it) and s2 (two, and no new data
      // can go) are lost.
      ack(base, [seg(4), seg(3), seg(1)]);
      assert.deepEqual(sent(), [0, 2]);
    });
  });
}
