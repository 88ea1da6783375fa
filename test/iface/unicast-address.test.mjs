// Our own address must be no multicast group (224/4) nor 255.255.255.255: ingress tells a broadcast or multicast
// destination by comparing it with our address, so an interface configured as 255.255.255.255 or
// as a multicast group would take them for its own. Configuring one is API misuse and throws (the
// DHCP client ignores such offers: test/app/dhcp-addresses.test.mjs). Also the ARP retry interval,
// which must be at least 1 ms. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': our address is unicast', () => {
    const mk = (o) => new lib.iface.Interface({ device: captureDevice(), seed: 1, ...o });
    test('the constructor and setAddress refuse a multicast address or the limited broadcast, and keep the old one', () => {
      for (const bad of ['255.255.255.255', 0xffffffff, '224.0.0.1', '239.255.255.255']) {
        assert.throws(() => mk({ ip: bad }), /ip must be unicast/, String(bad));
        const iface = mk({ ip: '10.0.0.1', prefix: 24, gateway: '10.0.0.254' });
        assert.throws(() => iface.setAddress(bad, 16, '10.0.0.9'), /ip must be unicast/);
        assert.equal(iface.ipAddr, lib.wire.parseIpv4Address('10.0.0.1'), 'address unchanged');
        assert.equal(iface.prefix, 24);
        assert.equal(iface.gateway, lib.wire.parseIpv4Address('10.0.0.254'));
      }
      assert.equal(mk({ ip: '223.255.255.255', prefix: 8 }).ipAddr, 0xdfffffff, 'just below 224/4');
      assert.equal(mk({ ip: '240.0.0.0', prefix: 8 }).ipAddr, 0xf0000000, 'just above it (240/4 is taken as unicast)');
      assert.equal(mk({ ip: 0xfffffffe, prefix: 8 }).ipAddr, 0xfffffffe, 'just below the limited broadcast');
      assert.equal(mk({ ip: 0 }).ipAddr, 0, 'none');
    });

    test('arpRetryMs below 1 ms is refused; missing or 0 means the default 1000', () => {
      for (const bad of [0.5, -1]) assert.throws(() => mk({ ip: '10.0.0.1', arpRetryMs: bad }), /arpRetryMs must be >= 1/, String(bad));
      assert.equal(mk({ ip: '10.0.0.1', arpRetryMs: 1 }).neighbors.retryMs, 1);
      assert.equal(mk({ ip: '10.0.0.1', arpRetryMs: 0 }).neighbors.retryMs, 1000);
      assert.equal(mk({ ip: '10.0.0.1' }).neighbors.retryMs, 1000);
    });
  });
}
