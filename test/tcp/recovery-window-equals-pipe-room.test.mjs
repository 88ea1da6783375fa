// Which limit held the sender in SACK recovery when the peer's window leaves exactly the room that
// cwnd - pipe leaves, against a crafted peer (test/tcp/peer.mjs). cwnd grows only for ACKs of data
// sent while cwnd held the sender back (RFC 7661, RFC 9438 5.8; TcpSocket.congestionOnAck). With
// the two limits equal the window holds the sender as much as cwnd does: outside recovery a window
// equal to cwnd counts as the window's limit (test/tcp/sws-window-equals-cwnd), and in recovery,
// where the pipe rather than the flight is what cwnd bounds (RFC 6675 5), the same must hold.
// Seen after the recovery is undone by a D-SACK of its only retransmission (cwnd and ssthresh go
// back: slow start, ssthresh never set): the ACK of the segment sent at the equality does not grow
// cwnd (nor does the ACK of the flight before it: ten segments, all there was, within cwnd).
// The setting: MSS 1460, nothing warmed up, cwnd the initial window 14600 (RFC 6928), ten segments
// s0..s9 in flight; s0 lost, three duplicates SACK s1, s1-s2, s1-s3: cwnd 0.7 x 14600 = 10220,
// seven segments, and the pipe after s0's retransmission is seven too (s4..s9 and it). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { initialWindowRecovery } from './peer.mjs';
import { pattern } from './pair.mjs';

const UNDOS = 3;

for (const { name, lib } of builds) {
  describe(name + ': TCP SACK recovery with the window room equal to cwnd - pipe', () => {
    test('the segment sent at the equality is window-bound: its ACK does not grow cwnd after the undo', () => {
      const { c, MSS, at, seg, sent, ack } = initialWindowRecovery(lib);

      // Two segments queued, no poll: the next ACK finds them. It SACKs s5 (the pipe falls to six:
      // the hole at s4, one segment below the highest SACK, still counts) and opens the window to
      // the flight plus one segment: cwnd - pipe and the window both leave one segment, s10; s11
      // waits for both.
      assert.equal(c.sock.send(pattern(2 * MSS, 2), 0, 2 * MSS), 2 * MSS);
      ack(0, [seg(5), [at(1), at(4)]], 11 * MSS);
      assert.deepEqual(sent(), [[10, MSS]], 'one new segment');

      // s0 arrived late: the ACK of s0..s9 carries a D-SACK of the retransmission, its only one,
      // which undoes the recovery: cwnd 14600, slow start. These segments went before the
      // recovery, all there was, with nothing held back: their ACK does not grow cwnd. s11 goes.
      ack(10, [seg(0)], 65535);
      assert.equal(c.sock.stats[UNDOS], 1, 'the recovery undone');
      assert.equal(c.sock.cwnd, 10 * MSS, '14600 again');
      assert.deepEqual(sent(), [[11, MSS]]);

      // s10 went when the window left no more room than cwnd: its ACK leaves cwnd alone.
      ack(11, undefined, 65535);
      assert.equal(c.sock.cwnd, 10 * MSS, 'not grown: the window held s11 back as much as cwnd did');
    });
  });
}
