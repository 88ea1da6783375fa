// When the interface sends an ICMP error (issue 17's mutation run of interface.ts, lines 296 on):
// never from an unconfigured interface nor to 0.0.0.0, even where a gateway would carry it; and the
// token refill at a rate of 1 a second, to the millisecond. Both builds; frames in, frames out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': ICMP errors, who gets one and how often', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const A = F.A;
    function setup(extra = {}) {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, seed: 9, gateway: '10.0.0.254', ...extra });
      // Both the peer and the gateway resolved: an error would go out at once.
      iface.neighbors.fill(A('10.0.0.2'), MAC_PEER, 0);
      iface.neighbors.fill(A('10.0.0.254'), 0x0200000000fe, 0);
      return { dev, iface };
    }
    const feed = (iface, f, now = 0) => iface.processEthernet(f, 0, f.length, now);

    test('an unconfigured interface with a gateway sends no port unreachable (it has no source address)', () => {
      const { iface, dev } = setup();
      assert.equal(iface.ipAddr, 0);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '0.0.0.0', dport: 9 })), R.UdpNoSocket);
      assert.equal(dev.sent.length, 0);
      // The same interface configured does send one (the frame above was a fair test).
      iface.setAddress('10.0.0.1', 24, '10.0.0.254');
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
      assert.equal(dev.sent.length, 1);
      assert.equal(iface.counters[R.IcmpErrorSent], 1);
    });

    test('no ICMP error to 0.0.0.0, even with a gateway that could carry it', () => {
      const { iface, dev } = setup({ ip: '10.0.0.1', prefix: 24 });
      assert.equal(feed(iface, F.udp({ src: '0.0.0.0', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
      assert.equal(feed(iface, F.raw({ src: '0.0.0.0', dst: '10.0.0.1', protocol: 99 })), R.IpUnknownProtocol);
      assert.equal(dev.sent.length, 0);
      assert.equal(iface.counters[R.IcmpErrorSent], 0);
      // From 0.0.0.1 (off the subnet: through the gateway) it is sent.
      assert.equal(feed(iface, F.udp({ src: '0.0.0.1', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
      assert.equal(dev.sent.length, 1);
    });

    test('one error a second: the token comes back at exactly 1000 ms, not 999', () => {
      const { iface, dev } = setup({ ip: '10.0.0.1', prefix: 24, icmpErrorsPerSecond: 1 });
      const bad = (now) => feed(iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 99 }), now);
      bad(0);
      assert.equal(dev.sent.length, 1);
      bad(1);
      bad(999);
      assert.equal(dev.sent.length, 1, 'no token before 1000 ms');
      assert.equal(iface.counters[R.IcmpRateLimited], 2);
      bad(1000);
      assert.equal(dev.sent.length, 2, 'one at 1000 ms');
      bad(1999);
      assert.equal(dev.sent.length, 2);
      bad(2000);
      assert.equal(dev.sent.length, 3);
    });
  });
}
