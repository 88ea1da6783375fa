// The NetworkJS driver under a harness that plays Espruino's socket server: an HTTP exchange between
// two boards (the client resolving the server's name by DNS), UDP with the 8-byte headers (a datagram
// longer than Espruino's chunk included), failed connects with Espruino's error numbers, pool limits;
// on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { VirtualWire } from '../net/virtual-wire.mjs';
import { DnsServer, dnsResponse } from './servers.mjs';
import { advance, tickUntil } from './run.mjs';
import { EspruinoNet, udpHeader, parseUdpHeader, CHUNK } from './espruino-net.mjs';

function setup(lib, faults = {}) {
  const wire = new VirtualWire({ seed: 9, ...faults });
  const A = new lib.iface.Interface({ device: wire.port(0x02000000000a), ip: '10.0.0.1', prefix: 24, seed: 31, sockets: 16 });
  const B = new lib.iface.Interface({ device: wire.port(0x02000000000b), ip: '10.0.0.2', prefix: 24, seed: 32, sockets: 16 });
  new DnsServer(lib, A, (q, name) => dnsResponse(q, name === 'board.test' ? { answers: [{ name: '@', type: 'A', data: '10.0.0.1' }] } : { rcode: 3 }));
  const dnsB = new lib.app.DnsClient(B, { servers: ['10.0.0.1'] });
  const netA = new EspruinoNet(new lib.app.NetworkDriver(A, null));
  const netB = new EspruinoNet(new lib.app.NetworkDriver(B, dnsB));
  const t = { wire, A, B, netA, netB, ifaces: [A, B] };
  t.run = (until, ms = 60000) => tickUntil([netA, netB], wire, t.ifaces, until, ms);
  return t;
}

function body(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode((i * 7 + (i >> 8)) & 255);
  return s;
}

for (const { name, lib } of builds) {
  const N = lib.app.NETWORK_ERRORS;

  describe(name + ': NetworkJS driver', () => {
    for (const faults of [{}, { loss: 0.05, reorder: 0.05, duplicate: 0.02 }]) {
      test('HTTP: a client resolves board.test, sends a request, and reads a 20 KB response' + (faults.loss ? ' (lossy wire)' : ''), () => {
        const t = setup(lib, faults);
        const page = body(20000);
        t.netA.listen(80, 1, (c) => {
          c.onData = (c) => {
            if (!c.received.includes('\r\n\r\n') || c.answered) return;
            c.answered = true;
            t.netA.write(c, 'HTTP/1.1 200 OK\r\nContent-Length: ' + page.length + '\r\nConnection: close\r\n\r\n' + page);
            t.netA.end(c);
          };
        });
        const c = t.netB.connect('board.test', 80, 1);
        const req = 'GET /index.html HTTP/1.1\r\nHost: board.test\r\nConnection: close\r\n\r\n';
        t.netB.write(c, req);
        assert.ok(t.run(() => c.closed, 120000), 'the client saw the end of the response');
        assert.equal(c.error, N.Closed);
        const head = c.received.indexOf('\r\n\r\n');
        assert.match(c.received.substring(0, head), /^HTTP\/1.1 200 OK/);
        assert.ok(c.received.substring(head + 4) === page, 'body byte for byte');
        const served = t.netA.sockets[0];
        assert.equal(served.received, req);
      });
    }

    test('a server takes several connections (backlog) and accept hands them out one by one', () => {
      const t = setup(lib);
      const accepted = [];
      t.netA.listen(7, 0, (c) => {
        accepted.push(c);
        c.onData = (c) => {
          t.netA.write(c, c.received.toUpperCase());
          c.received = '';
        };
      });
      const clients = [0, 1, 2].map((i) => t.netB.connect('10.0.0.1', 7, 0));
      clients.forEach((c, i) => t.netB.write(c, 'hello ' + i));
      assert.ok(t.run(() => clients.every((c) => c.received.length === 7)));
      clients.forEach((c, i) => assert.equal(c.received, 'HELLO ' + i));
      assert.equal(accepted.length, 3);
    });

    test('UDP: datagrams with the 8-byte header both ways, one longer than a chunk', () => {
      const t = setup(lib);
      t.netA.listen(5000, 2, () => {});
      const server = t.netA.open(t.netA.servers[0].s, 2); // Espruino reads a UDP server socket directly
      t.netA.servers.length = 0;
      const c = t.netB.connect('10.0.0.1', 5000, 2);
      const big = body(1000);
      t.netB.write(c, udpHeader('10.0.0.1', 5000, 5) + 'hello' + udpHeader('10.0.0.1', 5000, big.length) + big);
      assert.ok(t.run(() => server.received.length >= 8 + 5 + 8 + 1000));
      const first = parseUdpHeader(server.received);
      assert.equal(first.addr, '10.0.0.2');
      assert.equal(first.len, 5);
      assert.ok(first.port >= 49152);
      assert.equal(first.data.substring(0, 5), 'hello');
      const second = parseUdpHeader(server.received.substring(13));
      assert.equal(second.len, 1000);
      assert.ok(second.data === big, 'the long datagram came through in pieces and whole');
      t.netA.write(server, udpHeader('10.0.0.2', first.port, 5) + 'HELLO');
      assert.ok(t.run(() => c.received.length >= 13));
      const back = parseUdpHeader(c.received);
      assert.deepEqual([back.addr, back.port, back.data], ['10.0.0.1', 5000, 'HELLO']);
    });

    test('failed connects: refused -> reset (-9), unknown name -> not found (-6), no route -> -4', () => {
      const t = setup(lib);
      const refused = t.netB.connect('10.0.0.1', 81, 0);
      const unknown = t.netB.connect('nothing.test', 80, 1);
      const noRoute = t.netB.connect('192.168.99.1', 80, 0);
      t.netB.write(refused, 'x');
      assert.ok(t.run(() => refused.closed && unknown.closed && noRoute.closed));
      assert.equal(refused.error, N.Reset);
      assert.equal(unknown.error, N.NotFound);
      assert.equal(noRoute.error, N.NoRoute);
    });

    test('pool limits: too many sockets (-7), TLS refused (-12), a port in use (-12)', () => {
      const t = setup(lib);
      const d = t.netB.driver;
      const got = [];
      for (let i = 0; i < 5; i++) got.push(d.create('10.0.0.1', 9000 + i, 0, {}));
      assert.deepEqual(got.slice(0, 4).map((s) => s >= 0), [true, true, true, true]);
      assert.equal(got[4], N.MaxSockets);
      assert.equal(d.create('10.0.0.1', 443, 16 | 1, {}), N.BadArgument);
      const u1 = d.create(undefined, 6000, 2, {});
      assert.ok(u1 >= 0);
      assert.equal(d.create(undefined, 6000, 2, {}), N.BadArgument);
      d.close(got[0]);
      advance(t.wire, t.ifaces, 10);
      assert.ok(d.create('10.0.0.1', 9100, 0, {}) >= 0, 'a closed socket returns to the pool');
    });

    test('recv never returns a non-negative number and a closed number is refused', () => {
      const t = setup(lib);
      const d = t.netB.driver;
      assert.equal(d.recv(3, CHUNK, 0), N.NotConnected);
      assert.equal(d.send(3, 'x', 0), N.NotConnected);
      assert.equal(d.accept(3), -1);
    });
  });
}
