// The IPv4 header checksum the interface writes itself (not through emitIpv4), checked on every
// frame of a full identification cycle: the folding of its sum carries twice for some headers
// (issue 17's mutation run of interface.ts found a sampled check missing them). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': IPv4 header checksum of sent frames', () => {
    const A = frameBuilder(lib).A;
    test('every header of 65,536 frames (every identification) sums to 0xffff, high addresses, TCP and UDP', () => {
      for (const [src, dst] of [['192.168.200.1', '192.168.255.254'], ['10.0.0.1', '10.0.0.2']]) {
        const dev = captureDevice();
        let bad = 0, first = -1, carries = 0;
        const iface = new lib.iface.Interface({ device: dev, ip: src, prefix: 16, seed: 9 });
        iface.neighbors.fill(A(dst), MAC_PEER, 0);
        dev.transmit = (buf, off, len) => {
          // The sum of the header's words, before folding: does the fold carry twice?
          let s = 0;
          for (let i = 14; i < 34; i += 2) if (i !== 24) s += (buf[i] << 8) | buf[i + 1];
          if ((s & 0xffff) + (s >>> 16) > 0xffff) carries++;
          if (lib.wire.sum16(buf, off + 14, 20, 0) !== 0xffff) {
            bad++;
            if (first < 0) first = (buf[18] << 8) | buf[19];
          }
          return 0;
        };
        for (let i = 0; i < 65536; i++) assert.equal(iface.sendIp(iface.ipAddr, A(dst), i % 2 ? 6 : 17, 8 + (i % 7)), 0);
        if (src === '192.168.200.1') assert.ok(carries > 0, 'some headers carry twice');
        assert.equal(bad, 0, 'bad checksums from ' + src + ', first at identification ' + first);
      }
    });
  });
}
