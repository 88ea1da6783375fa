// TCP timers at their boundaries against a crafted peer (test/tcp/peer.mjs): a data segment the
// device refuses is sent again at the retransmission timeout (nothing else would wake the socket),
// and the keep-alive probe goes exactly when the connection has been idle for keepAlive ms. Both
// builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP timers against a crafted peer', () => {
    const R = lib.iface.RESULTS;

    test('a data segment the device refuses goes out at the retransmission timeout', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { initialRto: 1500, minRto: 1000 } });
      refuseFrames(p, 1);
      const d = pattern(300, 31);
      assert.equal(c.sock.send(d, 0, d.length), 300);
      const t0 = p.now;
      p.poll();
      assert.equal(p.iface.counters[R.TxDeviceError], 1, 'the first try was refused');
      assert.equal(p.out().length, 0);
      const segs = p.until((s) => s.some((x) => x.data.length), 10000, 'the data sent again');
      const seg = segs.find((x) => x.data.length);
      assert.deepEqual(seg.data, d);
      assert.equal(seg.seq, c.snd, 'from the first unsent byte');
      assert.equal(p.now - t0, 1500, 'at the retransmission timeout');
    });

    test('a refused segment while the retransmission timer runs does not push the timer back', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { initialRto: 1500, minRto: 1000, nagle: false } });
      const d = pattern(600, 32);
      assert.equal(c.sock.send(d, 0, 300), 300);
      const t0 = p.now;
      p.poll();
      assert.equal(p.out().filter((x) => x.data.length).length, 1, 'the first 300 bytes go at once');
      // Half a timeout later the next 300 bytes are refused by the device.
      refuseFrames(p, 1);
      p.now = t0 + 700;
      assert.equal(c.sock.send(d, 300, 300), 300);
      p.poll();
      assert.equal(p.iface.counters[R.TxDeviceError], 1);
      const segs = p.until((s) => s.some((x) => x.data.length), 10000, 'the retransmission');
      assert.equal(p.now - t0, 1500, 'the timer armed by the first segment still fires at its time');
      assert.equal(segs.find((x) => x.data.length).seq, c.snd, 'resending from the first unacknowledged byte');
    });

    test('keep-alive: the first probe goes exactly keepAlive ms after the last activity, not before', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 10000, keepAliveInterval: 1000, keepAliveProbes: 3 } });
      const t0 = p.now;
      p.now = t0 + 9999;
      p.poll();
      assert.equal(p.out().length, 0, 'nothing before the idle time');
      assert.equal(p.iface.pollAt(p.now), t0 + 10000, 'the interface asks to be polled at the idle time');
      p.now = t0 + 10000;
      p.poll();
      const probes = p.out();
      assert.equal(probes.length, 1, 'one probe at the idle time');
      assert.equal(probes[0].seq, (c.snd - 1) >>> 0, 'one below the next sequence number');
    });
  });
}
