// DHCP client against a scripted server on the virtual wire: DORA, renewal at T1, rebinding at T2,
// lease expiry (address removed, connections told), NAK, no answer (backoff), xid / hardware address
// / server checks, restart on link up, ARP probes of a new address (RFC 5227: timing, fields, the
// address unused until they pass, DECLINE on a conflict), announcements, RELEASE on stop(); on both
// builds. The client runs with the RFC 5227 timing: a lease takes 4 to 7 s of probing.
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
  // Frames the client sends, with their time.
  const port = wire.ports[0], sent = [];
  const transmit = port.transmit;
  port.transmit = function (buf, off, len) {
    sent.push({ at: wire.now, bytes: buf.slice(off, off + len) });
    return transmit.call(this, buf, off, len);
  };
  return { wire, C, S, server, dns, dhcp, changes, sent, ifaces: [C, S] };
}

/** The ARP packets among frames: { at, op, senderMac, senderIp, targetMac, targetIp, dst }. */
function arpOf(lib, frames) {
  const out = [];
  for (const f of frames) {
    const e = lib.wire.createEthernetRepr();
    if (lib.wire.parseEthernet(f.bytes, 0, f.bytes.length, e) !== 0 || e.ethertype !== 0x0806) continue;
    const a = lib.wire.createArpRepr();
    assert.equal(lib.wire.parseArp(f.bytes, 14, f.bytes.length - 14, a), 0);
    out.push({ at: f.at, dst: e.dst, ...a });
  }
  return out;
}

/** The DHCP messages among frames: { at, ipSrc, ipDst, dstMac, msg } (msg: a parsed repr). */
function dhcpOf(lib, frames) {
  const out = [];
  for (const f of frames) {
    const e = lib.wire.createEthernetRepr(), ip = lib.wire.createIpv4Repr();
    if (lib.wire.parseEthernet(f.bytes, 0, f.bytes.length, e) !== 0 || e.ethertype !== 0x0800) continue;
    if (lib.wire.parseIpv4(f.bytes, 14, f.bytes.length - 14, ip) !== 0 || ip.protocol !== 17) continue;
    const msg = lib.wire.createDhcpRepr();
    const at = 14 + ip.headerLen + 8;
    if (lib.wire.parseDhcp(f.bytes, at, ip.payloadLen - 8, msg) !== 0) continue;
    out.push({ at: f.at, ipSrc: ip.src, ipDst: ip.dst, dstMac: e.dst, msg, bytes: f.bytes.subarray(at, 14 + ip.headerLen + ip.payloadLen) });
  }
  return out;
}

/** A port that only sends (down otherwise, so frames do not pile up in its inbox). */
function injector(wire) {
  const p = wire.port(MAC_T);
  p.up = false;
  return {
    transmit(buf, off, len) {
      p.up = true;
      p.transmit(buf, off, len);
      p.up = false;
    },
  };
}

/** The option codes present in a DHCP message's bytes. */
function optionCodes(b) {
  const codes = [];
  for (let p = 240; p < b.length && b[p] !== 255; ) {
    if (b[p] === 0) { p++; continue; }
    codes.push(b[p]);
    p += 2 + b[p + 1];
  }
  return codes;
}

