// SACK blocks on an ACK that also acknowledges new data are read, outside a recovery too: such
// an ACK never takes header prediction's shortcut, which skips the scoreboard. When its blocks
// show the segment at the new sndUna lost (more than two segments SACKed above it), the fast
// retransmission goes at once (RFC 6675). Against a crafted peer (test/tcp/peer.mjs sackSender:
// 500-byte segments s0..s5 in flight, 20 ms RTT). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;
const FAST_RETRANSMITS = 1;

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK blocks on an ACK of new data', () => {
    test('s0 acknowledged with s2..s4 SACKed: s1 is sent again at once', () => {
      const c = sackSender(lib);
      const at = (k) => u32(c.base + 500 * k);
      c.p.now += 20;
      c.ack(at(1), [[at(2), at(5)]]);
      assert.deepEqual(c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500), [1]);
      assert.equal(c.sock.stats[FAST_RETRANSMITS], 1);
    });
  });
}
