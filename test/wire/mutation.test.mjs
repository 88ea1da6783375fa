// Robustness of the parsers in both builds: every truncation of every kernel fixture, a few thousand
// seeded random byte flips, then one crafted input per error code each parser can return.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { loadFixtures, dissect, inconsistencies, fixL4Checksum, fixIpChecksum, fixIcmpChecksum } from './helpers.mjs';

const fixtures = loadFixtures();
const FLIPS_PER_FIXTURE = 200;

/** xorshift32, seeded: the same flips on every run. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

/** An exact-length copy of bytes[0..len) behind a guard that throws on a read at or past len: a
 *  parser given (buf, off, len) must not look beyond it. */
function guarded(bytes, len) {
  const t = bytes.slice(0, len);
  return new Proxy(t, {
    get(target, key) {
      if (typeof key === 'string' && key.length && key.charCodeAt(0) <= 57) {
        const i = Number(key);
        if (Number.isInteger(i) && (i < 0 || i >= len)) throw new Error(`read of byte ${i} past length ${len}`);
        return target[i];
      }
      const v = target[key];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

for (const { name, lib } of builds) {
  const w = lib.wire;
  const E = w.WIRE_ERRORS;
  const codes = new Set(Object.values(E));
  const codeName = (c) => Object.keys(E).find((k) => E[k] === c) ?? `unknown code ${c}`;

  describe(`${name}: wire mutations`, () => {
    test('every truncation of every fixture is Truncated, with no read past the length', () => {
      let n = 0;
      for (const f of fixtures) {
        for (let len = 0; len < f.bytes.length; len++) {
          const d = dissect(w, guarded(f.bytes, len), 0, len);
          // The fixtures carry no Ethernet padding: every byte belongs to some length field.
          assert.equal(d.code, E.Truncated, `${f.name} cut to ${len}: ${d.stage} ${codeName(d.code)}`);
          n++;
        }
      }
      assert.ok(n > 4000, `${n} truncations`);
    });

    test('every truncation of each transport payload: never throws, never reads past it, Ok only when consistent', () => {
      const seen = new Map();
      let oks = 0, icmpZeroTails = 0;
      for (const f of fixtures) {
        const full = dissect(w, f.bytes);
        if (full.fragment || full.arp) continue;
        const { l4Off, l4Len, ip } = full;
        // The kernel's frames: a TCP or UDP cut changes the length its checksum or header covers,
        // so none may parse. An ICMP checksum has no length in it: with the payload's last two bytes
        // zero, the cut that drops them is a valid message, which must parse Ok and fit its bytes.
        const variants = [f.bytes];
        if (full.icmp) {
          const z = f.bytes.slice();
          z[l4Off + l4Len - 1] = 0; z[l4Off + l4Len - 2] = 0;
          fixIcmpChecksum(z, l4Off, l4Len);
          variants.push(z);
          icmpZeroTails++;
        }
        for (const bytes of variants) {
          for (let len = 0; len < l4Len; len++) {
            const buf = guarded(bytes, l4Off + len);
            let code;
            const d = { stage: full.stage, code: 0, l4Off, l4Len: len, ip };
            if (full.icmp) code = w.parseIcmpv4(buf, l4Off, len, (d.icmp = w.createIcmpv4Repr()));
            else if (full.udp) code = w.parseUdp(buf, l4Off, len, ip.src, ip.dst, (d.udp = w.createUdpRepr()));
            else code = w.parseTcp(buf, l4Off, len, ip.src, ip.dst, (d.tcp = w.createTcpRepr()));
            d.code = code;
            assert.ok(codes.has(code), `${f.name} transport cut to ${len}: code ${code}`);
            seen.set(codeName(code), (seen.get(codeName(code)) || 0) + 1);
            if (code !== E.Ok) continue;
            assert.ok(full.icmp, `${f.name} transport cut to ${len} parsed Ok`);
            assert.deepEqual(inconsistencies(bytes, 0, l4Off + len, d).filter((x) => x !== 'ip payload within the buffer'), [],
              `${f.name} transport cut to ${len}`);
            oks++;
          }
        }
      }
      assert.ok(seen.has('Truncated') && seen.has('BadChecksum') && seen.has('BadHeaderLength'), JSON.stringify([...seen]));
      assert.ok(icmpZeroTails > 0 && oks >= icmpZeroTails, `${oks} valid ICMP cuts checked, ${icmpZeroTails} fixtures with a zero tail`);
    });

    test(`${FLIPS_PER_FIXTURE} seeded random flips of 1 to 3 bytes per fixture: a known code, Ok only when consistent`, () => {
      const next = rng(0xc0ffee);
      const seen = new Map();
      let total = 0;
      for (const f of fixtures) {
        for (let k = 0; k < FLIPS_PER_FIXTURE; k++) {
          const b = f.bytes.slice();
          const flips = 1 + Math.floor(next() * 3);
          const where = [];
          for (let j = 0; j < flips; j++) {
            // Half the flips land in the first 64 bytes, where the headers are.
            const at = Math.floor(next() * (next() < 0.5 ? Math.min(64, b.length) : b.length));
            b[at] ^= 1 + Math.floor(next() * 255);
            where.push(at);
          }
          let d;
          assert.doesNotThrow(() => { d = dissect(w, b); }, `${f.name} flipped at ${where}`);
          assert.ok(codes.has(d.code), `${f.name} flipped at ${where}: code ${d.code}`);
          const key = `${d.stage}:${codeName(d.code)}`;
          seen.set(key, (seen.get(key) || 0) + 1);
          if (d.code === E.Ok) assert.deepEqual(inconsistencies(b, 0, b.length, d), [], `${f.name} flipped at ${where}`);
          total++;
        }
      }
      assert.equal(total, fixtures.length * FLIPS_PER_FIXTURE);
      const kinds = new Set([...seen.keys()].map((k) => k.split(':')[1]));
      for (const c of ['Ok', 'BadChecksum', 'Truncated', 'Unsupported']) assert.ok(kinds.has(c), `${c} among ${[...kinds]}`);
    });
  });

  // One crafted input per (parser, code). Each case starts from a kernel fixture, edits it, fixes
  // the checksums that would otherwise answer first, and names the code it must produce.
  const fx = Object.fromEntries(fixtures.map((f) => [f.name, f.bytes]));
  const ipOf = (b) => { const r = w.createIpv4Repr(); assert.equal(w.parseIpv4(b, 14, b.length - 14, r), E.Ok); return r; };
  const eth = (b, len = b.length) => w.parseEthernet(b, 0, len, w.createEthernetRepr());
  const arp = (edit, len = 28) => { const b = fx['arp-request'].slice(); edit(b, 14); return w.parseArp(b, 14, len, w.createArpRepr()); };
  const ipv4 = (edit, { len, fix = true } = {}) => {
    const b = fx['udp-datagram'].slice();
    edit(b, 14);
    if (fix) fixIpChecksum(b, 14);
    return w.parseIpv4(b, 14, len ?? b.length - 14, w.createIpv4Repr());
  };
  const icmp = (edit, { len, fix = true } = {}) => {
    const b = fx['icmp-echo-request'].slice();
    const n = len ?? b.length - 34;
    edit(b, 34);
    if (fix) fixIcmpChecksum(b, 34, b.length - 34);
    return w.parseIcmpv4(b, 34, n, w.createIcmpv4Repr());
  };
  const l4 = (fixture, proto, parse, create) => (edit, { len, fix = true } = {}) => {
    const b = fx[fixture].slice();
    const ip = ipOf(b);
    const n = b.length - 34;
    edit(b, 34);
    if (fix) fixL4Checksum(b, 34, n, ip.src, ip.dst, proto);
    return parse(b, 34, len ?? n, ip.src, ip.dst, create());
  };
  const udp = l4('udp-datagram', 17, w.parseUdp, w.createUdpRepr);
  const tcp = l4('tcp-syn', 6, w.parseTcp, w.createTcpRepr);
  // tcp-syn options at 34+20: MSS (0..3), SACK-perm (4..5), timestamps (6..15), NOP (16), WS (17..19).
  const O = 34 + 20;
  const put16 = (b, at, v) => { b[at] = v >> 8; b[at + 1] = v & 255; };

  // DHCP and DNS messages made by the bundle's own emitters, then edited.
  const dhcpMsg = (edit, len) => {
    const r = w.createDhcpRepr();
    Object.assign(r, { op: 2, xid: 0x1234, msgType: 2, chaddr: 0x020000000001, yiaddr: 0x0a000032, serverId: 0x0a000001 });
    const b = new Uint8Array(600);
    const n = w.emitDhcp(r, b, 0);
    edit(b, n);
    return w.parseDhcp(b, 0, len ?? n, w.createDhcpRepr());
  };
  const qname = new Uint8Array(256);
  const qlen = w.encodeDnsName('a.example', qname);
  const dnsMsg = (edit, { len, answer = null } = {}) => {
    const b = new Uint8Array(512);
    let n = w.emitDnsQuery(0x4242, qname, qlen, b, 0);
    put16(b, 2, 0x8180);
    if (answer) {
      b.set(answer(n), n);
      n += answer(n).length;
      put16(b, 6, 1);
    }
    edit(b, n);
    return w.parseDnsResponse(b, 0, len ?? n, qname, qlen, w.createDnsRepr());
  };
  const aRecord = (self) => [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1].map((x, i) => (i === 1 && self ? self : x));

  const cases = [
    ['DHCP', 'Ok', 'an offer as emitted', () => dhcpMsg(() => {})],
    ['DHCP', 'Truncated', '239 bytes', () => dhcpMsg(() => {}, 239)],
    ['DHCP', 'Unsupported', 'hardware type 6', () => dhcpMsg((b) => { b[1] = 6; })],
    ['DHCP', 'Malformed', 'op 3', () => dhcpMsg((b) => { b[0] = 3; })],
    ['DHCP', 'Malformed', 'a wrong magic cookie', () => dhcpMsg((b) => { b[236] ^= 1; })],
    ['DHCP', 'Malformed', 'an option running past the end', () => dhcpMsg((b) => { b[240] = 53; b[241] = 200; })],
    ['DHCP', 'Malformed', 'no message type', () => dhcpMsg((b) => { b[240] = 0; b[241] = 0; b[242] = 0; })],
    ['DNS', 'Ok', 'an answer with one A record', () => dnsMsg(() => {}, { answer: () => aRecord(0) })],
    ['DNS', 'Truncated', '11 bytes', () => dnsMsg(() => {}, { len: 11 })],
    ['DNS', 'Truncated', 'an answer record cut short', () => dnsMsg(() => {}, { answer: () => aRecord(0), len: 12 + qlen + 4 + 8 })],
    ['DNS', 'Malformed', 'a query, not a response', () => dnsMsg((b) => put16(b, 2, 0x0100))],
    ['DNS', 'Malformed', 'an owner name that points at itself', () => dnsMsg(() => {}, { answer: (at) => aRecord(at) })],
    ['DNS', 'Mismatch', 'another question', () => dnsMsg((b) => { b[13] = 'b'.charCodeAt(0); })],
    ['DNS', 'Mismatch', 'two questions', () => dnsMsg((b) => put16(b, 4, 2))],
    ['Ethernet', 'Truncated', 'a 13-byte frame', () => eth(fx['udp-datagram'], 13)],
    ['Ethernet', 'Unsupported', 'an IEEE 802.3 length (1500) in the type field', () => { const b = fx['udp-datagram'].slice(); put16(b, 12, 1500); return eth(b); }],
    ['ARP', 'Truncated', '7 bytes', () => arp(() => {}, 7)],
    ['ARP', 'Truncated', '27 bytes with valid hardware/protocol fields', () => arp(() => {}, 27)],
    ['ARP', 'Unsupported', 'hardware type 6 (IEEE 802)', () => arp((b, o) => put16(b, o, 6))],
    ['ARP', 'Unsupported', 'protocol type IPv6', () => arp((b, o) => put16(b, o + 2, 0x86dd))],
    ['ARP', 'Unsupported', 'hardware address length 8', () => arp((b, o) => { b[o + 4] = 8; })],
    ['ARP', 'Unsupported', 'operation 3 (RARP request)', () => arp((b, o) => put16(b, o + 6, 3))],
    ['IPv4', 'Truncated', '19 bytes', () => ipv4(() => {}, { len: 19 })],
    ['IPv4', 'Truncated', 'IHL 15 (60 bytes) in 38 bytes', () => ipv4((b, o) => { b[o] = 0x4f; }, { fix: false })],
    ['IPv4', 'Truncated', 'total length one past the bytes', () => ipv4((b, o) => put16(b, o + 2, 39))],
    ['IPv4', 'UnknownVersion', 'version 6', () => ipv4((b, o) => { b[o] = 0x65; })],
    ['IPv4', 'BadHeaderLength', 'IHL 4', () => ipv4((b, o) => { b[o] = 0x44; })],
    ['IPv4', 'BadLength', 'total length 19, below the header', () => ipv4((b, o) => put16(b, o + 2, 19))],
    ['IPv4', 'BadChecksum', 'header checksum off by one', () => ipv4((b, o) => { b[o + 11] ^= 1; }, { fix: false })],
    ['IPv4', 'Malformed', 'the reserved flag set', () => ipv4((b, o) => { b[o + 6] |= 0x80; })],
    ['ICMPv4', 'Truncated', '7 bytes', () => icmp(() => {}, { len: 7 })],
    ['ICMPv4', 'BadChecksum', 'a data byte changed', () => icmp((b, o) => { b[o + 20] ^= 0x10; }, { fix: false })],
    ['ICMPv4', 'Malformed', 'echo request with code 1', () => icmp((b, o) => { b[o + 1] = 1; })],
    ['UDP', 'Truncated', '7 bytes', () => udp(() => {}, { len: 7 })],
    ['UDP', 'Truncated', 'length field one past the bytes', () => udp((b, o) => put16(b, o + 4, 19))],
    ['UDP', 'BadLength', 'length field 7', () => udp((b, o) => put16(b, o + 4, 7))],
    ['UDP', 'BadChecksum', 'a payload byte changed', () => udp((b, o) => { b[o + 9] ^= 0x10; }, { fix: false })],
    ['UDP', 'Malformed', 'destination port 0', () => udp((b, o) => put16(b, o + 2, 0))],
    ['TCP', 'Truncated', '19 bytes', () => tcp(() => {}, { len: 19 })],
    ['TCP', 'BadHeaderLength', 'data offset 4', () => tcp((b, o) => { b[o + 12] = 0x40; })],
    ['TCP', 'BadHeaderLength', 'data offset 15 (60 bytes) in a 40-byte segment', () => tcp((b, o) => { b[o + 12] = 0xf0; })],
    ['TCP', 'BadChecksum', 'the sequence number changed', () => tcp((b, o) => { b[o + 7] ^= 1; }, { fix: false })],
    ['TCP', 'Malformed', 'source port 0', () => tcp((b, o) => put16(b, o, 0))],
    ['TCP', 'Malformed', 'MSS option of length 3', () => tcp((b) => { b[O + 1] = 3; })],
    ['TCP', 'Malformed', 'an option of length 1', () => tcp((b) => { b[O + 1] = 1; })],
    ['TCP', 'Malformed', 'SACK-permitted of length 3', () => tcp((b) => { b[O + 5] = 3; })],
    ['TCP', 'Malformed', 'timestamps of length 8', () => tcp((b) => { b[O + 7] = 8; })],
    ['TCP', 'Malformed', 'window scale of length 2', () => tcp((b) => { b[O + 18] = 2; })],
    ['TCP', 'Malformed', 'an option running past the header', () => tcp((b) => { b[O + 7] = 30; })],
    ['TCP', 'Malformed', 'an option kind in the last byte with no length byte', () => tcp((b) => { b.set([1, 1, 1, 3], O + 16); })],
    ['TCP', 'Malformed', 'SACK of length 9 (not 2 + 8n)', () => tcp((b) => { b[O + 6] = 5; b[O + 7] = 9; b[O + 15] = 1; })],
    ['TCP', 'Malformed', 'SACK of length 2 (no block)', () => tcp((b) => { b[O + 6] = 5; b[O + 7] = 2; b.fill(1, O + 8, O + 16); })],
    ['TCP', 'Ok', 'SACK of length 10 (one block) in place of timestamps', () => tcp((b) => { b[O + 6] = 5; })],
    ['TCP', 'Ok', 'an unknown option kind is skipped by its length', () => tcp((b) => { b[O + 6] = 0xfe; })],
    ['TCP', 'Ok', 'end-of-options stops the list', () => tcp((b) => { b[O + 16] = 0; })],
  ];

  // Codes a parser never returns, by reading src/wire: listed so that the table above is complete.
  const never = {
    Ethernet: ['BadLength', 'BadChecksum', 'BadHeaderLength', 'UnknownVersion', 'Malformed', 'Mismatch'],
    ARP: ['BadLength', 'BadChecksum', 'BadHeaderLength', 'UnknownVersion', 'Malformed', 'Mismatch'],
    IPv4: ['Unsupported', 'Mismatch'],
    ICMPv4: ['BadLength', 'BadHeaderLength', 'UnknownVersion', 'Unsupported', 'Mismatch'],
    UDP: ['BadHeaderLength', 'UnknownVersion', 'Unsupported', 'Mismatch'],
    TCP: ['BadLength', 'UnknownVersion', 'Unsupported', 'Mismatch'],
    DHCP: ['BadLength', 'BadChecksum', 'BadHeaderLength', 'UnknownVersion', 'Mismatch'],
    DNS: ['BadLength', 'BadChecksum', 'BadHeaderLength', 'UnknownVersion', 'Unsupported'],
  };

  describe(`${name}: one crafted input per error code`, () => {
    for (const [parser, want, what, run] of cases) {
      test(`${parser} ${want}: ${what}`, () => {
        assert.equal(codeName(run()), want);
      });
    }
    test('every error code each parser can return has a case above', () => {
      for (const parser of Object.keys(never)) {
        for (const c of Object.keys(E)) {
          if (c === 'Ok' || never[parser].includes(c)) continue;
          assert.ok(cases.some(([p, code]) => p === parser && code === c), `${parser} ${c} has no case`);
        }
      }
    });
  });
}
