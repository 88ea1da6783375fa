// Real kernel frames (test/fixtures/wire, made by test/tools/capture-fixtures.sh) through the wire
// parsers of both builds, layer by layer, then re-emitted from the parsed reprs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { loadFixtures, dissect, inconsistencies, ip4, mac } from './helpers.mjs';

const A = ip4('10.77.0.1');
const B = ip4('10.77.0.2');
const MAC_A = mac('02:00:00:77:00:01');
const MAC_B = mac('02:00:00:77:00:02');
const BROADCAST = 0xffffffffffff;

const fixtures = loadFixtures();
const byName = Object.fromEntries(fixtures.map((f) => [f.name, f.bytes]));
const text = (buf, off, len) => Buffer.from(buf.subarray(off, off + len)).toString('latin1');

// Where re-emitting cannot give the kernel's bytes back: src/wire writes IPv4 headers without
// options, and TCP options in its own order (MSS, NOP WS, NOP NOP SACK-perm, NOP NOP TS) where
// Linux writes MSS, SACK-perm, TS, NOP WS. For these the re-emitted frame is parsed again and the
// reprs compared instead.
const NOT_CANONICAL = {
  'ipv4-options-echo-request': 'IPv4 options are skipped on parse and never emitted',
  'ipv4-options-echo-reply': 'IPv4 options are skipped on parse and never emitted',
  'tcp-syn': 'kernel TCP option order and padding differ from emitTcp',
  'tcp-syn-ack': 'kernel TCP option order and padding differ from emitTcp',
};

/** Rebuilds a frame from a dissection: headers from the reprs, payload bytes copied from `orig`. */
function reemit(w, d, orig) {
  const out = new Uint8Array(2048);
  let n = w.emitEthernet(d.eth, out, 0);
  if (d.arp) return out.slice(0, n + w.emitArp(d.arp, out, n));
  const ipAt = n;
  const l4At = ipAt + 20; // emitIpv4 writes no options
  const ip = { ...d.ip };
  if (d.fragment) {
    out.set(orig.subarray(14 + d.ip.headerLen, 14 + d.ip.headerLen + d.ip.payloadLen), l4At);
    w.emitIpv4(ip, out, ipAt);
    return out.slice(0, l4At + ip.payloadLen);
  }
  let l4 = 0;
  if (d.icmp) {
    out.set(orig.subarray(d.icmp.payloadOff, d.icmp.payloadOff + d.icmp.payloadLen), l4At + 8);
    l4 = w.emitIcmpv4(d.icmp, out, l4At);
  } else if (d.udp) {
    out.set(orig.subarray(d.udp.payloadOff, d.udp.payloadOff + d.udp.payloadLen), l4At + 8);
    l4 = w.emitUdp(d.udp, out, l4At, d.ip.src, d.ip.dst);
  } else if (d.tcp) {
    out.set(orig.subarray(d.tcp.payloadOff, d.tcp.payloadOff + d.tcp.payloadLen), l4At + w.tcpHeaderLen(d.tcp));
    l4 = w.emitTcp(d.tcp, out, l4At, d.ip.src, d.ip.dst);
  }
  ip.payloadLen = l4;
  w.emitIpv4(ip, out, ipAt);
  return out.slice(0, l4At + l4);
}

/** A repr as a plain object without the fields that depend on where the header ended. */
function plain(r, drop = []) {
  const o = {};
  for (const k of Object.keys(r)) if (!drop.includes(k)) o[k] = r[k] instanceof Uint32Array ? [...r[k]] : r[k];
  return o;
}

