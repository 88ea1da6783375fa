// Shared by test/wire/*.test.mjs: the committed kernel fixtures, a layer-by-layer dissector built on
// the bundle's parse functions, a reference Internet checksum written independently of src/wire, and
// the checks that an Ok repr is consistent with the bytes it came from.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/bundles.mjs';

export const fixtureDir = path.join(root, 'test', 'fixtures', 'wire');

/** Reads one hex fixture: '#' lines are comments, whitespace is ignored. */
export function readHex(file) {
  const text = fs.readFileSync(file, 'utf8');
  const hex = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('').replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${file}: not hex`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Every fixture: { name: 'tcp-syn', bytes: Uint8Array }, sorted by name. */
export function loadFixtures() {
  return fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.hex')).sort()
    .map((f) => ({ name: f.slice(0, -4), bytes: readHex(path.join(fixtureDir, f)) }));
}

export const ip4 = (s) => s.split('.').reduce((a, p) => a * 256 + Number(p), 0);
export const mac = (s) => parseInt(s.replace(/:/g, ''), 16);

/** RFC 1071 checksum of the reference kind: a plain loop over 16-bit words, inverted at the end. */
export function refChecksum(bytes, off, len, words = []) {
  let s = 0;
  for (const w of words) s += w;
  for (let i = 0; i < len; i += 2) s += (bytes[off + i] << 8) | (i + 1 < len ? bytes[off + i + 1] : 0);
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
  return ~s & 0xffff;
}
/** Pseudo-header words for refChecksum. */
export const pseudo = (src, dst, proto, len) => [src >>> 16, src & 0xffff, dst >>> 16, dst & 0xffff, proto, len];

/** Rewrites a TCP (6) or UDP (17) checksum in place after a test has edited the segment. */
export function fixL4Checksum(bytes, off, len, src, dst, proto) {
  const at = off + (proto === 6 ? 16 : 6);
  bytes[at] = 0; bytes[at + 1] = 0;
  const c = refChecksum(bytes, off, len, pseudo(src, dst, proto, len));
  bytes[at] = c >> 8; bytes[at + 1] = c & 255;
}
/** Rewrites an IPv4 header checksum (header at off, length from IHL). */
export function fixIpChecksum(bytes, off) {
  const hl = (bytes[off] & 15) * 4;
  bytes[off + 10] = 0; bytes[off + 11] = 0;
  const c = refChecksum(bytes, off, hl);
  bytes[off + 10] = c >> 8; bytes[off + 11] = c & 255;
}
/** Rewrites an ICMP checksum over buf[off..off+len). */
export function fixIcmpChecksum(bytes, off, len) {
  bytes[off + 2] = 0; bytes[off + 3] = 0;
  const c = refChecksum(bytes, off, len);
  bytes[off + 2] = c >> 8; bytes[off + 3] = c & 255;
}

/**
 * Parses a frame layer by layer: Ethernet, then ARP or IPv4, then ICMP / UDP / TCP (not for
 * fragments, whose transport header is absent or whose checksum covers bytes elsewhere).
 * Returns { stage, code, eth, arp, ip, icmp, udp, tcp, l4Off, l4Len }: stage names the last layer
 * tried and code is its result; a layer after a failure is absent.
 */
export function dissect(w, buf, off = 0, len = buf.length - off) {
  const d = { stage: 'ethernet', code: 0 };
  d.eth = w.createEthernetRepr();
  d.code = w.parseEthernet(buf, off, len, d.eth);
  if (d.code !== 0) return d;
  const p = off + 14;
  const plen = len - 14;
  if (d.eth.ethertype === 0x0806) {
    d.stage = 'arp';
    d.arp = w.createArpRepr();
    d.code = w.parseArp(buf, p, plen, d.arp);
    return d;
  }
  if (d.eth.ethertype !== 0x0800) return d;
  d.stage = 'ipv4';
  d.ip = w.createIpv4Repr();
  d.code = w.parseIpv4(buf, p, plen, d.ip);
  if (d.code !== 0) return d;
  if (d.ip.moreFrags || d.ip.fragOffset !== 0) { d.fragment = true; return d; }
  d.l4Off = p + d.ip.headerLen;
  d.l4Len = d.ip.payloadLen;
  const { src, dst, protocol } = d.ip;
  if (protocol === 1) {
    d.stage = 'icmpv4';
    d.icmp = w.createIcmpv4Repr();
    d.code = w.parseIcmpv4(buf, d.l4Off, d.l4Len, d.icmp);
  } else if (protocol === 17) {
    d.stage = 'udp';
    d.udp = w.createUdpRepr();
    d.code = w.parseUdp(buf, d.l4Off, d.l4Len, src, dst, d.udp);
  } else if (protocol === 6) {
    d.stage = 'tcp';
    d.tcp = w.createTcpRepr();
    d.code = w.parseTcp(buf, d.l4Off, d.l4Len, src, dst, d.tcp);
  }
  return d;
}

/**
 * Checks that what dissect() accepted agrees with the bytes: lengths inside the buffer, fields in
 * range, checksums right by the reference sum. Returns a list of problems (empty when consistent).
 */
export function inconsistencies(buf, off, len, d) {
  const bad = [];
  const need = (ok, what) => { if (!ok) bad.push(what); };
  const end = off + len;
  const u16 = (v) => Number.isInteger(v) && v >= 0 && v <= 0xffff;
  const u32 = (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
  if (d.eth) {
    need(d.eth.ethertype >= 0x600 && d.eth.ethertype <= 0xffff, 'ethertype');
    need(Number.isInteger(d.eth.dst) && d.eth.dst >= 0 && d.eth.dst < 2 ** 48, 'eth.dst');
  }
  if (d.stage === 'arp' && d.code === 0) {
    need(d.arp.op === 1 || d.arp.op === 2, 'arp.op');
    need(len >= 14 + 28, 'arp within the buffer');
    need(u32(d.arp.senderIp) && u32(d.arp.targetIp), 'arp addresses');
  }
  if (d.ip && (d.stage !== 'ipv4' || d.code === 0)) {
    const ip = d.ip;
    const p = off + 14;
    need(ip.headerLen >= 20 && ip.headerLen <= 60 && ip.headerLen % 4 === 0, 'ip.headerLen');
    need(ip.payloadLen >= 0 && p + ip.headerLen + ip.payloadLen <= end, 'ip payload within the buffer');
    need(ip.fragOffset % 8 === 0 && ip.fragOffset <= 65528, 'ip.fragOffset');
    need(u32(ip.src) && u32(ip.dst), 'ip addresses');
    need(refChecksum(buf, p, ip.headerLen) === 0, 'ip header checksum');
  }
  const l4end = d.l4Off + d.l4Len;
  if (d.stage === 'icmpv4' && d.code === 0) {
    const r = d.icmp;
    need(r.payloadOff === d.l4Off + 8 && r.payloadOff + r.payloadLen === l4end, 'icmp payload bounds');
    need(refChecksum(buf, d.l4Off, d.l4Len) === 0, 'icmp checksum');
  }
  if (d.stage === 'udp' && d.code === 0) {
    const r = d.udp;
    const ulen = r.payloadLen + 8;
    need(r.payloadOff === d.l4Off + 8 && r.payloadOff + r.payloadLen <= l4end, 'udp payload bounds');
    need(r.dstPort > 0 && u16(r.srcPort) && u16(r.dstPort), 'udp ports');
    const sent = (buf[d.l4Off + 6] << 8) | buf[d.l4Off + 7];
    need(sent === 0 || refChecksum(buf, d.l4Off, ulen, pseudo(d.ip.src, d.ip.dst, 17, ulen)) === 0, 'udp checksum');
  }
  if (d.stage === 'tcp' && d.code === 0) {
    const r = d.tcp;
    need(r.headerLen >= 20 && r.headerLen <= 60 && r.headerLen % 4 === 0, 'tcp.headerLen');
    need(r.payloadOff === d.l4Off + r.headerLen && r.payloadOff + r.payloadLen === l4end, 'tcp payload bounds');
    need(r.srcPort > 0 && r.dstPort > 0 && u16(r.srcPort) && u16(r.dstPort), 'tcp ports');
    need(u32(r.seq) && u32(r.ack) && r.flags >= 0 && r.flags <= 255 && u16(r.window), 'tcp fields');
    need(u16(r.mss) && r.wscale >= -1 && r.wscale <= 14, 'tcp options');
    need(r.sackCount >= 0 && r.sackCount <= 4, 'tcp.sackCount');
    need(refChecksum(buf, d.l4Off, d.l4Len, pseudo(d.ip.src, d.ip.dst, 6, d.l4Len)) === 0, 'tcp checksum');
  }
  return bad;
}
