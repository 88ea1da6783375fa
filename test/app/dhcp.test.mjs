// DHCP client against a scripted server on the virtual wire: DORA, renewal at T1, rebinding at T2,
// lease expiry (address removed, connections told), NAK, no answer (backoff), xid / hardware address
// / server checks, and restart on link up; on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { VirtualWire } from '../net/virtual-wire.mjs';
import { DhcpServer } from './servers.mjs';
import { advance } from './run.mjs';

const MAC_C = 0x02000000000c, MAC_S = 0x020000000005, MAC_T = 0x020000000007;

function setup(lib, script = {}, clientOptions = {}) {
  const wire = new VirtualWire({ seed: 3 });
  const C = new lib.iface.Interface({ device: wire.port(MAC_C), seed: 11, sockets: 12 });
  const S = new lib.iface.Interface({ device: wire.port(MAC_S), ip: '10.0.0.1', prefix: 24, seed: 12, sockets: 12 });
  const server = new DhcpServer(lib, S, script);
  const dns = new lib.app.DnsClient(C);
  const changes = [];
  const dhcp = new lib.app.DhcpClient(C, { dns, hostName: 'board-1', onChange: (b) => changes.push([b, wire.now]), ...clientOptions });
  return { wire, C, S, server, dns, dhcp, changes, ifaces: [C, S] };
}