for (const { name, lib } of builds) {
  const w = lib.wire;
  const E = w.WIRE_ERRORS;
  const F = w.TCP_FLAGS;
  const D = Object.fromEntries(fixtures.map((f) => [f.name, dissect(w, f.bytes)]));

  describe(`${name}: kernel fixtures`, () => {
    test(`${fixtures.length} fixtures are present and every one parses Ok down to its last layer`, () => {
      assert.ok(fixtures.length >= 17, `found ${fixtures.length} fixtures`);
      for (const f of fixtures) {
        const d = D[f.name];
        assert.equal(d.code, E.Ok, `${f.name}: ${d.stage} returned ${d.code}`);
        assert.deepEqual(inconsistencies(f.bytes, 0, f.bytes.length, d), [], f.name);
        const want = f.name.startsWith('arp') ? 'arp' : f.name.startsWith('ipv4-frag') ? 'ipv4'
          : f.name.startsWith('udp') ? 'udp' : f.name.startsWith('tcp') ? 'tcp' : 'icmpv4';
        assert.equal(d.stage, want, f.name);
      }
    });

    test('ARP request and reply', () => {
      const q = D['arp-request'];
      assert.deepEqual(plain(q.eth), { dst: BROADCAST, src: MAC_A, ethertype: 0x0806 });
      assert.deepEqual(plain(q.arp), { op: 1, senderMac: MAC_A, senderIp: A, targetMac: 0, targetIp: B });
      const r = D['arp-reply'];
      assert.deepEqual(plain(r.eth), { dst: MAC_A, src: MAC_B, ethertype: 0x0806 });
      assert.deepEqual(plain(r.arp), { op: 2, senderMac: MAC_B, senderIp: B, targetMac: MAC_A, targetIp: A });
    });

    test('ICMP echo request and reply', () => {
      const q = D['icmp-echo-request'];
      const r = D['icmp-echo-reply'];
      assert.deepEqual([q.eth.src, q.eth.dst, q.eth.ethertype], [MAC_A, MAC_B, 0x0800]);
      assert.deepEqual([q.ip.src, q.ip.dst, q.ip.protocol, q.ip.ttl, q.ip.headerLen, q.ip.payloadLen], [A, B, 1, 64, 20, 64]);
      assert.equal(q.ip.dontFrag, true, 'Linux ping sets DF');
      assert.deepEqual([q.ip.moreFrags, q.ip.fragOffset], [false, 0]);
      assert.deepEqual([q.icmp.type, q.icmp.code, q.icmp.seq, q.icmp.payloadLen, q.icmp.mtu], [8, 0, 1, 56, 0]);
      assert.deepEqual([r.ip.src, r.ip.dst, r.ip.protocol], [B, A, 1]);
      assert.deepEqual([r.icmp.type, r.icmp.code, r.icmp.ident, r.icmp.seq], [0, 0, q.icmp.ident, 1]);
      assert.deepEqual(byName['icmp-echo-reply'].subarray(r.icmp.payloadOff), byName['icmp-echo-request'].subarray(q.icmp.payloadOff),
        'the reply echoes the data');
    });

    test('UDP datagram', () => {
      const d = D['udp-datagram'];
      assert.deepEqual([d.ip.src, d.ip.dst, d.ip.protocol, d.ip.payloadLen], [A, B, 17, 18]);
      assert.deepEqual([d.udp.srcPort, d.udp.dstPort, d.udp.payloadLen], [40001, 5000, 10]);
      assert.equal(text(byName['udp-datagram'], d.udp.payloadOff, d.udp.payloadLen), 'hello udp\n');
      assert.notEqual((byName['udp-datagram'][40] << 8) | byName['udp-datagram'][41], 0, 'the kernel sent a checksum');
    });

    test('ICMP port unreachable, and the datagram it quotes', () => {
      const buf = byName['icmp-port-unreachable'];
      const d = D['icmp-port-unreachable'];
      assert.deepEqual([d.ip.src, d.ip.dst, d.ip.protocol, d.ip.tos], [B, A, 1, 0xc0]);
      assert.deepEqual([d.icmp.type, d.icmp.code, d.icmp.mtu, d.icmp.ident, d.icmp.seq], [3, 3, 0, 0, 0]);
      const inner = w.createIpv4Repr();
      assert.equal(w.parseIpv4(buf, d.icmp.payloadOff, d.icmp.payloadLen, inner), E.Ok, 'Linux quotes the whole short datagram');
      assert.deepEqual([inner.src, inner.dst, inner.protocol], [A, B, 17]);
      const u = w.createUdpRepr();
      assert.equal(w.parseUdp(buf, d.icmp.payloadOff + inner.headerLen, inner.payloadLen, inner.src, inner.dst, u), E.Ok);
      assert.deepEqual([u.srcPort, u.dstPort], [40001, 5001]);
      assert.equal(text(buf, u.payloadOff, u.payloadLen), 'nobody home\n');
    });

    test('TCP handshake: SYN and SYN-ACK options, then ACK, data both ways and FIN', () => {
      const syn = D['tcp-syn'].tcp;
      assert.deepEqual([D['tcp-syn'].ip.src, D['tcp-syn'].ip.dst, D['tcp-syn'].ip.protocol], [A, B, 6]);
      assert.deepEqual([syn.srcPort, syn.dstPort, syn.flags, syn.ack, syn.window, syn.headerLen, syn.payloadLen],
        [40000, 8080, F.Syn, 0, 64240, 40, 0]);
      assert.deepEqual([syn.mss, syn.wscale, syn.sackPermitted, syn.hasTimestamp, syn.tsEcr, syn.sackCount],
        [1460, 10, true, true, 0, 0]);
      assert.notEqual(syn.tsVal, 0);

      const sa = D['tcp-syn-ack'].tcp;
      assert.deepEqual([sa.srcPort, sa.dstPort, sa.flags, sa.ack, sa.window], [8080, 40000, F.Syn | F.Ack, (syn.seq + 1) >>> 0, 65160]);
      assert.deepEqual([sa.mss, sa.wscale, sa.sackPermitted, sa.hasTimestamp, sa.tsEcr], [1460, 10, true, true, syn.tsVal]);

      const ack = D['tcp-ack'].tcp;
      assert.deepEqual([ack.flags, ack.seq, ack.ack, ack.headerLen, ack.payloadLen], [F.Ack, (syn.seq + 1) >>> 0, (sa.seq + 1) >>> 0, 32, 0]);
      assert.deepEqual([ack.mss, ack.wscale, ack.sackPermitted, ack.hasTimestamp, ack.tsEcr], [0, -1, false, true, sa.tsVal]);

      const data = D['tcp-data'].tcp;
      assert.deepEqual([data.flags, data.seq, data.ack, data.payloadLen], [F.Psh | F.Ack, (syn.seq + 1) >>> 0, (sa.seq + 1) >>> 0, 10]);
      assert.equal(text(byName['tcp-data'], data.payloadOff, data.payloadLen), 'hello tcp\n');

      const reply = D['tcp-data-reply'].tcp;
      assert.deepEqual([reply.srcPort, reply.flags, reply.seq, reply.ack], [8080, F.Psh | F.Ack, (sa.seq + 1) >>> 0, (syn.seq + 11) >>> 0]);
      assert.equal(text(byName['tcp-data-reply'], reply.payloadOff, reply.payloadLen), 'world\n');

      const fin = D['tcp-fin'].tcp;
      assert.deepEqual([fin.srcPort, fin.dstPort, fin.flags, fin.seq, fin.payloadLen], [8080, 40000, F.Fin | F.Ack, (sa.seq + 7) >>> 0, 0]);
      assert.ok(fin.hasTimestamp);
    });

    test('IPv4 fragments are recognised, and reassembled they carry the whole echo request', () => {
      const parts = ['ipv4-frag-first', 'ipv4-frag-middle', 'ipv4-frag-last'].map((n) => D[n]);
      assert.ok(parts.every((d) => d.fragment));
      assert.deepEqual(parts.map((d) => [d.ip.moreFrags, d.ip.fragOffset, d.ip.payloadLen]),
        [[true, 0, 1480], [true, 1480, 1480], [false, 2960, 48]]);
      assert.ok(parts.every((d) => d.ip.ident === parts[0].ip.ident && d.ip.src === A && d.ip.dst === B && d.ip.protocol === 1 && !d.ip.dontFrag));
      const whole = new Uint8Array(3008);
      for (const [n, d] of [['ipv4-frag-first', parts[0]], ['ipv4-frag-middle', parts[1]], ['ipv4-frag-last', parts[2]]]) {
        whole.set(byName[n].subarray(34, 34 + d.ip.payloadLen), d.ip.fragOffset);
      }
      const icmp = w.createIcmpv4Repr();
      assert.equal(w.parseIcmpv4(whole, 0, whole.length, icmp), E.Ok);
      assert.deepEqual([icmp.type, icmp.code, icmp.seq, icmp.payloadLen], [8, 0, 1, 3000]);
      const alone = w.createIcmpv4Repr();
      assert.equal(w.parseIcmpv4(byName['ipv4-frag-first'], 34, 1480, alone), E.BadChecksum,
        'the first fragment alone fails: its checksum covers the whole datagram');
    });

    test('IPv4 options (record route) are skipped: headerLen 60, ICMP found after them', () => {
      for (const n of ['ipv4-options-echo-request', 'ipv4-options-echo-reply']) {
        const d = D[n];
        const buf = byName[n];
        assert.deepEqual([d.ip.headerLen, d.ip.payloadLen], [60, 64], n);
        assert.ok(buf.subarray(34, 74).includes(7), `${n}: a record-route option (type 7) is in the header`);
        assert.equal(d.l4Off, 14 + 60);
        assert.equal(d.icmp.type, n.endsWith('request') ? 8 : 0);
        assert.equal(d.icmp.payloadLen, 56);
      }
      assert.equal(D['ipv4-options-echo-reply'].icmp.ident, D['ipv4-options-echo-request'].icmp.ident);
    });

    test('a flipped byte in each checksummed layer is refused with BadChecksum', () => {
      for (const f of fixtures) {
        const d = D[f.name];
        if (d.arp) continue;
        const at = d.fragment ? 14 + 11 : d.l4Off + d.l4Len - 1; // IP header checksum, or the last L4 byte
        const b = f.bytes.slice();
        b[at] ^= 0x20;
        const e = dissect(w, b);
        assert.equal(e.code, E.BadChecksum, `${f.name}: ${e.stage}`);
      }
    });

    test('re-emitting from the reprs gives the kernel bytes back where the format is canonical', () => {
      for (const f of fixtures) {
        const d = D[f.name];
        const out = reemit(w, d, f.bytes);
        if (!NOT_CANONICAL[f.name]) {
          assert.deepEqual(out, f.bytes, `${f.name}: byte for byte`);
          continue;
        }
        // Not canonical: same reprs (but for where headers end) and the same payload bytes.
        const e = dissect(w, out);
        assert.equal(e.code, E.Ok, `${f.name}: re-emitted frame parses`);
        assert.deepEqual(plain(e.eth), plain(d.eth));
        const l4 = d.icmp ? 'icmp' : 'tcp';
        const drop = ['headerLen', 'payloadOff'];
        // The IP payload grows with the longer TCP options (emitTcp writes 44 bytes of header, Linux 40).
        assert.deepEqual(plain(e.ip, [...drop, 'payloadLen']), plain(d.ip, [...drop, 'payloadLen']), f.name);
        assert.equal(e.ip.headerLen, 20);
        assert.equal(e.ip.payloadLen, d.ip.payloadLen + (d.tcp ? w.tcpHeaderLen(d.tcp) - d.tcp.headerLen : 0));
        assert.deepEqual(plain(e[l4], drop), plain(d[l4], drop), `${f.name}: ${l4} repr`);
        assert.deepEqual(out.subarray(e[l4].payloadOff), f.bytes.subarray(d[l4].payloadOff), `${f.name}: payload`);
      }
    });
  });
}
