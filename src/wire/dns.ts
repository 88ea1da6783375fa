// DNS messages (RFC 1035) for a stub resolver: a query for one name's A records, and the answer
// checked against that question, CNAME chains followed inside the answer section. Names in the packet
// may be compressed (pointers); every walk is bounded.
import { WireError } from './codes';
import { get16, get32, put16 } from './bytes';

export const DNS_PORT = 53;
export const DNS_HEADER_LEN = 12;
/** Largest encoded name (RFC 1035 2.3.4). */
export const DNS_MAX_NAME = 255;
/** Answer records looked at, CNAME links followed, A records kept. */
const MAX_RECORDS = 16;
const MAX_CHAIN = 8;
export const DNS_MAX_ADDRS = 4;

export const enum DnsRcode { NoError = 0, FormErr = 1, ServFail = 2, NxDomain = 3, NotImp = 4, Refused = 5 }

export interface DnsRepr {
  id: number;
  /** QR bit, RCODE, TC bit. */
  isResponse: boolean;
  rcode: number;
  truncated: boolean;
  /** A records of the name at the end of the CNAME chain (at most DNS_MAX_ADDRS). */
  addrs: number[];
  addrCount: number;
  /** Smallest TTL (seconds) of the records used: CNAME links and A records. */
  ttl: number;
  /** CNAME links followed. */
  cnames: number;
  // Scratch table of answer records: owner name offset, type, TTL, data offset and length.
  recOwner: Int32Array;
  recType: Uint16Array;
  recTtl: Float64Array;
  recData: Int32Array;
  recLen: Uint16Array;
}

export function createDnsRepr(): DnsRepr {
  const addrs: number[] = [];
  for (let i = 0; i < DNS_MAX_ADDRS; i++) addrs.push(0);
  return {
    id: 0, isResponse: false, rcode: 0, truncated: false, addrs: addrs, addrCount: 0, ttl: 0, cnames: 0,
    recOwner: new Int32Array(MAX_RECORDS), recType: new Uint16Array(MAX_RECORDS), recTtl: new Float64Array(MAX_RECORDS),
    recData: new Int32Array(MAX_RECORDS), recLen: new Uint16Array(MAX_RECORDS),
  };
}

/**
 * Encodes a host name ("example.com", a trailing dot allowed) as DNS labels into out at 0. Returns
 * the encoded length, or -1 when the name is empty, has an empty label, a label over 63 bytes, a
 * character outside printable ASCII, or is longer than 255 bytes encoded.
 */
export function encodeDnsName(name: string, out: Uint8Array): number {
  let n = name.length;
  if (n > 0 && name.charCodeAt(n - 1) === 46) n--;
  if (n === 0 || n + 2 > DNS_MAX_NAME || out.length < n + 2) return -1;
  let lenAt = 0, p = 1;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c === 46) {
      const l = p - lenAt - 1;
      if (l === 0 || l > 63) return -1;
      out[lenAt] = l;
      lenAt = p++;
      continue;
    }
    if (c <= 32 || c >= 127) return -1;
    out[p++] = c;
  }
  const l = p - lenAt - 1;
  if (l === 0 || l > 63) return -1;
  out[lenAt] = l;
  out[p++] = 0;
  return p;
}

/** Writes a recursive query (RD) with id for the encoded name (qname[0..qlen)), type A, class IN, at
 *  off. Returns its length. */
export function emitDnsQuery(id: number, qname: Uint8Array, qlen: number, buf: Uint8Array, off: number): number {
  put16(buf, off, id);
  put16(buf, off + 2, 0x0100);
  put16(buf, off + 4, 1);
  put16(buf, off + 6, 0);
  put16(buf, off + 8, 0);
  put16(buf, off + 10, 0);
  let p = off + DNS_HEADER_LEN;
  for (let i = 0; i < qlen; i++) buf[p++] = qname[i];
  put16(buf, p, 1);
  put16(buf, p + 2, 1);
  return p + 4 - off;
}

// Name walking. A position is resolved to the next length byte by following pointers (at most 32
// hops, each inside the message); a name ends at a zero length.
let hops = 0;
function follow(buf: Uint8Array, start: number, end: number, p: number): number {
  while (p >= start && p < end) {
    const b = buf[p];
    if ((b & 0xc0) === 0) return p;
    if ((b & 0xc0) !== 0xc0 || p + 1 >= end || ++hops > 32) return -1;
    p = start + (((b & 0x3f) << 8) | buf[p + 1]);
  }
  return -1;
}

