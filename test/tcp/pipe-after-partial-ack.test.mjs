// The pipe after a partial ACK that passes the recovery's retransmissions (RFC 6675): nothing
// below the new sndUna is in flight, so the pipe counts the retransmission at the new sndUna and
// what lies above the highest SACK, and new data fills cwnd - pipe, no more. Counting from the
// old retransmission mark (below sndUna) made the pipe smaller by what the ACK covered past it
// and let that much more go. Against a crafted peer (test/tcp/peer.mjs sackSender: cwnd 8000,
// sixteen 500-byte segments s0..s15 in flight, 4000 bytes more waiting). And in a recovery that an
// ACK of new data started (no duplicate ACK ever counted), new data queued later goes by the pipe
// too, not by the flight: sendData's plain path must leave such a recovery to the full loop.
// Both builds.
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

    test('a recovery entered with no duplicate ACK: new data queued during it fills cwnd - pipe', () => {
      const c = sackSender(lib, { more: 7000 });
      const { at, sent } = c;
      // s0..s13 in flight; s1, s5, s7 and s9 lost. An ACK of s0 SACKs s2..s4: s1 is lost (three
      // segments above it), and the recovery starts with no duplicate ACK.
      c.p.now += 20;
      c.ack(at(1), [[at(2), at(5)]]);
      assert.deepEqual(sent(), [1]);
      assert.equal(c.sock.cwnd, 5600, '0.7 of cwnd, 8000');
      // s1 arrived: a partial ACK to s5, SACKs above it show s5 and s7 lost; s9 goes by rule 3.
      c.p.now += 20;
      c.ack(at(5), [[at(6), at(7)], [at(8), at(9)], [at(10), at(12)]]);
      assert.deepEqual(sent(), [5, 7, 9]);
      // 3000 bytes more, then a partial ACK to s7 (below the retransmission of s9). In the pipe:
      // s9's retransmission alone (s8 and s10..s13 SACKed), so all six new segments fit in 5600;
      // counted by the flight (s7..s13, 3500 bytes) only four would.
      assert.equal(c.sock.send(pattern(3000, 3), 0, 3000), 3000);
      c.ack(at(7), [[at(8), at(9)], [at(10), at(14)]]);
      assert.deepEqual(sent(), [14, 15, 16, 17, 18, 19]);
    });
  });
}
