// send() and recv() of TcpSocket in every state that matters, against a crafted peer
// (test/tcp/peer.mjs): data queued before the handshake ends, what a FIN queued during it forbids,
// a single byte, what recv answers once nothing is left (0 or Closed, by state), and the window
// update that reading earns (at least min(MSS, half the ring) opened, none while a hole lasts or
// after the connection ended). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP send and recv by state', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];
    const buf = new Uint8Array(8);

    test('send in SYN-SENT queues the data; it follows the handshake', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      assert.equal(sock.send(pattern(50, 1), 0, 50), 50);
      assert.equal(sock.sendQueue(), 50);
      p.send({ sport: 80, dport: syn.sport, seq: 7000, ack: u32(syn.seq + 1), flags: F.Syn | F.Ack, mss: 1000 });
      const data = p.out().filter((s) => s.data.length);
      assert.equal(data.length, 1);
      assert.deepEqual(data[0].data, pattern(50, 1));
      assert.equal(data[0].seq, u32(syn.seq + 1));
    });

    test('send in SYN-RECEIVED queues the data; a close() there then forbids more', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 5000, flags: F.Syn, mss: 1000 });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      assert.equal(state(sock), 'SynReceived');
      assert.equal(sock.send(pattern(30, 2), 0, 30), 30);
      sock.close();
      assert.equal(state(sock), 'SynReceived');
      assert.equal(sock.send(pattern(30, 3), 0, 30), E.InvalidState, 'FIN queued: no more data');
      p.send({ seq: 5001, ack: u32(synAck.seq + 1), flags: F.Ack });
      const segs = p.out();
      const data = segs.filter((s) => s.data.length);
      assert.equal(data.length, 1);
      assert.deepEqual(data[0].data, pattern(30, 2));
      assert.ok(segs.some((s) => s.flags & F.Fin), 'the FIN follows the data');
    });

    test('one byte sent goes out at the next poll', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      assert.equal(c.sock.send(new Uint8Array([42]), 0, 1), 1);
      p.poll();
      const data = p.out().filter((s) => s.data.length);
      assert.equal(data.length, 1);
      assert.deepEqual([...data[0].data], [42]);
    });

    test('recv with nothing left: 0 while the peer may still send, Closed once its FIN came', () => {
      // ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2: 0.
      let p = craftedPeer(lib);
      let c = p.accept();
      assert.equal(c.sock.recv(buf, 0, 8), 0, 'Established');
      c.sock.close();
      p.poll();
      p.out();
      assert.equal(state(c.sock), 'FinWait1');
      assert.equal(c.sock.recv(buf, 0, 8), 0, 'FinWait1');
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack });
      assert.equal(state(c.sock), 'FinWait2');
      assert.equal(c.sock.recv(buf, 0, 8), 0, 'FinWait2');
      p.send({ seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'TimeWait');
      assert.equal(c.sock.recv(buf, 0, 8), E.Closed, 'TimeWait');
      // CLOSE-WAIT, LAST-ACK.
      p = craftedPeer(lib);
      c = p.accept();
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'CloseWait');
      assert.equal(c.sock.recv(buf, 0, 8), E.Closed, 'CloseWait');
      c.sock.close();
      assert.equal(state(c.sock), 'LastAck');
      assert.equal(c.sock.recv(buf, 0, 8), E.Closed, 'LastAck');
      // CLOSING: the FINs cross.
      p = craftedPeer(lib);
      c = p.accept();
      c.sock.close();
      p.poll();
      p.out();
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
      assert.equal(state(c.sock), 'Closing');
      assert.equal(c.sock.recv(buf, 0, 8), E.Closed, 'Closing');
      // LISTEN, SYN-SENT: 0.
      const l = p.socket();
      l.listen(99);
      assert.equal(l.recv(buf, 0, 8), 0, 'Listen');
      const s = p.socket();
      s.connect(p.peer, 99);
      assert.equal(s.recv(buf, 0, 8), 0, 'SynSent');
    });

    test('simultaneous open reset in SYN-RECEIVED: Closed with Reset, not back to listening', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 3000, flags: F.Syn });
      assert.equal(state(sock), 'SynReceived');
      p.out();
      p.send({ sport: 80, dport: syn.sport, seq: 3001, flags: F.Rst });
      assert.equal(state(sock), 'Closed');
      assert.equal(sock.error, E.Reset);
    });

    test('connect through a gateway to an address with the top bit set: remoteAddr is that unsigned address', () => {
      const p = craftedPeer(lib);
      p.iface.setAddress(p.us, 24, p.peer);
      const sock = p.socket();
      const a = lib.wire.parseIpv4Address('192.168.1.2');
      assert.equal(sock.connect(a, 80), 0);
      assert.equal(sock.remoteAddr, a);
      assert.equal(sock.remoteAddr, 0xc0a80102);
    });

    // A ring of rxBytes, the peer's MSS 1460 (ours too: MTU 1500): the update comes once reading
    // opened min(MSS, rxBytes / 2) bytes beyond the window last advertised, not one byte before.
    for (const [rxBytes, step] of [[4096, 1460], [2000, 1000]]) {
      test('window update after reading ' + step + ' bytes of a ' + rxBytes + '-byte ring, not after ' + (step - 1), () => {
        const p = craftedPeer(lib);
        const c = p.accept({ sockOpts: { rxBytes, ackDelay: 0 } });
        const fill = Math.min(rxBytes, 1460);
        p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(fill, 4) });
        const ack = p.out().pop();
        assert.equal(ack.window, rxBytes - fill);
        const got = new Uint8Array(fill);
        assert.equal(c.sock.recv(got, 0, step - 1), step - 1);
        p.poll();
        assert.equal(p.out().length, 0, 'no update for ' + (step - 1) + ' bytes');
        assert.equal(c.sock.recv(got, 0, 1), 1);
        p.poll();
        const upd = p.out();
        assert.equal(upd.length, 1, 'an update once ' + step + ' bytes are free');
        assert.equal(upd[0].window, rxBytes - fill + step);
      });
    }

    test('no window update from reading while a hole lasts', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 8192, ackDelay: 0 } });
      const d = pattern(4000, 5);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: d.subarray(0, 1460) });
      p.send({ seq: u32(c.rcv + 2920), ack: c.snd, flags: F.Ack, data: d.subarray(2920, 3000) });
      p.out();
      assert.equal(recvAll(c.sock).length, 1460);
      p.poll();
      assert.equal(p.out().length, 0, 'the hole keeps the advertised window');
    });

    test('no window update from reading what is left after a reset', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 4096, ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(1460, 6) });
      p.send({ seq: u32(c.rcv + 1460), ack: c.snd, flags: F.Ack, data: pattern(1460, 7) });
      p.out();
      p.send({ seq: u32(c.rcv + 2920), ack: c.snd, flags: F.Rst });
      assert.equal(state(c.sock), 'Closed');
      assert.equal(recvAll(c.sock).length, 2920);
      p.poll();
      assert.equal(p.out().length, 0, 'nothing sent for a closed connection');
      assert.equal(c.sock.recv(buf, 0, 8), E.Reset);
    });
  });
}
