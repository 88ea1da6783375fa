// SACK recovery with the pipe exactly at cwnd, against a crafted peer (test/tcp/peer.mjs): RFC
// 6675 5 (C) lets a segment go only while cwnd - pipe is at least one SMSS, so with the pipe equal
// to cwnd nothing goes, not even a hole that NextSeg's rule 3 would pick because the peer's window
// has no room for new data. Once an ACK takes the pipe below cwnd, that hole goes.
// The setting: MSS 1460 and nothing warmed up, so cwnd is the initial window 14600 (RFC 6928), ten
// segments s0..s9 in flight; s0 lost, three duplicates SACK s1, s1-s2, s1-s3: the recovery's cwnd
// is 0.7 x 14600 = 10220, seven segments exactly, and after s0's retransmission the pipe is s4..s9
// plus that retransmission: seven. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { initialWindowRecovery } from './peer.mjs';
import { pattern } from './pair.mjs';


for (const { name, lib } of builds) {
  describe(name + ': TCP SACK recovery with the pipe equal to cwnd', () => {
    test('a hole shown lost by a window closed to new data waits while the pipe is at cwnd', () => {
      const { p, c, MSS, at, seg, sent, ack } = initialWindowRecovery(lib);

      // More data queued: the pipe (s4..s9 and s0's retransmission) is at cwnd, nothing goes.
      assert.equal(c.sock.send(pattern(4 * MSS, 2), 0, 4 * MSS), 4 * MSS);
      p.poll();
      assert.deepEqual(sent(), [], 'pipe 7 segments = cwnd');

      // s5 SACKed: the hole at s4 has one segment above it, not lost (and still in the pipe: 6).
      // One new segment goes, s10; the pipe is at cwnd again.
      ack(0, [seg(5), [at(1), at(4)]]);
      assert.deepEqual(sent(), [[10, MSS]], 'one new segment, no hole');

      // The same blocks, the window shrunk to the flight (s0..s10): no new data can go, so rule 3
      // would take the hole at s4, but the pipe (s4, s6..s10 and s0's retransmission) is at cwnd.
      ack(0, [seg(5), [at(1), at(4)]], 11 * MSS);
      assert.deepEqual(sent(), [], 'nothing goes while cwnd - pipe is below one segment');

      // s6 SACKed too: the pipe is 6 segments (s4, still counted, s7..s10, s0's retransmission), one
      // below cwnd, and the window still holds back new data: the hole at s4 goes (rule 3).
      ack(0, [[at(5), at(7)], [at(1), at(4)]], 11 * MSS);
      assert.deepEqual(sent(), [[4, MSS]], 'the hole at s4 once cwnd - pipe is a segment');
    });
  });
}
