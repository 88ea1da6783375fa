// DHCP messages where the stack really has them: emitted and parsed at an offset inside a larger
// buffer (after the frame's headers) that holds older bytes, and parsed into a repr that holds an
// earlier message. Also the host name at its limit and the padding to exactly 300 bytes. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

for (const { name, lib } of builds) {
  describe(name + ': DHCP messages in a used buffer and a used repr', () => {
    const w = lib.wire;
    const E = w.WIRE_ERRORS;
    const A = w.parseIpv4Address;
    const FIELDS = ['op', 'xid', 'secs', 'broadcast', 'ciaddr', 'yiaddr', 'siaddr', 'giaddr', 'chaddr', 'msgType', 'serverId',
      'requestedIp', 'subnetMask', 'hasSubnetMask', 'router', 'dnsCount', 'leaseTime', 'renewalTime', 'rebindingTime', 'askParams'];
    const full = () => Object.assign(w.createDhcpRepr(), {
      op: 2, xid: 0x8badf00d, secs: 0x1234, broadcast: true, ciaddr: A('10.1.2.3'), yiaddr: A('192.168.7.50'),
      siaddr: A('192.168.7.1'), giaddr: A('172.16.0.1'), chaddr: 0xfeaabbccddee, msgType: 5, serverId: A('192.168.7.1'),
      requestedIp: A('192.168.7.50'), subnetMask: A('255.255.254.0'), hasSubnetMask: true, router: A('192.168.7.254'),
      dnsCount: 3, leaseTime: 0x80000000, renewalTime: 1800, rebindingTime: 3150, askParams: true,
    });
    const fields = (r) => Object.fromEntries([...FIELDS.map((k) => [k, r[k]]), ['dns', r.dns.slice(0, r.dnsCount)]]);

    test('emitted at an offset into a used buffer: only its own bytes change, the unused BOOTP fields are zero', () => {
      // 240 + type 3 + 4 addresses * 6 + one DNS server 6 + 3 times * 6 + End 1 = 292 bytes.
      const r = full();
      r.askParams = false; r.dnsCount = 1; r.dns[0] = A('9.9.9.9');
      const off = 42;
      const buf = new Uint8Array(700).fill(0xee);
      const n = w.emitDhcp(r, buf, off);
      assert.equal(n, 300, 'padded to exactly 300 bytes');
      assert.ok(buf.subarray(0, off).every((b) => b === 0xee), 'nothing written before the message');
      assert.ok(buf.subarray(off + n).every((b) => b === 0xee), 'nothing written after it');
      // chaddr's padding (34..43), sname (44..107) and file (108..235) are zero, as are hops and flags' low bits.
      assert.ok(buf.subarray(off + 34, off + 236).every((b) => b === 0), 'sname and file zero');
      assert.deepEqual([buf[off + 3], buf[off + 11]], [0, 0], 'hops and the low flag bits zero');
      assert.deepEqual([...buf.subarray(off + 236, off + 240)], [99, 130, 83, 99], 'the magic cookie (RFC 2131 3)');
      assert.equal(buf[off + 10], 0x80, 'BROADCAST is the top bit alone');
      // The End option, then zeros to the end.
      let p = off + 240;
      while (buf[p] !== 255) p += buf[p] === 0 ? 1 : 2 + buf[p + 1];
      assert.ok(buf.subarray(p + 1, off + n).every((b) => b === 0), 'padding after End is zero');
      const back = w.createDhcpRepr();
      assert.equal(w.parseDhcp(buf, off, n, back), E.Ok);
      assert.deepEqual(fields(back), fields(r));
      // Parsed where it lies, bytes after it are not part of it.
      assert.equal(w.parseDhcp(buf, off, 239, back), E.Truncated);
    });

    test('a message longer than 300 bytes is not padded; an op of 0 is sent as a request', () => {
      const r = full();
      r.op = 0; r.hostName = 'x'.repeat(63);
      const buf = new Uint8Array(600);
      const n = w.emitDhcp(r, buf, 5);
      assert.equal(buf[5], 1, 'op 0 is a request');
      assert.equal(buf[5 + 243], 61, 'which carries the client id');
      // 240 + type 3 + client id 9 + 4 addresses * 6 + DNS 2 + 12 + 3 times * 6 + host 65 + params 12 + End 1
      assert.equal(n, 240 + 3 + 9 + 24 + 14 + 18 + 65 + 12 + 1);
      assert.equal(buf[5 + n - 1], 255, 'End last');
      // The parameter request list (subnet mask, router, DNS, the three times), then the maximum size 576.
      assert.deepEqual([...buf.subarray(5 + n - 13, 5 + n - 1)], [55, 6, 1, 3, 6, 51, 58, 59, 57, 2, 2, 64]);
    });

    test('the host name: 63 bytes kept, 64 cut to 63, each character sent as 7-bit ASCII', () => {
      const hostOf = (hostName) => {
        const r = Object.assign(w.createDhcpRepr(), { op: 1, msgType: 1, chaddr: 0x020000000001, hostName });
        const buf = new Uint8Array(600);
        w.emitDhcp(r, buf, 0);
        for (let p = 240; buf[p] !== 255; p += buf[p] === 0 ? 1 : 2 + buf[p + 1]) {
          if (buf[p] === 12) return [...buf.subarray(p + 2, p + 2 + buf[p + 1])];
        }
        return null;
      };
      assert.equal(hostOf('a'.repeat(63)).length, 63);
      const plain = new Uint8Array(300).fill(0xee);
      w.emitDhcp(Object.assign(w.createDhcpRepr(), { op: 1, msgType: 1, chaddr: 1, broadcast: false }), plain, 0);
      assert.deepEqual([plain[10], plain[11]], [0, 0], 'no flag without BROADCAST');
      assert.deepEqual(hostOf('b'.repeat(64)), new Array(63).fill(98));
      assert.deepEqual(hostOf('\u00e9t\u00e9'), [0x69, 0x74, 0x69], 'the high bit dropped');
      assert.equal(hostOf(''), null, 'no name, no option');
      assert.deepEqual(hostOf('a'), [97], 'a name of one character');
    });

    test('a parse into a repr that holds an earlier message gives what a new repr gives', () => {
      const r = full();
      r.dns[0] = A('9.9.9.9'); r.dns[1] = A('1.1.1.1'); r.dns[2] = A('8.8.4.4');
      const buf = new Uint8Array(600);
      const big = buf.slice(0, w.emitDhcp(r, buf, 0));
      const small = Object.assign(w.createDhcpRepr(), { op: 1, xid: 1, msgType: 3, chaddr: 0x020000000001 });
      const little = buf.slice(0, w.emitDhcp(small, buf, 0));
      const used = w.createDhcpRepr();
      assert.equal(w.parseDhcp(big, 0, big.length, used), E.Ok);
      assert.equal(used.dnsCount, 3);
      assert.equal(w.parseDhcp(little, 0, little.length, used), E.Ok);
      const fresh = w.createDhcpRepr();
      assert.equal(w.parseDhcp(little, 0, little.length, fresh), E.Ok);
      assert.deepEqual(fields(used), fields(fresh));
      assert.deepEqual([used.serverId, used.requestedIp, used.subnetMask, used.hasSubnetMask, used.router, used.dnsCount, used.leaseTime, used.renewalTime, used.rebindingTime, used.askParams, used.broadcast],
        [0, 0, 0, false, 0, 0, -1, -1, -1, false, false]);
      // A message without a message type stays Malformed after one that had it.
      const typeless = Uint8Array.from([...little.subarray(0, 240), 255]);
      assert.equal(w.parseDhcp(typeless, 0, typeless.length, used), E.Malformed);
    });

    test('three DNS servers are kept from a longer list', () => {
      const r = Object.assign(w.createDhcpRepr(), { op: 2, msgType: 5 });
      const buf = new Uint8Array(600);
      w.emitDhcp(r, buf, 0);
      const list = [];
      for (let i = 1; i <= 5; i++) list.push(10, 0, 0, i);
      const m = Uint8Array.from([...buf.subarray(0, 243), 6, 20, ...list, 255]);
      const back = w.createDhcpRepr();
      assert.equal(w.parseDhcp(m, 0, m.length, back), E.Ok);
      assert.equal(back.dnsCount, 3);
      assert.deepEqual(back.dns.slice(0, 3), [A('10.0.0.1'), A('10.0.0.2'), A('10.0.0.3')]);
    });

    test('the fixed part alone (240 bytes) is read and Malformed for its missing type; only the top flag bit is BROADCAST', () => {
      const r = Object.assign(w.createDhcpRepr(), { op: 2, msgType: 5 });
      const buf = new Uint8Array(600);
      w.emitDhcp(r, buf, 0);
      const back = w.createDhcpRepr();
      assert.equal(w.parseDhcp(buf, 0, 240, back), E.Malformed, 'no options: no message type');
      assert.equal(w.parseDhcp(buf, 0, 239, back), E.Truncated);
      for (const [hi, lo, want] of [[0x80, 0, true], [0x00, 0x01, false], [0x7f, 0xff, false], [0x01, 0x00, false], [0xff, 0xff, true]]) {
        buf[10] = hi; buf[11] = lo;
        assert.equal(w.parseDhcp(buf, 0, 300, back), E.Ok);
        assert.equal(back.broadcast, want, 'flags ' + hi + ' ' + lo);
      }
    });

    test('a new repr\'s DNS list is allocated with room for 3 servers, all 0 (nothing grows on the packet path)', () => {
      assert.deepEqual(w.createDhcpRepr().dns, [0, 0, 0]);
      assert.equal(w.DHCP_MAX_DNS, 3);
    });

    test('each option sets its own field only; a code in the last byte, without its length, is Malformed', () => {
      const r = Object.assign(w.createDhcpRepr(), { op: 2, msgType: 5 });
      const buf = new Uint8Array(600);
      w.emitDhcp(r, buf, 0);
      const head = buf.subarray(0, 243);
      const parse = (opts) => {
        const m = Uint8Array.from([...head, ...opts]);
        const back = w.createDhcpRepr();
        return [w.parseDhcp(m, 0, m.length, back), back];
      };
      let [e, back] = parse([50, 4, 10, 0, 0, 9, 255]);
      assert.equal(e, E.Ok);
      assert.deepEqual([back.requestedIp, back.leaseTime, back.renewalTime, back.rebindingTime], [A('10.0.0.9'), -1, -1, -1], 'requested address');
      for (const code of [51, 58, 59]) {
        [e, back] = parse([code, 4, 0, 0, 1, 0, 255]);
        assert.equal(e, E.Ok);
        assert.equal(back.askParams, false, 'option ' + code + ' is no parameter list');
        assert.deepEqual([back.leaseTime, back.renewalTime, back.rebindingTime], [code === 51 ? 256 : -1, code === 58 ? 256 : -1, code === 59 ? 256 : -1]);
      }
      assert.equal(parse([200])[0], E.Malformed, 'an unknown code without its length');
      assert.equal(parse([0, 0, 200])[0], E.Malformed, 'after pads');
      assert.equal(parse([6, 5, 10, 0, 0, 1, 2, 255])[0], E.Malformed, 'a DNS list of 5 bytes');
      assert.equal(parse([6, 9, 10, 0, 0, 1, 10, 0, 0, 2, 3, 255])[0], E.Malformed, 'a DNS list of 9 bytes');
    });

    test('an unknown option of length 0 in the last two bytes is skipped', () => {
      const r = Object.assign(w.createDhcpRepr(), { op: 2, msgType: 2 });
      const buf = new Uint8Array(600);
      w.emitDhcp(r, buf, 0);
      const m = Uint8Array.from([...buf.subarray(0, 243), 200, 0]);
      const back = w.createDhcpRepr();
      assert.equal(w.parseDhcp(m, 0, m.length, back), E.Ok);
      assert.equal(back.msgType, 2);
    });
  });
}
