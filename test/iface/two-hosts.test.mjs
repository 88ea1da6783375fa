// Two interfaces on the virtual wire: ARP resolution, ping both ways, UDP both ways, off-link
// traffic through a gateway; on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { VirtualWire, runUntilIdle } from '../net/virtual-wire.mjs';

const MAC_A = 0x020000000001, MAC_B = 0x020000000002;

function pair(lib, faults = {}) {
  const wire = new VirtualWire({ seed: 7, ...faults });
  const A = new lib.iface.Interface({ device: wire.port(MAC_A), ip: '10.0.0.1', prefix: 24, seed: 1 });
  const B = new lib.iface.Interface({ device: wire.port(MAC_B), ip: '10.0.0.2', prefix: 24, seed: 2 });
  return { wire, A, B };
}

const ip = (lib, s) => lib.wire.parseIpv4Address(s);
const bytes = (s) => Uint8Array.from(Buffer.from(s));

for (const { name, lib } of builds) {
  describe(name + ': two hosts on a virtual wire', () => {
    const R = lib.iface.RESULTS;

    test('ARP resolves the peer and both caches learn', () => {
      const { wire, A, B } = pair(lib);
      const s = new lib.socket.UdpSocket();
      A.add(s);
      assert.equal(s.sendTo(bytes('x'), 0, 1, ip(lib, '10.0.0.2'), 9), 1);
      runUntilIdle(wire, [A, B]);
      assert.equal(A.counters[R.ArpRequestSent], 1);
      assert.equal(B.counters[R.ArpRequestAnswered], 1);
      assert.equal(A.counters[R.ArpReplyLearned], 1);
      assert.equal(A.neighbors.lookup(ip(lib, '10.0.0.2'), wire.now), MAC_B);
      assert.equal(B.neighbors.lookup(ip(lib, '10.0.0.1'), wire.now), MAC_A);
      // The datagram waited for ARP and was then sent: nobody listens on 9 -> port unreachable.
      assert.equal(B.counters[R.UdpNoSocket], 1);
      assert.equal(B.counters[R.IcmpErrorSent], 1);
      assert.equal(A.counters[R.IcmpUnhandled], 1);
    });

    test('ping both ways through ICMP sockets', () => {
      const { wire, A, B } = pair(lib);
      for (const [from, to, addr] of [[A, B, '10.0.0.2'], [B, A, '10.0.0.1']]) {
        const p = new lib.socket.IcmpSocket();
        from.add(p);
        assert.equal(p.bind(0x1234), 0);
        const data = bytes('abcdefgh');
        for (let seq = 1; seq <= 3; seq++) assert.equal(p.sendEcho(ip(lib, addr), seq, data, 0, data.length), data.length);
        runUntilIdle(wire, [A, B]);
        const out = new Uint8Array(64);
        for (let seq = 1; seq <= 3; seq++) {
          const n = p.recv(out, 0, 64);
          assert.equal(n, 8);
          assert.equal(p.seq, seq);
          assert.equal(p.fromAddr, ip(lib, addr));
          assert.deepEqual(out.subarray(0, 8), data);
        }
        assert.equal(p.recv(out, 0, 64), lib.socket.SOCKET_ERRORS.Empty);
        assert.equal(to.counters[R.IcmpEchoAnswered], 3);
      }
    });

    test('UDP both ways, payloads and sources intact', () => {
      const { wire, A, B } = pair(lib);
      const a = new lib.socket.UdpSocket(), b = new lib.socket.UdpSocket();
      A.add(a);
      B.add(b);
      assert.equal(a.bind(1000), 0);
      assert.equal(b.bind(2000), 0);
      const msgs = ['hello', '', 'x'.repeat(1400)];
      for (const m of msgs) assert.equal(a.sendTo(bytes(m), 0, m.length, ip(lib, '10.0.0.2'), 2000), m.length);
      runUntilIdle(wire, [A, B]);
      const out = new Uint8Array(2048);
      for (const m of msgs) {
        const n = b.recvFrom(out, 0, out.length);
        assert.equal(n, m.length);
        assert.equal(Buffer.from(out.subarray(0, n)).toString(), m);
        assert.equal(b.fromAddr, ip(lib, '10.0.0.1'));
        assert.equal(b.fromPort, 1000);
      }
      assert.equal(b.sendTo(bytes('reply'), 0, 5, b.fromAddr, b.fromPort), 5);
      runUntilIdle(wire, [A, B]);
      assert.equal(a.recvFrom(out, 0, 100), 5);
      assert.equal(Buffer.from(out.subarray(0, 5)).toString(), 'reply');
      assert.equal(a.fromPort, 2000);
    });

    test('off-link traffic goes to the gateway MAC; no gateway means Unaddressable', () => {
      const wire = new VirtualWire({ seed: 3 });
      const A = new lib.iface.Interface({ device: wire.port(MAC_A), ip: '10.0.0.1', prefix: 24, gateway: '10.0.0.254', seed: 1 });
      const G = new lib.iface.Interface({ device: wire.port(0x0200000000fe), ip: '10.0.0.254', prefix: 24, seed: 3 });
      const s = new lib.socket.UdpSocket();
      A.add(s);
      s.sendTo(bytes('far'), 0, 3, ip(lib, '192.168.9.9'), 53);
      runUntilIdle(wire, [A, G]);
      // The gateway received the datagram at its MAC (not for its address: counted as not for us).
      assert.equal(G.counters[R.IpNotForUs], 1);
      assert.equal(A.neighbors.lookup(ip(lib, '10.0.0.254'), wire.now), 0x0200000000fe);
      const lone = new lib.iface.Interface({ device: new VirtualWire().port(MAC_B), ip: '10.0.0.9', seed: 4 });
      const u = new lib.socket.UdpSocket();
      lone.add(u);
      u.sendTo(bytes('x'), 0, 1, ip(lib, '8.8.8.8'), 53);
      lone.poll(0);
      assert.equal(lone.counters[R.TxNoRoute], 1);
    });

    test('a datagram waiting for an unanswered ARP is retried at the ARP interval, and counted', () => {
      const wire = new VirtualWire({ seed: 5 });
      const A = new lib.iface.Interface({ device: wire.port(MAC_A), ip: '10.0.0.1', arpRetryMs: 1000, seed: 1 });
      const s = new lib.socket.UdpSocket();
      A.add(s);
      s.sendTo(bytes('x'), 0, 1, ip(lib, '10.0.0.77'), 9);
      A.poll(0);
      assert.equal(A.counters[R.ArpRequestSent], 1);
      assert.equal(A.pollAt(0), 1000);
      A.poll(500);
      assert.equal(A.counters[R.ArpRequestSent], 1, 'rate-limited');
      A.poll(1000);
      assert.equal(A.counters[R.ArpRequestSent], 2);
      assert.ok(A.counters[R.TxNeighborPending] >= 2);
      assert.equal(s.tx.count, 1, 'the datagram is still queued, not lost');
    });
  });
}
