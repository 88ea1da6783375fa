// An ARP entry that expires while in use stays in use while unicast requests to its MAC ask whether
// it still holds (RFC 1122 2.3.2.1); it is dropped after three unanswered ones, or at once when it
// expired a lifetime ago unused. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_US, MAC_PEER, BCAST } from './frames.mjs';
import { tcpPair, pattern, transfer } from '../tcp/pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': ARP entries revalidated in use', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const PEER = F.A('10.0.0.2'), US = F.A('10.0.0.1');

    /** An interface that learned the peer at time 0 (lifetime 1000 ms, retry 100 ms), with a UDP
     *  socket; send(t) sends one datagram to the peer at t and returns the frames that went out,
     *  each as { ethDst, arp: repr or null }. */
    function setup() {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, arpLifetimeMs: 1000, arpRetryMs: 100 });
      iface.neighbors.fill(PEER, MAC_PEER, 0);
      const u = new lib.socket.UdpSocket();
      iface.add(u);
      assert.equal(u.bind(5000), 0);
      function send(t) {
        const before = dev.sent.length;
        assert.equal(u.sendTo(Uint8Array.of(1, 2, 3), 0, 3, PEER, 9), 3);
        iface.poll(t);
        return dev.sent.slice(before).map((f) => {
          const ethDst = f[0] * 2 ** 40 + ((f[1] << 24 | f[2] << 16 | f[3] << 8 | f[4]) >>> 0) * 256 + f[5];
          if (f[12] !== 0x08 || f[13] !== 0x06) return { ethDst, arp: null };
          const a = lib.wire.createArpRepr();
          assert.equal(lib.wire.parseArp(f, 14, f.length - 14, a), 0);
          return { ethDst, arp: a };
        });
      }
      return { dev, iface, send };
    }
    function isProbe(f) {
      return f.arp !== null && f.ethDst === MAC_PEER && f.arp.op === 1 && f.arp.targetIp === PEER && f.arp.senderIp === US && f.arp.senderMac === MAC_US;
    }

    test('after expiry the datagram goes to the cached MAC at once, then a unicast request; three, retryMs apart, then the entry is dropped', () => {
      const { iface, send } = setup();
      const ok = (out, probe, what) => {
        assert.equal(out.length, probe ? 2 : 1, what + ': frames');
        assert.equal(out[0].arp, null, what + ': the datagram first');
        assert.equal(out[0].ethDst, MAC_PEER, what + ': to the cached MAC');
        if (probe) assert.ok(isProbe(out[1]), what + ': a unicast request to the cached MAC');
      };
      ok(send(999), false, 'before expiry');
      ok(send(1050), true, 'first send after expiry');
      assert.equal(iface.neighbors.lookup(PEER, 1060), MAC_PEER, 'a stale entry still answers lookup');
      ok(send(1149), false, 'before the next request is due');
      ok(send(1150), true, 'second request');
      ok(send(1250), true, 'third request');
      assert.equal(iface.counters[R.TxNeighborPending], 0);
      assert.equal(iface.counters[R.ArpRequestSent], 3);
      // Three requests unanswered: the entry is gone, and the next datagram waits for a broadcast one.
      const out = send(1350);
      assert.equal(out.length, 1);
      assert.equal(out[0].ethDst, BCAST);
      assert.equal(out[0].arp.op, 1);
      assert.equal(out[0].arp.targetIp, PEER);
      assert.equal(iface.counters[R.TxNeighborPending], 1);
      assert.equal(iface.neighbors.lookup(PEER, 1350), -1);
    });

    test('a reply to the unicast request makes the entry fresh for another lifetime', () => {
      const { dev, iface, send } = setup();
      assert.equal(send(1050).length, 2);
      dev.queue.push(F.arp({ op: 2, senderIp: '10.0.0.2', targetIp: '10.0.0.1', targetMac: MAC_US, ethDst: MAC_US }));
      iface.poll(1080);
      assert.equal(iface.counters[R.ArpReplyLearned], 1);
      for (const t of [1150, 1500, 2079]) assert.equal(send(t).length, 1, 'no request at ' + t);
      assert.equal(send(2080).length, 2, 'at the new expiry, 1080 + 1000, it is revalidated again');
      assert.equal(iface.counters[R.ArpRequestSent], 2);
      assert.equal(iface.counters[R.TxNeighborPending], 0);
    });

    test('an entry that expired a lifetime ago, unused since, is dropped at once: the datagram waits for a broadcast request', () => {
      const { iface, send } = setup();
      assert.equal(iface.neighbors.lookup(PEER, 1999), -1, 'an expired entry does not answer lookup');
      const out = send(2000);
      assert.equal(out.length, 1);
      assert.equal(out[0].ethDst, BCAST);
      assert.equal(iface.counters[R.TxNeighborPending], 1);
    });

    test('a TCP transfer across many expiries sends the same segments as one whose entries never expire', () => {
      // Each segment that goes out on a stale entry is sent once: sendIp answers 0 for it.
      const run = (arpLifetimeMs) => {
        const p = tcpPair(lib, { faults: { delayMs: 2 }, seed: 3, config: { arpLifetimeMs, arpRetryMs: 5 } });
        const srv = new lib.socket.TcpSocket(), cli = new lib.socket.TcpSocket();
        p.B.add(srv);
        p.A.add(cli);
        assert.equal(srv.listen(80), 0);
        assert.equal(cli.connect(p.ipB, 80), 0);
        p.run({ until: () => cli.state === srv.state && lib.socket.TCP_STATES[srv.state] === 'Established', maxMs: 60000 });
        const data = pattern(200000, 5);
        const { got } = transfer(p, cli, srv, data);
        assert.deepEqual(got, data);
        const ipFrames = (i) => i.counters[R.TxFrames] - i.counters[R.ArpRequestSent] - i.counters[R.ArpRequestAnswered];
        return { a: ipFrames(p.A), b: ipFrames(p.B), asked: p.A.counters[R.ArpRequestSent] + p.B.counters[R.ArpRequestSent],
          pending: p.A.counters[R.TxNeighborPending] + p.B.counters[R.TxNeighborPending], ms: p.wire.now };
      };
      const never = run(1e12), often = run(8);
      assert.ok(often.asked >= 10, JSON.stringify([never, often]) + 'entries expired and were revalidated during the transfer (' + often.asked + ' requests)');
      assert.equal(often.pending, never.pending, 'nothing waited for ARP beyond the first exchange');
      assert.equal(often.a, never.a, 'the sender\'s IPv4 frames');
      assert.equal(often.b, never.b, 'the receiver\'s IPv4 frames');
    });

    test('keep-alive probes every 100 ms over a lossy wire outlive four ARP expiries (the connection is never stalled by one)', () => {
      // Before revalidation each 60 s expiry emptied the entry: the next frame waited for a broadcast
      // exchange, a second when it was lost, and ten unanswered probes ended the connection.
      const p = tcpPair(lib, { faults: { delayMs: 1, loss: 0.05 }, seed: 11 });
      const srv = new lib.socket.TcpSocket({ keepAlive: 100, keepAliveInterval: 100 });
      const cli = new lib.socket.TcpSocket();
      p.B.add(srv);
      p.A.add(cli);
      assert.equal(srv.listen(80), 0);
      assert.equal(cli.connect(p.ipB, 80), 0);
      p.run({ until: () => cli.state === srv.state && lib.socket.TCP_STATES[srv.state] === 'Established', maxMs: 60000 });
      assert.equal(lib.socket.TCP_STATES[srv.state], 'Established', 'connected');
      const pendingA = p.A.counters[R.TxNeighborPending], pendingB = p.B.counters[R.TxNeighborPending];
      const asked = p.B.counters[R.ArpRequestSent];
      const end = p.wire.now + 245000;
      p.run({ until: () => p.wire.now >= end || srv.state !== cli.state, maxMs: 250000 });
      assert.equal(lib.socket.TCP_STATES[srv.state], 'Established', 'the server kept the connection');
      assert.equal(lib.socket.TCP_STATES[cli.state], 'Established', 'the client kept it');
      assert.ok(p.B.counters[R.ArpRequestSent] - asked >= 4, 'the server revalidated its entry at each expiry');
      assert.equal(p.B.counters[R.TxNeighborPending], pendingB, 'no probe of the server waited for ARP');
      assert.equal(p.A.counters[R.TxNeighborPending], pendingA, 'no answer of the client waited for ARP');
    });
  });
}
