// Checks of the interface that mutation testing found untested: an IPv4 header checksum of 0 is
// checked like any other, an ARP request for another host teaches nothing new, ephemeral ports
// skip the ones in use, and a detached service is no longer polled. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': interface checks', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const w = lib.wire;
    const setup = (extra = {}) => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, sockets: 16, ...extra });
      return { dev, iface };
    };

    test('an IPv4 header checksum of 0 is checked, not taken as "no checksum"', () => {
      const { iface } = setup();
      const udp = new lib.socket.UdpSocket();
      iface.add(udp);
      assert.equal(udp.bind(7), 0);
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, data: new Uint8Array([1, 2, 3]) });
      const good = f.slice();
      f[24] = 0; f[25] = 0;
      const ip = w.createIpv4Repr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), w.WIRE_ERRORS.BadChecksum);
      const before = iface.counters[R.IpBadChecksum];
      assert.equal(iface.processEthernet(f, 0, f.length, 0), R.IpBadChecksum);
      assert.equal(iface.counters[R.IpBadChecksum], before + 1);
      assert.equal(udp.canRecv(), false, 'nothing delivered');
      // The same datagram with its checksum arrives.
      assert.equal(iface.processEthernet(good, 0, good.length, 0), R.UdpDelivered);
      assert.equal(udp.canRecv(), true);
    });

    test('ARP: a request for another host creates no entry for its sender, but refreshes a known one', () => {
      const { iface, dev } = setup();
      const asker = F.A('10.0.0.7');
      assert.equal(iface.processEthernet(...frame(F.arp({ op: 1, senderMac: 0x020000000077, senderIp: '10.0.0.7', targetIp: '10.0.0.9' }))), R.ArpNotForUs);
      assert.equal(iface.neighbors.lookup(asker, 1), -1, 'no entry from a request not for us');
      for (let i = 0; i < iface.neighbors.size; i++) assert.equal(iface.neighbors.state[i], 0, 'cache still empty');
      assert.equal(dev.sent.length, 0, 'not answered');
      // Known sender: its new MAC is taken from any ARP packet (RFC 826).
      iface.neighbors.fill(asker, MAC_PEER, 0);
      assert.equal(iface.processEthernet(...frame(F.arp({ op: 1, senderMac: 0x020000000078, senderIp: '10.0.0.7', targetIp: '10.0.0.9' }))), R.ArpNotForUs);
      assert.equal(iface.neighbors.lookup(asker, 1), 0x020000000078);
      function frame(f) { return [f, 0, f.length, 0]; }
    });

    test('ephemeral ports skip ports in use by the same protocol, stay in 49152..65535 and wrap', () => {
      const { iface } = setup({ sockets: 32 });
      const first = iface.ephemeralPort(17);
      assert.ok(first >= 49152 && first <= 65535);
      // Occupy the ports that would come next, alternately, for UDP; TCP is not affected by them.
      const taken = new Set();
      for (let k = 1; k <= 9; k += 2) {
        const port = first + k > 65535 ? first + k - 16384 : first + k;
        const u = new lib.socket.UdpSocket();
        iface.add(u);
        assert.equal(u.bind(port), 0);
        taken.add(port);
      }
      const got = [];
      for (let k = 0; k < 5; k++) got.push(iface.ephemeralPort(17));
      for (const p of got) {
        assert.ok(!taken.has(p), 'port ' + p + ' is in use by a UDP socket');
        assert.ok(p >= 49152 && p <= 65535, 'in range: ' + p);
      }
      assert.equal(new Set(got).size, 5, 'five different ports');
      // A TCP connect takes a port no TCP socket uses.
      const listener = new lib.socket.TcpSocket();
      iface.add(listener);
      const nextTcp = iface.ephemeralPort(6);
      const after = nextTcp === 65535 ? 49152 : nextTcp + 1;
      assert.equal(listener.listen(after), 0);
      const c = new lib.socket.TcpSocket();
      iface.add(c);
      assert.equal(c.connect(F.A('10.0.0.2'), 80), 0);
      assert.notEqual(c.localPort, after, 'the listening port is skipped');
      assert.ok(c.localPort >= 49152 && c.localPort <= 65535);
    });

    test('ephemeral ports: every port in use is Exhausted for connect', () => {
      const { iface } = setup({ sockets: 4 });
      // Fake a set in which every port is in use, through its own query.
      const orig = iface.set.portInUse;
      iface.set.portInUse = () => true;
      assert.equal(iface.ephemeralPort(17), -1);
      const c = new lib.socket.TcpSocket();
      iface.add(c);
      assert.equal(c.connect(F.A('10.0.0.2'), 80), lib.socket.SOCKET_ERRORS.Exhausted);
      iface.set.portInUse = orig;
      assert.equal(c.connect(F.A('10.0.0.2'), 80), 0);
    });

    test('detach: a detached service is polled no more, the others still are', () => {
      const { iface } = setup();
      const calls = [];
      const svc = (id) => ({ poll() { calls.push(id); }, pollAt() { return -1; } });
      const a = svc('a'), b = svc('b');
      iface.attach(a);
      iface.attach(b);
      iface.poll(0);
      assert.deepEqual(calls.splice(0), ['a', 'b']);
      iface.detach(a);
      iface.poll(1);
      assert.deepEqual(calls.splice(0), ['b']);
      iface.detach(a); // not attached: nothing happens
      iface.detach(b);
      iface.poll(2);
      assert.deepEqual(calls, []);
    });
    test('sendIp refuses a packet larger than the MTU, counts it and sends nothing', () => {
      const { iface, dev } = setup({ mtu: 600 });
      iface.neighbors.fill(F.A('10.0.0.2'), MAC_PEER, 0);
      const before = iface.counters[R.TxTooLarge];
      assert.equal(iface.sendIp(iface.ipAddr, F.A('10.0.0.2'), 17, 581), lib.socket.SOCKET_ERRORS.TooLarge);
      assert.equal(iface.counters[R.TxTooLarge], before + 1);
      assert.equal(dev.sent.length, 0);
      // The largest packet that fits goes out.
      assert.equal(iface.sendIp(iface.ipAddr, F.A('10.0.0.2'), 17, 580), 0);
      assert.equal(dev.sent.length, 1);
      assert.equal(dev.sent[0].length, 14 + 600);
    });
    test('configuration: addresses as dotted quads or numbers, prefix 0..32, MTU bounds, clear errors', () => {
      const dev = captureDevice();
      const mk = (o) => new lib.iface.Interface({ device: dev, ...o });
      const a = mk({ ip: 0x0a000001, prefix: 0, gateway: '10.0.0.254' });
      assert.equal(a.ipAddr, 0x0a000001);
      assert.equal(a.netmask, 0);
      assert.equal(a.gateway, F.A('10.0.0.254'));
      assert.equal(mk({ ip: '10.0.0.1', prefix: 32 }).netmask, 0xffffffff);
      assert.equal(mk({ ip: '10.0.0.1', prefix: 1 }).netmask, 0x80000000);
      assert.equal(mk({}).ipAddr, 0, 'no address until DHCP');
      assert.equal(mk({ ip: '10.0.0.1' }).netmask, 0xffffff00, 'prefix 24 by default');
      for (const ip of ['10.0.0', 4294967296, -1, 1.5, {}]) assert.throws(() => mk({ ip }), /ip must be a dotted IPv4 address/);
      assert.throws(() => mk({ ip: '10.0.0.1', gateway: 'x' }), /gateway must be/);
      for (const prefix of [-1, 33, 24.5]) assert.throws(() => mk({ ip: '10.0.0.1', prefix }), /prefix must be 0..32/);
      assert.throws(() => new lib.iface.Interface({}), /config.device/);
      assert.throws(() => new lib.iface.Interface(), /config.device/);
      assert.throws(() => mk({ mtu: 575 }), /mtu must be between 576 and 1500/);
      assert.throws(() => mk({ mtu: 1501 }), /mtu must be between/);
      assert.equal(mk({ mtu: 576 }).mtu, 576);
      assert.equal(mk({}).mtu, 1500);
      // Two interfaces with the same seed choose the same ports; seed 0 still gives a working generator.
      const z = mk({ seed: 0 });
      assert.notEqual(z.random32(), z.random32());
      assert.equal(mk({ seed: 5 }).ephemeralPort(17), mk({ seed: 5 }).ephemeralPort(17));
    });

    test('wake() calls onWork outside poll only; pollAt takes the earliest service time, never before now', () => {
      const { iface } = setup();
      let woken = 0;
      iface.wake();
      iface.onWork = () => { woken++; };
      iface.wake();
      assert.equal(woken, 1);
      const svc = { at: -1, poll() { iface.wake(); }, pollAt() { return this.at; } };
      iface.attach(svc);
      iface.poll(0);
      assert.equal(woken, 1, 'no wake from inside poll');
      iface.wake();
      assert.equal(woken, 2, 'a wake after poll reaches the board');
      assert.equal(iface.pollAt(100), -1);
      svc.at = 500;
      assert.equal(iface.pollAt(100), 500);
      svc.at = 50;
      assert.equal(iface.pollAt(100), 100, 'a time already past is now');
      const other = { poll() {}, pollAt() { return 300; } };
      iface.attach(other);
      svc.at = 400;
      assert.equal(iface.pollAt(100), 300, 'the earliest of the services');
    });
    test('the socket set wakes the board (markDirty calls onWork in line) only outside poll', () => {
      const { iface } = setup();
      let woken = 0;
      iface.onWork = () => { woken++; };
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(5000), 0);
      const svc = { poll() { u.sendTo(Uint8Array.of(1), 0, 1, F.A('10.0.0.9'), 9); }, pollAt() { return -1; } };
      iface.attach(svc);
      iface.poll(1);
      assert.equal(woken, 0, 'a socket made dirty inside poll does not wake the board');
      svc.poll = () => {};
      iface.poll(2);
      assert.equal(u.sendTo(Uint8Array.of(2), 0, 1, F.A('10.0.0.9'), 9), 1);
      assert.equal(woken, 1, 'one made dirty outside poll does');
    });
    test('no ICMP error for a datagram that came in a link-layer broadcast (RFC 1122 3.2.2); a unicast one gets it, with the unused field zero', () => {
      const { iface, dev } = setup();
      iface.neighbors.fill(F.A('10.0.0.2'), MAC_PEER, 0);
      const bc = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9, ethDst: 0xffffffffffff });
      assert.equal(iface.processEthernet(bc, 0, bc.length, 0), R.UdpNoSocket);
      assert.equal(dev.sent.length, 0, 'silence for a broadcast frame');
      const uc = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9 });
      assert.equal(iface.processEthernet(uc, 0, uc.length, 0), R.UdpNoSocket);
      assert.equal(dev.sent.length, 1, 'port unreachable for a unicast one');
      const f = dev.sent[0];
      const ip = w.createIpv4Repr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
      const m = f.subarray(14 + ip.headerLen);
      assert.deepEqual([m[0], m[1]], [3, 3]);
      assert.deepEqual(Array.from(m.subarray(4, 8)), [0, 0, 0, 0], 'the unused field is zero (RFC 792)');
    });

    test('a datagram for another address is not ours even with a socket on its port', () => {
      const { iface } = setup();
      const udp = new lib.socket.UdpSocket();
      iface.add(udp);
      assert.equal(udp.bind(7), 0);
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.99', dport: 7 });
      assert.equal(iface.processEthernet(f, 0, f.length, 0), R.IpNotForUs);
      assert.equal(udp.canRecv(), false);
      // Without an address only UDP (a DHCP offer) is taken for any address; an echo request is not.
      const bare = new lib.iface.Interface({ device: captureDevice(), seed: 1 });
      const ping = F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, ident: 1, seq: 1 });
      assert.equal(bare.processEthernet(ping, 0, ping.length, 0), R.IpNotForUs);
      const offer = F.udp({ src: '10.0.0.2', dst: '10.0.0.50', dport: 68 });
      assert.notEqual(bare.processEthernet(offer, 0, offer.length, 0), R.IpNotForUs);
    });

    test('a RST for a segment nobody takes carries no options; our TCP segments set DF, our UDP ones do not', () => {
      const { iface, dev } = setup();
      iface.neighbors.fill(F.A('10.0.0.2'), MAC_PEER, 0);
      const syn = F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 81, flags: 2, seq: 5 });
      assert.equal(iface.processEthernet(syn, 0, syn.length, 0), R.TcpNoSocket);
      const f = dev.sent.pop();
      const ip = w.createIpv4Repr(), t = w.createTcpRepr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
      assert.equal(w.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t), 0);
      assert.equal(t.flags & 4, 4);
      assert.equal(t.headerLen, 20, 'no options on a RST');
      assert.equal(t.wscale, -1);
      assert.equal(t.mss, 0);
      assert.equal(ip.dontFrag, true, 'DF on TCP');
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.ok(u.sendTo(new Uint8Array(4), 0, 4, F.A('10.0.0.2'), 9) > 0);
      iface.poll(0);
      const g = dev.sent.pop();
      assert.equal(w.parseIpv4(g, 14, g.length - 14, ip), 0);
      assert.equal(ip.protocol, 17);
      assert.equal(ip.dontFrag, false, 'no DF on UDP');
    });
  });
}
