// What the handshake takes from the peer's SYN, against a crafted peer (test/tcp/peer.mjs): the
// MSS (536 without the option, an MSS of 1 taken as it is, an MSS no larger than the timestamp
// option kept whole), the initial window (RFC 6928: min(10 MSS, max(2 MSS, 14600))), the window
// update mark after a passive open from a peer whose ISN has the top bit set, a simultaneous
// open (our SYN-ACK goes at once; the peer's retransmitted SYN gets it again), and a RST that
// ends SYN-SENT counted as delivered. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { captureDevice, MAC_US, MAC_PEER } from '../iface/frames.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP handshake fields against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;
    const ST = lib.socket.TCP_STATES;
    const R = lib.iface.RESULTS;
    const dataSizes = (p) => p.out().filter((s) => s.data.length).map((s) => s.data.length);

    test('a SYN-ACK without an MSS option: segments of 536 bytes (RFC 9293 3.7.1)', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 0, sockOpts: { txBytes: 4096, nagle: false } });
      c.sock.send(pattern(1200, 1), 0, 1200);
      p.poll();
      assert.deepEqual(dataSizes(p), [536, 536, 128]);
    });

    test('an MSS of 1 is taken as it is: one byte a segment', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1, sockOpts: { nagle: false } });
      c.sock.send(pattern(3, 1), 0, 3);
      p.poll();
      assert.deepEqual(dataSizes(p), [1, 1, 1]);
    });

    test('with timestamps, an MSS of exactly the option\'s 12 bytes keeps 12 bytes a segment (not 0)', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 12, tsVal: 77, sockOpts: { nagle: false } });
      c.sock.send(pattern(24, 1), 0, 24);
      p.poll();
      assert.deepEqual(dataSizes(p), [12, 12]);
    });

    // An interface on a device that takes jumbo frames (MTU 9000): our MSS is 8960, so the
    // peer's MSS alone sets the segment size and the initial window.
    function jumboConnect(mss) {
      const w = lib.wire;
      const dev = captureDevice(MAC_US);
      dev.maxFrame = 9014;
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 5, mtu: 9000, arpLifetimeMs: 1e12 });
      const peer = w.parseIpv4Address('10.0.0.2');
      iface.neighbors.fill(peer, MAC_PEER, 0);
      const sock = new lib.socket.TcpSocket();
      iface.add(sock);
      assert.equal(sock.connect(peer, 80), 0);
      iface.poll(1000);
      const f = dev.sent.pop();
      const ip = w.createIpv4Repr(), t = w.createTcpRepr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
      assert.equal(w.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t), 0);
      assert.equal(t.flags, F.Syn);
      assert.equal(t.mss, 8960, 'our MSS on a 9000-byte MTU');
      // The SYN-ACK, built by the crafted peer's frame maker (its addresses are the same).
      const synAck = craftedPeer(lib).frame({ sport: 80, dport: t.srcPort, seq: 9000, ack: u32(t.seq + 1), flags: F.Syn | F.Ack, mss });
      dev.queue.push(synAck);
      iface.poll(1000);
      assert.equal(ST[sock.state], 'Established');
      return sock;
    }

    test('the initial window is 10 MSS below 1460 bytes, 14600 from there up to 7300, 2 MSS above (RFC 6928)', () => {
      const p = craftedPeer(lib);
      for (const [mss, iw] of [[536, 5360], [1400, 14000], [1460, 14600]]) {
        const c = p.connect({ mss });
        assert.equal(c.sock.cwnd, iw, 'MSS ' + mss);
      }
      for (const [mss, iw] of [[1500, 14600], [5000, 14600], [7300, 14600], [7301, 14602], [8000, 16000]]) {
        assert.equal(jumboConnect(mss).cwnd, iw, 'MSS ' + mss);
      }
    });

    test('a passive open from a peer whose ISN has the top bit set: a later window update is taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ irs: 0x90000000, sockOpts: { txBytes: 8192, nagle: false } });
      // A pure ACK shrinking the window to 1000 bytes (its seq is past the SYN's).
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, window: 1000 });
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      assert.deepEqual(dataSizes(p), [1000], 'only the 1000 bytes the window allows');
    });

    test('the SYN-ACK\'s window is taken unscaled (RFC 7323 2.2), also when our ISS has the top bit set', () => {
      for (const iss of [1000, 0x90000000]) {
        const p = craftedPeer(lib);
        const c = p.connect({ iss, window: 1000, wscale: 3, sockOpts: { txBytes: 16384, nagle: false } });
        c.sock.send(pattern(3000, 2), 0, 3000);
        p.poll();
        assert.deepEqual(dataSizes(p), [1000], 'ISS ' + iss + ': 1000 bytes, not 8000');
      }
    });

    test('simultaneous open: our SYN-ACK goes at once, and again for the peer\'s retransmitted SYN', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 3000, flags: F.Syn, mss: 1000 });
      assert.equal(ST[sock.state], 'SynReceived');
      let out = p.out();
      assert.deepEqual(out.map((s) => s.flags), [F.Syn | F.Ack], 'the SYN-ACK, at once');
      assert.equal(out[0].seq, syn.seq);
      assert.equal(out[0].ack, 3001);
      // The peer did not get it and sends its SYN again: our SYN-ACK answers it again.
      p.send({ sport: 80, dport: syn.sport, seq: 3000, flags: F.Syn, mss: 1000 });
      out = p.out();
      assert.deepEqual(out.map((s) => s.flags), [F.Syn | F.Ack], 'the SYN-ACK again');
      assert.equal(out[0].ack, 3001);
      // The handshake completes.
      p.send({ sport: 80, dport: syn.sport, seq: 3001, ack: u32(syn.seq + 1), flags: F.Ack });
      assert.equal(ST[sock.state], 'Established');
    });

    test('a RST with an acceptable ACK ends SYN-SENT and counts as delivered; one without ACK is rejected', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      const delivered = p.iface.counters[R.TcpDelivered], rejected = p.iface.counters[R.TcpRejected];
      p.send({ sport: 80, dport: syn.sport, seq: 0, flags: F.Rst });
      assert.equal(ST[sock.state], 'SynSent', 'a RST without ACK is ignored in SYN-SENT');
      assert.equal(p.iface.counters[R.TcpRejected], rejected + 1);
      p.send({ sport: 80, dport: syn.sport, seq: 0, ack: u32(syn.seq + 1), flags: F.Rst | F.Ack });
      assert.equal(ST[sock.state], 'Closed');
      assert.equal(sock.error, lib.socket.SOCKET_ERRORS.Reset);
      assert.equal(p.iface.counters[R.TcpDelivered], delivered + 1, 'the RST was taken');
      assert.equal(p.iface.counters[R.TcpRejected], rejected + 1);
    });
  });
}
