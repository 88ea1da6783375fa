// TCP between two interfaces on the virtual wire: handshake, data both ways, half-close, close from
// either side, TIME-WAIT, RST cases, on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, bytesOf, drain } from './pair.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP basics', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const state = (s) => ST[s.state];
    function connected(opts = {}) {
      const p = tcpPair(lib, opts);
      const srv = new lib.socket.TcpSocket(opts.tcp), cli = new lib.socket.TcpSocket(opts.tcp);
      p.B.add(srv);
      p.A.add(cli);
      assert.equal(srv.listen(80), 0);
      assert.equal(cli.connect(p.ipB, 80), 0);
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(cli), 'Established');
      assert.equal(state(srv), 'Established');
      return { ...p, srv, cli };
    }

    test('three-way handshake, then data both ways', () => {
      const { srv, cli, run, A, B, ipA } = connected();
      assert.equal(srv.remoteAddr, ipA);
      assert.equal(srv.localPort, 80);
      assert.equal(cli.send(bytesOf('GET / HTTP/1.0\r\n\r\n'), 0, 18), 18);
      run({ idleAfterMs: 5000 });
      const got = [];
      drain(srv, got);
      assert.equal(Buffer.from(got).toString(), 'GET / HTTP/1.0\r\n\r\n');
      assert.equal(srv.send(bytesOf('HTTP/1.0 200 OK\r\n\r\nhi'), 0, 21), 21);
      run({ idleAfterMs: 5000 });
      const back = [];
      drain(cli, back);
      assert.equal(Buffer.from(back).toString(), 'HTTP/1.0 200 OK\r\n\r\nhi');
      assert.equal(A.counters[lib.iface.RESULTS.TcpRejected], 0);
      assert.equal(B.counters[lib.iface.RESULTS.TcpRejected], 0);
    });

    test('half-close: the client closes, still receives, then the server closes; TIME-WAIT ends', () => {
      const { srv, cli, run, wire } = connected({ tcp: { timeWait: 2000 } });
      cli.close();
      run({ idleAfterMs: 100 });
      assert.equal(state(cli), 'FinWait2');
      assert.equal(state(srv), 'CloseWait');
      assert.equal(srv.recv(new Uint8Array(10), 0, 10), E.Closed, 'end of stream seen by the server');
      assert.equal(srv.send(bytesOf('late data'), 0, 9), 9);
      run({ idleAfterMs: 100 });
      const got = [];
      drain(cli, got);
      assert.equal(Buffer.from(got).toString(), 'late data', 'half-close keeps the other direction');
      srv.close();
      run({ idleAfterMs: 100 });
      assert.equal(state(srv), 'Closed');
      assert.equal(state(cli), 'TimeWait');
      const t0 = wire.now;
      run();
      assert.equal(state(cli), 'Closed');
      assert.ok(wire.now - t0 >= 1900, 'TIME-WAIT lasted its configured time');
    });

    test('close from the server side first', () => {
      const { srv, cli, run } = connected({ tcp: { timeWait: 500 } });
      srv.close();
      run({ idleAfterMs: 100 });
      assert.equal(state(cli), 'CloseWait');
      cli.close();
      run();
      assert.equal(state(cli), 'Closed');
      assert.equal(state(srv), 'Closed');
    });

    test('connect to a port nobody listens on: RST, Reset', () => {
      const p = tcpPair(lib);
      const cli = new lib.socket.TcpSocket();
      p.A.add(cli);
      assert.equal(cli.connect(p.ipB, 81), 0);
      p.run({ idleAfterMs: 5000 });
      assert.equal(state(cli), 'Closed');
      assert.equal(cli.error, E.Reset);
      assert.equal(cli.recv(new Uint8Array(4), 0, 4), E.Reset);
      assert.equal(p.B.counters[lib.iface.RESULTS.TcpNoSocket], 1);
    });

    test('abort sends RST: the peer sees Reset', () => {
      const { srv, cli, run } = connected();
      cli.abort();
      run({ idleAfterMs: 100 });
      assert.equal(state(cli), 'Closed');
      assert.equal(state(srv), 'Closed');
      assert.equal(srv.error, E.Reset);
    });

    test('connecting to a 4-tuple in use fails with AlreadyInUse', () => {
      const { cli, A, ipB } = connected();
      const again = new lib.socket.TcpSocket();
      A.add(again);
      assert.equal(again.connect(ipB, 80, cli.localPort), E.AlreadyInUse);
      assert.equal(again.connect(ipB, 80), 0, 'another local port is fine');
    });
  });
}
