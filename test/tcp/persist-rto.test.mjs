// The RTO after a zero window, against a crafted peer (test/tcp/peer.mjs): each persist probe
// doubles the RTO (the probe interval backs off, RFC 9293 3.8.6.1); once the peer acknowledges the
// probe byte and opens its window, new data acknowledged brings the RTO back to the estimate, as it
// does after a retransmission timeout (RFC 6298 5.7); while the window stays closed, the probe
// interval keeps backing off whatever probe bytes the peer takes (RFC 1122 4.2.2.17). Kept backed
// off, a loss of the first data after the window opened waited the backed-off RTO. Both builds,
// with header prediction on and off (the ACK of the probe byte takes the shortcut, or onAck).
// MSS 1000, no timestamps.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) for (const predict of [true, false]) {
  describe(name + ': TCP RTO after a zero window' + (predict ? '' : ' (header prediction off)'), () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setTcpShortcuts(predict));
    after(() => lib.socket.setTcpShortcuts(true));

    test('the ACK of the persist probe byte brings the backed-off RTO back to the estimate', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 100, txBytes: 16384 } });
      const ack = (n, window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window });
      // One RTT sample of 100 ms: RTO 300 ms.
      assert.equal(c.sock.send(pattern(300, 1), 0, 300), 300);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      p.now += 100;
      ack(300, 65535);
      assert.equal(c.sock.rtt.rto, 300);
      // The window closes with 300 bytes waiting: two persist probes, at 300 and 600 ms.
      ack(300, 0);
      assert.equal(c.sock.send(pattern(300, 2), 0, 300), 300);
      p.poll();
      assert.deepEqual(p.out().filter((s) => s.data.length), [], 'nothing into a zero window');
      for (const wait of [300, 600]) {
        const t0 = p.now;
        const probe = p.until((s) => s.some((x) => x.data.length), 5000, 'a window probe').find((x) => x.data.length);
        assert.equal(p.now - t0, wait, 'the probe interval backs off');
        assert.equal(probe.seq, u32(c.snd + 300));
        assert.equal(probe.data.length, 1);
      }
      assert.equal(c.sock.rtt.rto, 1200, 'backed off by the two probes');
      // The peer takes the probe byte and opens its window: the other 299 bytes go.
      ack(301, 65535);
      assert.equal(c.sock.rtt.rto, 300, 'new data acknowledged: the RTO is the estimate again');
      const rest = p.out().filter((s) => s.data.length);
      assert.equal(rest.length, 1);
      assert.equal(rest[0].seq, u32(c.snd + 301));
      // They are lost: the tail loss probe (2 SRTT + 50 = 250 ms) sends them again, then the RTO
      // (300 ms after it, not 1200).
      const t0 = p.now;
      p.until((s) => s.some((x) => x.data.length), 5000, 'the loss probe');
      assert.equal(p.now - t0, 250, 'the loss probe at 2 SRTT + 50');
      const t1 = p.now;
      const again = p.until((s) => s.some((x) => x.data.length), 5000, 'the retransmission').find((x) => x.data.length);
      assert.equal(p.now - t1, 300, 'at the restored RTO');
      assert.equal(again.seq, u32(c.snd + 301));
    });

    test('the peer takes the probe byte but keeps its window closed: the probe interval keeps backing off', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 100, txBytes: 16384 } });
      const ack = (n, window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window });
      assert.equal(c.sock.send(pattern(300, 1), 0, 300), 300);
      p.poll();
      p.out();
      p.now += 100;
      ack(300, 0);
      assert.equal(c.sock.rtt.rto, 300);
      assert.equal(c.sock.send(pattern(300, 2), 0, 300), 300);
      p.poll();
      // Two probes (at 300 and 600 ms): the third would be due 1200 ms after the second.
      for (let k = 0; k < 2; k++) p.until((s) => s.some((x) => x.data.length), 5000, 'a window probe');
      p.now += 10;
      ack(301, 0);
      assert.deepEqual(p.out().filter((s) => s.data.length), [], 'the window is still closed');
      const t0 = p.now;
      const probe = p.until((s) => s.some((x) => x.data.length), 5000, 'the next probe').find((x) => x.data.length);
      assert.equal(p.now - t0, 1200, 'the backed-off RTO after the ACK of the probe byte (RFC 1122 4.2.2.17)');
      assert.equal(probe.seq, u32(c.snd + 301));
      assert.equal(probe.data.length, 1);
    });
  });
}