/** Offset after the name at p (pointers not followed), or -1; total counts its 0. */
function skipName(buf: Uint8Array, end: number, p: number): number {
  let total = 1;
  while (p < end) {
    const b = buf[p];
    if (b === 0) return p + 1;
    if ((b & 0xc0) === 0xc0) return p + 2 <= end ? p + 2 : -1;
    if ((b & 0xc0) !== 0) return -1;
    total += b + 1;
    if (total > DNS_MAX_NAME) return -1;
    p += b + 1;
  }
  return -1;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Do the names at a (in message a[sa..ea)) and b (in message b[sb..eb)) match, case-insensitively?
 *  -1 when a walk fails (malformed). */
function sameName(a: Uint8Array, sa: number, ea: number, pa: number, b: Uint8Array, sb: number, eb: number, pb: number): number {
  hops = 0;
  for (let labels = 0; labels < 128; labels++) {
    pa = follow(a, sa, ea, pa);
    pb = follow(b, sb, eb, pb);
    if (pa < 0 || pb < 0) return -1;
    const la = a[pa], lb = b[pb];
    if (pa + 1 + la > ea || pb + 1 + lb > eb) return -1;
    if (la !== lb) return 0;
    if (la === 0) return 1;
    for (let i = 1; i <= la; i++) if (lower(a[pa + i]) !== lower(b[pb + i])) return 0;
    pa += la + 1;
    pb += lb + 1;
  }
  return -1;
}

/**
 * Parses a response to the query for qname[0..qlen): header, the question (it must be the one we
 * asked: one entry, same name, type A, class IN; otherwise Mismatch), then the answer records. Follows
 * CNAME links from the question name and keeps the A records of the final name. Truncated / Malformed
 * for a broken message. The caller checks id, rcode and the source of the datagram.
 */
export function parseDnsResponse(buf: Uint8Array, off: number, len: number, qname: Uint8Array, qlen: number, r: DnsRepr): number {
  if (len < DNS_HEADER_LEN) return WireError.Truncated;
  const end = off + len;
  r.id = get16(buf, off);
  const flags = get16(buf, off + 2);
  r.isResponse = (flags & 0x8000) !== 0;
  r.truncated = (flags & 0x0200) !== 0;
  r.rcode = flags & 15;
  r.addrCount = 0;
  r.cnames = 0;
  r.ttl = 0;
  const qd = get16(buf, off + 4), an = get16(buf, off + 6);
  if (!r.isResponse) return WireError.Malformed;
  if (qd !== 1) return WireError.Mismatch;
  let p = off + DNS_HEADER_LEN;
  const qn = skipName(buf, end, p);
  if (qn < 0 || qn + 4 > end) return WireError.Truncated;
  const same = sameName(buf, off, end, p, qname, 0, qlen, 0);
  if (same < 0) return WireError.Malformed;
  if (same === 0 || get16(buf, qn) !== 1 || get16(buf, qn + 2) !== 1) return WireError.Mismatch;
  p = qn + 4;
  // The answer section into the scratch table.
  let count = 0;
  for (let i = 0; i < an; i++) {
    const q = skipName(buf, end, p);
    if (q < 0 || q + 10 > end) return r.truncated ? WireError.Ok : WireError.Truncated;
    const rdlen = get16(buf, q + 8);
    if (q + 10 + rdlen > end) return r.truncated ? WireError.Ok : WireError.Truncated;
    if (count < MAX_RECORDS && get16(buf, q + 2) === 1) {
      r.recOwner[count] = p;
      r.recType[count] = get16(buf, q);
      r.recTtl[count] = get32(buf, q + 4) & 0x7fffffff; // RFC 2181 8: a TTL with the top bit set is 0..2^31-1
      r.recData[count] = q + 10;
      r.recLen[count] = rdlen;
      count++;
    }
    p = q + 10 + rdlen;
  }
  // Follow the chain: the target starts as the question's name and moves along CNAME records.
  let target = off + DNS_HEADER_LEN;
  let ttl = 0x7fffffff;
  for (let link = 0; link <= MAX_CHAIN; link++) {
    let next = -1;
    for (let i = 0; i < count; i++) {
      if (r.recType[i] !== 5) continue;
      const m = sameName(buf, off, end, r.recOwner[i], buf, off, end, target);
      if (m < 0) return WireError.Malformed;
      if (m === 1) {
        next = i;
        break;
      }
    }
    if (next < 0) break;
    if (link === MAX_CHAIN) return WireError.Malformed; // a loop or an over-long chain
    if (r.recTtl[next] < ttl) ttl = r.recTtl[next];
    target = r.recData[next];
    r.cnames++;
  }
  for (let i = 0; i < count && r.addrCount < DNS_MAX_ADDRS; i++) {
    if (r.recType[i] !== 1) continue;
    if (r.recLen[i] !== 4) return WireError.Malformed;
    const m = sameName(buf, off, end, r.recOwner[i], buf, off, end, target);
    if (m < 0) return WireError.Malformed;
    if (m === 0) continue;
    r.addrs[r.addrCount++] = get32(buf, r.recData[i]);
    if (r.recTtl[i] < ttl) ttl = r.recTtl[i];
  }
  r.ttl = r.addrCount > 0 ? ttl : 0;
  return WireError.Ok;
}
