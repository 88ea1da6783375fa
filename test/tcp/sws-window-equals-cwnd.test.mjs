// Sender SWS avoidance when the peer's window equals cwnd, against crafted segments on a jumbo
// interface (MTU 9000, so a 5000-byte MSS and an initial window of 14600, RFC 6928): a segment cut
// short by the two equal limits waits for a full one, as one cut short by cwnd does (the ACKs that
// open cwnd come); cut short by a window below cwnd, at least a quarter of it goes at once
// (RFC 9293 3.8.6.2.1). Both builds. No timestamps, Nagle off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, MAC_US, MAC_PEER } from '../iface/frames.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP sender SWS avoidance with the window equal to cwnd', () => {
    const w = lib.wire, F = w.TCP_FLAGS;

    /** Our socket connected on a jumbo interface to a peer announcing MSS 5000 and `window`;
     *  returns the data segment sizes sent for 20000 bytes queued. */
    function sizesFor(window) {
      const dev = captureDevice(MAC_US);
      dev.maxFrame = 9014;
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 5, mtu: 9000, arpLifetimeMs: 1e12 });
      iface.neighbors.fill(w.parseIpv4Address('10.0.0.2'), MAC_PEER, 0);
      const sock = new lib.socket.TcpSocket({ txBytes: 32768, nagle: false });
      iface.add(sock);
      assert.equal(sock.connect(w.parseIpv4Address('10.0.0.2'), 80), 0);
      iface.poll(1000);
      const parse = (f) => {
        const ip = w.createIpv4Repr(), t = w.createTcpRepr();
        assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
        assert.equal(w.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t), 0);
        return t;
      };
      const syn = parse(dev.sent.pop());
      assert.equal(syn.flags, F.Syn);
      dev.queue.push(craftedPeer(lib).frame({ sport: 80, dport: syn.srcPort, seq: 9000, ack: u32(syn.seq + 1), flags: F.Syn | F.Ack, mss: 5000, window }));
      iface.poll(1000);
      assert.equal(lib.socket.TCP_STATES[sock.state], 'Established');
      assert.equal(sock.cwnd, 14600, 'the initial window');
      dev.sent.length = 0;
      assert.equal(sock.send(pattern(20000, 1), 0, 20000), 20000);
      iface.poll(1000);
      return dev.sent.map(parse).filter((t) => t.payloadLen > 0).map((t) => t.payloadLen);
    }

    test('window 14600 = cwnd: the 4600 bytes left of it wait for a full segment', () => {
      assert.deepEqual(sizesFor(14600), [5000, 5000]);
    });

    test('window 14000 < cwnd: the 4000 bytes left of it, over a quarter of it, go', () => {
      assert.deepEqual(sizesFor(14000), [5000, 5000, 4000]);
    });
  });
}
