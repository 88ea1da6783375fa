// Ending a TcpSocket before or outside ESTABLISHED, against a crafted peer (test/tcp/peer.mjs):
// close() and abort() in LISTEN, SYN-SENT and SYN-RECEIVED (a RST only where the peer knows of
// the connection), and the interface dropping its address (only the connections from that address
// end, with Unaddressable; listeners and closed sockets keep their state and error). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP close, abort and a dropped address', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];

    test('close() in LISTEN: Closed, a SYN then gets a RST', () => {
      const p = craftedPeer(lib);
      const s = p.socket();
      s.listen(80);
      s.close();
      assert.equal(state(s), 'Closed');
      assert.equal(s.error, 0);
      p.send({ seq: 10, flags: F.Syn });
      const out = p.out();
      assert.equal(out.length, 1);
      assert.equal(out[0].flags & F.Rst, F.Rst);
    });

    test('close() in SYN-SENT: Closed at once, the SYN is not sent again', () => {
      const p = craftedPeer(lib);
      const s = p.socket();
      s.connect(p.peer, 80);
      p.poll();
      assert.equal(p.out().length, 1);
      s.close();
      assert.equal(state(s), 'Closed');
      assert.equal(s.error, 0);
      p.now += 10000;
      p.poll();
      assert.equal(p.out().length, 0);
    });

    test('abort() sends a RST in SYN-RECEIVED, nothing in SYN-SENT or LISTEN', () => {
      const p = craftedPeer(lib);
      const l = p.socket();
      l.listen(80);
      l.abort();
      assert.equal(state(l), 'Closed');
      assert.equal(p.out().length, 0, 'LISTEN');
      const s = p.socket();
      s.connect(p.peer, 80);
      p.poll();
      p.out();
      s.abort();
      assert.equal(state(s), 'Closed');
      p.poll();
      assert.equal(p.out().length, 0, 'SYN-SENT');
      const r = p.socket();
      r.listen(81);
      p.send({ seq: 500, dport: 81, flags: F.Syn });
      const synAck = p.out().find((x) => x.flags === (F.Syn | F.Ack));
      assert.equal(state(r), 'SynReceived');
      r.abort();
      assert.equal(state(r), 'Closed');
      assert.equal(r.error, 0);
      const rst = p.out();
      assert.equal(rst.length, 1, 'SYN-RECEIVED');
      assert.equal(rst[0].flags, F.Rst | F.Ack);
      assert.equal(rst[0].seq, u32(synAck.seq + 1));
      assert.equal(rst[0].ack, 501);
    });

    test('the address dropped: its connection ends with Unaddressable; a listener on it and a closed socket keep theirs', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      const l = p.socket();
      assert.equal(l.listen(81, p.us), 0);
      // A closed socket whose last connection was from this address, ended by a RST.
      const d = p.connect({ irs: 700 });
      p.send({ sport: 80, dport: d.port, seq: d.rcv, ack: d.snd, flags: F.Rst });
      assert.equal(d.sock.error, E.Reset);
      assert.equal(d.sock.localAddr, p.us);
      p.iface.dropAddress();
      assert.equal(state(c.sock), 'Closed');
      assert.equal(c.sock.error, E.Unaddressable);
      assert.equal(state(l), 'Listen');
      assert.equal(l.error, 0);
      assert.equal(d.sock.error, E.Reset, 'a closed socket keeps its error');
      assert.equal(p.out().length, 0, 'no RST from an address that is gone');
    });

    test('a connection from an earlier address outlives dropping the current one', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      p.iface.setAddress('10.0.0.7', 24);
      p.iface.dropAddress();
      assert.equal(state(c.sock), 'Established');
      assert.equal(c.sock.error, 0);
    });
  });
}
