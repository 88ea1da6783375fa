// A fast recovery undone by a D-SACK while the ACK stands still ends the recovery's duplicate
// count: duplicates after the undo start a new count (RFC 5681 3.2), so the first two each let one
// new segment beyond cwnd go (limited transmit, RFC 3042) and the third would be a new loss. Set-up:
// the recovery's retransmission of s0 is its only one (the retransmission at the new sndUna after
// the partial ACK is refused by the device), so the D-SACK of s0, on an ACK that acknowledges
// nothing new, proves the recovery spurious. Against a crafted peer (test/tcp/peer.mjs sackSender:
// 500-byte segments, cwnd 8000, 20 ms RTT). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

const STAT = { fastRetransmits: 1, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP duplicate count after an undo', () => {
    test('the D-SACK undo restarts the count: one new segment per duplicate for two, as after any recovery', () => {
      const c = sackSender(lib, { more: 8000, sockOpts: { txBytes: 16384 } });
      const { at, sent } = c;
      assert.equal(c.sock.cwnd, 8000);
      c.sock.send(pattern(4000, 3), 0, 4000);
      c.p.poll();
      assert.deepEqual(sent(), [], 'cwnd holds the 8 segments more');
      // s0 late: three duplicates; the first two send s16 and s17 (limited transmit), the third
      // starts the recovery with the retransmission of s0.
      c.p.now += 20;
      c.ack(c.base, [[at(1), at(2)]]);
      c.ack(c.base, [[at(1), at(3)]]);
      c.ack(c.base, [[at(1), at(4)]]);
      assert.deepEqual(sent(), [16, 17, 0]);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      // A round trip later the original s0 arrives: a partial ACK up to s4, whose retransmission
      // of s4 the device refuses.
      c.p.now += 20;
      refuseFrames(c.p, 1);
      c.ack(at(4));
      assert.deepEqual(sent(), []);
      assert.equal(c.sock.stats[STAT.undos], 0, 'too late for the timing rule');
      // Then the D-SACK of the retransmitted s0, on an ACK that stays at s4: undone. cwnd is
      // 8000 again; the ACK is the first duplicate of a new count, so s4 goes (still owed) and
      // new data up to cwnd + 1 segment: s18 to s20 (flight s4 to s20, 17 segments).
      c.ack(at(4), [[at(0), at(1)]]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'the D-SACK undoes the recovery');
      assert.equal(c.sock.cwnd, 8000);
      assert.deepEqual(sent(), [4, 18, 19, 20]);
      // The second duplicate: one more (s21). A third is a new loss, not this one.
      c.ack(at(4));
      assert.deepEqual(sent(), [21], 'limited transmit for the second duplicate');
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'no new recovery at the second duplicate');
    });
  });
}
