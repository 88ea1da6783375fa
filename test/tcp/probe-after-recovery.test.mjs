// A loss probe sent after a SACK recovery ended is not one of that recovery's retransmissions:
// the D-SACK that later shows the recovery's only retransmission was a duplicate still undoes it
// (RFC 3708's accounting covers the recovery's retransmissions only). Against a crafted peer
// (test/tcp/peer.mjs sackSender: 500-byte segments s0..s5 in flight, 20 ms RTT). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { fastRetransmits: 1, probes: 2, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP loss probe after a recovery', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    test('the probe of new data sent after the recovery ended does not keep the D-SACK of s0 from undoing it', () => {
      const c = sackSender(lib);
      const cwnd = c.sock.cwnd;
      c.p.now += 20;
      for (const to of [2, 3, 5]) c.ack(c.base, [[seg(c, 1)[0], seg(c, to - 1)[1]]]);
      assert.deepEqual(sent(c), [0], 'fast retransmit of s0');
      // The whole flight acknowledged a round trip later: the recovery ends.
      c.p.now += 20;
      c.ack(u32(c.base + 3000));
      assert.equal(c.sock.stats[STAT.undos], 0);
      // One more segment, s6, unanswered: the tail loss probe sends it again.
      assert.equal(c.sock.send(pattern(500, 9), 0, 500), 500);
      c.p.poll();
      assert.deepEqual(sent(c), [6], 'new data s6');
      const probes = c.sock.stats[STAT.probes];
      const again = c.p.until((s) => s.some((x) => x.data.length), 1000, 'the loss probe').filter((s) => s.data.length);
      assert.deepEqual(again.map((s) => u32(s.seq - c.base) / 500), [6], 's6 sent again by the probe');
      assert.equal(c.sock.stats[STAT.probes], probes + 1);
      // s6 acknowledged, with the D-SACK of the recovery's retransmission of s0.
      c.ack(u32(c.base + 3500), [seg(c, 0)]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd back: ' + c.sock.cwnd + ' >= ' + cwnd);
    });
  });
}
