// The Internet checksum (RFC 1071) of both builds against a plain reference: every length and
// offset parity, chained initial sums, buffers long enough for the 8-byte loop's intermediate fold,
// the pseudo-header sum, finish(), and a native helper installed and removed with setSum16. Also
// the configuration-time address helpers (dotted quads, netmask prefixes) and the MAC helpers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

/** Reference: 16-bit words, a trailing odd byte as the high half, end-around carry each step. */
function refSum(buf, off, len, initial) {
  let s = initial;
  for (let i = 0; i < len; i += 2) {
    s += (buf[off + i] << 8) | (i + 1 < len ? buf[off + i + 1] : 0);
    s = (s & 0xffff) + (s >>> 16);
  }
  return s;
}

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

for (const { name, lib } of builds) {
  describe(name + ': checksum', () => {
    const w = lib.wire;

    test('sum16 equals the reference for every length 0..100 at even and odd offsets, with chained initial sums', () => {
      const r = rng(3);
      const buf = new Uint8Array(128);
      for (let i = 0; i < buf.length; i++) buf[i] = r() & 255;
      for (const off of [0, 1, 2, 3, 7]) {
        for (let len = 0; len <= 100; len++) {
          for (const initial of [0, 1, 0xffff, 0x1234]) {
            assert.equal(w.sum16(buf, off, len, initial), refSum(buf, off, len, initial), `off ${off} len ${len} initial ${initial}`);
          }
        }
      }
    });

    test('long buffers of 0xFF (the 8-byte loop folds before its accumulator grows too large)', () => {
      for (const len of [8, 4096, 65536, 65535]) {
        const buf = new Uint8Array(len).fill(0xff);
        assert.equal(w.sum16(buf, 0, len, 0), refSum(buf, 0, len, 0), 'len ' + len);
        assert.equal(w.sum16(buf, 0, len, 0xffff), refSum(buf, 0, len, 0xffff), 'len ' + len + ' with an initial sum');
      }
      const r = rng(9);
      const big = new Uint8Array(70001);
      for (let i = 0; i < big.length; i++) big[i] = 0xf0 | (r() & 15);
      assert.equal(w.sum16(big, 1, 70000, 7), refSum(big, 1, 70000, 7));
    });

    test('pseudoSum and finish', () => {
      const src = w.parseIpv4Address('192.168.200.17'), dst = w.parseIpv4Address('10.255.0.1');
      const words = new Uint8Array([192, 168, 200, 17, 10, 255, 0, 1, 0, 6, 0x05, 0xdc]);
      assert.equal(w.pseudoSum(src, dst, 6, 1500), refSum(words, 0, 12, 0));
      assert.equal(w.pseudoSum(0xffffffff, 0xffffffff, 17, 0xffff), refSum(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 0, 17, 255, 255]), 0, 12, 0));
      // A sum whose first fold carries again (0x3ffff -> 0x10002 -> 3).
      assert.equal(w.pseudoSum(0xffffffff, 0xffffffff, 3, 0), refSum(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 0, 3, 0, 0]), 0, 12, 0));
      assert.equal(w.pseudoSum(0xffffffff, 0xffffffff, 3, 0), 3);
      assert.equal(w.finish(0), 0xffff);
      assert.equal(w.finish(0xffff), 0);
      assert.equal(w.finish(0x1234), 0xedcb);
    });

    test('setSum16 installs a native helper that sum16 then uses; null restores the portable loop', () => {
      const buf = new Uint8Array([1, 2, 3, 4, 5]);
      const calls = [];
      w.setSum16((b, off, len, initial) => { calls.push([off, len, initial]); return 0x4242; });
      try {
        assert.equal(w.sum16(buf, 1, 3, 9), 0x4242);
        assert.deepEqual(calls, [[1, 3, 9]]);
      } finally {
        w.setSum16(null);
      }
      assert.equal(w.sum16(buf, 1, 3, 9), refSum(buf, 1, 3, 9));
    });

    test('a sum over 256 KB of 0xff bytes: the accumulator folds before it leaves the 32-bit range', () => {
      const big = new Uint8Array(262144).fill(0xff);
      assert.equal(w.sum16(big, 0, big.length, 0), 0xffff);
      assert.equal(w.sum16(big, 1, big.length - 2, 0), 0xffff);
    });

    test('the parsers check with the helper installed, and with the portable loop again after null', () => {
      // A valid ICMP echo request: 8 header bytes and 4 of data.
      const icmp = Uint8Array.of(8, 0, 0, 0, 0, 1, 0, 2, 0xde, 0xad, 0xbe, 0xef);
      const c = ~refSum(icmp, 0, 12, 0) & 0xffff;
      icmp[2] = c >> 8; icmp[3] = c & 255;
      const r = w.createIcmpv4Repr();
      let calls = 0;
      w.setSum16((b, off, len, initial) => { calls++; return 0; }); // a helper that finds every sum wrong
      try {
        assert.equal(w.parseIcmpv4(icmp, 0, 12, r), w.WIRE_ERRORS.BadChecksum, 'the parser used the helper');
        assert.equal(calls, 1);
      } finally {
        w.setSum16(null);
      }
      assert.equal(w.parseIcmpv4(icmp, 0, 12, r), w.WIRE_ERRORS.Ok, 'the portable loop again');
      assert.equal(calls, 1);
    });
    test('parseIpv4Address accepts dotted quads only; formatIpv4Address and prefixFromMask', () => {
      assert.equal(w.parseIpv4Address('0.0.0.0'), 0);
      assert.equal(w.parseIpv4Address('255.255.255.255'), 0xffffffff);
      assert.equal(w.parseIpv4Address('10.0.0.1'), 0x0a000001);
      assert.equal(w.parseIpv4Address('192.168.009.010'), 0xc0a8090a);
      for (const bad of ['', '1.2.3', '1.2.3.4.5', '1..3.4', '1.2.3.256', '1.2.3.1000', '1.2.3.a', '1.2.3./', '1.2.3.:', ' 1.2.3.4', '1.2.3.-1']) {
        assert.equal(w.parseIpv4Address(bad), -1, JSON.stringify(bad));
      }
      assert.equal(w.parseIpv4Address(167772161), -1, 'not a string');
      assert.equal(w.parseIpv4Address(null), -1);
      assert.equal(w.formatIpv4Address(0xc0a8090a), '192.168.9.10');
      assert.equal(w.formatIpv4Address(0xffffffff), '255.255.255.255');
      assert.equal(w.formatIpv4Address(0), '0.0.0.0');
      for (let n = 0; n <= 32; n++) {
        const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
        assert.equal(w.prefixFromMask(mask), n, 'prefix ' + n);
      }
    });
    test('MAC helpers: read/write round trip, the group bit of the first octet', () => {
      const buf = new Uint8Array(8);
      for (const mac of [0, 0x020000000001, 0xffffffffffff, 0x01005e000001, 0xfedcba987654]) {
        w.writeMac(buf, 1, mac);
        assert.equal(w.readMac(buf, 1), mac);
      }
      assert.deepEqual(Array.from(buf.subarray(1, 7)), [0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54]);
      assert.equal(w.isMulticastMac(0x01005e000001), true, 'IPv4 multicast');
      assert.equal(w.isMulticastMac(0xffffffffffff), true, 'broadcast');
      assert.equal(w.isMulticastMac(0x030000000000), true);
      assert.equal(w.isMulticastMac(0x020000000001), false, 'locally administered unicast');
      assert.equal(w.isMulticastMac(0x00ffffffffff), false, 'only the first octet counts');
      assert.equal(w.MAC_BROADCAST, 0xffffffffffff);
    });
  });
}
