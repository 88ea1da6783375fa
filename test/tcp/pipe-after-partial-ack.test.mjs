// The pipe after a partial ACK that passes the recovery's retransmissions (RFC 6675): nothing
// below the new sndUna is in flight, so the pipe counts the retransmission at the new sndUna and
// what lies above the highest SACK, and new data fills cwnd - pipe, no more. Counting from the
// old retransmission mark (below sndUna) made the pipe smaller by what the ACK covered past it
// and let that much more go. Against a crafted peer (test/tcp/peer.mjs sackSender: cwnd 8000,
// sixteen 500-byte segments s0..s15 in flight, 4000 bytes more waiting). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';
import { pattern } from './pair.mjs';


for (const { name, lib } of builds) {
  describe(name + ': TCP pipe after a partial ACK', () => {
    test('a partial ACK to s5 with s6..s8 SACKed: s5 again, then new data up to cwnd', () => {
      const c = sackSender(lib, { more: 8000, sockOpts: { txBytes: 16384 } });
      const { at, sent } = c;
      assert.equal(c.sock.send(pattern(4000, 3), 0, 4000), 4000);
      c.p.poll();
      assert.deepEqual(sent(), [], 'cwnd holds the 4000 bytes');
      // s0 lost: limited transmit sends s16 and s17, the third duplicate s0 again.
      c.p.now += 20;
      for (const j of [2, 3, 5]) c.ack(c.base, [[at(1), at(j)]]);
      assert.deepEqual(sent(), [16, 17, 0]);
      assert.equal(c.sock.cwnd, 6300, '0.7 of the flight, 9000');
      // A round trip later s0..s4 are acknowledged, s5 is missing, s6..s8 SACKed. In flight then:
      // s9..s17 (9 segments) and s5's retransmission, 5000 bytes: 2 segments more fit in 6300.
      c.p.now += 20;
      c.ack(at(5), [[at(6), at(9)]]);
      assert.deepEqual(sent(), [5, 18, 19]);
    });
  });
}
