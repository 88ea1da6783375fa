// The interface's TCP ingress around the socket (issue 17's mutation run of interface.ts, lines
// 296 on): which busy listeners make a SYN wait (ListenFull) rather than earn a RST, and the
// socket being processed as the one a send waiting for ARP parks: the segment's own socket, and no
// other afterwards. Both builds; frames in, frames, counters and pollAt out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP ingress and the current socket', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const A = F.A;
    const w = lib.wire;
    function setup(extra = {}) {
      const dev = captureDevice();
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9, ...extra });
      iface.neighbors.fill(A('10.0.0.2'), MAC_PEER, 0);
      return { dev, iface };
    }
    const feed = (iface, f, now = 0) => iface.processEthernet(f, 0, f.length, now);
    const syn = (sport) => F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', sport, dport: 80, flags: 2, seq: 1000 });
    function tcpOf(f) {
      const ip = w.createIpv4Repr(), t = w.createTcpRepr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
      assert.equal(ip.protocol, 6);
      assert.equal(w.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t), 0);
      return t;
    }

    for (const [what, bound] of [['a wildcard listener in slot 0', undefined], ['a listener bound to our address', '10.0.0.1']]) {
      test(what + ', busy with a connection: another SYN waits (ListenFull), no RST', () => {
        const { iface, dev } = setup();
        const l = new lib.socket.TcpSocket();
        iface.add(l);
        assert.equal(l.slot, 0);
        assert.equal(l.listen(80, bound === undefined ? undefined : A(bound)), 0);
        assert.equal(feed(iface, syn(40000)), R.TcpDelivered);
        assert.equal(feed(iface, syn(40001)), R.TcpListenFull);
        assert.equal(dev.sent.length, 0, 'no RST');
        assert.equal(iface.counters[R.TcpNoSocket], 0);
      });
    }

    test('the RST for a segment without ACK has sequence number 0, also right after a RST that took its number from an ACK', () => {
      const { iface, dev } = setup();
      const seg = (flags, ack) => F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', sport: 40000, dport: 81, flags, seq: 7000, ack });
      assert.equal(feed(iface, seg(16, 123456789)), R.TcpNoSocket);
      const first = tcpOf(dev.sent[0]);
      assert.equal(first.seq, 123456789);
      assert.equal(first.flags, 4, 'RST alone');
      assert.equal(feed(iface, seg(2, 0)), R.TcpNoSocket);
      const second = tcpOf(dev.sent[1]);
      assert.equal(second.flags, 4 | 16, 'RST and ACK');
      assert.equal(second.seq, 0);
      assert.equal(second.ack, 7001);
    });

    /** A connection accepted by a listener on port 80 from 10.0.0.2:40000, established at time 0. */
    function established(extra) {
      const { iface, dev } = setup(extra);
      const l = new lib.socket.TcpSocket();
      iface.add(l);
      assert.equal(l.listen(80), 0);
      assert.equal(feed(iface, syn(40000)), R.TcpDelivered);
      iface.poll(0);
      const sa = tcpOf(dev.sent[dev.sent.length - 1]);
      assert.equal(sa.flags, 2 | 16, 'the SYN-ACK');
      const ack = F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', sport: 40000, dport: 80, flags: 16, seq: 1001, ack: (sa.seq + 1) >>> 0 });
      assert.equal(feed(iface, ack), R.TcpDelivered);
      iface.poll(0);
      assert.equal(l.isOpen(), true);
      return { iface, dev, l, ourSeq: (sa.seq + 1) >>> 0 };
    }

    test('an ACK the socket sends while processing a segment, for want of the neighbour, parks that socket until the ARP retry', () => {
      const { iface, dev, ourSeq } = established({ arpLifetimeMs: 500 });
      const before = dev.sent.length;
      // The neighbour's entry expired more than a lifetime ago, unused since, so it is gone; an old
      // duplicate earns an ACK at once, which must wait.
      const old = F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', sport: 40000, dport: 80, flags: 16, seq: 1001 - 5000, ack: ourSeq });
      dev.queue.push(old);
      iface.poll(1100);
      assert.equal(iface.counters[R.TcpRejected], 1);
      assert.equal(iface.counters[R.TxNeighborPending], 1);
      assert.equal(dev.sent.length, before + 1, 'only the ARP request went out');
      assert.equal(iface.set.parkedCount, 1, 'the socket waits for the neighbour');
      assert.equal(iface.pollAt(1100), 2100, 'poll is due at the ARP retry');
    });

    test('after a segment is processed no socket is current: a later send waiting for ARP parks nobody', () => {
      const { iface, dev } = established();
      const idle = iface.pollAt(0);
      // A segment for the connection, then a ping from a host not yet resolved, in one poll.
      dev.queue.push(F.tcp({ src: '10.0.0.2', dst: '10.0.0.1', sport: 40000, dport: 80, flags: 16, seq: 1001, ack: tcpOf(dev.sent[0]).seq + 1 }));
      dev.queue.push(F.icmp({ src: '10.0.0.6', dst: '10.0.0.1', type: 8, ident: 1, seq: 1, data: Uint8Array.of(1, 2) }));
      iface.poll(10);
      assert.equal(iface.counters[R.TxNeighborPending], 1, 'the echo reply waits for ARP');
      assert.equal(iface.set.parkedCount, 0, 'no socket parked for it');
      assert.equal(iface.pollAt(10), idle < 0 ? -1 : (idle < 10 ? 10 : idle), 'poll is not due at the ARP retry');
    });
  });
}