for (const { name, lib } of builds) {
  const T = lib.wire.DHCP_TYPES;
  const ip = (s) => lib.wire.parseIpv4Address(s);
  const state = (d) => lib.app.DHCP_STATES[d.state];

  describe(name + ': DHCP client', () => {
    test('discover, offer, request, ack: the lease configures the interface and DNS', () => {
      const t = setup(lib);
      assert.equal(t.dhcp.start(), 0);
      advance(t.wire, t.ifaces, 2000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.deepEqual(t.server.seen.map((m) => m.type), [T.Discover, T.Request]);
      const [d, r] = t.server.seen;
      assert.equal(d.xid, r.xid);
      assert.equal(d.chaddr, MAC_C);
      assert.equal(d.hostName, 'board-1');
      assert.ok(d.askParams);
      assert.equal(r.requestedIp, ip('10.0.0.50'));
      assert.equal(r.serverId, ip('10.0.0.1'));
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(t.C.prefix, 24);
      assert.equal(t.C.gateway, ip('10.0.0.1'));
      assert.deepEqual(t.dns.servers, [ip('10.0.0.1')]);
      assert.equal(t.changes.length, 1);
      assert.equal(t.dhcp.expireAt - t.dhcp.t1At, 1800 * 1000);
      // The address works: the server pings it.
      const p = new lib.socket.IcmpSocket();
      t.S.add(p);
      p.bind(7);
      p.sendEcho(ip('10.0.0.50'), 1, new Uint8Array(4), 0, 4);
      advance(t.wire, t.ifaces, 100);
      assert.equal(p.recv(new Uint8Array(8), 0, 8), 4);
    });

    test('renewal at T1 goes to the server and extends the lease', () => {
      const t = setup(lib, { lease: 20, t1: 10, t2: 16 }, { minRenewRetryMs: 1000 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 1000);
      const firstExpiry = t.dhcp.expireAt;
      advance(t.wire, t.ifaces, 10500);
      const renew = t.server.seen[2];
      assert.equal(renew.type, T.Request);
      assert.equal(renew.ciaddr, ip('10.0.0.50'), 'renewal carries our address in ciaddr');
      assert.equal(renew.serverId, 0);
      assert.equal(renew.from, ip('10.0.0.50'), 'renewal comes from our address');
      assert.ok(renew.at >= 10000 && renew.at < 11000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.ok(t.dhcp.expireAt > firstExpiry + 9000);
      assert.equal(t.changes.length, 1, 'a renewal without changes is no news');
    });

    test('rebinding at T2 when the server ignores renewals', () => {
      const t = setup(lib, { lease: 20, t1: 10, t2: 16 }, { minRenewRetryMs: 1000 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 1000);
      t.server.script.silent = true;
      advance(t.wire, t.ifaces, 10000);
      assert.equal(state(t.dhcp), 'Renewing');
      advance(t.wire, t.ifaces, 5500); // past T2 (16 s after the request at ~0)
      assert.equal(state(t.dhcp), 'Rebinding');
      const renewals = t.server.seen.slice(2);
      assert.ok(renewals.length >= 3, 'renewal requests are retransmitted: ' + renewals.length);
      t.server.script.silent = false;
      advance(t.wire, t.ifaces, 2000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
    });

    test('lease expiry removes the address, ends its connections, and starts over', () => {
      const t = setup(lib, { lease: 20, t1: 10, t2: 15 }, { minRenewRetryMs: 1000 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 1000);
      // A TCP connection from the leased address to the server.
      const l = new lib.socket.TcpSocket();
      t.S.add(l);
      l.listen(80);
      const c = new lib.socket.TcpSocket();
      t.C.add(c);
      assert.equal(c.connect(ip('10.0.0.1'), 80), 0);
      advance(t.wire, t.ifaces, 500);
      assert.equal(lib.socket.TCP_STATES[c.state], 'Established');
      t.server.script.silent = true;
      advance(t.wire, t.ifaces, 20000);
      assert.equal(t.C.ipAddr, 0);
      assert.deepEqual(t.changes.map((x) => x[0]), [true, false]);
      assert.ok(t.changes[1][1] >= 20000 && t.changes[1][1] < 21000, 'lost at expiry: ' + t.changes[1][1]);
      assert.equal(c.recv(new Uint8Array(4), 0, 4), lib.socket.SOCKET_ERRORS.Unaddressable);
      assert.equal(lib.socket.TCP_STATES[c.state], 'Closed');
      const lostAt = t.changes[1][1];
      assert.ok(t.server.seen.some((m) => m.type === T.Discover && m.at >= lostAt), 'DISCOVER again after expiry');
      t.server.script.silent = false;
      advance(t.wire, t.ifaces, 70000);
      assert.equal(state(t.dhcp), 'Bound');
    });

    test('a NAK sends the client back to DISCOVER; the next round binds', () => {
      const t = setup(lib, { nakFirst: 1 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 5000);
      assert.equal(t.dhcp.naks, 1);
      assert.equal(state(t.dhcp), 'Bound');
      assert.deepEqual(t.server.seen.map((m) => m.type), [T.Discover, T.Request, T.Discover, T.Request]);
      assert.notEqual(t.server.seen[0].xid, t.server.seen[2].xid, 'a new exchange has a new xid');
    });

    test('no answer: DISCOVER retransmitted at 4, 8, 16, 32, 64, 64 s (plus or minus 1 s)', () => {
      const t = setup(lib, { silent: true });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 200000);
      const at = t.server.seen.map((m) => m.at);
      const gaps = at.slice(1, 7).map((x, i) => x - at[i]);
      const want = [4000, 8000, 16000, 32000, 64000, 64000];
      assert.equal(gaps.length, 6);
      gaps.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= 1000, 'gap ' + i + ': ' + g));
      assert.ok(t.server.seen.every((m) => m.xid === t.server.seen[0].xid), 'retransmissions keep the xid');
      assert.equal(t.C.ipAddr, 0);
    });

    test('replies with a wrong xid, a wrong hardware address, or from another server are ignored', () => {
      for (const script of [{ xidDelta: 1 }, { chaddrDelta: 1 }]) {
        const t = setup(lib, script);
        t.dhcp.start();
        advance(t.wire, t.ifaces, 3000);
        assert.equal(state(t.dhcp), 'Selecting', JSON.stringify(script));
        assert.ok(t.dhcp.ignored >= 1);
      }
      // Two servers: the client requests the first offer; the other server's ACK does not count.
      const t = setup(lib, {}, {});
      const S2 = new lib.iface.Interface({ device: t.wire.port(MAC_T), ip: '10.0.0.2', prefix: 24, seed: 13, sockets: 4 });
      const other = new DhcpServer(lib, S2, { pool: '10.0.0.99', ackOthers: true });
      t.dhcp.start();
      advance(t.wire, [...t.ifaces, S2], 3000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(t.dhcp.serverId, ip('10.0.0.1'));
      assert.ok(t.dhcp.ignored >= 2, 'second offer and foreign ACK ignored: ' + t.dhcp.ignored);
      assert.ok(other.seen.length >= 2);
    });

    test('link down and up: the client asks to keep its address (INIT-REBOOT)', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 2000);
      const port = t.wire.ports[0];
      port.up = false;
      advance(t.wire, t.ifaces, 3000);
      port.up = true;
      advance(t.wire, t.ifaces, 3000);
      const last = t.server.seen[t.server.seen.length - 1];
      assert.equal(t.server.seen.length, 3);
      assert.equal(last.type, T.Request);
      assert.equal(last.requestedIp, ip('10.0.0.50'));
      assert.equal(last.serverId, 0);
      assert.equal(last.ciaddr, 0);
      assert.equal(state(t.dhcp), 'Bound');
    });

    test('stop() drops the lease and the address', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 2000);
      t.dhcp.stop();
      assert.equal(t.C.ipAddr, 0);
      assert.equal(state(t.dhcp), 'Stopped');
      const seen = t.server.seen.length;
      advance(t.wire, t.ifaces, 100000);
      assert.equal(t.server.seen.length, seen, 'a stopped client sends nothing');
      assert.equal(t.C.ipAddr, 0);
    });
  });
}
