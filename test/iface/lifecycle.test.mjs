// The interface's life outside the packet path, as its mutation run (issue 17) found it untested:
// "0.0.0.0" as a configured address, dropping an address (with none, and the gateway with it), the
// clock before the first poll, a one-byte frame from the device, unseeded interfaces drawing
// different random numbers. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': interface life cycle', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const A = F.A;

    test('"0.0.0.0" is a valid (unconfigured) address, for ip and gateway', () => {
      const iface = new lib.iface.Interface({ device: captureDevice(), ip: '0.0.0.0', gateway: '0.0.0.0', seed: 1 });
      assert.equal(iface.ipAddr, 0);
      assert.equal(iface.gateway, 0);
      iface.setAddress('10.0.0.1', 24, '0.0.0.0');
      assert.equal(iface.ipAddr, A('10.0.0.1'));
      assert.equal(iface.gateway, 0);
    });

    test('dropAddress removes the gateway too; without an address it leaves sockets bound to any address alone', () => {
      const iface = new lib.iface.Interface({ device: captureDevice(), ip: '10.0.0.1', gateway: '10.0.0.254', seed: 1 });
      iface.dropAddress();
      assert.equal(iface.gateway, 0);
      assert.equal(iface.hasRoute(A('8.8.8.8')), false);
      const any = new lib.socket.UdpSocket();
      iface.add(any);
      assert.equal(any.bind(68), 0);
      iface.dropAddress();
      assert.equal(any.isBound(), true, 'a DHCP client socket (any address) stays bound');
      // With an address, only the sockets bound to that address are unbound.
      iface.setAddress('10.0.0.1', 24);
      const mine = new lib.socket.UdpSocket();
      iface.add(mine);
      assert.equal(mine.bind(7, A('10.0.0.1')), 0);
      iface.dropAddress();
      assert.equal(mine.isBound(), false);
      assert.equal(any.isBound(), true);
    });

    test('before the first poll the clock is 0: a neighbor learned at 0 with a 1 ms lifetime is still valid', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', arpLifetimeMs: 1, seed: 1 });
      iface.neighbors.fill(A('10.0.0.2'), MAC_PEER, 0);
      assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.2'), 17, 8), 0);
      assert.equal(dev.sent.length, 1);
    });

    test('a one-byte frame from the device is counted as a frame and as truncated', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', seed: 1 });
      dev.queue.push(Uint8Array.of(0xff));
      assert.equal(iface.poll(0), true);
      assert.equal(iface.counters[R.Frames], 1);
      assert.equal(iface.counters[R.EthTruncated], 1);
    });

    test('interfaces made without a seed draw different numbers, even when made in the same millisecond', () => {
      const seen = new Set();
      for (let i = 0; i < 20; i++) {
        const iface = new lib.iface.Interface({ device: captureDevice() });
        seen.add(iface.random32() + ':' + iface.random32());
      }
      assert.equal(seen.size, 20);
    });

    test('the default MTU is 1500 on a device taking longer frames, and the device\'s limit below that', () => {
      assert.equal(new lib.iface.Interface({ device: { ...captureDevice(), maxFrame: 1600 }, seed: 1 }).mtu, 1500);
      assert.equal(new lib.iface.Interface({ device: { ...captureDevice(), maxFrame: 1513 }, seed: 1 }).mtu, 1499);
    });

    test('a search that finds every port in use leaves the port sequence where it was', () => {
      const fresh = new lib.iface.Interface({ device: captureDevice(), seed: 5 });
      const iface = new lib.iface.Interface({ device: captureDevice(), seed: 5 });
      const orig = iface.set.portInUse;
      iface.set.portInUse = () => true;
      assert.equal(iface.ephemeralPort(6), -1);
      iface.set.portInUse = orig;
      assert.equal(iface.ephemeralPort(6), fresh.ephemeralPort(6));
    });

    test('setAddress keeps the prefix given, and dropAddress keeps it for the next address', () => {
      const iface = new lib.iface.Interface({ device: captureDevice(), ip: '10.1.0.1', prefix: 16, seed: 1 });
      assert.equal(iface.prefix, 16);
      iface.dropAddress();
      assert.equal(iface.prefix, 16);
      assert.equal(iface.netmask, 0xffff0000);
      iface.setAddress('10.1.0.1', 20);
      assert.equal(iface.prefix, 20);
    });

    test('detaching a service that is not attached leaves the attached ones polled', () => {
      const iface = new lib.iface.Interface({ device: captureDevice(), ip: '10.0.0.1', seed: 1 });
      const calls = [];
      const svc = (id) => ({ poll() { calls.push(id); }, pollAt() { return -1; } });
      const a = svc('a'), b = svc('b');
      iface.attach(a);
      iface.attach(b);
      iface.detach(a);
      iface.detach(a);
      iface.poll(0);
      assert.deepEqual(calls, ['b']);
    });

    test('16,384 ephemeral ports in a row are every port of 49152..65535 once', () => {
      const iface = new lib.iface.Interface({ device: captureDevice(), seed: 7 });
      const seen = new Set();
      for (let i = 0; i < 16384; i++) seen.add(iface.ephemeralPort(17));
      assert.equal(seen.size, 16384);
      assert.ok(seen.has(49152) && seen.has(65535));
      assert.ok(!seen.has(49151) && !seen.has(65536));
    });
  });
}
