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

    test('our own address in any range is no broadcast: pings to it are answered (112/5, 208/4, 240/4, 255.255.255.254)', () => {
      for (const [me, peer] of [['112.0.0.1', '112.0.0.2'], ['208.67.222.1', '208.67.222.2'], ['240.0.0.1', '240.0.0.2'], ['255.255.255.254', '255.255.255.2']]) {
        const dev = captureDevice();
        const iface = new lib.iface.Interface({ device: dev, ip: me, prefix: 24, seed: 9 });
        iface.neighbors.fill(F.A(peer), 0x020000000002, 0);
        assert.equal(feed(iface, F.icmp({ src: peer, dst: me, type: 8, ident: 1, seq: 1 })), R.IcmpEchoAnswered, me);
        assert.equal(dev.sent.length, 1, me);
      }
    });

    test('a MAC whose low 32 bits are near all ones: frames to it are taken, those to its neighbours are not', () => {
      const mac = 0x02abfffffff0;
      const iface = new lib.iface.Interface({ device: captureDevice(mac), ip: '10.0.0.1', prefix: 24, seed: 9 });
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(7), 0);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: mac })), R.UdpDelivered);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: mac + 0x100000000 })), R.EthNotForUs);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: mac - 0x100000000 })), R.EthNotForUs);
    });

    test('a /31 link has no broadcast address (RFC 3021): the peer\'s address is a host, in and out', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.0', prefix: 31, seed: 9 });
      const peerMac = 0x020000000002;
      iface.neighbors.fill(F.A('10.0.0.1'), peerMac, 0);
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(7), 0);
      // The peer's ping is answered (its address is no broadcast source).
      assert.equal(feed(iface, F.icmp({ src: '10.0.0.1', dst: '10.0.0.0', type: 8, ident: 1, seq: 1 })), R.IcmpEchoAnswered);
      dev.sent.length = 0;
      // A datagram to the peer's address is not ours.
      assert.equal(feed(iface, F.udp({ src: '10.0.0.1', dst: '10.0.0.1', dport: 7 })), R.IpNotForUs);
      assert.equal(feed(iface, F.udp({ src: '192.0.2.9', dst: '10.0.0.1', dport: 7 })), R.IpNotForUs);
      // What we send to the peer goes to its MAC, not to every host.
      assert.equal(u.sendTo(new Uint8Array(4), 0, 4, F.A('10.0.0.1'), 9), 4);
      iface.poll(0);
      assert.equal(dev.sent.length, 1);
      const f = dev.sent[0];
      assert.equal(f[0] * 2 ** 40 + f[1] * 2 ** 32 + ((f[2] << 24) >>> 0) + (f[3] << 16) + (f[4] << 8) + f[5], peerMac, 'to the peer\'s MAC');
    });
  });
}
