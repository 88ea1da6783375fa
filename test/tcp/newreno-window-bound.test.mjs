// cwnd grows only on the ACKs of data sent while cwnd held the sender back (RFC 7661, RFC 9438
// 5.8), in a NewReno recovery (no SACK) too: a sender held by the peer's small window is not
// cwnd-limited when its fast retransmission goes, even though the whole window is in flight. So
// when the recovery proves spurious (the ACK of the retransmission comes too soon to answer it),
// cwnd goes back to its value and the ACK of the window does not grow it. Against a crafted peer
// (test/tcp/peer.mjs) that offers no SACK and a 4000-byte window, 500-byte segments, 20 ms RTT.
// Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { fastRetransmits: 1, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP NewReno recovery held by the window', () => {
    test('a spurious recovery of a window-limited sender leaves cwnd where it was', () => {
      const F = lib.wire.TCP_FLAGS;
      const p = craftedPeer(lib);
      const { sock, port, snd } = p.connect({ mss: 500, window: 4000, sockOpts: { initialRto: 3000, minRto: 1000, txBytes: 16384 } });
      const ack = (a) => p.send({ sport: 80, dport: port, seq: 9001, ack: a, flags: F.Ack, window: 4000 });
      const data = () => p.out().filter((s) => s.data.length);
      // 4000 bytes acknowledged 20 ms after they went: the RTT is 20 ms.
      sock.send(pattern(4000, 1), 0, 4000);
      for (let i = 0; i < 20; i++) {
        p.poll();
        const segs = data();
        if (!segs.length) break;
        p.now += 20;
        for (const s of segs) ack(u32(s.seq + s.data.length));
      }
      const base = u32(snd + 4000), at = (k) => u32(base + 500 * k);
      const sent = () => data().map((s) => u32(s.seq - base) / 500);
      const cwnd = sock.cwnd;
      assert.ok(cwnd > 4000, 'cwnd ' + cwnd + ' above the window');
      // Eight segments fill the window; eight more wait for it.
      sock.send(pattern(8000, 2), 0, 8000);
      p.poll();
      assert.deepEqual(sent(), [0, 1, 2, 3, 4, 5, 6, 7]);
      // Three duplicates: fast retransmission of s0 (no room for limited transmit: the window is full).
      p.now += 20;
      for (let k = 0; k < 3; k++) ack(base);
      assert.deepEqual(sent(), [0]);
      assert.equal(sock.stats[STAT.fastRetransmits], 1);
      // The ACK of the whole window in the same millisecond: too soon for the retransmission,
      // so the recovery is undone. cwnd is what it was, not grown by the window's ACK.
      ack(at(8));
      assert.equal(sock.stats[STAT.undos], 1, 'undone');
      assert.equal(sock.cwnd, cwnd, 'cwnd back, no growth for data the window held back');
      assert.deepEqual(sent(), [8, 9, 10, 11, 12, 13, 14, 15], 'the next window goes');
    });
  });
}
