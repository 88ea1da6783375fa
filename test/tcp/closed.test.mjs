// What a TcpSocket leaves behind when it reaches CLOSED, and what the next connection starts
// from, against a crafted peer (test/tcp/peer.mjs): the closed socket leaves the dispatch tables
// (the peer's next segment gets the interface's RST, a SYN to a port no longer listened on too),
// drops its timers (no wake-up due), keeps its error through a later abort(); a new connection
// takes its ISN from the override once (0 included) or from RFC 6528's clock (the same 4-tuple
// later: higher by the 4 us ticks in between), starts its timestamp clock at a keyed offset
// (RFC 7323 5.4), and inherits no small segment in flight (Nagle). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP in and out of CLOSED', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const F = lib.wire.TCP_FLAGS;
    const state = (s) => ST[s.state];

    test('an aborted connection leaves the tables: the peer\'s next segment gets the interface\'s RST', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      c.sock.abort();
      assert.equal(p.out().length, 1, 'our RST');
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      const out = p.out();
      assert.equal(out.length, 1);
      assert.equal(out[0].flags & F.Rst, F.Rst);
      assert.equal(out[0].seq, c.snd);
    });

    test('a listener whose connection ended no longer holds its port: a SYN gets a RST, not silence', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Rst });
      assert.equal(state(c.sock), 'Closed');
      p.send({ seq: 100, sport: 40001, flags: F.Syn });
      const out = p.out();
      assert.equal(out.length, 1);
      assert.equal(out[0].flags, F.Rst | F.Ack);
      // Nor any other port (port 1 included).
      p.send({ seq: 100, sport: 40002, dport: 1, flags: F.Syn });
      assert.equal(p.out().length, 1);
    });

    test('a closed connection leaves no timer: nothing is due', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      c.sock.send(pattern(100, 2), 0, 100);
      p.poll();
      p.out();
      assert.ok(p.iface.pollAt(p.now) > p.now, 'the retransmission timer runs');
      c.sock.abort();
      assert.equal(p.iface.pollAt(p.now), -1);
    });

    test('abort() of a socket already closed by a RST keeps its error', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Rst });
      assert.equal(c.sock.error, E.Reset);
      c.sock.abort();
      assert.equal(c.sock.error, E.Reset);
      assert.equal(c.sock.recv(new Uint8Array(4), 0, 4), E.Reset);
    });

    test('isnOverride: 0 is used as the ISN, and only for the next connection', () => {
      const p = craftedPeer(lib);
      const s = p.socket();
      s.isnOverride = 0;
      s.connect(p.peer, 80);
      p.poll();
      assert.equal(p.out().find((x) => x.flags === F.Syn).seq, 0);
      s.abort();
      s.isnOverride = 1000;
      s.connect(p.peer, 80);
      p.poll();
      assert.equal(p.out().find((x) => x.flags === F.Syn).seq, 1000);
      s.abort();
      s.connect(p.peer, 80);
      p.poll();
      const isn = p.out().find((x) => x.flags === F.Syn).seq;
      assert.notEqual(isn, 1000);
      assert.notEqual(isn, 0);
    });

    test('the same 4-tuple a second later: the ISN is higher by the 4 us ticks in between (RFC 6528)', () => {
      const p = craftedPeer(lib);
      const s = p.socket();
      s.connect(p.peer, 80, 50000);
      p.poll();
      const a = p.out().find((x) => x.flags === F.Syn).seq;
      s.abort();
      p.now += 1000;
      s.connect(p.peer, 80, 50000);
      p.poll();
      const b = p.out().find((x) => x.flags === F.Syn).seq;
      assert.equal(u32(b - a), 250000);
    });

    test('our timestamp clock starts at a keyed offset, different per 4-tuple (RFC 7323 5.4)', () => {
      const p = craftedPeer(lib);
      const offs = [];
      for (const port of [80, 81]) {
        const s = p.socket();
        s.connect(p.peer, port);
        p.poll();
        const syn = p.out().find((x) => x.flags === F.Syn);
        assert.ok(syn.ts, 'our SYN offers timestamps');
        offs.push(u32(syn.ts.val - p.now));
      }
      assert.notEqual(offs[0], offs[1]);
      assert.ok(offs[0] !== 0 || offs[1] !== 0);
    });

    test('a small segment in flight when the last connection ended does not hold back the next one\'s (Nagle)', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ iss: 100000 });
      c.sock.send(pattern(10, 3), 0, 10);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      c.sock.abort();
      p.out();
      // The next connection's sequence space lies below the old small segment.
      c.sock.isnOverride = 50000;
      c.sock.connect(p.peer, 80, c.port);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 9000, ack: 50001, flags: F.Syn | F.Ack });
      p.out();
      c.sock.send(pattern(10, 4), 0, 10);
      p.poll();
      const data = p.out().filter((s) => s.data.length);
      assert.equal(data.length, 1, 'the first small segment goes at once');
    });
  });
}
