// A retransmission is one segment (or one hole) whatever cwnd allows, so sending it does not
// show that cwnd holds the sender back: only new data that cwnd cuts short does (RFC 7661, RFC
// 9438 5.8; TcpSocket.sendData's cwndUsed). An application-limited sender (six segments in flight,
// cwnd 8000) whose SACK recovery retransmits s0 and a 200-byte hole inside s2, and whose recovery
// then proves spurious (both retransmissions D-SACKed), has cwnd back at 8000, not grown by the
// ACK of a flight that cwnd never held. Against a crafted peer (test/tcp/peer.mjs sackSender:
// MSS 500, 20 ms RTT, cwnd 8000 and ssthresh unset after its warm-up). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;
const UNDOS = 3; // TcpStat.Undos

for (const { name, lib } of builds) {
  describe(name + ': TCP retransmissions are not cwnd holding the sender', () => {
    test('a short hole retransmitted, the recovery undone: cwnd 8000, no growth', () => {
      const c = sackSender(lib);
      const { at } = c;
      const sent = () => c.p.out().filter((s) => s.data.length).map((s) => [u32(s.seq - c.base), s.data.length]);
      assert.equal(c.sock.cwnd, 8000);
      // s0 lost and the first 200 bytes of s2 (a resegmenting path): three duplicates SACK the rest.
      c.p.now += 20;
      c.ack(c.base, [[at(1), at(2)]]);
      c.ack(c.base, [[at(2, 200), at(4)], [at(1), at(2)]]);
      c.ack(c.base, [[at(2, 200), at(6)], [at(1), at(2)]]);
      assert.deepEqual(sent(), [[0, 500], [1000, 200]], 's0, then the 200-byte hole');
      assert.equal(c.sock.cwnd, 5600, 'in recovery: 0.7 of 8000');
      // Both originals arrive after all: the ACKs D-SACK each retransmission, so the recovery is undone.
      c.ack(at(2), [[at(0), at(1)], [at(2, 200), at(6)]]);
      c.ack(at(6), [[at(2), at(2, 200)]]);
      assert.equal(c.sock.stats[UNDOS], 1, 'undone');
      assert.equal(c.sock.cwnd, 8000, 'cwnd back where it was, and not grown by the ACK of the flight');
    });
  });
}
