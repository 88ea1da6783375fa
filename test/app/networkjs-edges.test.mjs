// The NetworkJS driver's edges, one call at a time (networkjs.test.mjs runs whole exchanges):
// Espruino's error numbers, the pools' defaults and options, create's checks, close returning
// sockets to their pools, accept, recv and send on sockets in every kind of state, the UDP
// framing's limits, and names that wait for a free DNS query slot. Found missing by the first
// mutation run of src/app/networkjs.ts (test/mutation/REPORT.md). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { VirtualWire } from '../net/virtual-wire.mjs';
import { DnsServer, dnsResponse } from './servers.mjs';
import { advance, tickUntil } from './run.mjs';
import { EspruinoNet, udpHeader, parseUdpHeader, CHUNK } from './espruino-net.mjs';

// Two interfaces on a clean wire: A serves DNS (board.test -> 10.0.0.1) and runs a driver with
// default pools; B's driver takes `opts`, B's DNS client `dnsOpts` (null: no DNS client).
function setup(lib, opts, dnsOpts = {}) {
  const wire = new VirtualWire({ seed: 3 });
  const A = new lib.iface.Interface({ device: wire.port(0x02000000000a), ip: '10.0.0.1', prefix: 24, seed: 41, sockets: 16 });
  const B = new lib.iface.Interface({ device: wire.port(0x02000000000b), ip: '10.0.0.2', prefix: 24, seed: 42, sockets: 16 });
  new DnsServer(lib, A, (q, name) => dnsResponse(q, name === 'board.test' ? { answers: [{ name: '@', type: 'A', data: '10.0.0.1' }] } : { rcode: 3 }));
  const dns = dnsOpts ? new lib.app.DnsClient(B, { servers: ['10.0.0.1'], ...dnsOpts }) : null;
  const netA = new EspruinoNet(new lib.app.NetworkDriver(A, null));
  const d = new lib.app.NetworkDriver(B, dns, opts);
  const netB = new EspruinoNet(d);
  const t = { wire, A, B, netA, netB, d, ifaces: [A, B] };
  t.run = (ms) => advance(wire, t.ifaces, ms);
  t.until = (cond, ms = 20000) => tickUntil([netA, netB], wire, t.ifaces, cond, ms);
  return t;
}

const text = (n, c = 'x') => c.repeat(n);

/** Everything recv hands out now (no time passes), in CHUNK pieces. */
function drain(d, s) {
  let all = '';
  for (;;) {
    const r = d.recv(s, CHUNK, 0);
    if (typeof r !== 'string' || r === '') return all;
    all += r;
  }
}

/** Bytes send takes now, offered `piece` at a time until it takes none. */
function fill(d, s, piece = 3000) {
  let n = 0;
  for (let r = d.send(s, text(piece), 0); r > 0; r = d.send(s, text(piece), 0)) n += r;
  return n;
}

