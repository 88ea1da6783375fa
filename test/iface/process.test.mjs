// Every Ok and every drop each process* function of the interface can return, one test each: the
// returned code, the counter under its name, and the frame (if any) the interface sent in answer.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, fixIpChecksum, MAC_US, MAC_PEER, BCAST } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': process* results', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const w = lib.wire;

    function setup(extra = {}) {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, ...extra });
      // The peer is known, so that answers go out at once.
      iface.neighbors.fill(F.A('10.0.0.2'), MAC_PEER, 0);
      return { dev, iface };
    }
    function feed(iface, frame, now = 0) {
      return iface.processEthernet(frame, 0, frame.length, now);
    }
    function expect(iface, frame, code, now) {
      const before = iface.counters[R[code]];
      assert.equal(feed(iface, frame, now), R[code], 'result ' + code);
      assert.equal(iface.counters[R[code]], before + 1, 'counter ' + code);
    }
    function sentIcmp(dev) {
      const f = dev.sent[dev.sent.length - 1];
      const ip = w.createIpv4Repr(), m = w.createIcmpv4Repr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
      assert.equal(ip.protocol, 1);
      assert.equal(w.parseIcmpv4(f, 14 + ip.headerLen, ip.payloadLen, m), 0);
      return { ip, m, f };
    }

    // ---- processEthernet
    test('EthTruncated: a frame shorter than its header', () => {
      const { iface } = setup();
      expect(iface, new Uint8Array(10), 'EthTruncated');
    });
    test('EthNotForUs: unicast to another MAC', () => {
      const { iface } = setup();
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: 0x02000000aaaa }), 'EthNotForUs');
    });
    test('EthUnknownType: IPv6 and 802.3 length fields', () => {
      const { iface } = setup();
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 });
      f[12] = 0x86; f[13] = 0xdd;
      expect(iface, f, 'EthUnknownType');
      f[12] = 0x00; f[13] = 0x40;
      expect(iface, f, 'EthUnknownType');
    });

    // ---- processArp
    /** The first frame sent, parsed as an ARP reply from our address and MAC. */
    function ourArpReply(dev) {
      const f = dev.sent[0], a = w.createArpRepr();
      assert.equal(w.parseArp(f, 14, f.length - 14, a), 0);
      assert.equal(a.op, 2);
      assert.equal(a.senderIp, F.A('10.0.0.1'));
      assert.equal(a.senderMac, MAC_US);
      return a;
    }
    test('ArpRequestAnswered: a request for our address gets a reply, and the asker is learned', () => {
      const { iface, dev } = setup();
      expect(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '10.0.0.3', targetIp: '10.0.0.1' }), 'ArpRequestAnswered');
      const a = ourArpReply(dev);
      assert.equal(a.targetMac, 0x020000000033);
      assert.equal(iface.neighbors.lookup(F.A('10.0.0.3'), 1), 0x020000000033);
    });
    test('ArpRequestAnswered: an RFC 5227 probe for our address (sender 0.0.0.0) is answered, nothing learned', () => {
      const { iface, dev } = setup();
      expect(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.1' }), 'ArpRequestAnswered');
      const a = ourArpReply(dev);
      assert.equal(a.targetMac, 0x020000000033);
      assert.equal(a.targetIp, 0);
      assert.equal(iface.neighbors.lookup(0, 1), -1);
      // A probe for another address, or a reply from 0.0.0.0, is not for us.
      expect(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.9' }), 'ArpNotForUs');
      expect(iface, F.arp({ op: 2, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.1' }), 'ArpNotForUs');
      assert.equal(dev.sent.length, 1);
    });
    test('probeIp: ARP from the probed address, or another host probing it, sets probeConflict', () => {
      const { iface } = setup();
      iface.probeIp = F.A('10.0.0.7');
      expect(iface, F.arp({ op: 1, senderMac: MAC_US, senderIp: '0.0.0.0', targetIp: '10.0.0.7' }), 'ArpNotForUs');
      expect(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '10.0.0.8', targetIp: '10.0.0.7' }), 'ArpNotForUs');
      assert.equal(iface.probeConflict, false, 'our own probe, or a request for it, is no conflict');
      expect(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.7' }), 'ArpNotForUs');
      assert.equal(iface.probeConflict, true, 'another host probing it');
      iface.probeConflict = false;
      expect(iface, F.arp({ op: 2, senderMac: 0x020000000034, senderIp: '10.0.0.7', targetIp: '0.0.0.0' }), 'ArpNotForUs');
      assert.equal(iface.probeConflict, true, 'a reply from it');
    });
    test('ArpReplyLearned: a reply fills the cache', () => {
      const { iface } = setup();
      expect(iface, F.arp({ op: 2, ethDst: MAC_US, senderMac: 0x020000000044, senderIp: '10.0.0.4', targetIp: '10.0.0.1', targetMac: MAC_US }), 'ArpReplyLearned');
      assert.equal(iface.neighbors.lookup(F.A('10.0.0.4'), 1), 0x020000000044);
    });
    test('ArpMalformed: truncated ARP', () => {
      const { iface } = setup();
      const f = F.arp({ op: 1, senderIp: '10.0.0.3', targetIp: '10.0.0.1' });
      expect(iface, f.slice(0, 30), 'ArpMalformed');
    });
    test('ArpUnsupported: another hardware type, or an unknown operation', () => {
      const { iface } = setup();
      const f = F.arp({ op: 1, senderIp: '10.0.0.3', targetIp: '10.0.0.1' });
      f[15] = 6; // htype 6 (IEEE 802)
      expect(iface, f, 'ArpUnsupported');
      const g = F.arp({ op: 1, senderIp: '10.0.0.3', targetIp: '10.0.0.1' });
      g[21] = 9;
      expect(iface, g, 'ArpUnsupported');
    });
    test('ArpNotForUs: a request for someone else is not answered (an existing entry is refreshed)', () => {
      const { iface, dev } = setup();
      expect(iface, F.arp({ op: 1, senderMac: 0x020000000055, senderIp: '10.0.0.2', targetIp: '10.0.0.9' }), 'ArpNotForUs');
      assert.equal(dev.sent.length, 0);
      assert.equal(iface.neighbors.lookup(F.A('10.0.0.2'), 1), 0x020000000055, 'refreshed');
      assert.equal(iface.neighbors.lookup(F.A('10.0.0.9'), 1), -1);
    });

    // ---- processIpv4
    test('IpMalformed: bad version, short header, length past the frame, reserved flag', () => {
      const { iface } = setup();
      const base = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 });
      let f = base.slice(); f[14] = 0x65; fixIpChecksum(lib, f);
      expect(iface, f, 'IpMalformed');
      f = base.slice(); f[14] = 0x44; fixIpChecksum(lib, f);
      expect(iface, f, 'IpMalformed');
      f = base.slice(); f[16] = 0x05; fixIpChecksum(lib, f);
      expect(iface, f, 'IpMalformed');
      f = base.slice(); f[20] |= 0x80; fixIpChecksum(lib, f);
      expect(iface, f, 'IpMalformed');
      expect(iface, base.slice(0, 30), 'IpMalformed');
    });
    test('IpBadChecksum', () => {
      const { iface } = setup();
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 });
      f[22] ^= 1; // TTL changed, checksum not
      expect(iface, f, 'IpBadChecksum');
    });
    test('IpNotForUs: another unicast address', () => {
      const { iface } = setup();
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.99', dport: 7 }), 'IpNotForUs');
    });
    test('IpFragment: first and later fragments are counted and dropped', () => {
      const { iface } = setup();
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, moreFrags: true }), 'IpFragment');
      expect(iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 17, fragOffset: 1480 }), 'IpFragment');
    });
    test('IpBadSource: a broadcast or multicast source', () => {
      const { iface } = setup();
      expect(iface, F.udp({ src: '255.255.255.255', dst: '10.0.0.1', dport: 7 }), 'IpBadSource');
      expect(iface, F.udp({ src: '224.0.0.1', dst: '10.0.0.1', dport: 7 }), 'IpBadSource');
    });
    test('IpUnknownProtocol: protocol unreachable sent, never for a broadcast', () => {
      const { iface, dev } = setup();
      expect(iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 99 }), 'IpUnknownProtocol');
      const { m, ip } = sentIcmp(dev);
      assert.equal(m.type, 3);
      assert.equal(m.code, 2);
      assert.equal(ip.dst, F.A('10.0.0.2'));
      const n = dev.sent.length;
      expect(iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.255', protocol: 99, ethDst: BCAST }), 'IpUnknownProtocol');
      assert.equal(dev.sent.length, n, 'no ICMP error for a broadcast');
    });
    test('RawDelivered: every raw socket of the protocol gets a copy, and no ICMP error is sent', () => {
      const { iface, dev } = setup();
      const r1 = new lib.socket.RawSocket(), r2 = new lib.socket.RawSocket(), other = new lib.socket.RawSocket();
      iface.add(r1); iface.add(r2); iface.add(other);
      assert.equal(r1.bind(4, 99), 0);
      assert.equal(r2.bind(4, 99), 0);
      assert.equal(other.bind(4, 98), 0);
      expect(iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 99, data: Uint8Array.of(1, 2, 3, 4) }), 'RawDelivered');
      const out = new Uint8Array(100);
      for (const r of [r1, r2]) {
        assert.equal(r.recv(out, 0, 100), 24);
        assert.deepEqual([...out.subarray(20, 24)], [1, 2, 3, 4]);
        assert.equal(r.fromAddr, F.A('10.0.0.2'));
      }
      assert.equal(other.canRecv(), false);
      assert.equal(dev.sent.length, 0);
    });

    // ---- processIcmp
    test('IcmpEchoAnswered: echo reply with the same identifier, sequence and data', () => {
      const { iface, dev } = setup();
      const data = Uint8Array.of(9, 8, 7, 6, 5);
      expect(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, ident: 77, seq: 5, data }), 'IcmpEchoAnswered');
      const { m, ip, f } = sentIcmp(dev);
      assert.equal(m.type, 0);
      assert.equal(m.ident, 77);
      assert.equal(m.seq, 5);
      assert.deepEqual([...f.subarray(m.payloadOff, m.payloadOff + m.payloadLen)], [...data]);
      assert.equal(ip.dst, F.A('10.0.0.2'));
    });
    test('IcmpDelivered: an echo reply reaches the socket bound to its identifier', () => {
      const { iface } = setup();
      const s = new lib.socket.IcmpSocket();
      iface.add(s);
      s.bind(42);
      expect(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 0, ident: 42, seq: 3, data: Uint8Array.of(1) }), 'IcmpDelivered');
      assert.equal(s.recv(new Uint8Array(8), 0, 8), 1);
      assert.equal(s.seq, 3);
    });
    test('IcmpNoSocket: an echo reply nobody waits for', () => {
      const { iface } = setup();
      expect(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 0, ident: 42 }), 'IcmpNoSocket');
    });
    test('IcmpUnhandled: errors and other types; pings to broadcast are not answered', () => {
      const { iface, dev } = setup();
      expect(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 11, data: new Uint8Array(28) }), 'IcmpUnhandled');
      expect(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 13 }), 'IcmpUnhandled');
      expect(iface, F.icmp({ src: '10.0.0.2', dst: '255.255.255.255', type: 8, ethDst: BCAST }), 'IcmpUnhandled');
      assert.equal(dev.sent.length, 0);
    });
    test('IcmpMalformed and IcmpBadChecksum', () => {
      const { iface } = setup();
      const f = F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, data: Uint8Array.of(1, 2) });
      const g = f.slice(); g[40] ^= 0xff;
      expect(iface, g, 'IcmpBadChecksum');
      const t = F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 1, data: Uint8Array.of(8, 0, 0) });
      expect(iface, t, 'IcmpMalformed');
    });

    // ---- processUdp
    test('UdpDelivered', () => {
      const { iface } = setup();
      const s = new lib.socket.UdpSocket();
      iface.add(s);
      s.bind(7);
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, sport: 1234, data: Uint8Array.of(5, 6) }), 'UdpDelivered');
      const out = new Uint8Array(4);
      assert.equal(s.recvFrom(out, 0, 4), 2);
      assert.equal(s.fromPort, 1234);
    });
    test('UdpNoSocket: port unreachable quoting the datagram; none for broadcast', () => {
      const { iface, dev } = setup();
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, sport: 1234 });
      expect(iface, f, 'UdpNoSocket');
      const { m, f: g } = sentIcmp(dev);
      assert.equal(m.type, 3);
      assert.equal(m.code, 3);
      assert.deepEqual([...g.subarray(m.payloadOff, m.payloadOff + 28)], [...f.subarray(14, 42)], 'IP header + 8 bytes quoted');
      const n = dev.sent.length;
      expect(iface, F.udp({ src: '10.0.0.2', dst: '255.255.255.255', dport: 7, ethDst: BCAST }), 'UdpNoSocket');
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.255', dport: 7, ethDst: BCAST }), 'UdpNoSocket');
      assert.equal(dev.sent.length, n);
    });
    test('UdpNoSocket: ICMP errors are rate-limited', () => {
      const { iface, dev } = setup({ icmpErrorsPerSecond: 2 });
      for (let i = 0; i < 5; i++) feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 }), 0);
      assert.equal(dev.sent.length, 2);
      assert.equal(iface.counters[R.IcmpRateLimited], 3);
      feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 }), 1000);
      assert.equal(dev.sent.length, 3, 'tokens come back with time');
    });
    test('UdpSocketFull: the receive ring is full', () => {
      const { iface } = setup();
      const s = new lib.socket.UdpSocket({ rxPackets: 1 });
      iface.add(s);
      s.bind(7);
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 }), 'UdpDelivered');
      expect(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 }), 'UdpSocketFull');
      assert.equal(s.rxDropped, 1);
    });
    test('UdpMalformed and UdpBadChecksum', () => {
      const { iface } = setup();
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, data: Uint8Array.of(1, 2, 3) });
      const g = f.slice(); g[42] ^= 0x40;
      expect(iface, g, 'UdpBadChecksum');
      const h = f.slice(); h[38] = 0; h[39] = 4; // UDP length below the header
      expect(iface, h, 'UdpMalformed');
    });

    // ---- processTcp (entry: the TCP socket itself comes with the TCP issue)
    test('TcpNoSocket: RST in answer (ACK-bearing: seq = their ack), never to a RST', () => {
      const { iface, dev } = setup();
      expect(iface, F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 80, flags: 2, seq: 5000 }), 'TcpNoSocket');
      let f = dev.sent[0];
      const t = w.createTcpRepr();
      assert.equal(w.parseTcp(f, 34, f.length - 34 - (f.length > 54 ? f.length - 54 : 0), F.A('10.0.0.1'), F.A('10.0.0.2'), t), 0);
      assert.equal(t.flags, 4 | 16);
      assert.equal(t.ack, 5001);
      assert.equal(t.seq, 0);
      expect(iface, F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 80, flags: 16, seq: 1, ack: 777 }), 'TcpNoSocket');
      f = dev.sent[1];
      assert.equal(w.parseTcp(f, 34, 20, F.A('10.0.0.1'), F.A('10.0.0.2'), t), 0);
      assert.equal(t.flags, 4);
      assert.equal(t.seq, 777);
      expect(iface, F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 80, flags: 4 }), 'TcpNoSocket');
      assert.equal(dev.sent.length, 2, 'no RST for a RST');
    });
    test('TcpMalformed and TcpBadChecksum', () => {
      const { iface } = setup();
      const f = F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 80, flags: 2 });
      const g = f.slice(); g[40] ^= 1;
      expect(iface, g, 'TcpBadChecksum');
      const h = f.slice(); h[46] = 0x40; // data offset 16 bytes
      expect(iface, h, 'TcpMalformed');
    });
    test('TcpRejected: TCP to a broadcast address', () => {
      const { iface, dev } = setup();
      expect(iface, F.tcp({ src: '10.0.0.2', dst: '10.0.0.255', dport: 80, flags: 2, ethDst: BCAST }), 'TcpRejected');
      assert.equal(dev.sent.length, 0);
    });
  });
}
