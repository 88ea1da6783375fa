// The loss probe of a SACK recovery sends the segment at sndUna again (its retransmission has gone
// unanswered for the probe timeout, so it was lost too), even when a hole's retransmission is
// still owed because the device refused it: the probe goes first, the hole right after it, and
// the owed hole does not take the probe's place. Against a crafted peer (test/tcp/peer.mjs
// sackSender: ten 500-byte segments s0..s9 in flight, cwnd 8000, 20 ms RTT). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, refuseFrames } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { fastRetransmits: 1, probes: 2 };

for (const { name, lib } of builds) {
  describe(name + ': TCP recovery probe with a hole owed', () => {
    test('the probe resends s0, then the hole whose retransmission the device refused', () => {
      const c = sackSender(lib, { more: 5000 });
      const at = (k) => u32(c.base + 500 * k);
      const sent = (segs) => segs.filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
      // s0 lost: three duplicates start the recovery, s0 sent again.
      c.p.now += 20;
      c.ack(c.base, [[at(1), at(2)]]);
      c.ack(c.base, [[at(1), at(3)]]);
      c.ack(c.base, [[at(1), at(4)]]);
      assert.deepEqual(sent(c.p.out()), [0]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      // s4 lost too: s5 to s7 SACKed above it. Its retransmission is refused by the device.
      c.p.now += 2;
      const refused = refuseFrames(c.p, 1);
      c.ack(c.base, [[at(5), at(8)], [at(1), at(4)]]);
      assert.equal(refused.n, 0, 'the retransmission of s4 was asked for and refused');
      assert.deepEqual(sent(c.p.out()), []);
      // Nothing comes back: the recovery's probe, s0 again, then s4.
      const probes = c.sock.stats[STAT.probes];
      const seen = c.p.until((s) => s.some((x) => x.data.length), 1000, 'the recovery probe');
      assert.deepEqual(sent(seen), [0, 4]);
      assert.equal(c.sock.stats[STAT.probes], probes + 1);
    });
  });
}
