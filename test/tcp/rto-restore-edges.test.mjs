// When an ACK of new data brings a backed-off RTO back to the estimate, at the edges of the rule
// (test/tcp/persist-rto.test.mjs has the main cases), against a crafted peer (test/tcp/peer.mjs):
// after one retransmission timeout the ACK restores it even when it closes the window (a timeout,
// not persist probes, backed it off); after persist probes a window of a single byte counts as
// open. Both builds, header prediction on and off (the shortcut or onAck). MSS 1000, no timestamps.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) for (const predict of [true, false]) {
  describe(name + ': TCP RTO restore edges' + (predict ? '' : ' (header prediction off)'), () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setTcpShortcuts(predict));
    after(() => lib.socket.setTcpShortcuts(true));

    // Connected, one RTT sample of 100 ms: RTO 300 ms.
    function setup() {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 100, txBytes: 16384 } });
      c.ack = (n, window) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window });
      assert.equal(c.sock.send(pattern(300, 1), 0, 300), 300);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      p.now += 100;
      c.ack(300, 65535);
      assert.equal(c.sock.rtt.rto, 300);
      return { p, c };
    }

    test('one retransmission timeout, then an ACK of the data that closes the window: the RTO is restored', () => {
      const { p, c } = setup();
      assert.equal(c.sock.send(pattern(300, 2), 0, 300), 300);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      // Lost: the loss probe (250 ms) then the timeout (300 ms after it) send it again.
      p.until((s) => s.some((x) => x.data.length), 5000, 'the loss probe');
      p.until((s) => s.some((x) => x.data.length), 5000, 'the retransmission timeout');
      assert.equal(c.sock.rtt.rto, 600, 'backed off once by the timeout');
      assert.equal(c.sock.send(pattern(300, 3), 0, 300), 300);
      c.ack(600, 0);
      assert.equal(c.sock.rtt.rto, 300, 'new data acknowledged after a timeout: the estimate again, the window closed or not');
      // The first persist probe goes at that RTO.
      const t0 = p.now;
      p.until((s) => s.some((x) => x.data.length), 5000, 'a window probe');
      assert.equal(p.now - t0, 300);
    });

    test('persist probes, then the peer takes the probe byte with a window of one byte: the RTO is restored', () => {
      const { p, c } = setup();
      c.ack(300, 0);
      assert.equal(c.sock.send(pattern(300, 2), 0, 300), 300);
      p.poll();
      for (let k = 0; k < 2; k++) p.until((s) => s.some((x) => x.data.length), 5000, 'a window probe');
      assert.equal(c.sock.rtt.rto, 1200, 'backed off by the two probes');
      p.now += 10;
      c.ack(301, 1);
      assert.equal(c.sock.rtt.rto, 300, 'a one-byte window is open');
    });
  });
}
