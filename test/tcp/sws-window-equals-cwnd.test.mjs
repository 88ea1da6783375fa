// Sender SWS avoidance when the peer's window equals cwnd, against crafted segments on a jumbo
// interface (MTU 9000, so a 5000-byte MSS and an initial window of 14600, RFC 6928): a segment cut
// short by the two equal limits waits for a full one, as one cut short by cwnd does (the ACKs that
// open cwnd come); cut short by a window below cwnd, at least a quarter of it goes at once
// (RFC 9293 3.8.6.2.1). A flight held back by a window equal to cwnd is window-bound: its ACK
// does not grow cwnd (only data sent while cwnd held the sender back does, RFC 7661). Both builds. No timestamps, Nagle off.
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
     *  returns the data segment sizes sent for `queued` bytes queued (and the connection). */
    function sizesFor(window, queued = 20000, conn = {}) {
      const dev = captureDevice(MAC_US);
      dev.maxFrame = 9014;
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 5, mtu: 9000, arpLifetimeMs: 1e12 });
      iface.neighbors.fill(w.parseIpv4Address('10.0.0.2'), MAC_PEER, 0);
      const sock = new lib.socket.TcpSocket({ txBytes: 65536, nagle: false });
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
      assert.equal(sock.send(pattern(queued, 1), 0, queued), queued);
      iface.poll(1000);
      const sizes = () => { const r = dev.sent.map(parse).filter((t) => t.payloadLen > 0).map((t) => t.payloadLen); dev.sent.length = 0; return r; };
      Object.assign(conn, { sock, sizes, ack: (n, win) => { dev.queue.push(craftedPeer(lib).frame({ sport: 80, dport: syn.srcPort, seq: 9001, ack: u32(syn.seq + 1 + n), flags: F.Ack, window: win })); iface.poll(1020); } });
      return sizes();
    }

    test('window 14600 = cwnd: the 4600 bytes left of it wait for a full segment', () => {
      assert.deepEqual(sizesFor(14600), [5000, 5000]);
    });

    test('window 14600 = cwnd: the flight is bound by the window, not cwnd, and its ACK does not grow cwnd', () => {
      const c = {};
      assert.deepEqual(sizesFor(14600, 40000, c), [5000, 5000]);
      c.ack(10000, 60000);
      assert.equal(c.sock.cwnd, 14600, 'not grown: cwnd did not hold the flight back');
      assert.deepEqual(c.sizes(), [5000, 5000], 'cwnd, now the smaller, allows two full segments again');
    });

    test('window 14000 < cwnd: the 4000 bytes left of it, over a quarter of it, go', () => {
      assert.deepEqual(sizesFor(14000), [5000, 5000, 4000]);
    });
  });
}