for (const { name, lib } of builds) {
  const N = lib.app.NETWORK_ERRORS, E = lib.socket.SOCKET_ERRORS;

  describe(name + ': NetworkJS driver, edges', () => {
    test('error numbers are Espruino\'s (libs/network/socketerrors.h), and each stack error maps to one', () => {
      assert.deepEqual(N, {
        Closed: -1, NoMemory: -2, Timeout: -3, NoRoute: -4, Busy: -5, NotFound: -6, MaxSockets: -7,
        Unsent: -8, Reset: -9, Unknown: -10, NotConnected: -11, BadArgument: -12, NoResponse: -15,
      });
      const map = lib.app.toNetworkError;
      const want = {
        Closed: -1, Exhausted: -7, TimedOut: -3, Unaddressable: -4, BufferFull: -5, NotFound: -6, Reset: -9,
        InvalidState: -11, NotBound: -11, AlreadyInUse: -12, BadArgument: -12, TooLarge: -12,
        StaleHandle: -10, Empty: -10, NeighborPending: -10, DeviceError: -10,
      };
      for (const k of Object.keys(E)) assert.equal(map(E[k]), want[k], k);
    });

    test('default pools: 4 TCP and 2 UDP sockets, 2 KB TCP rings each way, the first socket slot usable', () => {
      const wire = new VirtualWire({ seed: 3 });
      const I = new lib.iface.Interface({ device: wire.port(0x02000000000c), ip: '10.0.0.3', prefix: 24, seed: 43, sockets: 6 });
      const d = new lib.app.NetworkDriver(I, null); // takes slots 0 to 5 of an empty interface
      assert.equal(d.iface, I);
      const tcp = [0, 1, 2, 3].map((i) => d.create('10.0.0.9', 80, 0, {}));
      assert.ok(tcp.every((s) => s >= 0));
      assert.equal(d.create('10.0.0.9', 80, 0, {}), N.MaxSockets, 'a fifth TCP socket');
      const udp = [0, 1].map((i) => d.create(undefined, 7000 + i, 2, {}));
      assert.ok(udp.every((s) => s >= 0));
      assert.equal(d.create(undefined, 7002, 2, {}), N.MaxSockets, 'a third UDP socket');
      // A send is taken up to the ring's free space (and one frame buffer a call).
      assert.equal(fill(d, tcp[0]), 2048);
      if (name.includes('noalloc')) {
        const small = new lib.iface.Interface({ device: wire.port(0x02000000000d), ip: '10.0.0.4', prefix: 24, seed: 44, sockets: 5 });
        assert.throws(() => new lib.app.NetworkDriver(small, null), /NetworkDriver needs 6 free socket slots: raise the interface's sockets/);
      }
    });

    test('pool options: ring sizes, socket counts, the number of socket numbers, the backlog', () => {
      const t = setup(lib, { tcpSockets: 3, udpSockets: 1, txBytes: 1000, rxBytes: 700, maxSockets: 3, backlog: 1 });
      const d = t.d;
      const s = d.create('10.0.0.1', 80, 0, {});
      assert.equal(fill(d, s), 1000, 'txBytes');
      const srv = d.create(undefined, 8080, 0, {});
      assert.ok(srv >= 0);
      const c2 = d.create('10.0.0.1', 81, 0, {});
      assert.ok(c2 >= 0, 'backlog 1: the server holds one socket, one is left for a client');
      assert.equal(d.create(undefined, 7000, 2, {}), N.MaxSockets, 'three socket numbers, all in use');
      d.close(c2);
      assert.ok(d.create(undefined, 7000, 2, {}) >= 0, 'a freed number is handed out again');
      // rxBytes: the peer's data stops at the ring's size until it is read.
      const t2 = setup(lib, { tcpSockets: 1, rxBytes: 700 });
      t2.netA.listen(9, 0, (c) => t2.netA.write(c, text(5000, 'r')));
      const c = t2.netB.connect('10.0.0.1', 9, 0);
      t2.netB.sockets.length = 0; // read by hand below
      assert.ok(t2.until(() => t2.netA.sockets.length === 1), 'connected');
      t2.until(() => false, 2000); // A keeps offering its 5000 bytes, B reads none
      assert.equal(drain(t2.d, c.s).length, 700, 'rxBytes');
      // The default backlog is 2 listening sockets.
      const t3 = setup(lib, { tcpSockets: 3 });
      assert.ok(t3.d.create(undefined, 8080, 0, {}) >= 0);
      assert.ok(t3.d.create('10.0.0.1', 80, 0, {}) >= 0);
      assert.equal(t3.d.create('10.0.0.1', 80, 0, {}), N.MaxSockets, 'two of three sockets listen');
    });

    test('UDP pools: four datagrams queued by default, udpBytes bounds each ring', () => {
      const t = setup(lib, { udpSockets: 1 });
      const s = t.d.create(undefined, 5000, 2, {});
      const c = t.netA.connect('10.0.0.2', 5000, 2);
      for (let i = 0; i < 5; i++) t.netA.write(c, udpHeader('10.0.0.2', 5000, 100) + text(100, String(i)));
      t.until(() => c.outbox === '');
      t.run(100);
      const got = drain(t.d, s);
      assert.equal(got.length, 4 * 108, 'four queued, the fifth dropped');
      assert.equal(parseUdpHeader(got).data.substring(0, 100), text(100, '0'));
      // udpBytes 600: a 600-byte datagram fits, a 601-byte one is dropped.
      const u = setup(lib, { udpSockets: 1, udpBytes: 600 });
      const s2 = u.d.create(undefined, 5000, 2, {});
      const c2 = u.netA.connect('10.0.0.2', 5000, 2);
      u.netA.write(c2, udpHeader('10.0.0.2', 5000, 601) + text(601) + udpHeader('10.0.0.2', 5000, 600) + text(600));
      u.until(() => c2.outbox === '');
      u.run(100);
      const one = drain(u.d, s2);
      assert.equal(one.length, 608);
      assert.equal(parseUdpHeader(one).len, 600);
    });

    test('TIME-WAIT: a closed connection\'s socket comes back after 2 s by default, at once with timeWait 0', () => {
      for (const [opts, wait] of [[{ tcpSockets: 1 }, 2000], [{ tcpSockets: 1, timeWait: 0 }, 0]]) {
        const t = setup(lib, opts);
        t.netA.listen(9, 0, () => {});
        const c = t.netB.connect('10.0.0.1', 9, 0);
        assert.ok(t.until(() => t.netA.sockets.length === 1), 'connected');
        t.netB.end(c);
        assert.ok(t.until(() => c.closed && t.netA.sockets[0].closed), 'both ends closed');
        t.run(10);
        if (wait > 0) {
          assert.equal(t.d.create('10.0.0.1', 9, 0, {}), N.MaxSockets, 'in TIME-WAIT');
          t.run(wait - 100);
          assert.equal(t.d.create('10.0.0.1', 9, 0, {}), N.MaxSockets, 'still in TIME-WAIT');
          t.run(200);
        }
        assert.ok(t.d.create('10.0.0.1', 9, 0, {}) >= 0, 'back in the pool after ' + wait + ' ms');
      }
    });

    test('create: port range, a server needs a port, a client to port 0 fails on first use', () => {
      const t = setup(lib, { tcpSockets: 2, udpSockets: 2 });
      const d = t.d;
      assert.equal(d.create('10.0.0.1', -1, 0, {}), N.BadArgument);
      assert.equal(d.create('10.0.0.1', 65536, 0, {}), N.BadArgument);
      assert.ok(d.create(undefined, 65535, 2, {}) >= 0, 'port 65535');
      assert.equal(d.create(undefined, 0, 2, {}), N.BadArgument, 'a UDP server on port 0');
      assert.equal(d.create(undefined, 0, 0, {}), N.BadArgument, 'a TCP server on port 0');
      const z = d.create('10.0.0.1', 0, 0, {});
      assert.ok(z >= 0);
      assert.equal(d.recv(z, CHUNK, 0), N.BadArgument);
      assert.equal(d.send(z, 'x', 0), N.BadArgument);
      d.close(z);
      assert.ok(d.create(null, 8080, 0, {}) >= 0, 'null host: a server');
    });

    test('create: a failed UDP bind or a server without sockets gives its socket and number back', () => {
      const t = setup(lib, { tcpSockets: 0, udpSockets: 2, maxSockets: 2 });
      const d = t.d;
      const a = d.create(undefined, 6000, 2, {});
      assert.ok(a >= 0);
      assert.equal(d.create(undefined, 6000, 2, {}), N.BadArgument, 'port in use');
      assert.equal(d.create(undefined, 80, 0, {}), N.MaxSockets, 'no TCP socket to listen with');
      const b = d.create(undefined, 6001, 2, {});
      assert.ok(b >= 0, 'the second UDP socket and the second number are free again');
      d.close(a);
      assert.ok(d.create(undefined, 6000, 2, {}) >= 0, 'close unbinds the port');
    });

    test('close: a server\'s listeners go back to the pool; unknown or free numbers are ignored', () => {
      const t = setup(lib, { tcpSockets: 2 });
      const d = t.d;
      const srv = d.create(undefined, 8080, 0, {});
      assert.equal(d.create('10.0.0.1', 80, 0, {}), N.MaxSockets, 'both sockets listen');
      d.close(srv);
      d.close(srv);
      d.close(99);
      t.run(10);
      const a = d.create('10.0.0.1', 80, 0, {}), b = d.create('10.0.0.1', 81, 0, {});
      assert.ok(a >= 0 && b >= 0, 'both back');
      assert.equal(d.recv(5, CHUNK, 0), N.NotConnected, 'a free number (six, two in use)');
      assert.equal(d.recv(99, CHUNK, 0), N.NotConnected, 'a number never handed out');
      assert.equal(d.accept(a), -1, 'accept on a client');
      assert.equal(d.send(99, 'x', 0), N.NotConnected);
    });

    test('accept: with every socket number in use the connection waits for a free one', () => {
      const t = setup(lib, { tcpSockets: 3, maxSockets: 2, backlog: 1 });
      const d = t.d;
      const srv = d.create(undefined, 7, 0, {});
      const other = d.create(undefined, 9, 2, {});
      assert.ok(srv >= 0 && other >= 0);
      const c = t.netA.connect('10.0.0.2', 7, 0);
      t.netA.write(c, 'hello');
      t.until(() => c.outbox === '');
      t.run(50);
      assert.equal(d.recv(srv, CHUNK, 0), '', 'recv on a server says nothing');
      assert.equal(d.accept(srv), -1, 'no free number');
      d.close(other);
      const n = d.accept(srv);
      assert.ok(n >= 0, 'accepted once a number is free');
      assert.equal(drain(d, n), 'hello');
      assert.equal(d.accept(srv), -1, 'nothing more waiting');
    });

    test('send: 0 while a name resolves, then data; a reset connection reports -9 to send and recv', () => {
      const t = setup(lib, { tcpSockets: 2 });
      const d = t.d;
      t.netA.listen(80, 0, () => {});
      const s = d.create('board.test', 80, 0, {});
      assert.equal(d.send(s, 'GET', 0), 0, 'still resolving');
      assert.equal(d.recv(s, CHUNK, 0), '');
      t.run(50);
      assert.equal(d.send(s, 'GET', 0), 3, 'resolved: taken');
      const r = d.create('board.test', 81, 0, {});
      t.run(50);
      assert.equal(d.send(r, 'x', 0), N.Reset, 'nobody listens on port 81: reset');
      assert.equal(d.recv(r, CHUNK, 0), N.Reset);
    });

    test('names wait for a DNS query slot and are resolved once one frees (the driver\'s poll)', () => {
      const t = setup(lib, { tcpSockets: 3 }, { pending: 1 });
      t.netA.listen(80, 0, (c) => { c.onData = (c) => { t.netA.write(c, c.received.toUpperCase()); c.received = ''; }; });
      const a = t.netB.connect('board.test', 80, 0), b = t.netB.connect('board.test', 80, 0), x = t.netB.connect('nowhere.test', 80, 0);
      t.netB.write(a, 'one');
      t.netB.write(b, 'two');
      assert.ok(t.until(() => a.received === 'ONE' && b.received === 'TWO' && x.closed), 'both names resolved in turn');
      assert.equal(x.error, N.NotFound);
      assert.equal(t.d.pollAt(t.wire.now), -1, 'nothing waits any more');
      // Without a DNS client a name is not found at once.
      const u = setup(lib, { tcpSockets: 1 }, null);
      const s = u.d.create('board.test', 80, 0, {});
      assert.equal(u.d.recv(s, CHUNK, 0), N.NotFound);
    });

    test('default ring sizes, exactly: 2048 bytes of TCP received, UDP datagrams of 1024 + 1024 but not 1024 + 1025', () => {
      const t = setup(lib, { tcpSockets: 1 });
      t.netA.listen(9, 0, (c) => t.netA.write(c, text(5000, 'r')));
      const c = t.netB.connect('10.0.0.1', 9, 0);
      t.netB.sockets.length = 0;
      assert.ok(t.until(() => t.netA.sockets.length === 1), 'connected');
      t.until(() => false, 2000);
      assert.equal(t.d.recv(c.s, 0, 0), '', 'maxLen 0: nothing taken');
      assert.equal(t.d.recv(c.s, 4000, 0).length, 1514, 'at most one frame buffer a call');
      assert.equal(drain(t.d, c.s).length, 2048 - 1514, 'the default receive ring holds 2048 bytes');
      for (const [second, want] of [[1024, 2], [1025, 1]]) {
        const u = setup(lib, { udpSockets: 1 });
        const v = u.d.create(undefined, 5000, 2, {});
        const w = u.netA.connect('10.0.0.2', 5000, 2);
        u.netA.write(w, udpHeader('10.0.0.2', 5000, 1024) + text(1024, 'a') + udpHeader('10.0.0.2', 5000, second) + text(second, 'b'));
        u.until(() => w.outbox === '');
        u.run(50);
        const got = drain(u.d, v);
        assert.equal(got.length, 1032 + (want === 2 ? 8 + second : 0), 'datagrams of 1024 and ' + second + ' in a 2048-byte ring');
      }
    });

    test('UDP send: four datagrams queue at most before the interface polls', () => {
      const t = setup(lib, { udpSockets: 1 });
      const s = t.d.create('10.0.0.1', 5000, 2, {});
      let five = '';
      for (let i = 0; i < 5; i++) five += udpHeader('10.0.0.1', 5000, 10) + text(10, String(i));
      assert.equal(t.d.send(s, five, 0), 4 * 18, 'the fifth waits for room');
    });

    test('close: a connection still opening is aborted, so its socket is free at once', () => {
      const t = setup(lib, { tcpSockets: 1 });
      const s = t.d.create('10.0.0.1', 9, 0, {}); // no one answers on port 9... yet the SYN is out
      t.run(0);
      t.d.close(s);
      assert.ok(t.d.create('10.0.0.1', 10, 0, {}) >= 0, 'the aborted socket is back in the pool');
    });

    test('accept refills the backlog: with backlog 1, connections one after another are all taken', () => {
      const t = setup(lib, { tcpSockets: 3, backlog: 1 });
      const srv = t.d.create(undefined, 7, 0, {});
      const got = [];
      for (let i = 0; i < 2; i++) {
        const c = t.netA.connect('10.0.0.2', 7, 0);
        t.netA.write(c, 'n' + i);
        t.until(() => c.outbox === '');
        t.run(50);
        const n = t.d.accept(srv);
        assert.ok(n >= 0, 'connection ' + i + ' accepted');
        got.push(drain(t.d, n));
      }
      assert.deepEqual(got, ['n0', 'n1']);
    });

    test('create: ports 1 and up, a null host is a server, a number reused after a failure starts clean', () => {
      const t = setup(lib, { tcpSockets: 3, udpSockets: 2, maxSockets: 4 });
      const d = t.d;
      assert.equal(d.create(null, 0, 2, {}), N.BadArgument, 'a UDP server on port 0, null host');
      const u1 = d.create(undefined, 1, 2, {});
      assert.ok(u1 >= 0, 'UDP port 1');
      const u2 = d.create(null, 6000, 2, {});
      assert.ok(u2 >= 0);
      d.close(u1);
      assert.equal(d.create(undefined, 6000, 2, {}), N.BadArgument, 'the null-host socket is bound to 6000');
      const s1 = d.create(undefined, 1, 0, {});
      assert.ok(s1 >= 0, 'a TCP server on port 1');
      d.close(s1);
      t.netA.listen(1, 0, () => {});
      const c1 = d.create('10.0.0.1', 1, 0, {});
      assert.ok(c1 >= 0);
      t.run(50);
      assert.equal(d.recv(c1, CHUNK, 0), '', 'a client of port 1 connects');
      d.close(c1);
      const z = d.create('10.0.0.1', 0, 0, {});
      assert.equal(d.recv(z, CHUNK, 0), N.BadArgument);
      d.close(z);
      const again = d.create('10.0.0.1', 1, 0, {});
      assert.equal(again, z, 'the same number');
      t.run(50);
      assert.equal(d.recv(again, CHUNK, 0), '', 'no error left from its last user');
    });

    test('a late DNS answer for a closed socket number does not touch its next user', () => {
      const t = setup(lib, { tcpSockets: 1, maxSockets: 1 });
      const d = t.d;
      t.netA.listen(9, 0, (c) => { c.onData = (c) => { t.netA.write(c, c.received.toUpperCase()); c.received = ''; }; });
      const s = d.create('board.test', 80, 0, {});
      d.close(s); // the query is out; its answer comes after the number is reused
      const n = d.create('10.0.0.1', 9, 0, {});
      assert.equal(n, s);
      const c = t.netB.open(n, 0);
      t.netB.write(c, 'still mine');
      assert.ok(t.until(() => c.received === 'STILL MINE' || c.closed), 'the echo came back');
      assert.equal(c.received, 'STILL MINE');
      assert.equal(c.error, 0);
    });

    test('UDP framing on another subnet: every byte of the address, odd ports, lengths past 255', () => {
      const wire = new VirtualWire({ seed: 5 });
      const A = new lib.iface.Interface({ device: wire.port(0x02000000000a), ip: '172.31.129.1', prefix: 16, seed: 51, sockets: 8 });
      const B = new lib.iface.Interface({ device: wire.port(0x02000000000b), ip: '172.31.66.2', prefix: 16, seed: 52, sockets: 8 });
      const netA = new EspruinoNet(new lib.app.NetworkDriver(A, null)), netB = new EspruinoNet(new lib.app.NetworkDriver(B, null));
      const srv = netA.open(netA.driver.create(undefined, 4097, 2, {}), 2);
      const c = netB.connect('172.31.129.1', 4097, 2);
      const msg = text(300, 'q');
      netB.write(c, udpHeader('172.31.129.1', 4097, 300) + msg);
      tickUntil([netA, netB], wire, [A, B], () => srv.received.length >= 308, 200);
      const got = parseUdpHeader(srv.received);
      assert.deepEqual([got.addr, got.len, got.data], ['172.31.66.2', 300, msg]);
      netA.write(srv, udpHeader('172.31.66.2', got.port, 3) + 'ack');
      tickUntil([netA, netB], wire, [A, B], () => c.received.length >= 11, 200);
      assert.deepEqual(parseUdpHeader(c.received), { addr: '172.31.129.1', port: 4097, len: 3, data: 'ack' });
    });

    test('UDP send: an empty datagram, a partial second one, one the socket refuses', () => {
      const t = setup(lib, { udpSockets: 1 });
      const d = t.d;
      const s = d.create('10.0.0.1', 5000, 2, {});
      assert.equal(d.send(s, udpHeader('10.0.0.1', 5000, 0), 0), 8, 'an empty datagram is sent');
      assert.equal(d.send(s, udpHeader('10.0.0.1', 5000, 2) + 'ab' + udpHeader('10.0.0.1', 5000, 5) + 'cd', 0), 10, 'only the whole one');
      assert.equal(d.send(s, udpHeader('10.0.0.1', 5000, 1500) + text(1500), 0), N.BadArgument, 'larger than a frame takes');
    });

    test('recv and send: one byte at a time, -11 on a server, a name the DNS client refuses', () => {
      const t = setup(lib, { tcpSockets: 3 });
      const d = t.d;
      t.netA.listen(9, 0, (c) => t.netA.write(c, 'xyz'));
      const s = d.create('10.0.0.1', 9, 0, {});
      t.until(() => t.netA.sockets.length === 1 && t.netA.sockets[0].outbox === '');
      t.run(50);
      assert.deepEqual([d.recv(s, 1, 0), d.recv(s, 1, 0), d.recv(s, 5, 0)], ['x', 'y', 'z']);
      const srv = d.create(undefined, 8080, 0, {});
      assert.equal(d.send(srv, 'x', 0), N.NotConnected);
      d.close(srv);
      const bad = d.create('x'.repeat(300) + '.test', 80, 0, {});
      assert.equal(d.recv(bad, CHUNK, 0), N.NotFound, 'a name too long to ask for');
    });

    test('a name waiting for a DNS query slot asks for a poll', () => {
      const t = setup(lib, { tcpSockets: 2 }, { pending: 1 });
      assert.equal(t.d.pollAt(t.wire.now), -1);
      t.d.create('board.test', 80, 0, {});
      assert.equal(t.d.pollAt(t.wire.now), -1, 'the first name has the slot');
      t.d.create('board.test', 81, 0, {});
      assert.equal(t.d.pollAt(t.wire.now), t.wire.now + 100, 'the second waits and asks to be polled');
    });

    test('a UDP socket back from the pool holds nothing of its last user', () => {
      const t = setup(lib, { udpSockets: 1 });
      const s = t.d.create(undefined, 5000, 2, {});
      const c = t.netA.connect('10.0.0.2', 5000, 2);
      t.netA.write(c, udpHeader('10.0.0.2', 5000, 4) + 'left');
      t.until(() => c.outbox === '');
      t.run(20);
      t.d.close(s);
      const again = t.d.create(undefined, 5000, 2, {});
      assert.equal(t.d.recv(again, CHUNK, 0), '', 'no datagram left behind');
    });

    test('UDP send: a partial datagram waits, one larger than a frame buffer is refused', () => {
      const t = setup(lib, { udpSockets: 1 });
      const d = t.d;
      const s = d.create('10.0.0.1', 5000, 2, {});
      assert.equal(d.send(s, udpHeader('10.0.0.1', 5000, 10) + 'abc', 0), 0, 'the rest of the datagram has not come');
      assert.equal(d.send(s, udpHeader('10.0.0.1', 5000, 3) + 'abc' + udpHeader('10.0.0.1', 5000, 1600) + text(1600), 0), 11, 'the first taken, the second too large');
      assert.equal(d.send(s, udpHeader('10.0.0.1', 5000, 1600) + text(1600), 0), N.BadArgument);
      // Byte conversions given in the options are the ones used.
      const calls = { s: 0, b: 0 };
      const u = setup(lib, {
        udpSockets: 1,
        bytesToString: (buf, off, len) => { calls.s++; return Buffer.from(buf.subarray(off, off + len)).toString('latin1'); },
        stringToBytes: (str, buf, off) => { calls.b++; for (let i = 0; i < str.length; i++) buf[off + i] = str.charCodeAt(i); return str.length; },
      });
      const v = u.d.create(undefined, 5001, 2, {});
      const w = u.netA.connect('10.0.0.2', 5001, 2);
      u.netA.write(w, udpHeader('10.0.0.2', 5001, 2) + 'hi');
      u.until(() => w.outbox === '');
      u.run(20);
      assert.equal(parseUdpHeader(drain(u.d, v)).data, 'hi');
      assert.equal(u.d.send(v, udpHeader('10.0.0.1', 5002, 2) + 'ho', 0), 10);
      assert.deepEqual([calls.s > 0, calls.b > 0], [true, true]);
    });
  });
}
