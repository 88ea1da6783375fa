// Property tests: parse(emit(r)) == r for every wire format, in both builds, with the checksums
// checked by a reference implementation and a flipped byte always refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builds } from '../helpers/bundles.mjs';
import { refChecksum, pseudo } from './helpers.mjs';

// Deterministic by default; FC_SEED=<n> explores another part of the space.
const FC = { numRuns: 300, seed: Number(process.env.FC_SEED || 0x51ed) };

const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const port = fc.integer({ min: 1, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const mac48 = fc.tuple(u16, u32).map(([hi, lo]) => hi * 4294967296 + lo);
const bytes = (max) => fc.uint8Array({ maxLength: max });

const plain = (r) => {
  const o = {};
  for (const k of Object.keys(r)) o[k] = r[k] instanceof Uint32Array ? [...r[k]] : r[k];
  return o;
};

/** Every single-byte change in buf[off..off+len) must make `parse` refuse the bytes; `except` names
 *  changes that are legitimately accepted. Tries `tries` positions spread over the range. */
function flipsRefused(buf, off, len, parse, except = () => false, tries = 8) {
  for (let t = 0; t < tries; t++) {
    const at = off + Math.floor((t * len) / tries);
    for (const x of [0x01, 0x80, 0xff]) {
      const b = buf.slice();
      b[at] ^= x;
      if (except(b, at)) continue;
      const code = parse(b);
      if (code === 0) return `byte ${at - off} ^ 0x${x.toString(16)} accepted`;
    }
  }
  return null;
}

for (const { name, lib } of builds) {
  const w = lib.wire;
  const E = w.WIRE_ERRORS;

  describe(`${name}: wire round trips`, () => {
    test('Ethernet', () => {
      fc.assert(fc.property(mac48, mac48, fc.integer({ min: 0x600, max: 0xffff }), (dst, src, ethertype) => {
        const r = Object.assign(w.createEthernetRepr(), { dst, src, ethertype });
        const b = new Uint8Array(20);
        assert.equal(w.emitEthernet(r, b, 3), 14);
        const p = w.createEthernetRepr();
        assert.equal(w.parseEthernet(b, 3, 14, p), E.Ok);
        assert.deepEqual(plain(p), plain(r));
        assert.deepEqual([...b.subarray(3, 9)], [...Buffer.from(dst.toString(16).padStart(12, '0'), 'hex')]);
      }), FC);
    });

    test('ARP', () => {
      fc.assert(fc.property(fc.constantFrom(1, 2), mac48, u32, mac48, u32, (op, senderMac, senderIp, targetMac, targetIp) => {
        const r = Object.assign(w.createArpRepr(), { op, senderMac, senderIp, targetMac, targetIp });
        const b = new Uint8Array(28);
        assert.equal(w.emitArp(r, b, 0), 28);
        const p = w.createArpRepr();
        assert.equal(w.parseArp(b, 0, 28, p), E.Ok);
        assert.deepEqual(plain(p), plain(r));
      }), FC);
    });

    test('IPv4, header checksum included', () => {
      const repr = fc.record({
        src: u32, dst: u32, protocol: u8, ttl: u8, tos: u8, ident: u16,
        dontFrag: fc.boolean(), moreFrags: fc.boolean(), fragOffset: fc.integer({ min: 0, max: 0x1fff }).map((x) => x * 8),
        payloadLen: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(65515)),
      });
      fc.assert(fc.property(repr, fc.integer({ min: 0, max: 7 }), (fields, off) => {
        const r = Object.assign(w.createIpv4Repr(), fields, { headerLen: 20 });
        const b = new Uint8Array(off + 20 + r.payloadLen);
        assert.equal(w.emitIpv4(r, b, off), 20);
        assert.equal(refChecksum(b, off, 20), 0, 'reference checksum');
        const p = w.createIpv4Repr();
        assert.equal(w.parseIpv4(b, off, 20 + r.payloadLen, p), E.Ok);
        assert.deepEqual(plain(p), plain(r));
        assert.equal(flipsRefused(b, off, 20, (c) => w.parseIpv4(c, off, 20 + r.payloadLen, w.createIpv4Repr()), () => false, 20), null);
      }), FC);
    });

    // ICMP payload: echo data, or for errors a quoted IPv4 header with the first 8 bytes after it.
    const quoted = fc.record({ src: u32, dst: u32, protocol: fc.constantFrom(6, 17), ident: u16, ttl: u8, after: fc.uint8Array({ minLength: 8, maxLength: 8 }) })
      .map((q) => {
        const b = new Uint8Array(28);
        w.emitIpv4(Object.assign(w.createIpv4Repr(), q, { payloadLen: 1000 }), b, 0);
        b.set(q.after, 20);
        return b;
      });
    const icmp = fc.oneof(
      fc.record({ type: fc.constantFrom(0, 8), code: fc.constant(0), ident: u16, seq: u16, mtu: fc.constant(0), payload: bytes(64) }),
      fc.record({ type: fc.constant(3), code: fc.constantFrom(0, 1, 2, 3), ident: fc.constant(0), seq: fc.constant(0), mtu: fc.constant(0), payload: quoted }),
      fc.record({ type: fc.constant(3), code: fc.constant(4), ident: fc.constant(0), seq: fc.constant(0), mtu: fc.integer({ min: 68, max: 0xffff }), payload: quoted }),
      fc.record({ type: fc.constant(11), code: fc.constantFrom(0, 1), ident: fc.constant(0), seq: fc.constant(0), mtu: fc.constant(0), payload: quoted }),
    );

    test('ICMPv4 echo request/reply, destination unreachable (with MTU), time exceeded', () => {
      fc.assert(fc.property(icmp, fc.integer({ min: 0, max: 5 }), ({ payload, ...f }, off) => {
        const r = Object.assign(w.createIcmpv4Repr(), f, { payloadOff: off + 8, payloadLen: payload.length });
        const b = new Uint8Array(off + 8 + payload.length);
        b.set(payload, off + 8);
        const n = w.emitIcmpv4(r, b, off);
        assert.equal(n, 8 + payload.length);
        assert.equal(refChecksum(b, off, n), 0, 'reference checksum');
        const p = w.createIcmpv4Repr();
        assert.equal(w.parseIcmpv4(b, off, n, p), E.Ok);
        assert.deepEqual(plain(p), plain(r));
        assert.deepEqual(b.subarray(off + 8), payload, 'payload untouched');
        assert.equal(flipsRefused(b, off, n, (c) => w.parseIcmpv4(c, off, n, w.createIcmpv4Repr())), null);
      }), FC);
    });

    test('UDP with the pseudo-header checksum (0 goes out as 0xffff)', () => {
      fc.assert(fc.property(port, port, u32, u32, bytes(100), (srcPort, dstPort, src, dst, payload) => {
        const r = Object.assign(w.createUdpRepr(), { srcPort, dstPort, payloadOff: 8, payloadLen: payload.length });
        const b = new Uint8Array(8 + payload.length);
        b.set(payload, 8);
        const n = w.emitUdp(r, b, 0, src, dst);
        assert.equal(n, 8 + payload.length);
        assert.notEqual((b[6] << 8) | b[7], 0, 'a computed zero is sent as 0xffff');
        assert.equal(refChecksum(b, 0, n, pseudo(src, dst, 17, n)), 0, 'reference checksum');
        const p = w.createUdpRepr();
        assert.equal(w.parseUdp(b, 0, n, src, dst, p), E.Ok);
        assert.deepEqual(plain(p), plain(r));
        // The pseudo-header counts: another source address is refused.
        if (refChecksum(b, 0, n, pseudo((src ^ 1) >>> 0, dst, 17, n)) !== 0) {
          assert.equal(w.parseUdp(b, 0, n, (src ^ 1) >>> 0, dst, w.createUdpRepr()), E.BadChecksum);
        }
        const noSum = (c) => c[6] === 0 && c[7] === 0; // checksum field zeroed: "none sent", accepted
        assert.equal(flipsRefused(b, 0, n, (c) => w.parseUdp(c, 0, n, src, dst, w.createUdpRepr()), noSum), null);
      }), FC);
    });

    test('UDP payload whose checksum sums to zero is emitted as 0xffff and parses', () => {
      // Pseudo-header + header + payload summing to 0xffff before inversion gives checksum 0.
      const src = 0x0a000001, dst = 0x0a000002;
      const b = new Uint8Array(10);
      const r = Object.assign(w.createUdpRepr(), { srcPort: 1, dstPort: 2, payloadLen: 2 });
      const sum = (0x0a00 + 1 + 0x0a00 + 2 + 17 + 10 + 1 + 2 + 10) % 0xffff;
      const fill = 0xffff - sum;
      b[8] = fill >> 8; b[9] = fill & 255;
      w.emitUdp(r, b, 0, src, dst);
      assert.deepEqual([b[6], b[7]], [0xff, 0xff]);
      assert.equal(w.parseUdp(b, 0, 10, src, dst, w.createUdpRepr()), E.Ok);
    });

    const tcpRepr = fc.record({
      srcPort: port, dstPort: port, seq: u32, ack: u32, flags: u8, window: u16, urgent: u16,
      mss: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffff })),
      wscale: fc.integer({ min: -1, max: 14 }),
      sackPermitted: fc.boolean(),
      hasTimestamp: fc.boolean(), tsVal: u32, tsEcr: u32,
      sacks: fc.array(fc.tuple(u32, u32), { maxLength: 4 }),
      payload: bytes(80),
    });

    test('TCP with random option sets: MSS, window scale, SACK-permitted, timestamps, SACK blocks', () => {
      fc.assert(fc.property(tcpRepr, fc.integer({ min: 0, max: 3 }), u32, u32, ({ sacks, payload, ...f }, off, src, dst) => {
        const r = Object.assign(w.createTcpRepr(), f);
        if (!r.hasTimestamp) { r.tsVal = 0; r.tsEcr = 0; }
        r.sackCount = sacks.length;
        sacks.forEach(([l, rt], k) => { r.sackBlocks[2 * k] = l; r.sackBlocks[2 * k + 1] = rt; });
        const hl = w.tcpHeaderLen(r);
        assert.ok(hl >= 20 && hl <= 60 && hl % 4 === 0, `header length ${hl}`);
        const b = new Uint8Array(off + hl + payload.length);
        b.set(payload, off + hl);
        r.payloadLen = payload.length;
        const n = w.emitTcp(r, b, off, src, dst);
        assert.equal(n, hl + payload.length);
        assert.equal(refChecksum(b, off, n, pseudo(src, dst, 6, n)), 0, 'reference checksum');
        const p = w.createTcpRepr();
        assert.equal(w.parseTcp(b, off, n, src, dst, p), E.Ok);
        // SACK blocks: every one that fits beside the other options, in order.
        const fixed = (r.mss ? 4 : 0) + (r.wscale >= 0 ? 4 : 0) + (r.sackPermitted ? 4 : 0) + (r.hasTimestamp ? 12 : 0);
        if (fixed + 2 + 8 * sacks.length <= 40) assert.equal(p.sackCount, sacks.length, 'all SACK blocks fit');
        assert.ok(p.sackCount <= sacks.length && (sacks.length === 0 || p.sackCount >= 1));
        const want = { ...plain(r), headerLen: hl, payloadOff: off + hl, sackCount: p.sackCount };
        want.sackBlocks = [...r.sackBlocks.subarray(0, 2 * p.sackCount)];
        const got = { ...plain(p), sackBlocks: [...p.sackBlocks.subarray(0, 2 * p.sackCount)] };
        assert.deepEqual(got, want);
        assert.deepEqual(b.subarray(off + hl), payload, 'payload untouched');
        assert.equal(flipsRefused(b, off, n, (c) => w.parseTcp(c, off, n, src, dst, w.createTcpRepr())), null);
      }), FC);
    });

    test('a TCP checksum that computes to 0 is accepted as 0x0000 and as 0xFFFF (Linux sends the latter)', () => {
      const src = 0x0a000002, dst = 0x0a000001;
      const b = new Uint8Array(22);
      w.emitTcp(Object.assign(w.createTcpRepr(), { srcPort: 44870, dstPort: 80, seq: 86, ack: 1000, flags: 0x18, window: 100, payloadLen: 2 }), b, 0, src, dst);
      b[20] = b[16]; b[21] = b[17]; // the old checksum as payload: the sum now comes out 0
      b[16] = 0; b[17] = 0;
      assert.equal(refChecksum(b, 0, 22, pseudo(src, dst, 6, 22)), 0);
      assert.equal(w.parseTcp(b, 0, 22, src, dst, w.createTcpRepr()), E.Ok);
      b[16] = 0xff; b[17] = 0xff;
      assert.equal(w.parseTcp(b, 0, 22, src, dst, w.createTcpRepr()), E.Ok);
    });

    test('TCP window scale above 14 parses as 14 (RFC 7323 2.3)', () => {
      const r = Object.assign(w.createTcpRepr(), { srcPort: 1, dstPort: 2, flags: 2, wscale: 15 });
      const b = new Uint8Array(w.tcpHeaderLen(r));
      w.emitTcp(r, b, 0, 1, 2);
      const p = w.createTcpRepr();
      assert.equal(w.parseTcp(b, 0, b.length, 1, 2, p), E.Ok);
      assert.equal(p.wscale, 14);
    });

    test('a whole frame: Ethernet + IPv4 + TCP emitted then dissected', () => {
      fc.assert(fc.property(tcpRepr, u32, u32, mac48, mac48, ({ sacks, payload, ...f }, src, dst, edst, esrc) => {
        const t = Object.assign(w.createTcpRepr(), f, { sackCount: 0, payloadLen: payload.length });
        const hl = w.tcpHeaderLen(t);
        const b = new Uint8Array(14 + 20 + hl + payload.length);
        b.set(payload, 34 + hl);
        w.emitEthernet(Object.assign(w.createEthernetRepr(), { dst: edst, src: esrc, ethertype: 0x0800 }), b, 0);
        const n = w.emitTcp(t, b, 34, src, dst);
        w.emitIpv4(Object.assign(w.createIpv4Repr(), { src, dst, protocol: 6, payloadLen: n }), b, 14);
        const ip = w.createIpv4Repr();
        assert.equal(w.parseIpv4(b, 14, b.length - 14, ip), E.Ok);
        const p = w.createTcpRepr();
        assert.equal(w.parseTcp(b, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, p), E.Ok);
        assert.deepEqual([p.seq, p.ack, p.flags, p.payloadLen], [t.seq, t.ack, t.flags, payload.length]);
      }), { ...FC, numRuns: 100 });
    });
  });
}
