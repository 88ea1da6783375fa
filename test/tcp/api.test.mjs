// TcpSocket's user API at its edges, against a crafted peer (test/tcp/peer.mjs): the ports listen
// and connect take, addresses connect refuses (RFC 1122 4.2.3.10: no connection to a broadcast
// address), what listen and remove() leave of an earlier connection. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP API edges', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const F = lib.wire.TCP_FLAGS;
    const ip = lib.wire.parseIpv4Address;
    const state = (s) => ST[s.state];

    test('listen takes ports 1 to 65535, whole numbers only', () => {
      const p = craftedPeer(lib);
      for (const port of [0, 65536, -1, 80.5, NaN]) assert.equal(p.socket().listen(port), E.Unaddressable, 'port ' + port);
      for (const port of [1, 65535]) {
        const s = p.socket();
        assert.equal(s.listen(port), 0, 'port ' + port);
        assert.equal(state(s), 'Listen');
        assert.equal(s.localPort, port);
      }
    });

    test('listen on an address with the top bit set keeps it as an unsigned number', () => {
      const p = craftedPeer(lib);
      const s = p.socket();
      const a = ip('192.168.7.1');
      assert.equal(s.listen(80, a), 0);
      assert.equal(s.localAddr, a);
      assert.equal(s.localAddr, 0xc0a80701);
    });

    test('connect takes remote ports 1 to 65535 and a non-zero address', () => {
      const p = craftedPeer(lib);
      for (const port of [0, 65536, -5]) {
        const s = p.socket();
        assert.equal(s.connect(p.peer, port), E.Unaddressable, 'port ' + port);
        assert.equal(state(s), 'Closed');
      }
      assert.equal(p.socket().connect(0, 80), E.Unaddressable);
      p.poll();
      assert.equal(p.out().length, 0, 'nothing sent for a refused connect');
      for (const port of [1, 65535]) {
        const s = p.socket();
        assert.equal(s.connect(p.peer, port), 0, 'port ' + port);
        p.poll();
        const syn = p.out().find((x) => x.flags === F.Syn);
        assert.equal(syn.dport, port);
      }
    });

    test('connect refuses the limited and the subnet broadcast address, and multicast: nothing is sent', () => {
      const p = craftedPeer(lib);
      for (const a of [0xffffffff, ip('10.0.0.255'), ip('224.0.0.1')]) {
        const s = p.socket();
        assert.equal(s.connect(a, 80), E.Unaddressable, 'address ' + a.toString(16));
        assert.equal(state(s), 'Closed');
        assert.equal(s.localPort, 0);
        p.poll();
        assert.equal(p.out().length, 0, 'no SYN to ' + a.toString(16));
      }
    });

    test('listen after a connection that was reset: no error, no peer, nothing to read', () => {
      const p = craftedPeer(lib);
      const c = p.connect();
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, data: new Uint8Array([1, 2, 3]) });
      p.send({ sport: 80, dport: c.port, seq: (c.rcv + 3) >>> 0, ack: c.snd, flags: F.Rst | F.Ack });
      assert.equal(state(c.sock), 'Closed');
      assert.equal(c.sock.error, E.Reset);
      assert.equal(c.sock.listen(8080), 0);
      assert.equal(c.sock.error, 0);
      assert.equal(c.sock.remoteAddr, 0);
      assert.equal(c.sock.remotePort, 0);
      assert.equal(c.sock.recv(new Uint8Array(8), 0, 8), 0, 'nothing left of the first connection');
    });

    test('remove() takes a connected socket back to its fresh state', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      const h = sock.handle;
      sock.isnOverride = 1000;
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 9000, ack: 1001, flags: F.Syn | F.Ack });
      assert.equal(state(sock), 'Established');
      p.send({ sport: 80, dport: syn.sport, seq: 9001, ack: 1001, flags: F.Rst });
      assert.equal(sock.error, E.Reset);
      assert.equal(p.iface.remove(h), 0);
      assert.equal(state(sock), 'Closed');
      assert.equal(sock.error, 0);
      assert.equal(sock.localPort, 0);
      assert.equal(sock.remoteAddr, 0);
      assert.equal(sock.remotePort, 0);
    });

    test('remove() of an established socket closes it', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      assert.equal(state(c.sock), 'Established');
      assert.equal(p.iface.remove(c.sock.handle), 0);
      assert.equal(state(c.sock), 'Closed');
      assert.equal(c.sock.isOpen(), false);
    });

    test('connect to 0.0.0.0 is refused even with a gateway', () => {
      const p = craftedPeer(lib);
      p.iface.setAddress(p.us, 24, p.peer);
      const s = p.socket();
      assert.equal(s.connect(0, 80), E.Unaddressable);
      p.poll();
      assert.equal(p.out().length, 0);
    });
  });
}
