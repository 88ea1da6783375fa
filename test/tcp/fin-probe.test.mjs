// The tail loss probe when our FIN is the tail, against a crafted peer (test/tcp/peer.mjs): the
// probe sends the last segment again (RFC 8985 7.3), and a FIN that went with that segment, or
// alone after acknowledged data, goes with it. Without the FIN the probe repaired nothing the
// close needed: the FIN waited for the retransmission timeout. Both builds. MSS 1000, 20 ms RTT,
// RTO at least 1000 ms.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, probes: 2 };

for (const { name, lib } of builds) {
  describe(name + ': TCP loss probe of the FIN', () => {
    const F = lib.wire.TCP_FLAGS, ST = lib.socket.TCP_STATES;
    /** A connection with `bytes` sent and closed; returns what went and a way to ACK. */
    function closed(bytes) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, txBytes: 8192, minRto: 1000 } });
      const ack = (n) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
      const seen = (segs) => segs.map((s) => [u32(s.seq - c.snd), s.data.length, (s.flags & F.Fin) !== 0]);
      // An RTT sample of 20 ms first, so that the probe is armed.
      assert.equal(c.sock.send(pattern(1000, 1), 0, 1000), 1000);
      p.poll();
      p.out();
      p.now += 20;
      ack(1000);
      assert.equal(c.sock.send(pattern(bytes, 2), 0, bytes), bytes);
      c.sock.close();
      p.poll();
      return { p, c, ack, seen, first: seen(p.out()) };
    }

    /** Waits for the loss probe and checks that it sent `want` ([offset, length, FIN] each), before
     *  the RTO, as a probe and not a timeout. */
    function probed({ p, c, seen }, want, what) {
      const t0 = p.now;
      const probe = p.until((s) => s.length > 0, 5000, 'the loss probe');
      assert.deepEqual(seen(probe), want, what);
      assert.ok(p.now - t0 < c.sock.rtt.rto, 'before the RTO: ' + (p.now - t0) + ' ms');
      assert.equal(c.sock.stats[STAT.probes], 1);
      assert.equal(c.sock.stats[STAT.timeouts], 0);
    }

    test('the last segment and its FIN unanswered: the probe sends both again, before the RTO', () => {
      const x = closed(2000);
      assert.deepEqual(x.first, [[1000, 1000, false], [2000, 1000, true]]);
      probed(x, [[2000, 1000, true]], 'the last segment, FIN included');
    });

    test('the data acknowledged, the FIN not: the probe sends the FIN again', () => {
      const x = closed(1000), { p, c, ack } = x;
      assert.deepEqual(x.first, [[1000, 1000, true]]);
      p.now += 20;
      ack(2000);
      probed(x, [[2000, 0, true]], 'the FIN alone');
      // Its ACK ends our side of the close.
      ack(2001);
      assert.equal(ST[c.sock.state], 'FinWait2');
    });
  });
}
