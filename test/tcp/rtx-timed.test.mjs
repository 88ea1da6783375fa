// Which retransmission the spurious-recovery check times (TcpSocket.spuriousCheck), against a
// crafted peer (test/tcp/peer.mjs): the first one at sndUna after fast retransmit, even when a
// partial ACK in the same poll moved sndUna before it went; an ACK of it sooner than 3/4 of the
// RTT answers the original, so the recovery was spurious and is undone. Both builds. The sender
// has 4000 bytes acknowledged with a 20 ms RTT, then six 500-byte segments s0..s5 in flight.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { sackSender } from './peer.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP timing of the retransmission after a partial ACK', () => {
    const F = lib.wire.TCP_FLAGS;
    const seg = (c, k) => [u32(c.base + 500 * k), u32(c.base + 500 * (k + 1))];
    const sent = (c) => c.p.out().filter((s) => s.data.length).map((s) => u32(s.seq - c.base) / 500);

    test('the third duplicate and a partial ACK in one poll: the retransmission at the new sndUna is timed, and its quick ACK undoes the recovery', () => {
      const c = sackSender(lib);
      const cwnd = c.sock.cwnd;
      c.p.now += 20;
      c.ack(c.base, [[seg(c, 1)[0], seg(c, 1)[1]]]);
      c.ack(c.base, [[seg(c, 1)[0], seg(c, 2)[1]]]);
      assert.deepEqual(sent(c).filter((k) => k < 6), [], 'no retransmission before the third duplicate');
      // The third duplicate (s1-s4 SACKed) and, in the same poll, s0 arriving late: ACK of s0-s4.
      const frame = (ack, sackBlocks) => c.p.frame({ sport: 80, dport: c.port, seq: c.rcv, ack, flags: F.Ack, sackBlocks });
      c.p.dev.queue.push(frame(c.base, [[seg(c, 1)[0], seg(c, 4)[1]]]), frame(seg(c, 5)[0]));
      c.p.poll();
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      assert.deepEqual(sent(c), [5], 'the partial ACK: the retransmission goes at the new sndUna, s5');
      assert.ok(c.sock.cwnd < cwnd, 'cwnd reduced');
      // 5 ms later (under 3/4 of the 20 ms RTT) s5 is acknowledged: that answers the original.
      c.p.now += 5;
      c.ack(seg(c, 6)[0]);
      assert.equal(c.sock.stats[STAT.undos], 1, 'the recovery was spurious: undone');
      assert.equal(c.sock.cwnd, cwnd, 'cwnd back');
    });
  });
}
