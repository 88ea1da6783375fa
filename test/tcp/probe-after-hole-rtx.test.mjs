// The SACK recovery's probe is timed from the retransmission at sndUna, not from later hole
// retransmissions: when the retransmission of s0 is lost while a later hole (s2) was sent again
// after it, s0 goes again two round trips after its own retransmission. Against a crafted peer
// (test/tcp/peer.mjs sackSender: 500-byte segments s0..s5 in flight, 20 ms RTT). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2 };

for (const { name, lib } of builds) {
  describe(name + ': TCP recovery probe timing', () => {
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    test('s0 and s2 lost: s2 sent again 5 ms after s0; the lost retransmission of s0 goes again 2 SRTT after its own', () => {
      // s0..s5 in flight and new data waiting (so a hole goes only once shown lost, RFC 6675
      // NextSeg rule 1 before 2); cwnd lets s6..s15 go too, six more wait.
      const c = sackSender(lib, { sockOpts: { txBytes: 16384 } });
      c.sock.send(pattern(8000, 5), 0, 8000);
      c.p.poll();
      assert.deepEqual(sent(c), [6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 'cwnd lets ten more go');
      c.p.now += 20;
      c.ack(c.base, [seg(c, 1)]);
      c.ack(c.base, [seg(c, 3), seg(c, 1)]);
      c.ack(c.base, [[seg(c, 3)[0], seg(c, 4)[1]], seg(c, 1)]);
      assert.deepEqual(sent(c), [16, 17, 0], 'limited transmit of s16 and s17, then the fast retransmit of s0; s2 not yet shown lost');
      const t0 = c.p.now;
      c.p.now += 5;
      c.ack(c.base, [[seg(c, 3)[0], seg(c, 7)[1]], seg(c, 1)]); // s3..s7: s2 lost, room in the pipe for it alone
      assert.deepEqual(sent(c), [2], 's2 shown lost and sent again, 5 ms later, no new data');
      // Neither retransmission is answered: s0 goes again, timed from its own retransmission.
      c.p.until((s) => s.some((x) => x.data.length && x.seq === c.base), 1000, 's0 sent again');
      assert.equal(c.p.now - t0, 40, 'two round trips after the retransmission of s0, not after that of s2');
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    });
  });
}