for (const { name, lib } of builds) {
  const T = lib.wire.DHCP_TYPES;
  const ip = (s) => lib.wire.parseIpv4Address(s);
  const state = (d) => lib.app.DHCP_STATES[d.state];

  describe(name + ': DHCP client', () => {
    test('discover, offer, request, ack: the lease configures the interface and DNS', () => {
      const t = setup(lib);
      assert.equal(t.dhcp.start(), 0);
      advance(t.wire, t.ifaces, 8000);
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
      assert.deepEqual([t.dhcp.offers, t.dhcp.acks, t.dhcp.ignored], [1, 1, 0], 'offers, ACKs and ignored messages counted');
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
      advance(t.wire, t.ifaces, 8000);
      const firstExpiry = t.dhcp.expireAt;
      advance(t.wire, t.ifaces, 2500);
      const renew = t.server.seen[2];
      assert.equal(renew.type, T.Request);
      assert.equal(renew.ciaddr, ip('10.0.0.50'), 'renewal carries our address in ciaddr');
      assert.equal(renew.serverId, 0);
      assert.equal(renew.from, ip('10.0.0.50'), 'renewal comes from our address');
      assert.ok(renew.at >= 10000 && renew.at < 11000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.ok(t.dhcp.expireAt > firstExpiry + 9000);
      assert.equal(t.changes.length, 1, 'a renewal without changes is no news');
      assert.equal(t.dhcp.probes, 3, 'no probe on renewal');
      assert.equal(t.dhcp.announces, 2, 'no announcement on renewal');
    });

    test('rebinding at T2 when the server ignores renewals', () => {
      const t = setup(lib, { lease: 20, t1: 10, t2: 16 }, { minRenewRetryMs: 1000 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 8000);
      t.server.script.silent = true;
      advance(t.wire, t.ifaces, 3000);
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
      advance(t.wire, t.ifaces, 8000);
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
      advance(t.wire, t.ifaces, 10000);
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

    test('replies with a wrong xid, a wrong hardware address, a request\'s op, from a port other than 67, or from another server are ignored', () => {
      for (const script of [{ xidDelta: 1 }, { chaddrDelta: 1 }, { op: 1 }, { fromPort: 6767 }]) {
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
      advance(t.wire, [...t.ifaces, S2], 9000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(t.dhcp.serverId, ip('10.0.0.1'));
      assert.ok(t.dhcp.ignored >= 2, 'second offer and foreign ACK ignored: ' + t.dhcp.ignored);
      assert.ok(other.seen.length >= 2);
    });

    test('link down and up: the client asks to keep its address (INIT-REBOOT), without probing it', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 8000);
      assert.equal(t.dhcp.probes, 3);
      const arps = arpOf(lib, t.sent).length;
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
      assert.equal(t.dhcp.probes, 3, 'no probe on INIT-REBOOT');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(arpOf(lib, t.sent).filter((a) => a.senderIp === 0).length, 3);
    });

    test('stop() releases the lease, then drops the address', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 8000);
      let done = 0;
      t.dhcp.stop(() => done++);
      assert.equal(state(t.dhcp), 'Stopped');
      // The server's MAC is not known yet: the address stays until the RELEASE has left.
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(done, 0);
      advance(t.wire, t.ifaces, 100);
      assert.equal(done, 1);
      assert.equal(t.C.ipAddr, 0);
      assert.equal(t.dhcp.releases, 1);
      assert.deepEqual(t.server.released, [ip('10.0.0.50')]);
      const rel = dhcpOf(lib, t.sent).filter((m) => m.msg.msgType === T.Release);
      assert.equal(rel.length, 1);
      const m = rel[0];
      assert.equal(m.ipDst, ip('10.0.0.1'), 'unicast to the server');
      assert.equal(m.dstMac, MAC_S);
      assert.equal(m.ipSrc, ip('10.0.0.50'), 'from the leased address');
      assert.equal(m.msg.ciaddr, ip('10.0.0.50'));
      assert.equal(m.msg.serverId, ip('10.0.0.1'));
      assert.equal(m.msg.requestedIp, 0);
      assert.equal(m.msg.secs, 0);
      assert.deepEqual(optionCodes(m.bytes), [53, 61, 54], 'type, client id, server id only');
      assert.notEqual(m.msg.xid, t.server.seen[1].xid, 'a new xid');
      const seen = t.server.seen.length;
      advance(t.wire, t.ifaces, 100000);
      assert.equal(t.server.seen.length, seen, 'a stopped client sends nothing');
      assert.equal(t.C.ipAddr, 0);
    });
    test('what comes while a new address is probed is ignored: the lease taken is the probed ACK\'s', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 100);
      assert.equal(state(t.dhcp), 'Probing');
      const ignored = t.dhcp.ignored;
      // The server answers the same REQUEST again, with another router and lease, then NAKs it.
      t.server.script.router = '10.0.0.99';
      t.server.script.lease = 60;
      t.server.reply(lib.wire.DHCP_TYPES.Ack, t.server.req);
      t.server.reply(lib.wire.DHCP_TYPES.Nak, t.server.req);
      advance(t.wire, t.ifaces, 100);
      assert.equal(state(t.dhcp), 'Probing');
      assert.equal(t.dhcp.ignored, ignored + 2, 'both ignored');
      while (state(t.dhcp) !== 'Bound' && t.wire.now < 10000) advance(t.wire, t.ifaces, 100);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(t.C.gateway, ip('10.0.0.1'), 'the probed ACK\'s router');
      assert.equal(t.dhcp.leaseMs, 3600 * 1000, 'the probed ACK\'s lease');
    });
    test('a new address is probed with ARP (RFC 5227 timing and fields) and not used until the probes pass', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 100);
      assert.equal(state(t.dhcp), 'Probing');
      const ackAt = t.server.seen[1].at;
      // While probing the address is not ours: nothing answers from it.
      assert.equal(t.C.ipAddr, 0);
      const p = new lib.socket.IcmpSocket();
      t.S.add(p);
      p.bind(7);
      p.sendEcho(ip('10.0.0.50'), 1, new Uint8Array(4), 0, 4);
      let bound = -1, answeredAt = -1;
      const buf = new Uint8Array(8);
      while (t.wire.now < 10000) {
        advance(t.wire, t.ifaces, 100);
        if (state(t.dhcp) !== 'Bound') assert.equal(t.C.ipAddr, 0, 'not configured while probing, at ' + t.wire.now);
        else if (bound < 0) bound = t.wire.now;
        if (answeredAt < 0 && p.recv(buf, 0, 8) === 4) answeredAt = t.wire.now;
      }
      assert.ok(answeredAt < 0, 'no echo reply from a probed address');
      const probes = arpOf(lib, t.sent).filter((a) => a.senderIp === 0);
      assert.equal(probes.length, 3);
      assert.equal(t.dhcp.probes, 3);
      for (const a of probes) {
        assert.equal(a.op, 1, 'a request');
        assert.equal(a.dst, 0xffffffffffff, 'broadcast');
        assert.equal(a.senderMac, MAC_C);
        assert.equal(a.targetMac, 0);
        assert.equal(a.targetIp, ip('10.0.0.50'));
      }
      assert.ok(probes[0].at - ackAt >= 0 && probes[0].at - ackAt <= 1000, 'first probe within PROBE_WAIT: ' + (probes[0].at - ackAt));
      for (let i = 1; i < 3; i++) {
        const gap = probes[i].at - probes[i - 1].at;
        assert.ok(gap >= 1000 && gap <= 2000, 'probes PROBE_MIN..PROBE_MAX apart: ' + gap);
      }
      assert.ok(bound >= probes[2].at + 2000 && bound <= probes[2].at + 2100, 'bound ANNOUNCE_WAIT after the last probe: ' + (bound - probes[2].at));
      assert.equal(t.C.ipAddr, ip('10.0.0.50'));
      assert.equal(t.dhcp.conflicts, 0);
      // The lease counts from the REQUEST, not from the end of probing.
      assert.equal(t.dhcp.expireAt, t.server.seen[1].at + 3600 * 1000);
    });

    test('once bound the address is announced twice, 2 s apart (gratuitous ARP)', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 12000);
      const ann = arpOf(lib, t.sent).filter((a) => a.senderIp !== 0 && a.senderIp === a.targetIp);
      assert.equal(ann.length, 2);
      assert.equal(t.dhcp.announces, 2);
      const lastProbe = arpOf(lib, t.sent).filter((a) => a.senderIp === 0)[2];
      for (const a of ann) {
        assert.equal(a.op, 1);
        assert.equal(a.dst, 0xffffffffffff);
        assert.equal(a.senderMac, MAC_C);
        assert.equal(a.senderIp, ip('10.0.0.50'));
        assert.equal(a.targetMac, 0);
      }
      assert.ok(ann[0].at >= lastProbe.at + 2000 && ann[0].at <= lastProbe.at + 2100, 'first announcement when bound');
      assert.equal(ann[1].at - ann[0].at, 2000);
    });

    test('a host answering the probe: DECLINE, DISCOVER after 10 s, another lease', () => {
      const t = setup(lib, { pool: ['10.0.0.50', '10.0.0.51'] });
      // Another host already uses 10.0.0.50 (it answers ARP probes for it).
      const H = new lib.iface.Interface({ device: t.wire.port(MAC_T), ip: '10.0.0.50', prefix: 24, seed: 14, sockets: 4 });
      const ifaces = [...t.ifaces, H];
      t.dhcp.start();
      advance(t.wire, ifaces, 3000);
      assert.equal(t.dhcp.conflicts, 1);
      assert.equal(t.dhcp.declines, 1);
      assert.equal(t.C.ipAddr, 0, 'the taken address was never configured');
      assert.deepEqual(t.server.declined, [ip('10.0.0.50')]);
      const dec = dhcpOf(lib, t.sent).filter((m) => m.msg.msgType === T.Decline);
      assert.equal(dec.length, 1);
      const d = dec[0];
      assert.equal(d.ipDst, 0xffffffff, 'broadcast');
      assert.equal(d.ipSrc, 0);
      assert.equal(d.msg.ciaddr, 0);
      assert.equal(d.msg.requestedIp, ip('10.0.0.50'));
      assert.equal(d.msg.serverId, ip('10.0.0.1'));
      assert.equal(d.msg.secs, 0);
      assert.deepEqual(optionCodes(d.bytes), [53, 61, 50, 54], 'type, client id, requested address, server id only');
      assert.equal(state(t.dhcp), 'Init');
      advance(t.wire, ifaces, 20000);
      const discovers = t.server.seen.filter((m) => m.type === T.Discover);
      assert.equal(discovers.length, 2);
      assert.ok(discovers[1].at - d.at >= 10000 && discovers[1].at - d.at < 10100, 'DISCOVER 10 s after the DECLINE: ' + (discovers[1].at - d.at));
      assert.notEqual(discovers[1].xid, discovers[0].xid);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.51'));
      assert.equal(t.dhcp.probes, 1 + 3, 'one probe for .50 (answered), three for .51');
      assert.equal(t.dhcp.conflicts, 1);
      assert.equal(t.changes.length, 1);
      // The Interface at .50 answered the probe without learning the prober's (unset) address.
      assert.equal(H.counters[lib.iface.RESULTS.ArpRequestAnswered] >= 1, true);
    });

    test("another host's probe for the same address while we probe is a conflict", () => {
      const t = setup(lib, { pool: ['10.0.0.50', '10.0.0.51'] }, { declineWaitMs: 1000 });
      const other = injector(t.wire);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 20);
      assert.equal(state(t.dhcp), 'Probing');
      const f = new Uint8Array(60);
      const e = lib.wire.createEthernetRepr();
      e.dst = 0xffffffffffff; e.src = MAC_T; e.ethertype = 0x0806;
      lib.wire.emitEthernet(e, f, 0);
      const a = lib.wire.createArpRepr();
      // Our own probe reflected back (our MAC) is not a conflict; the other host's is.
      Object.assign(a, { op: 1, senderMac: MAC_C, senderIp: 0, targetMac: 0, targetIp: ip('10.0.0.50') });
      lib.wire.emitArp(a, f, 14);
      other.transmit(f, 0, 60);
      advance(t.wire, t.ifaces, 10);
      assert.equal(t.dhcp.conflicts, 0);
      a.senderMac = MAC_T;
      lib.wire.emitArp(a, f, 14);
      other.transmit(f, 0, 60);
      advance(t.wire, t.ifaces, 10);
      assert.equal(t.dhcp.conflicts, 1);
      assert.equal(t.dhcp.declines, 1);
      advance(t.wire, t.ifaces, 10000);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(t.C.ipAddr, ip('10.0.0.51'));
    });

    test('malformed ARP while probing is dropped and counted, no conflict', () => {
      const t = setup(lib);
      const other = injector(t.wire);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 20);
      const f = new Uint8Array(60);
      const e = lib.wire.createEthernetRepr();
      e.dst = 0xffffffffffff; e.src = MAC_T; e.ethertype = 0x0806;
      lib.wire.emitEthernet(e, f, 0);
      const a = lib.wire.createArpRepr();
      Object.assign(a, { op: 2, senderMac: MAC_T, senderIp: ip('10.0.0.50'), targetMac: 0, targetIp: 0 });
      lib.wire.emitArp(a, f, 14);
      f[14 + 6] = 0; f[14 + 7] = 9; // op 9
      other.transmit(f, 0, 60);
      other.transmit(f, 0, 14 + 20); // truncated
      advance(t.wire, t.ifaces, 10000);
      assert.equal(t.dhcp.conflicts, 0);
      assert.equal(t.C.counters[lib.iface.RESULTS.ArpUnsupported], 1);
      assert.equal(t.C.counters[lib.iface.RESULTS.ArpMalformed], 1);
      assert.equal(state(t.dhcp), 'Bound');
    });

    test('probing options: no probes (probes: 0) binds at once; short waits probe fast', () => {
      const t = setup(lib, {}, { probes: 0, announces: 0 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 50);
      assert.equal(state(t.dhcp), 'Bound');
      assert.equal(arpOf(lib, t.sent).filter((a) => a.senderIp === 0 || a.senderIp === a.targetIp).length, 0);
      const u = setup(lib, {}, { probeWaitMs: 0, probeMinMs: 10, probeMaxMs: 10, announceWaitMs: 20 });
      u.dhcp.start();
      advance(u.wire, u.ifaces, 100);
      assert.equal(state(u.dhcp), 'Bound');
      assert.equal(u.dhcp.probes, 3);
    });

    test('stop() with the server known sends the RELEASE and drops the address at once', () => {
      const t = setup(lib, { lease: 20, t1: 10, t2: 16 }, { minRenewRetryMs: 1000 });
      t.dhcp.start();
      advance(t.wire, t.ifaces, 10500); // the renewal resolved the server's MAC
      let done = 0;
      t.dhcp.stop(() => done++);
      assert.equal(done, 1);
      assert.equal(t.C.ipAddr, 0);
      advance(t.wire, t.ifaces, 100);
      assert.deepEqual(t.server.released, [ip('10.0.0.50')]);
      const rel = dhcpOf(lib, t.sent).filter((m) => m.msg.msgType === T.Release);
      assert.equal(rel.length, 1);
      assert.equal(rel[0].ipSrc, ip('10.0.0.50'));
    });

    test('stop() while probing sends nothing and leaves no address', () => {
      const t = setup(lib);
      t.dhcp.start();
      advance(t.wire, t.ifaces, 500);
      assert.equal(state(t.dhcp), 'Probing');
      t.dhcp.stop();
      advance(t.wire, t.ifaces, 20000);
      assert.equal(t.C.ipAddr, 0);
      assert.equal(t.dhcp.releases, 0);
      assert.equal(t.C.probeIp, 0);
    });
  });
}
