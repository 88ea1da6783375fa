// The DHCP wire format (RFC 2131, RFC 2132) of both builds: every field and option through emit and
// parse, then each option with a wrong length, an option running past the end, a missing or unknown
// message type, the fixed part's checks, and the host name and DNS list limits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

for (const { name, lib } of builds) {
  describe(name + ': DHCP wire format', () => {
    const w = lib.wire;
    const E = w.WIRE_ERRORS;
    const A = w.parseIpv4Address;
    const full = () => {
      const r = w.createDhcpRepr();
      r.op = 2; r.xid = 0xdeadbeef; r.secs = 7; r.broadcast = true; r.ciaddr = A('10.0.0.9'); r.yiaddr = A('10.0.0.50');
      r.siaddr = A('10.0.0.1'); r.giaddr = A('10.0.0.254'); r.chaddr = 0x02aabbccddee; r.msgType = 5;
      r.serverId = A('10.0.0.1'); r.requestedIp = A('10.0.0.50'); r.subnetMask = A('255.255.255.0'); r.hasSubnetMask = true;
      r.router = A('10.0.0.1'); r.dns[0] = A('10.0.0.2'); r.dns[1] = A('10.0.0.3'); r.dnsCount = 2;
      r.leaseTime = 3600; r.renewalTime = 1800; r.rebindingTime = 3150; r.askParams = true;
      return r;
    };
    const emit = (r) => {
      const buf = new Uint8Array(600);
      const n = w.emitDhcp(r, buf, 0);
      return buf.slice(0, n);
    };
    const parse = (b) => {
      const r = w.createDhcpRepr();
      return { code: w.parseDhcp(b, 0, b.length, r), r };
    };
    /** The fixed part and cookie of m, then the given option bytes and End. */
    const withOptions = (m, opts) => Uint8Array.from([...m.subarray(0, 240), ...opts, 255]);

    test('every field and option survives emit and parse; the message is padded to 300 bytes', () => {
      const m = emit(full());
      assert.ok(m.length >= 300);
      const { code, r } = parse(m);
      assert.equal(code, E.Ok);
      const want = full();
      for (const k of ['op', 'xid', 'secs', 'broadcast', 'ciaddr', 'yiaddr', 'siaddr', 'giaddr', 'chaddr', 'msgType', 'serverId',
        'requestedIp', 'subnetMask', 'hasSubnetMask', 'router', 'dnsCount', 'leaseTime', 'renewalTime', 'rebindingTime', 'askParams']) {
        assert.equal(r[k], want[k], k);
      }
      assert.deepEqual(r.dns.slice(0, 2), want.dns.slice(0, 2));
      // Absent options read as absent.
      const bare = w.createDhcpRepr();
      bare.op = 1; bare.msgType = 1; bare.chaddr = 0x020000000001;
      const p = parse(emit(bare)).r;
      assert.equal(p.serverId, 0);
      assert.equal(p.hasSubnetMask, false);
      assert.equal(p.leaseTime, -1);
      assert.equal(p.renewalTime, -1);
      assert.equal(p.rebindingTime, -1);
      assert.equal(p.dnsCount, 0);
      assert.equal(p.askParams, false);
      assert.equal(p.broadcast, false);
    });

    test('a client message carries its client id (type 1 + MAC) and, when set, its host name cut at 63 bytes', () => {
      const r = w.createDhcpRepr();
      r.op = 1; r.msgType = 1; r.chaddr = 0x020000000001; r.hostName = 'h'.repeat(80);
      const m = emit(r);
      const opts = [];
      for (let p = 240; m[p] !== 255;) { if (m[p] === 0) { p++; continue; } opts.push([m[p], m.subarray(p + 2, p + 2 + m[p + 1])]); p += 2 + m[p + 1]; }
      const id = opts.find((o) => o[0] === 61);
      assert.deepEqual(Array.from(id[1]), [1, 2, 0, 0, 0, 0, 1]);
      const host = opts.find((o) => o[0] === 12);
      assert.equal(host[1].length, 63);
      const server = w.createDhcpRepr();
      server.op = 2; server.msgType = 2;
      const sm = emit(server);
      assert.equal(sm[240 + 3], 255, 'a server message has no client id: End follows the message type');
    });

    test('each option with a wrong length is Malformed; an option past the end too; unknown options and pads are skipped', () => {
      const m = emit(full());
      const type = [53, 1, 5];
      const bad = [
        [53, 2, 5, 5], [1, 3, 255, 255, 255], [3, 3, 1, 2, 3], [3, 5, 1, 2, 3, 4, 5], [3, 0], [6, 6, 1, 2, 3, 4, 5, 6], [6, 0],
        [54, 5, 1, 2, 3, 4, 5], [50, 3, 1, 2, 3], [51, 2, 0, 1], [58, 8, 0, 0, 0, 0, 0, 0, 0, 0], [59, 3, 0, 0, 0],
      ];
      for (const o of bad) assert.equal(parse(withOptions(m, [...type, ...o])).code, E.Malformed, 'option ' + o.slice(0, 2));
      // Running past the end: a length byte missing, or a value cut.
      const cut1 = Uint8Array.from([...m.subarray(0, 240), ...type, 1]);
      assert.equal(parse(cut1).code, E.Malformed);
      const cut2 = Uint8Array.from([...m.subarray(0, 240), ...type, 1, 4, 255, 255]);
      assert.equal(parse(cut2).code, E.Malformed);
      // Pads, an unknown option, the parameter list and a long router list are fine.
      const ok = parse(withOptions(m, [0, 0, ...type, 0, 200, 3, 9, 9, 9, 55, 2, 1, 3, 3, 8, 10, 0, 0, 1, 10, 0, 0, 2]));
      assert.equal(ok.code, E.Ok);
      assert.equal(ok.r.router, A('10.0.0.1'), 'the first router');
      assert.equal(ok.r.askParams, true);
      // Without End, the options end with the message.
      const noEnd = Uint8Array.from([...m.subarray(0, 240), ...type, 54, 4, 10, 0, 0, 1]);
      const ne = parse(noEnd);
      assert.equal(ne.code, E.Ok);
      assert.equal(ne.r.serverId, A('10.0.0.1'));
    });

    test('a subnet mask without a router leaves the router absent; a lease of 0 seconds is kept', () => {
      const m = emit(full());
      const { code, r } = parse(withOptions(m, [53, 1, 5, 1, 4, 255, 255, 255, 0]));
      assert.equal(code, E.Ok);
      assert.equal(r.subnetMask, A('255.255.255.0'));
      assert.equal(r.router, 0);
      const z = full();
      z.leaseTime = 0; z.renewalTime = 0; z.rebindingTime = 0;
      const back = parse(emit(z)).r;
      assert.equal(back.leaseTime, 0);
      assert.equal(back.renewalTime, 0);
      assert.equal(back.rebindingTime, 0);
    });

    test('DNS servers beyond the repr\'s room are left out', () => {
      const m = emit(full());
      const list = [];
      for (let i = 1; i <= w.DHCP_MAX_DNS + 2; i++) list.push(10, 0, 0, i);
      const { code, r } = parse(withOptions(m, [53, 1, 5, 6, list.length, ...list]));
      assert.equal(code, E.Ok);
      assert.equal(r.dnsCount, w.DHCP_MAX_DNS);
      for (let i = 0; i < w.DHCP_MAX_DNS; i++) assert.equal(r.dns[i], A('10.0.0.' + (i + 1)));
    });

    test('message type missing, 0 or above 8 is Malformed; 1 and 8 are fine', () => {
      const m = emit(full());
      assert.equal(parse(withOptions(m, [])).code, E.Malformed);
      assert.equal(parse(withOptions(m, [53, 1, 0])).code, E.Malformed);
      assert.equal(parse(withOptions(m, [53, 1, 9])).code, E.Malformed);
      assert.equal(parse(withOptions(m, [53, 1, 1])).code, E.Ok);
      assert.equal(parse(withOptions(m, [53, 1, 8])).code, E.Ok);
    });

    test('the fixed part: shorter than 240 bytes Truncated; bad op or cookie Malformed; not Ethernet Unsupported', () => {
      const m = emit(full());
      assert.equal(parse(m.subarray(0, 239)).code, E.Truncated);
      for (const [at, v, code] of [[0, 0, E.Malformed], [0, 3, E.Malformed], [1, 6, E.Unsupported], [2, 8, E.Unsupported], [236, 0, E.Malformed], [239, 0x64, E.Malformed]]) {
        const b = m.slice();
        b[at] = v;
        assert.equal(parse(b).code, code, 'byte ' + at + ' = ' + v);
      }
    });
  });
}
