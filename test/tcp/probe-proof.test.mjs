// What an ACK does to the loss probe's proof (probeShows), against a crafted peer
// (test/tcp/peer.mjs): a SACK of the probe's new data shows the holes sent before it lost; an ACK
// that moves sndUna but stops short of the probe's data keeps that proof, since the holes above
// it were still sent before the probe; a SACK of data sent before the probe proves nothing. Both builds. The sender has 4000 bytes acknowledged with a
// 20 ms RTT, then sixteen 500-byte segments s0..s15 in flight (cwnd-bound, more data waiting).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSenderProbed } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2 };

for (const { name, lib } of builds) {
  describe(name + ': TCP loss probe proof after a partial ACK', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    test('an ACK short of the probe\'s data that SACKs it starts the recovery at the new sndUna', () => {
      // Sixteen in flight, more data held back by cwnd; the tail loss probe sent s16 (new data).
      const c = sackSenderProbed(lib);
      // s0 arrives, s1-s14 are lost, s15 and the probe arrive: the ACK moves to s1 and SACKs two
      // segments, too few for the duplicate count; the probe's SACK shows s1 lost.
      c.ack(seg(c, 1)[0], [[seg(c, 15)[0], seg(c, 16)[1]]]);
      const out = sent(c);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'fast recovery at once');
      assert.equal(out[0], 1, 's1 first: ' + out);
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });

    test('a SACK of data sent before the probe, not of the probe\'s, proves nothing by itself', () => {
      // Sixteen in flight, more data held back by cwnd; the tail loss probe sent s16 (new data).
      const c = sackSenderProbed(lib);
      // s15 arrives, not the probe: one segment SACKed, too few, and the probe not among them.
      c.ack(c.base, [seg(c, 15)]);
      assert.deepEqual(sent(c), [], 'nothing sent again');
      assert.equal(c.sock.stats[STAT.fastRetransmits], 0);
      // The probe arrives: now s0 is shown lost.
      c.ack(c.base, [[seg(c, 15)[0], seg(c, 16)[1]]]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      assert.equal(sent(c)[0], 0);
    });
  });
}
