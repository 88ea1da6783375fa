// Edges of the interface that its mutation run (issue 17) asked about: a MAC whose low 32 bits
// have the top bit set, the 802.3 length / EtherType boundary, broadcasts told by the IP
// destination in a unicast frame, the echo size limit, the IPv4 header we write (identification
// sequence and wrap, checksum with high addresses), padding in a used buffer, the ICMP error
// quote, token refill and what is never answered, the RST's acknowledgment, the poll budget, the
// configuration's defaults and bounds. Both builds; frames in, frames and counters out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_US, MAC_PEER, BCAST } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': interface edges', () => {
    const R = lib.iface.RESULTS;
    const E = lib.socket.SOCKET_ERRORS;
    const F = frameBuilder(lib);
    const w = lib.wire;
    const A = F.A;

    function setup(extra = {}, dev = captureDevice()) {
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, ...extra });
      iface.neighbors.fill(A('10.0.0.2'), MAC_PEER, 0);
      return { dev, iface };
    }
    const feed = (iface, f, now = 0) => iface.processEthernet(f, 0, f.length, now);
    function parsed(f) {
      const ip = w.createIpv4Repr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0, 'a valid IPv4 header');
      return ip;
    }
    function icmpOf(f) {
      const ip = parsed(f), m = w.createIcmpv4Repr();
      assert.equal(ip.protocol, 1);
      assert.equal(w.parseIcmpv4(f, 14 + ip.headerLen, ip.payloadLen, m), 0);
      return { ip, m };
    }
    /** A TCP segment with a payload of n bytes (no options). */
    function tcpSeg({ flags, seq, ack = 0, n = 0, dport = 80 }) {
      const buf = new Uint8Array(200);
      const src = A('10.0.0.2'), dst = A('10.0.0.1');
      for (let i = 0; i < n; i++) buf[54 + i] = i + 1;
      const t = w.createTcpRepr();
      t.srcPort = 40000; t.dstPort = dport; t.seq = seq; t.ack = ack; t.flags = flags; t.window = 1000; t.payloadLen = n;
      const len = w.emitTcp(t, buf, 34, src, dst);
      const ip = w.createIpv4Repr();
      ip.src = src; ip.dst = dst; ip.protocol = 6; ip.payloadLen = len;
      w.emitIpv4(ip, buf, 14);
      const e = w.createEthernetRepr();
      e.dst = MAC_US; e.src = MAC_PEER; e.ethertype = 0x0800;
      w.emitEthernet(e, buf, 0);
      return buf.slice(0, 34 + len);
    }
    function rstOf(f) {
      const ip = parsed(f), t = w.createTcpRepr();
      assert.equal(w.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t), 0);
      return t;
    }

    test('a MAC with the top bit of its low 32 bits set: frames to it are taken, one differing byte is not', () => {
      const mac = 0x02ab80cdef01;
      const { iface } = setup({}, captureDevice(mac));
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(7), 0);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: mac })), R.UdpDelivered);
      for (let b = 0; b < 6; b++) {
        const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: mac });
        f[b] ^= b === 0 ? 2 : 0x10; // byte 0: never the group bit
        assert.equal(feed(iface, f), R.EthNotForUs, 'destination byte ' + b + ' differs');
      }
      assert.equal(iface.counters[R.UdpDelivered], 1);
    });

    test('a frame for another MAC: 802.3 lengths (below 0x0600) are unknown types, EtherTypes from 0x0600 are not for us', () => {
      const { iface } = setup();
      const f = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, ethDst: 0x02000000aaaa });
      f[12] = 0x05; f[13] = 0xff;
      assert.equal(feed(iface, f), R.EthUnknownType);
      f[12] = 0x06; f[13] = 0x00;
      assert.equal(feed(iface, f), R.EthNotForUs);
      // For us, an EtherType neither IPv4 nor ARP: 0x0801 and 0x0805.
      const g = F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7 });
      g[13] = 0x01;
      assert.equal(feed(iface, g), R.EthUnknownType);
      g[13] = 0x05;
      assert.equal(feed(iface, g), R.EthUnknownType);
    });

    test('a multicast frame (group bit) to our IP address is a broadcast: no ICMP error', () => {
      const { iface, dev } = setup();
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9, ethDst: 0x01005e000001 })), R.UdpNoSocket);
      assert.equal(dev.sent.length, 0);
    });

    test('broadcast IP destinations in a unicast frame: no echo reply, no ICMP error, no TCP', () => {
      const { iface, dev } = setup();
      for (const dst of ['255.255.255.255', '10.0.0.255']) {
        assert.equal(feed(iface, F.icmp({ src: '10.0.0.2', dst, type: 8, ident: 1, seq: 1 })), R.IcmpUnhandled, 'ping to ' + dst);
        assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst, dport: 9 })), R.UdpNoSocket, 'udp to ' + dst);
        assert.equal(feed(iface, F.raw({ src: '10.0.0.2', dst, protocol: 99 })), R.IpUnknownProtocol);
        assert.equal(feed(iface, F.tcp({ src: '10.0.0.2', dst, dport: 80, flags: 2 })), R.TcpRejected);
      }
      assert.equal(dev.sent.length, 0);
      // The same to our own address is answered.
      assert.equal(feed(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, ident: 1, seq: 1 })), R.IcmpEchoAnswered);
      assert.equal(dev.sent.length, 1);
    });

    test('unconfigured: host-part broadcasts are not ours, a source 0.0.0.255 is no broadcast, no ICMP error is sent', () => {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, seed: 3 });
      assert.equal(feed(iface, F.icmp({ src: '10.0.0.2', dst: '0.0.0.255', type: 8, ident: 1, seq: 1 })), R.IpNotForUs);
      assert.equal(feed(iface, F.udp({ src: '0.0.0.255', dst: '10.0.0.50', dport: 9 })), R.UdpNoSocket);
      assert.equal(dev.sent.length, 0, 'no port unreachable without an address');
      assert.equal(iface.sendIp(0, A('0.0.0.255'), 17, 8), E.Unaddressable, 'no broadcast from the host part without an address');
      assert.equal(iface.hasRoute(A('255.255.255.255')), false, 'no route at all without an address');
      // An ARP request for any address is not answered and teaches nothing.
      assert.equal(feed(iface, F.arp({ op: 1, senderIp: '10.0.0.2', targetIp: '0.0.0.0' })), R.ArpNotForUs);
      assert.equal(dev.sent.length, 0);
      assert.equal(iface.neighbors.lookup(A('10.0.0.2'), 1), -1);
    });

    test('prefix 32: our own address is no broadcast, as source or as destination', () => {
      const { iface, dev } = setup({ prefix: 32, gateway: '10.0.0.254' });
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(7), 0);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.1', dst: '10.0.0.1', dport: 7 })), R.UdpDelivered);
      // Sent to itself it is resolved like any host (an ARP request), not broadcast.
      assert.equal(iface.sendIp(iface.ipAddr, iface.ipAddr, 17, 8), E.NeighborPending);
      assert.equal(dev.sent.length, 1);
      const a = w.createArpRepr();
      assert.equal(w.parseArp(dev.sent[0], 14, 28, a), 0);
      assert.equal(a.op, 1);
      assert.equal(a.targetIp, iface.ipAddr);
    });

    test('a source from the multicast range is refused, class E (240/4) is not', () => {
      const { iface } = setup();
      assert.equal(feed(iface, F.udp({ src: '239.255.255.255', dst: '10.0.0.1', dport: 9 })), R.IpBadSource);
      assert.equal(feed(iface, F.udp({ src: '240.0.0.1', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
      assert.equal(feed(iface, F.udp({ src: '223.255.255.255', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
    });

    test('an echo request is answered up to an MTU-sized reply, one byte more is refused', () => {
      const { iface, dev } = setup({ mtu: 600 });
      assert.equal(feed(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, data: new Uint8Array(572).fill(7) })), R.IcmpEchoAnswered);
      assert.equal(dev.sent.length, 1);
      assert.equal(dev.sent[0].length, 14 + 600);
      assert.equal(feed(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, data: new Uint8Array(573) })), R.IcmpMalformed);
      assert.equal(dev.sent.length, 1);
    });

    test('the IPv4 header we write: high addresses, identification counting up and wrapping at 16 bits, checksum right', () => {
      const dev = captureDevice();
      let last = null;
      dev.transmit = (buf, off, len) => { last = buf.slice(off, off + len); return 0; };
      const iface = new lib.iface.Interface({ device: dev, ip: '192.168.200.1', prefix: 16, seed: 9 });
      iface.neighbors.fill(A('192.168.255.254'), MAC_PEER, 0);
      const idents = [];
      for (let i = 0; i < 65540; i++) {
        const len = 8 + (i % 300);
        const proto = i % 3 === 0 ? 6 : 17;
        assert.equal(iface.sendIp(iface.ipAddr, A('192.168.255.254'), proto, len), 0);
        if (i < 3 || i > 65532 || i % 997 === 0) {
          const ip = parsed(last);
          assert.equal(ip.ttl, 64);
          assert.equal(ip.tos, 0);
          assert.equal(ip.protocol, proto);
          assert.equal(ip.payloadLen, len);
          assert.equal(ip.src, A('192.168.200.1'));
          assert.equal(ip.dst, A('192.168.255.254'));
          assert.equal(ip.dontFrag, proto === 6);
          assert.equal(ip.moreFrags, false);
          assert.equal(ip.fragOffset, 0);
          if (i < 3 || i > 65532) idents.push(ip.ident);
        }
      }
      assert.deepEqual(idents, [1, 2, 3, 65534, 65535, 0, 1, 2, 3, 4]);
      // The subnet broadcast goes to the broadcast MAC.
      assert.equal(iface.sendIp(iface.ipAddr, A('192.168.255.255'), 17, 8), 0);
      assert.deepEqual([...last.subarray(0, 6)], [255, 255, 255, 255, 255, 255]);
    });

    test('short frames are padded to 60 bytes with zeros in a buffer that held a longer frame; the destination MAC follows each frame', () => {
      const { iface, dev } = setup();
      iface.neighbors.fill(A('10.0.0.3'), 0x020000000003, 0);
      iface.txBuf.fill(0xaa, 34, 34 + 100);
      assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.2'), 17, 100), 0);
      assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.3'), 17, 1), 0);
      assert.equal(iface.sendIp(iface.ipAddr, A('255.255.255.255'), 17, 2), 0);
      iface.arpRequest(iface.ipAddr, A('10.0.0.9'));
      assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.2'), 17, 3), 0);
      const macs = dev.sent.map((f) => [...f.subarray(0, 6)].map((b) => b.toString(16)).join(':'));
      assert.deepEqual(macs, ['2:0:0:0:0:2', '2:0:0:0:0:3', 'ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff', '2:0:0:0:0:2']);
      for (const f of dev.sent) assert.deepEqual([...f.subarray(6, 12)], [2, 0, 0, 0, 0, 1], 'our MAC as source');
      assert.equal(dev.sent[0].length, 134);
      for (const [k, end] of [[1, 35], [2, 36], [3, 42], [4, 37]]) {
        const f = dev.sent[k];
        assert.equal(f.length, 60);
        assert.deepEqual([...f.subarray(end)], new Array(60 - end).fill(0), 'padding of frame ' + k);
      }
      // Our ARP request: type 0x0806, target MAC 0.
      const a = w.createArpRepr();
      assert.deepEqual([dev.sent[3][12], dev.sent[3][13]], [8, 6]);
      assert.equal(w.parseArp(dev.sent[3], 14, 28, a), 0);
      assert.equal(a.targetMac, 0);
      assert.equal(a.senderMac, MAC_US);
      assert.equal(iface.counters[R.ArpRequestSent], 1);
    });

    test('a frame of exactly 60 bytes is sent as it is', () => {
      const { iface, dev } = setup();
      assert.equal(iface.sendIp(iface.ipAddr, A('10.0.0.2'), 17, 26), 0);
      assert.equal(dev.sent[0].length, 60);
      assert.equal(parsed(dev.sent[0]).payloadLen, 26);
    });

    test('an ICMP error quotes the header and at most 8 bytes, with the unused field zero after an echo', () => {
      const { iface, dev } = setup();
      // An echo first leaves its identifier and sequence in the interface's ICMP repr.
      assert.equal(feed(iface, F.icmp({ src: '10.0.0.2', dst: '10.0.0.1', type: 8, ident: 0x1234, seq: 0x5678 })), R.IcmpEchoAnswered);
      for (const [len, quoted] of [[4, 24], [8, 28], [20, 28]]) {
        const f = F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 99, data: new Uint8Array(len).fill(9) });
        assert.equal(feed(iface, f), R.IpUnknownProtocol);
        const g = dev.sent[dev.sent.length - 1];
        const { ip, m } = icmpOf(g);
        assert.equal(m.type, 3);
        assert.equal(m.code, 2);
        assert.equal(m.payloadLen, quoted, 'quote of a ' + len + '-byte payload');
        assert.equal(ip.payloadLen, 8 + quoted);
        assert.deepEqual([...g.subarray(m.payloadOff, m.payloadOff + quoted)], [...f.subarray(14, 14 + quoted)]);
        assert.deepEqual([...g.subarray(38, 42)], [0, 0, 0, 0], 'unused field');
      }
      assert.equal(iface.counters[R.IcmpErrorSent], 3);
    });

    test('no ICMP error about a datagram from 0.0.0.0', () => {
      const { iface, dev } = setup();
      assert.equal(feed(iface, F.udp({ src: '0.0.0.0', dst: '10.0.0.1', dport: 9 })), R.UdpNoSocket);
      assert.equal(dev.sent.length, 0);
    });

    test('ICMP error tokens: 10 a second by default, refilled by elapsed time (partial time kept), capped at the rate, none at rate 0', () => {
      const { iface, dev } = setup();
      const bad = () => feed(iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 99 }), now);
      let now = 0;
      for (let i = 0; i < 12; i++) bad();
      assert.equal(dev.sent.length, 10);
      assert.equal(iface.counters[R.IcmpRateLimited], 2);
      now = 99; bad();
      assert.equal(dev.sent.length, 10, 'no token before 100 ms');
      now = 100; bad();
      assert.equal(dev.sent.length, 11, 'one token at 100 ms');
      now = 150; bad();
      now = 199; bad();
      assert.equal(dev.sent.length, 11);
      now = 200; bad();
      assert.equal(dev.sent.length, 12, 'the 100 ms counted from the last refill, not from the last error');
      now = 100000;
      for (let i = 0; i < 12; i++) bad();
      assert.equal(dev.sent.length, 22, 'at most 10 tokens saved up');
      const z = setup({ icmpErrorsPerSecond: 0 });
      for (const t of [0, 1000, 100000]) feed(z.iface, F.raw({ src: '10.0.0.2', dst: '10.0.0.1', protocol: 99 }), t);
      assert.equal(z.dev.sent.length, 0);
      assert.equal(z.iface.counters[R.IcmpRateLimited], 3);
    });

    test('the RST for a segment without ACK acknowledges its data, SYN and FIN, modulo 2^32; window, urgent pointer zero', () => {
      const { iface, dev } = setup();
      const cases = [
        [{ flags: 1, seq: 100, n: 5 }, 106], // FIN
        [{ flags: 3, seq: 100, n: 0 }, 102], // SYN FIN
        [{ flags: 8, seq: 100, n: 7 }, 107], // PSH alone
        [{ flags: 2, seq: 0xffffffff, n: 0 }, 0], // SYN at the top of the space
        [{ flags: 0x20, seq: 5, n: 0 }, 5], // URG alone
      ];
      for (const [o, ack] of cases) {
        assert.equal(feed(iface, tcpSeg(o)), R.TcpNoSocket);
        const t = rstOf(dev.sent[dev.sent.length - 1]);
        assert.equal(t.flags, 4 | 16);
        assert.equal(t.ack, ack, 'ack for flags ' + o.flags);
        assert.equal(t.seq, 0);
        assert.equal(t.window, 0);
        assert.equal(t.urgent, 0);
        assert.equal(t.payloadLen, 0);
        assert.equal(t.srcPort, 80);
        assert.equal(t.dstPort, 40000);
      }
      // ACK-bearing, with data and FIN: seq is their ack, nothing acknowledged.
      assert.equal(feed(iface, tcpSeg({ flags: 16 | 1, seq: 100, ack: 0x80000001, n: 3 })), R.TcpNoSocket);
      const t = rstOf(dev.sent[dev.sent.length - 1]);
      assert.equal(t.flags, 4);
      assert.equal(t.seq, 0x80000001);
      assert.equal(t.ack, 0);
    });

    test('a SYN-ACK or SYN-RST to a listening port is not a connection request', () => {
      const { iface, dev } = setup();
      const l = new lib.socket.TcpSocket();
      iface.add(l);
      assert.equal(l.listen(80), 0);
      assert.equal(feed(iface, tcpSeg({ flags: 2 | 16, seq: 1, ack: 50 })), R.TcpNoSocket);
      assert.equal(rstOf(dev.sent[0]).seq, 50);
      assert.equal(feed(iface, tcpSeg({ flags: 2 | 4, seq: 1 })), R.TcpNoSocket);
      assert.equal(dev.sent.length, 1, 'no RST for a RST');
      assert.equal(feed(iface, tcpSeg({ flags: 2, seq: 1 })), R.TcpDelivered);
    });

    test('raw sockets get a copy of UDP datagrams too, and the datagram still reaches its socket', () => {
      const { iface } = setup();
      const r = new lib.socket.RawSocket();
      iface.add(r);
      assert.equal(r.bind(4, 17), 0);
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(7), 0);
      assert.equal(feed(iface, F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 7, data: Uint8Array.of(1, 2) })), R.UdpDelivered);
      assert.equal(r.recv(new Uint8Array(64), 0, 64), 30);
      assert.equal(u.canRecv(), true);
    });

    test('ARP from a broadcast or multicast sender MAC is ignored', () => {
      const { iface, dev } = setup();
      for (const senderMac of [BCAST, 0x01005e000001, 0x030000000001]) {
        assert.equal(feed(iface, F.arp({ op: 1, senderMac, senderIp: '10.0.0.5', targetIp: '10.0.0.1' })), R.ArpNotForUs);
        assert.equal(iface.neighbors.lookup(A('10.0.0.5'), 1), -1);
      }
      assert.equal(dev.sent.length, 0);
    });

    test('probing: no conflict while nothing is probed, nor from a reply that names the address only as its target', () => {
      const { iface } = setup();
      feed(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.7' }));
      assert.equal(iface.probeConflict, false, 'probeIp 0');
      iface.probeIp = A('10.0.0.7');
      feed(iface, F.arp({ op: 2, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.7' }));
      assert.equal(iface.probeConflict, false, 'a reply from 0.0.0.0 is no probe');
      feed(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '0.0.0.0', targetIp: '10.0.0.8' }));
      assert.equal(iface.probeConflict, false, 'a probe for another address');
      feed(iface, F.arp({ op: 1, senderMac: 0x020000000033, senderIp: '10.0.0.7', targetIp: '10.0.0.1' }));
      assert.equal(iface.probeConflict, true, 'a request from the probed address');
    });

    test('an ARP reply for us resolves a parked datagram, which goes out in the same poll', () => {
      const { iface, dev } = setup();
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.ok(u.sendTo(Uint8Array.of(1, 2, 3), 0, 3, A('10.0.0.6'), 9) > 0);
      iface.poll(0);
      assert.equal(dev.sent.length, 1, 'the ARP request');
      assert.equal(iface.pollAt(0), 1000, 'next at the ARP retry');
      assert.equal(iface.pollAt(5000), 5000, 'a retry time already past is now');
      dev.queue.push(F.arp({ op: 2, ethDst: MAC_US, senderMac: 0x020000000006, senderIp: '10.0.0.6', targetIp: '10.0.0.1', targetMac: MAC_US }));
      assert.equal(iface.poll(10), true);
      assert.equal(dev.sent.length, 2);
      const ip = parsed(dev.sent[1]);
      assert.equal(ip.dst, A('10.0.0.6'));
      assert.equal(ip.protocol, 17);
      assert.equal(iface.pollAt(10), -1);
    });

    test('poll takes at most framesPerPoll frames; an idle poll reports nothing done', () => {
      const { iface, dev } = setup({ framesPerPoll: 2 });
      for (let i = 0; i < 5; i++) dev.queue.push(F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9, ethDst: BCAST }));
      assert.equal(iface.poll(0), true);
      assert.equal(iface.counters[R.Frames], 2);
      assert.equal(dev.queue.length, 3);
      iface.poll(0); iface.poll(0);
      assert.equal(iface.counters[R.Frames], 5);
      assert.equal(iface.poll(0), false);
      const d = setup();
      for (let i = 0; i < 40; i++) d.dev.queue.push(F.udp({ src: '10.0.0.2', dst: '10.0.0.1', dport: 9, ethDst: BCAST }));
      d.iface.poll(0);
      assert.equal(d.iface.counters[R.Frames], 32, '32 by default');
    });

    test('configuration: defaults and bounds from the device, numeric address bounds, null gateway', () => {
      const small = { ...captureDevice(), maxFrame: 600 };
      const a = new lib.iface.Interface({ device: small, seed: 1 });
      assert.equal(a.mtu, 586);
      assert.equal(a.mssFor(A('10.0.0.2')), 546);
      assert.equal(new lib.iface.Interface({ device: small, seed: 1, mtu: 586 }).mtu, 586);
      assert.throws(() => new lib.iface.Interface({ device: small, seed: 1, mtu: 587 }), /mtu must be between 576 and 586/);
      const dev = captureDevice();
      const mk = (o) => new lib.iface.Interface({ device: dev, seed: 1, ...o });
      assert.equal(mk({ ip: '10.0.0.1', gateway: 0xffffffff }).gateway, 0xffffffff, 'the highest numeric address');
      assert.equal(mk({ ip: 0 }).ipAddr, 0);
      assert.equal(mk({ ip: '10.0.0.1', gateway: null }).gateway, 0);
      assert.equal(mk({ ip: '10.0.0.1', gateway: 0xc0a80001 }).gateway, 0xc0a80001);
      assert.equal(mk({ ip: '10.0.0.1', prefix: 31 }).netmask, 0xfffffffe);
      const d = mk({ ip: '10.0.0.1' });
      assert.equal(d.neighbors.size, 8);
      assert.equal(d.neighbors.lifetime, 60000);
      assert.equal(d.neighbors.retryMs, 1000);
      assert.equal(d.set.capacity, 8);
      const c = mk({ ip: '10.0.0.1', arpCacheSize: 3, arpLifetimeMs: 500, arpRetryMs: 50, sockets: 5 });
      assert.equal(c.neighbors.size, 3);
      assert.equal(c.neighbors.lifetime, 500);
      assert.equal(c.neighbors.retryMs, 50);
      assert.equal(c.set.capacity, 5);
    });

    test('random32 is xorshift32 (13, 17, 5) from the seed; seed 0 starts from 0x9e3779b9; the first port follows', () => {
      const ref = (s) => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; return s >>> 0; };
      for (const seed of [1, 0x80000000, 0xdeadbeef, 0]) {
        const iface = new lib.iface.Interface({ device: captureDevice(), seed });
        let s = seed >>> 0 || 0x9e3779b9;
        s = ref(s); // the first one chose the first ephemeral port
        assert.equal(iface.ephemeralPort(17), 49152 + (s % 16384), 'first port, seed ' + seed);
        for (let i = 0; i < 5; i++) {
          s = ref(s);
          assert.equal(iface.random32(), s, 'seed ' + seed + ' step ' + i);
        }
      }
    });

    test('hasRoute: on the subnet, the limited broadcast, or anything with a gateway', () => {
      const { iface } = setup();
      assert.equal(iface.hasRoute(A('10.0.0.200')), true);
      assert.equal(iface.hasRoute(A('255.255.255.255')), true);
      assert.equal(iface.hasRoute(A('10.0.1.1')), false);
      iface.setAddress('10.0.0.1', 24, '10.0.0.254');
      assert.equal(iface.hasRoute(A('10.0.1.1')), true);
    });

    test('remove: a removed socket is reset and its handle stale', () => {
      const { iface } = setup();
      const u = new lib.socket.UdpSocket();
      const h = iface.add(u);
      assert.equal(u.bind(7), 0);
      assert.equal(iface.remove(h), 0);
      assert.equal(u.isBound(), false, 'reset');
      assert.equal(iface.get(h), null);
      assert.equal(iface.remove(h), E.StaleHandle);
    });

    test('dropAddress: sockets bound to the old address are unbound; with no address nothing happens', () => {
      const { iface } = setup();
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(7, iface.ipAddr), 0);
      iface.dropAddress();
      assert.equal(iface.ipAddr, 0);
      assert.equal(iface.prefix, 24);
      assert.equal(u.isBound(), false);
      iface.dropAddress();
      assert.equal(iface.ipAddr, 0);
    });
  });
}
