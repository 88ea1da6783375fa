// The parsers at their boundaries, in both builds: the shortest input each accepts and one byte less,
// each field's first refused and first accepted value, and the emitters' special cases (a UDP
// checksum that computes to 0, the ICMP fields that only some types carry).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { refChecksum, pseudo } from './helpers.mjs';

for (const { name, lib } of builds) {
  const w = lib.wire;
  const E = w.WIRE_ERRORS;

  describe(`${name}: wire parsers at their boundaries`, () => {
    test('Ethernet: 13 bytes are Truncated, 14 parse; type 0x05ff is an 802.3 length (Unsupported), 0x0600 a type', () => {
      const b = new Uint8Array(14);
      const r = w.createEthernetRepr();
      b[12] = 0x08;
      assert.equal(w.parseEthernet(b, 0, 13, r), E.Truncated);
      assert.equal(w.parseEthernet(b, 0, 14, r), E.Ok);
      b[12] = 0x05; b[13] = 0xff;
      assert.equal(w.parseEthernet(b, 0, 14, r), E.Unsupported);
      b[12] = 0x06; b[13] = 0x00;
      assert.equal(w.parseEthernet(b, 0, 14, r), E.Ok);
      assert.equal(r.ethertype, 0x600);
    });

    test('ARP: under 8 bytes Truncated; a good header with under 28 bytes Truncated; each header field and the operation checked', () => {
      const r = Object.assign(w.createArpRepr(), { op: 1, senderMac: 0x020000000001, senderIp: 0x0a000001, targetMac: 0, targetIp: 0x0a000002 });
      const b = new Uint8Array(28);
      assert.equal(w.emitArp(r, b, 0), 28);
      const p = w.createArpRepr();
      assert.equal(w.parseArp(b, 0, 7, p), E.Truncated);
      assert.equal(w.parseArp(b, 0, 27, p), E.Truncated);
      assert.equal(w.parseArp(b, 0, 28, p), E.Ok);
      for (const [at, v] of [[1, 2], [0, 1], [2, 0x86], [3, 0x01], [4, 8], [5, 16]]) {
        const c = b.slice();
        c[at] = v;
        assert.equal(w.parseArp(c, 0, 28, p), E.Unsupported, 'header byte ' + at + ' = ' + v);
        assert.equal(w.parseArp(c, 0, 8, p), E.Unsupported, 'header byte ' + at + ' checked before the length');
        assert.equal(w.parseArp(c, 0, 7, p), E.Truncated, 'under 8 bytes the header is not read');
      }
      for (const op of [0, 3, 0x101]) {
        const c = b.slice();
        c[6] = op >> 8; c[7] = op & 255;
        assert.equal(w.parseArp(c, 0, 28, p), E.Unsupported, 'operation ' + op);
      }
      const c = b.slice();
      c[7] = 2;
      assert.equal(w.parseArp(c, 0, 28, p), E.Ok);
      assert.equal(p.op, 2);
      // Addresses with the top bit set read back as the same unsigned numbers.
      const hi = Object.assign(w.createArpRepr(), { op: 2, senderMac: 0xfe0000000001, senderIp: 0xc0a80101, targetMac: 0x8a0000000002, targetIp: 0xfffffffe });
      w.emitArp(hi, b, 0);
      assert.deepEqual([...b.subarray(14, 18)], [192, 168, 1, 1]);
      assert.equal(w.parseArp(b, 0, 28, p), E.Ok);
      assert.deepEqual([p.senderIp, p.targetIp, p.senderMac, p.targetMac], [0xc0a80101, 0xfffffffe, 0xfe0000000001, 0x8a0000000002]);
    });

    const src = 0x0a000001, dst = 0x0a000002;
    function udp(payload, sport = 1234, dport = 53) {
      const b = new Uint8Array(8 + payload.length);
      b.set(payload, 8);
      const r = Object.assign(w.createUdpRepr(), { srcPort: sport, dstPort: dport, payloadLen: payload.length });
      w.emitUdp(r, b, 0, src, dst);
      return b;
    }

    test('TCP options: NOP NOP Timestamp (read without the option loop) parses as the same option in another layout', () => {
      const src = 0x0a000001, dst = 0x0a000002;
      /** A 32-byte TCP header with the given 12 option bytes and a correct checksum. */
      const seg = (opts) => {
        const b = new Uint8Array(32);
        b[0] = 0x04; b[1] = 0xd2; b[2] = 0x00; b[3] = 0x50; b[12] = 8 << 4; b[13] = 0x10; b[15] = 0xff;
        b.set(opts, 20);
        const c = refChecksum(b, 0, 32, pseudo(src, dst, 6, 32));
        b[16] = c >> 8; b[17] = c & 255;
        return b;
      };
      const ts = [8, 10, 0xde, 0xad, 0xbe, 0xef, 0x80, 0, 0, 1];
      const parse = (b) => { const r = w.createTcpRepr(); return [w.parseTcp(b, 0, b.length, src, dst, r), r]; };
      const [e1, fast] = parse(seg([1, 1, ...ts]));
      const [e2, loop] = parse(seg([...ts, 1, 1]));
      assert.equal(e1, E.Ok);
      assert.equal(e2, E.Ok);
      for (const k of ['hasTimestamp', 'tsVal', 'tsEcr', 'mss', 'wscale', 'sackPermitted', 'sackCount', 'headerLen', 'payloadLen']) assert.equal(fast[k], loop[k], k);
      assert.deepEqual([fast.hasTimestamp, fast.tsVal, fast.tsEcr], [true, 0xdeadbeef, 0x80000001]);
      // The same bytes with the option's length wrong are not taken by the shortcut: Malformed.
      assert.equal(parse(seg([1, 1, 8, 9, ...ts.slice(2)]))[0], E.Malformed);
    });

    test('IPv4 emit: a header whose sum carries after the first fold still checks; addresses and masks at their edges', () => {
      // Fields near their maxima make the 16-bit sum carry twice: the checksum must fold twice.
      const r = Object.assign(w.createIpv4Repr(), { src: 0xffffffff, dst: 0xfffffffe, protocol: 255, ttl: 255, tos: 255, dontFrag: true, moreFrags: true, fragOffset: 0xfff8, payloadLen: 0 });
      let found = 0;
      for (let id = 0; id < 65536 && found < 3; id++) {
        r.ident = id;
        let c = (0x4500 | 255) + 20 + id + (0x6000 | 0x1fff) + 0xffff + 0xffff + 0xffff + 0xffff + 0xfffe;
        c = (c & 0xffff) + (c >>> 16);
        if (c < 0x10000) continue; // one fold was enough for this one
        found++;
        const b = new Uint8Array(20);
        assert.equal(w.emitIpv4(r, b, 0), 20);
        assert.equal(refChecksum(b, 0, 20), 0, 'ident ' + id + ': the header sums to 0xffff');
        assert.equal(w.parseIpv4(b, 0, 20, w.createIpv4Repr()), E.Ok);
      }
      assert.equal(found, 3, 'headers that carry twice exist');
      assert.equal(w.parseIpv4Address('10.0.0.255'), 0x0a0000ff);
      assert.equal(w.parseIpv4Address('10.0.0.0255'), -1, 'an octet of 4 digits is refused');
      assert.equal(w.parseIpv4Address('10..0.1'), -1, 'an empty octet is refused');
      assert.equal(w.prefixFromMask(0xffffff00), 24);
      assert.equal(w.prefixFromMask(0x00000001), 0, 'leading ones only: a low bit alone is prefix 0');
    });

    test('UDP: under 8 bytes Truncated; a length field under 8 BadLength, above the bytes Truncated; bytes past the length ignored', () => {
      const r = w.createUdpRepr();
      const b = udp(Uint8Array.of(1, 2, 3, 4));
      assert.equal(w.parseUdp(b, 0, 7, src, dst, r), E.Truncated);
      assert.equal(w.parseUdp(b, 0, 11, src, dst, r), E.Truncated, 'length field 12 with 11 bytes');
      const padded = new Uint8Array(20);
      padded.set(b);
      assert.equal(w.parseUdp(padded, 0, 20, src, dst, r), E.Ok, 'Ethernet padding after the datagram');
      assert.equal(r.payloadOff, 8);
      assert.equal(r.payloadLen, 4);
      const e = udp(new Uint8Array(0));
      assert.equal(w.parseUdp(e, 0, 8, src, dst, r), E.Ok, 'an empty datagram');
      assert.equal(r.payloadLen, 0);
      const bad = b.slice();
      bad[5] = 7; bad[6] = 0; bad[7] = 0; // length 7, no checksum
      assert.equal(w.parseUdp(bad, 0, 12, src, dst, r), E.BadLength);
    });

    test('UDP: a zero checksum means none (accepted unchecked); destination port 0 is Malformed; a checksum computing to 0 is sent as 0xffff', () => {
      const r = w.createUdpRepr();
      const b = udp(Uint8Array.of(9, 9));
      b[6] = 0; b[7] = 0;
      b[9] ^= 0xff; // would fail any checksum
      assert.equal(w.parseUdp(b, 0, 10, src, dst, r), E.Ok);
      const z = udp(Uint8Array.of(1), 1234, 0);
      assert.equal(w.parseUdp(z, 0, 9, src, dst, r), E.Malformed);
      // Choose the payload word so that the whole sum is 0xffff: the checksum computes to 0.
      const probe = udp(Uint8Array.of(0, 0));
      const word = (probe[6] << 8) | probe[7];
      const x = udp(Uint8Array.of(word >> 8, word & 255));
      assert.deepEqual([x[6], x[7]], [0xff, 0xff], 'sent as 0xffff');
      assert.equal(refChecksum(x, 0, 10, pseudo(src, dst, 17, 10)), 0, 'which checks as valid');
      assert.equal(w.parseUdp(x, 0, 10, src, dst, r), E.Ok);
    });

    test('UDP between addresses with the top bit set: the pseudo-header sum takes them unsigned', () => {
      const hs = 0xc0a80101, hd = 0xfe000002; // 192.168.1.1 -> 254.0.0.2
      const b = new Uint8Array(12);
      b.set([1, 2, 3, 4], 8);
      w.emitUdp(Object.assign(w.createUdpRepr(), { srcPort: 1, dstPort: 2, payloadLen: 4 }), b, 0, hs, hd);
      assert.equal(refChecksum(b, 0, 12, pseudo(hs, hd, 17, 12)), 0, 'emitted checksum valid');
      assert.equal(w.parseUdp(b, 0, 12, hs, hd, w.createUdpRepr()), E.Ok);
      b[7] ^= 1;
      assert.equal(w.parseUdp(b, 0, 12, hs, hd, w.createUdpRepr()), E.BadChecksum);
    });

    test('ICMP: under 8 bytes Truncated; echo with a code other than 0 Malformed; the MTU only for fragmentation needed', () => {
      const mk = (type, code, mtu, ident = 0, seq = 0) => {
        const b = new Uint8Array(8 + 28);
        w.emitIcmpv4(Object.assign(w.createIcmpv4Repr(), { type, code, mtu, ident, seq, payloadLen: 28 }), b, 0);
        return b;
      };
      const r = w.createIcmpv4Repr();
      const echo = mk(8, 0, 0, 0x1234, 0x5678);
      assert.equal(w.parseIcmpv4(echo, 0, 7, r), E.Truncated);
      assert.equal(w.parseIcmpv4(echo, 0, 36, r), E.Ok);
      assert.deepEqual([r.type, r.ident, r.seq, r.payloadOff, r.payloadLen], [8, 0x1234, 0x5678, 8, 28]);
      assert.equal(w.parseIcmpv4(mk(0, 1), 0, 36, r), E.Malformed, 'echo reply with code 1');
      assert.equal(w.parseIcmpv4(mk(8, 1), 0, 36, r), E.Malformed, 'echo request with code 1');
      // Fragmentation needed carries the next-hop MTU in bytes 6..7; other unreachables send zeros there.
      const frag = mk(3, 4, 1400, 0x1111, 0x2222);
      assert.deepEqual([...frag.subarray(4, 8)], [0, 0, 1400 >> 8, 1400 & 255], 'no ident/seq in an error, the MTU at 6..7');
      assert.equal(w.parseIcmpv4(frag, 0, 36, r), E.Ok);
      assert.deepEqual([r.type, r.code, r.mtu, r.ident, r.seq], [3, 4, 1400, 0, 0]);
      const port = mk(3, 3, 1400);
      assert.deepEqual([...port.subarray(4, 8)], [0, 0, 0, 0], 'port unreachable: no MTU');
      assert.equal(w.parseIcmpv4(port, 0, 36, r), E.Ok);
      assert.equal(r.mtu, 0);
      // A repr reused after an echo: an error's parse clears ident, seq and mtu.
      assert.equal(w.parseIcmpv4(echo, 0, 36, r), E.Ok);
      const te = mk(11, 0, 0);
      assert.equal(w.parseIcmpv4(te, 0, 36, r), E.Ok);
      assert.deepEqual([r.type, r.code, r.ident, r.seq, r.mtu], [11, 0, 0, 0, 0]);
      const frag2 = frag.slice();
      assert.equal(w.parseIcmpv4(frag2, 0, 36, r), E.Ok);
      assert.equal(w.parseIcmpv4(te, 0, 36, r), E.Ok);
      assert.equal(r.mtu, 0, 'the MTU of an earlier parse cleared');
      // Emitting an error into a used buffer: bytes 4..5 zero, 6..7 the MTU only for fragmentation needed.
      for (const [type, code, at67] of [[3, 4, [1400 >> 8, 1400 & 255]], [3, 3, [0, 0]], [11, 4, [0, 0]], [5, 4, [0, 0]]]) {
        const b = new Uint8Array(36).fill(0xff);
        w.emitIcmpv4(Object.assign(w.createIcmpv4Repr(), { type, code, mtu: 1400, ident: 7, seq: 9, payloadLen: 28 }), b, 0);
        assert.deepEqual([...b.subarray(4, 8)], [0, 0, ...at67], 'type ' + type + ' code ' + code);
      }
      // Bytes 6..7 are an MTU only in "fragmentation needed": not in another unreachable code, nor
      // in another type with code 4.
      for (const [type, code] of [[3, 3], [3, 1], [11, 4], [5, 4]]) {
        const b = mk(type, code, 0);
        b[6] = 0x05; b[7] = 0xdc;
        b[2] = 0; b[3] = 0;
        const c = ~w.sum16(b, 0, 36, 0) & 0xffff;
        b[2] = c >> 8; b[3] = c & 255;
        assert.equal(w.parseIcmpv4(b, 0, 36, r), E.Ok);
        assert.equal(r.mtu, 0, 'type ' + type + ' code ' + code + ': no MTU');
      }
    });
  });
}
