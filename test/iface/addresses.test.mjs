// Which addresses the interface takes as a broadcast source, and that no probe is running until
// one is started (issue 17's mutation run of interface.ts). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': interface addresses', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const setup = () => new lib.iface.Interface({ device: captureDevice(), ip: '10.0.0.1', prefix: 24, seed: 9 });
    const feed = (iface, f) => iface.processEthernet(f, 0, f.length, 0);

    test('the subnet broadcast address is refused as a source, the address below it is not', () => {
      const iface = setup();
      assert.equal(feed(iface, F.udp({ src: '10.0.0.255', dst: '10.0.0.1', dport: 9 })), R.IpBadSource);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.254', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
    });

    test('no probe runs until probeIp is set: ARP naming any address sets no conflict', () => {
      const iface = setup();
      assert.equal(iface.probeIp, 0);
      feed(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.1', targetIp: '10.0.0.1' }));
      feed(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '0.0.0.1' }));
      assert.equal(iface.probeConflict, false);
    });
  });
}
