// The ARP requests the interface sends (issue 17's mutation run of interface.ts, lines 296 on):
// when sockets parked on an unresolved neighbour are retried (the retry time the first request
// promised holds even when a later request for another neighbour evicts the first one's pending
// entry from a full cache), and that the count of requests sent counts no reply. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': ARP retry of parked sockets', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const A = F.A;
    /** The target addresses of the ARP requests among frames. */
    function requests(frames) {
      const out = [];
      for (const f of frames) {
        if (f[12] !== 0x08 || f[13] !== 0x06) continue;
        const a = lib.wire.createArpRepr();
        assert.equal(lib.wire.parseArp(f, 14, f.length - 14, a), 0);
        if (a.op === 1) out.push(a.targetIp);
      }
      return out;
    }

    test('a socket whose pending entry a later request evicted is retried at its own retry time, not the later one', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, arpCacheSize: 1, arpRetryMs: 1000 });
      const first = new lib.socket.UdpSocket(), second = new lib.socket.UdpSocket();
      iface.add(first);
      iface.add(second);
      assert.ok(first.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.5'), 9) > 0);
      iface.poll(0);
      assert.deepEqual(requests(dev.sent), [A('10.0.0.5')]);
      assert.equal(iface.pollAt(0), 1000);
      // The one cache entry now goes to 10.0.0.6 (retry due at 1600).
      assert.ok(second.sendTo(Uint8Array.of(2), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(600);
      assert.deepEqual(requests(dev.sent), [A('10.0.0.5'), A('10.0.0.6')]);
      assert.equal(iface.set.parkedCount, 2);
      assert.equal(iface.pollAt(600), 1000, 'the first socket\'s retry time still holds');
      const pending = iface.counters[R.TxNeighborPending];
      iface.poll(999);
      assert.equal(iface.counters[R.TxNeighborPending], pending, 'nothing retried before it');
      iface.poll(1000);
      assert.equal(requests(dev.sent)[2], A('10.0.0.5'), 'at 1000 the first socket asks for its neighbour again');
    });

    test('ArpRequestSent counts requests only: answering a request sends a reply, not counted', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9 });
      const req = F.arp({ op: 1, senderMac: 0x020000000007, senderIp: '10.0.0.7', targetIp: '10.0.0.1' });
      assert.equal(iface.processEthernet(req, 0, req.length, 0), R.ArpRequestAnswered);
      assert.equal(dev.sent.length, 1, 'the reply');
      assert.equal(iface.counters[R.ArpRequestSent], 0);
      // A probe (sender 0.0.0.0) for our address is answered too, and not counted either.
      const probe = F.arp({ op: 1, senderMac: 0x020000000008, senderIp: '0.0.0.0', targetIp: '10.0.0.1' });
      assert.equal(iface.processEthernet(probe, 0, probe.length, 0), R.ArpRequestAnswered);
      assert.equal(dev.sent.length, 2);
      assert.equal(iface.counters[R.ArpRequestSent], 0);
      // A request of ours is.
      iface.arpRequest(iface.ipAddr, A('10.0.0.9'));
      assert.equal(iface.counters[R.ArpRequestSent], 1);
      assert.deepEqual(requests(dev.sent), [A('10.0.0.9')]);
    });
  });
}
