// TCP state machine: listen backlog, simultaneous open and close, RST in each state, RFC 5961
// checks against blind injection, a SYN flood, a zero window; on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, pattern, transfer, drain } from './pair.mjs';
import { frameBuilder } from '../iface/frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP states', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);
    const state = (s) => ST[s.state];

    function established(opts = {}) {
      const p = tcpPair(lib, opts);
      const srv = new lib.socket.TcpSocket({ timeWait: 1000, ...opts.tcp }), cli = new lib.socket.TcpSocket({ timeWait: 1000, ...opts.tcp });
      p.B.add(srv);
      p.A.add(cli);
      srv.listen(80);
      cli.connect(p.ipB, 80);
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(cli), 'Established');
      return { ...p, srv, cli };
    }
    /** A segment from B's side of the connection to A (or the reverse), injected directly. */
    function inject(iface, from, to, flags, seq, ack = 0, tsVal = undefined) {
      const f = F.tcp({ src: from.addr, dst: to.addr, sport: from.port, dport: to.port, flags, seq, ack, tsVal, ethDst: iface.mac, ethSrc: from.mac });
      return iface.processEthernet(f, 0, f.length, iface.now);
    }
    const ends = (p, cli, srv) => ({
      a: { addr: '10.0.0.1', port: cli.localPort, mac: 0x020000000001 },
      b: { addr: '10.0.0.2', port: srv.localPort, mac: 0x020000000002 },
    });

    test('listen backlog of 4 with 6 clients: 4 connect, 2 wait (SYNs dropped, no RST), then get in', () => {
      const p = tcpPair(lib);
      const listeners = [];
      for (let i = 0; i < 4; i++) {
        const l = new lib.socket.TcpSocket();
        p.B.add(l);
        assert.equal(l.listen(8080), 0, 'several LISTEN sockets on one endpoint');
        listeners.push(l);
      }
      const clients = [];
      for (let i = 0; i < 6; i++) {
        const c = new lib.socket.TcpSocket({ initialRto: 1000 });
        p.A.add(c);
        assert.equal(c.connect(p.ipB, 8080), 0);
        clients.push(c);
      }
      p.run({ idleAfterMs: 500 });
      assert.equal(clients.filter((c) => state(c) === 'Established').length, 4);
      assert.equal(clients.filter((c) => state(c) === 'SynSent').length, 2);
      assert.equal(listeners.filter((l) => state(l) === 'Established').length, 4);
      assert.ok(p.B.counters[R.TcpListenFull] >= 2);
      assert.equal(p.B.counters[R.TcpNoSocket], 0, 'no RST while the endpoint has listeners');
      // One connection ends; its socket listens again: a waiting client gets in on its next SYN.
      const done = listeners[0];
      done.abort();
      assert.equal(done.listen(8080), 0);
      p.run({ idleAfterMs: 5000 });
      assert.equal(clients.filter((c) => state(c) === 'Established').length, 4);
      assert.equal(state(done), 'Established');
    });

    test('a SYN for a port that listens only at another of our addresses gets a RST, not the backlog\'s silence', () => {
      const p = tcpPair(lib);
      const l = new lib.socket.TcpSocket();
      p.B.add(l);
      assert.equal(l.listen(8080, lib.wire.parseIpv4Address('10.0.0.77')), 0);
      const c = new lib.socket.TcpSocket({ initialRto: 1000 });
      p.A.add(c);
      assert.equal(c.connect(p.ipB, 8080), 0);
      p.run({ idleAfterMs: 500 });
      assert.equal(state(c), 'Closed');
      assert.equal(c.error, E.Reset, 'the RST refuses the connection');
      assert.equal(p.B.counters[R.TcpListenFull], 0);
      assert.equal(p.B.counters[R.TcpNoSocket], 1);
      assert.equal(state(l), 'Listen', 'the other address\'s listener is untouched');
    });

    test('simultaneous open: both connect at once and meet', () => {
      const p = tcpPair(lib);
      const a = new lib.socket.TcpSocket(), b = new lib.socket.TcpSocket();
      p.A.add(a);
      p.B.add(b);
      assert.equal(a.connect(p.ipB, 6000, 5000), 0);
      assert.equal(b.connect(p.ipA, 5000, 6000), 0);
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(a), 'Established');
      assert.equal(state(b), 'Established');
      const d = pattern(5000, 3);
      const r = transfer(p, a, b, d, { close: false });
      assert.deepEqual(r.got, d);
    });

    test('simultaneous close: both FINs cross, both pass Closing and TIME-WAIT', () => {
      const { cli, srv, A, B, wire, run } = established();
      cli.close();
      srv.close();
      A.poll(wire.now);
      B.poll(wire.now);
      assert.equal(state(srv), 'Closing');
      run({ idleAfterMs: 10 });
      assert.equal(state(cli), 'TimeWait');
      assert.equal(state(srv), 'TimeWait');
      run();
      assert.equal(state(cli), 'Closed');
      assert.equal(state(srv), 'Closed');
    });

    test('RST in each state resets the connection (exact sequence number)', () => {
      const cases = {
        Established: (x) => x,
        FinWait1: (x) => { x.cli.close(); x.A.poll(x.wire.now); return x; },
        FinWait2: (x) => { x.cli.close(); x.run({ idleAfterMs: 10 }); return x; },
        CloseWait: (x) => { x.srv.close(); x.run({ idleAfterMs: 10 }); return x; },
        Closing: (x) => { x.cli.close(); x.srv.close(); x.B.poll(x.wire.now); x.A.poll(x.wire.now); return x; },
        LastAck: (x) => { x.srv.close(); x.run({ idleAfterMs: 10 }); x.cli.close(); x.A.poll(x.wire.now); return x; },
        TimeWait: (x) => { x.cli.close(); x.srv.close(); x.run({ idleAfterMs: 10 }); return x; },
      };
      for (const [st, reach] of Object.entries(cases)) {
        const x = reach(established());
        const sock = state(x.cli) === st ? x.cli : x.srv;
        assert.equal(state(sock), st, 'reached ' + st);
        const onA = sock === x.cli;
        const e = ends(x, x.cli, x.srv);
        const r = inject(onA ? x.A : x.B, onA ? e.b : e.a, onA ? e.a : e.b, 4, sock.rcvNxt);
        assert.equal(r, R.TcpDelivered, st);
        assert.equal(state(sock), 'Closed', st + ' -> Closed');
        const expectErr = st === 'Closing' || st === 'LastAck' || st === 'TimeWait' ? 0 : E.Reset;
        assert.equal(sock.error, expectErr, st + ' error');
      }
    });

    test('RST in SynReceived sends a passive socket back to LISTEN', () => {
      const p = tcpPair(lib);
      const l = new lib.socket.TcpSocket();
      p.B.add(l);
      l.listen(80);
      const from = { addr: '10.0.0.1', port: 40000, mac: 0x020000000001 }, to = { addr: '10.0.0.2', port: 80 };
      assert.equal(inject(p.B, from, to, 2, 1000), R.TcpDelivered);
      assert.equal(state(l), 'SynReceived');
      assert.equal(inject(p.B, from, to, 4, 1001), R.TcpDelivered);
      assert.equal(state(l), 'Listen');
    });

    test('RFC 5961: a blind RST or SYN in the window gets a challenge ACK; the connection survives', () => {
      const x = established();
      const e = ends(x, x.cli, x.srv);
      const sent = () => x.wire.stats.sent;
      // The connection agreed on timestamps: what is injected carries a current one, so that
      // only the checks of RFC 5961 can turn it away (PAWS has its own tests).
      assert.ok(x.cli.ts.ok);
      const ts = x.cli.ts.recent;
      let before = sent();
      assert.equal(inject(x.A, e.b, e.a, 4, (x.cli.rcvNxt + 100) >>> 0), R.TcpRejected, 'RST not at rcvNxt');
      x.A.poll(x.wire.now);
      assert.equal(state(x.cli), 'Established');
      assert.equal(sent() - before, 1, 'one challenge ACK');
      before = sent();
      assert.equal(inject(x.A, e.b, e.a, 2, x.cli.rcvNxt, 0, ts), R.TcpRejected, 'SYN on an established connection');
      assert.equal(state(x.cli), 'Established');
      assert.equal(sent() - before, 1, 'challenge ACK for the SYN');
      // Data acknowledging bytes never sent: dropped, challenge ACK, nothing delivered.
      before = sent();
      assert.equal(inject(x.A, e.b, e.a, 16, x.cli.rcvNxt, (x.cli.sndNxt + 50000) >>> 0, ts), R.TcpRejected);
      assert.equal(sent() - before, 1);
      // Outside the window: dropped (with an ACK), no state change.
      assert.equal(inject(x.A, e.b, e.a, 4, (x.cli.rcvNxt + 1e6) >>> 0), R.TcpRejected);
      assert.equal(state(x.cli), 'Established');
      // The real connection still works.
      const d = pattern(3000, 4);
      assert.deepEqual(transfer(x, x.srv, x.cli, d, { close: false }).got, d);
    });

    test('a flood of 10,000 SYNs from random ports: the established connection keeps its data, pools hold', () => {
      const x = established({ tcp: { maxRetries: 3, initialRto: 200 } });
      const spare = new lib.socket.TcpSocket({ maxRetries: 3, initialRto: 200 });
      x.B.add(spare);
      spare.listen(80);
      const countBefore = x.B.set.count, capBefore = x.B.set.capacity;
      const data = pattern(200000, 5);
      let sent = 0;
      const got = [];
      let seed = 12345;
      const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0);
      for (let i = 0; i < 10000; i++) {
        const from = { addr: '10.0.0.' + (3 + (rnd() % 250)), port: 1024 + (rnd() % 60000), mac: 0x0200000000ff };
        inject(x.B, from, { addr: '10.0.0.2', port: 80 }, 2, rnd());
        if (i % 50 === 0) {
          if (sent < data.length) sent += Math.max(0, x.cli.send(data, sent, data.length - sent));
          x.wire.now += 1;
          x.A.poll(x.wire.now);
          x.B.poll(x.wire.now);
          drain(x.srv, got);
        }
      }
      const rest = transfer(x, x.cli, x.srv, data.subarray(sent), { close: false });
      const all = Uint8Array.from([...got, ...rest.got]);
      assert.equal(all.length, data.length);
      assert.deepEqual(all, data, 'the established connection lost nothing');
      assert.equal(x.B.set.count, countBefore, 'no socket was created');
      assert.equal(x.B.set.capacity, capBefore, 'the socket table did not grow');
      assert.ok(x.B.counters[R.TcpListenFull] > 9000, 'flood SYNs dropped and counted: ' + x.B.counters[R.TcpListenFull]);
      // Dropped SYNs get no answer, so no ARP request and no neighbour entry for the flood's other
      // addresses: the cache holds the real peer and the one flood address the spare listener
      // answered.
      const known = [];
      for (let i = 0; i < x.B.neighbors.size; i++) if (x.B.neighbors.state[i] !== 0) known.push(x.B.neighbors.ip[i]);
      assert.ok(spare.remoteAddr !== 0, 'the spare listener took one flood SYN');
      assert.deepEqual(known.sort(), [x.ipA, spare.remoteAddr].sort(), 'the neighbour cache holds only the addresses answered');
    });

    test('a peer that advertises a zero window for a while: persist probes, then the data flows', () => {
      const x = established({ tcp: { rxBytes: 2048, txBytes: 8192 } });
      const d = pattern(8000, 6);
      let sent = x.cli.send(d, 0, d.length);
      x.run({ idleAfterMs: 100 });
      assert.equal(x.srv.rx.free(), 0, 'receiver full: window 0');
      const segsBefore = x.wire.stats.sent;
      // Nobody reads for 20 s of virtual time: the sender probes with growing intervals.
      const end = x.wire.now + 20000;
      while (x.wire.now < end) {
        x.A.poll(x.wire.now); x.B.poll(x.wire.now);
        const t = Math.min(...[x.A.pollAt(x.wire.now), x.B.pollAt(x.wire.now), x.wire.nextArrival()].filter((v) => v >= 0), end);
        x.wire.now = Math.max(t, x.wire.now + 1);
      }
      const probes = x.wire.stats.sent - segsBefore;
      assert.ok(probes >= 4 && probes < 60, 'probes and their answers: ' + probes);
      assert.equal(state(x.cli), 'Established', 'probing keeps the connection');
      assert.equal(sent, d.length, 'all queued in the send ring');
      // The application reads at last: window updates open the flow and the rest arrives.
      const got = [];
      for (let i = 0; i < 10000 && got.length < d.length; i++) {
        drain(x.srv, got);
        x.A.poll(x.wire.now); x.B.poll(x.wire.now);
        x.wire.now += 1;
      }
      assert.deepEqual(Uint8Array.from(got), d);
    });
  });
}
