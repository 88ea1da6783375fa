// SACK blocks that describe no bytes, against a crafted peer (test/tcp/peer.mjs): an empty block
// (left = right) or an inverted one (left after right) inside the flight is ignored, as RFC 2018
// blocks must have left < right: taken in, they made holes that sent data again the peer never
// said it lacked; and a D-SACK block below the ACK takes no place among the ranges (four by
// default). Both builds. The sender has 500-byte segments s0.. in flight.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK blocks with no bytes', () => {
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
    for (const [what, blk] of [['empty', [3, 3]], ['inverted', [5, 2]]]) {
      test('an ' + what + ' block on three duplicates: fast retransmit of s0 only, nothing SACKed', () => {
        const c = sackSender(lib);
        const at = (k) => u32(c.base + 500 * k);
        const out = [];
        for (let i = 0; i < 3; i++) {
          c.ack(c.base, [[at(blk[0]), at(blk[1])]]);
          out.push(...sent(c));
        }
        assert.deepEqual(out, [0], 'the third duplicate: s0 and nothing else');
        assert.equal(c.sock.sacks.count, 0, 'the scoreboard holds nothing');
        c.ack(c.base, [[at(1), at(2)]]);
        assert.deepEqual(sent(c), [], 'a real SACK of s1 shows no other hole');
      });
    }

    test('a D-SACK below the ACK takes no place on the scoreboard: four SACKed ranges still fit', () => {
      const c = sackSender(lib, { more: 4000 });
      const seg = (k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
      c.p.now += 20;
      // Old data (sent before the flight) reported received twice, then s1, s3, s5, s7 SACKed.
      c.ack(c.base, [[u32(c.base - 1000), u32(c.base - 500)]]);
      c.ack(c.base, [seg(1)]);
      const out = [];
      for (const blocks of [[seg(3), seg(1)], [seg(5), seg(3), seg(1)], [seg(7), seg(5), seg(3), seg(1)]]) {
        c.ack(c.base, blocks);
        out.push(sent(c));
      }
      assert.deepEqual(out, [[0, 2], [4], [6]], 'each hole below a SACKed range, s6 below s7 too');
    });
  });
}
