// The spurious test of a fast recovery whose first retransmission the device refused: the test
// waits for the retransmission that does go. Here a partial ACK (with SACK blocks, so through the
// full path) comes while the refused one is still owed, the retransmission then goes at the new
// sndUna and is timed there, and an ACK of it sooner than 3/4 of the RTT proves the recovery
// spurious and undoes it (RFC 4015 response). Against a crafted peer (test/tcp/peer.mjs
// sackSender: ten 500-byte segments s0..s9, 20 ms RTT; ISS 1000). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender, refusedFastRetransmit } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { fastRetransmits: 1, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP undo after a refused fast retransmission', () => {
    test('refused, then a partial ACK: the retransmission at the new sndUna is timed, and its quick ACK undoes the recovery', () => {
      const c = sackSender(lib, { iss: 1000, more: 5000 });
      const at = (k) => u32(c.base + 500 * k);
      const sent = () => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);
      const cwnd = c.sock.cwnd;
      refusedFastRetransmit(c);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      assert.deepEqual(sent(), [], 'the retransmission refused');
      // s0..s4 arrive late; s6 and s7 are SACKed: a partial ACK, and s5 goes at once.
      c.p.now += 20;
      c.ack(at(5), [[at(6), at(8)]]);
      assert.deepEqual(sent(), [5]);
      // 5 ms later everything is acknowledged: too soon to answer that retransmission.
      c.p.now += 5;
      c.ack(at(10));
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd back: ' + c.sock.cwnd + ' >= ' + cwnd);
    });
  });
}
