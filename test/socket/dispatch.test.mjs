// The dispatch rules of DESIGN.md, one by one, on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder } from '../iface/frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': dispatch rules', () => {
    const R = lib.iface.RESULTS;
    const E = lib.socket.SOCKET_ERRORS;
    const F = frameBuilder(lib);
    const mk = (extra) => new lib.iface.Interface({ device: captureDevice(), ip: '10.0.0.1', prefix: 24, seed: 3, ...extra });
    const udpTo = (iface, dst, dport) =>
      iface.processEthernet(...((f) => [f, 0, f.length, 0])(F.udp({ src: '10.0.0.2', dst, dport, data: Uint8Array.of(1) })));

    test('UDP: a socket bound to the destination address wins over the wildcard, whatever the order', () => {
      for (const order of [['wild', 'exact'], ['exact', 'wild']]) {
        const iface = mk();
        const socks = {};
        for (const k of order) {
          socks[k] = new lib.socket.UdpSocket();
          iface.add(socks[k]);
          assert.equal(socks[k].bind(53, k === 'exact' ? F.A('10.0.0.1') : 0), 0);
        }
        assert.equal(udpTo(iface, '10.0.0.1', 53), R.UdpDelivered);
        assert.equal(socks.exact.rx.count, 1);
        assert.equal(socks.wild.rx.count, 0);
        // A broadcast datagram is not for the specific address: the wildcard takes it.
        assert.equal(udpTo(iface, '10.0.0.255', 53), R.UdpDelivered);
        assert.equal(socks.wild.rx.count, 1);
      }
    });

    test('UDP: binding an endpoint already bound fails with AlreadyInUse; other address or port is fine', () => {
      const iface = mk();
      const a = new lib.socket.UdpSocket(), b = new lib.socket.UdpSocket();
      iface.add(a);
      iface.add(b);
      assert.equal(a.bind(68), 0);
      assert.equal(b.bind(68), E.AlreadyInUse);
      assert.equal(b.bind(68, F.A('10.0.0.1')), 0, 'specific address beside the wildcard');
      const c = new lib.socket.UdpSocket();
      iface.add(c);
      assert.equal(c.bind(68, F.A('10.0.0.1')), E.AlreadyInUse);
      assert.equal(c.bind(69), 0);
    });

    test('UDP: the tables follow a rebinding; a failed rebinding keeps the old one', () => {
      const iface = mk();
      const a = new lib.socket.UdpSocket(), b = new lib.socket.UdpSocket();
      iface.add(a);
      iface.add(b);
      a.bind(1000);
      b.bind(2000);
      assert.equal(a.bind(1001), 0);
      assert.equal(udpTo(iface, '10.0.0.1', 1000), R.UdpNoSocket, 'old port released');
      assert.equal(udpTo(iface, '10.0.0.1', 1001), R.UdpDelivered);
      assert.equal(a.bind(2000), E.AlreadyInUse);
      assert.equal(udpTo(iface, '10.0.0.1', 1001), R.UdpDelivered, 'still on 1001');
      assert.equal(a.rx.count, 2);
      a.unbind();
      assert.equal(udpTo(iface, '10.0.0.1', 1001), R.UdpNoSocket);
      assert.equal(b.bind(1000), 0);
      assert.equal(udpTo(iface, '10.0.0.1', 1000), R.UdpDelivered);
    });

    test('a handle kept after removal is refused, even once its slot is reused', () => {
      const iface = mk({ sockets: 2 });
      const a = new lib.socket.UdpSocket();
      const h = iface.add(a);
      assert.ok(h >= 0);
      a.bind(7);
      assert.equal(iface.get(h), a);
      assert.equal(iface.remove(h), 0);
      assert.equal(iface.get(h), null);
      assert.equal(iface.remove(h), E.StaleHandle);
      assert.equal(udpTo(iface, '10.0.0.1', 7), R.UdpNoSocket, 'removal leaves the table');
      const b = new lib.socket.UdpSocket();
      const h2 = iface.add(b);
      assert.equal(h2 & 0xffff, h & 0xffff, 'same slot reused');
      assert.notEqual(h2, h);
      assert.equal(iface.get(h), null, 'old handle still refused');
      assert.equal(iface.get(h2), b);
    });

    test('a full set: NO_ALLOC returns Exhausted, the default build grows', () => {
      const iface = mk({ sockets: 2 });
      iface.add(new lib.socket.UdpSocket());
      iface.add(new lib.socket.UdpSocket());
      const h = iface.add(new lib.socket.UdpSocket());
      if (lib.noAlloc) assert.equal(h, E.Exhausted);
      else assert.ok(h >= 0);
    });

    test('tables keep working after the default build grows the set', () => {
      const iface = mk({ sockets: 2 });
      const socks = [];
      for (let i = 0; i < (lib.noAlloc ? 2 : 40); i++) {
        const s = new lib.socket.UdpSocket();
        assert.ok(iface.add(s) >= 0);
        assert.equal(s.bind(3000 + i), 0);
        socks.push(s);
      }
      for (let i = 0; i < socks.length; i++) assert.equal(udpTo(iface, '10.0.0.1', 3000 + i), R.UdpDelivered);
      for (const s of socks) assert.equal(s.rx.count, 1);
    });

    test('raw sockets are chosen by protocol (and IPv4 only)', () => {
      const iface = mk();
      const r = new lib.socket.RawSocket();
      iface.add(r);
      assert.equal(r.bind(6, 50), E.Unaddressable);
      assert.equal(r.bind(4, 50), 0);
      const f = F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 51 });
      assert.equal(iface.processEthernet(f, 0, f.length, 0), R.IpUnknownProtocol);
      const g = F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 50 });
      assert.equal(iface.processEthernet(g, 0, g.length, 0), R.RawDelivered);
      assert.equal(r.bind(4, 51), 0, 'rebinding moves it');
      assert.equal(iface.processEthernet(g, 0, g.length, 0), R.IpUnknownProtocol);
      assert.equal(iface.processEthernet(f, 0, f.length, 0), R.RawDelivered);
      // UDP packets also reach a raw socket for protocol 17, and still reach the UDP socket.
      const ru = new lib.socket.RawSocket(), u = new lib.socket.UdpSocket();
      iface.add(ru);
      iface.add(u);
      ru.bind(4, 17);
      u.bind(9);
      assert.equal(udpTo(iface, '10.0.0.1', 9), R.UdpDelivered);
      assert.equal(ru.rx.count, 1);
    });

    test('ICMP sockets: one per identifier', () => {
      const iface = mk();
      const a = new lib.socket.IcmpSocket(), b = new lib.socket.IcmpSocket();
      iface.add(a);
      iface.add(b);
      assert.equal(a.bind(1), 0);
      assert.equal(b.bind(1), E.AlreadyInUse);
      assert.equal(b.bind(2), 0);
    });

    test('egress visits only dirty sockets; a socket that cannot send yet waits without being lost', () => {
      const iface = mk();
      const socks = [];
      for (let i = 0; i < 6; i++) {
        const s = new lib.socket.UdpSocket();
        iface.add(s);
        s.bind(100 + i);
        let visits = 0;
        const orig = s.dispatch;
        s.dispatch = function (now) { visits++; return orig.call(this, now); };
        s.visits = () => visits;
        socks.push(s);
      }
      iface.neighbors.fill(F.A('10.0.0.2'), 0x020000000002, 0);
      socks[3].sendTo(Uint8Array.of(1), 0, 1, F.A('10.0.0.2'), 9);
      iface.poll(0);
      assert.deepEqual(socks.map((s) => s.visits()), [0, 0, 0, 1, 0, 0]);
      assert.equal(iface.device.sent.length, 1);
      iface.poll(1);
      assert.deepEqual(socks.map((s) => s.visits()), [0, 0, 0, 1, 0, 0], 'clean sockets are not visited');
      assert.equal(iface.pollAt(1), -1, 'nothing to do: sleep until a frame arrives');
    });
  });
}
