// sendIp's edges that issue 17's mutation run of interface.ts asked about: a 59-byte frame
// padded to 60, no route from an unconfigured interface even to a "0.0.0.x" host, one ARP request
// for repeated sends to a host that has not answered, and the ARP retry time kept at the earliest
// pending host. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': sendIp', () => {
    const R = lib.iface.RESULTS;
    const E = lib.socket.SOCKET_ERRORS;
    const A = frameBuilder(lib).A;
    function setup(extra = {}) {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, ...extra });
      iface.neighbors.fill(A('10.0.0.2'), MAC_PEER, 0);
      return { dev, iface };
    }

    test('a 59-byte frame is padded to 60 with a zero', () => {
      const { iface, dev } = setup();
      iface.txBuf.fill(0xaa);
      assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.2'), 17, 25), 0);
      assert.equal(dev.sent[0].length, 60);
      assert.equal(dev.sent[0][59], 0);
      assert.equal(dev.sent[0][58], 0xaa, 'the payload\'s last byte kept');
    });

    test('unconfigured, a unicast host is unreachable even inside the default mask', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, seed: 9 });
      assert.equal(iface.sendIp(0, A('0.0.0.5'), 17, 8), E.Unaddressable);
      assert.equal(iface.counters[R.TxNoRoute], 1);
      assert.equal(dev.sent.length, 0, 'no ARP request');
    });

    test('repeated sends to a host that has not answered make one ARP request until the retry time', () => {
      const { iface, dev } = setup();
      for (let i = 0; i < 3; i++) assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.6'), 17, 8), E.NeighborPending);
      assert.equal(dev.sent.length, 1);
      assert.equal(iface.counters[R.ArpRequestSent], 1);
      assert.equal(iface.counters[R.TxNeighborPending], 3);
    });

    test('the ARP retry time is the earliest pending host\'s', () => {
      const { iface } = setup();
      const a = new lib.socket.UdpSocket(), b = new lib.socket.UdpSocket();
      iface.add(a); iface.add(b);
      assert.ok(a.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      assert.ok(b.sendTo(Uint8Array.of(1), 0, 1, A('10.0.0.7'), 9) > 0);
      iface.poll(500);
      assert.equal(iface.set.parkedCount, 2);
      assert.equal(iface.pollAt(600), 1000);
    });
  });
}
