import { WireError } from './codes';
import { activeSum } from './checksum';
import { get16, get32, put16, put32 } from './bytes';

export const TCP_HEADER_LEN = 20;
export const enum TcpFlag { Fin = 1, Syn = 2, Rst = 4, Psh = 8, Ack = 16, Urg = 32, Ece = 64, Cwr = 128 }

const enum Opt { End = 0, Nop = 1, Mss = 2, WindowScale = 3, SackPermitted = 4, Sack = 5, Timestamp = 8 }
/** Room for options: the data offset field counts at most 15 words. */
const MAX_OPTIONS = 40;

export interface TcpRepr {
  srcPort: number; dstPort: number;
  /** Unsigned 32-bit. */ seq: number; ack: number;
  /** TcpFlag bits. */ flags: number;
  /** Raw 16-bit window field (unscaled). */ window: number;
  urgent: number;
  /** Header length in bytes, options included (parse fills; emit computes, see tcpHeaderLen). */
  headerLen: number;
  payloadOff: number; payloadLen: number;
  /** Options. mss 0 = absent; wscale -1 = absent; hasTimestamp false = absent. */
  mss: number; wscale: number; sackPermitted: boolean;
  hasTimestamp: boolean; tsVal: number; tsEcr: number;
  /** SACK blocks: sackCount pairs (left, right) in sackBlocks[0..2*sackCount), at most 4 blocks. */
  sackCount: number; sackBlocks: Uint32Array;
}

export function createTcpRepr(): TcpRepr {
  return {
    srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, window: 0, urgent: 0, headerLen: 20, payloadOff: 0, payloadLen: 0,
    mss: 0, wscale: -1, sackPermitted: false, hasTimestamp: false, tsVal: 0, tsEcr: 0, sackCount: 0, sackBlocks: new Uint32Array(8),
  };
}

/** Parses the segment occupying buf[off..off+len) (the IP payload) with the pseudo-header checksum of
 *  src/dst. Options: MSS, window scale, SACK-permitted, SACK, timestamps, NOP/EOL; unknown options
 *  skipped by their length; a malformed option list is Malformed. */
export function parseTcp(buf: Uint8Array, off: number, len: number, src: number, dst: number, r: TcpRepr): number {
  if (len < TCP_HEADER_LEN) return WireError.Truncated;
  const hl = (buf[off + 12] >> 4) << 2;
  if (hl < TCP_HEADER_LEN) return WireError.BadHeaderLength;
  if (hl > len) return WireError.BadHeaderLength;
  // The pseudo-header's sum unfolded, in line (the sum folds it).
  if (activeSum(buf, off, len, (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + len) !== 0xffff) return WireError.BadChecksum;
  // Fixed fields read inline (no get16/get32 calls): every call costs on the interpreter.
  const sport = (buf[off] << 8) | buf[off + 1];
  const dport = (buf[off + 2] << 8) | buf[off + 3];
  if (sport === 0 || dport === 0) return WireError.Malformed;
  r.mss = 0;
  r.wscale = -1;
  r.sackPermitted = false;
  r.hasTimestamp = false;
  r.tsVal = 0;
  r.tsEcr = 0;
  r.sackCount = 0;
  let i = off + TCP_HEADER_LEN;
  const end = off + hl;
  // The options of nearly every segment once timestamps are agreed: NOP, NOP, Timestamp (the
  // layout of RFC 7323 appendix A, which this stack and Linux send), read without the loop.
  if (hl === 32 && buf[i] === Opt.Nop && buf[i + 1] === Opt.Nop && buf[i + 2] === Opt.Timestamp && buf[i + 3] === 10) {
    r.hasTimestamp = true;
    r.tsVal = ((buf[i + 4] << 24) | (buf[i + 5] << 16) | (buf[i + 6] << 8) | buf[i + 7]) >>> 0;
    r.tsEcr = ((buf[i + 8] << 24) | (buf[i + 9] << 16) | (buf[i + 10] << 8) | buf[i + 11]) >>> 0;
    i = end;
  }
  if (i < end) {
    const e = parseOptions(buf, i, end, r);
    if (e !== WireError.Ok) return e;
  }
  r.srcPort = sport;
  r.dstPort = dport;
  r.seq = ((buf[off + 4] << 24) | (buf[off + 5] << 16) | (buf[off + 6] << 8) | buf[off + 7]) >>> 0;
  r.ack = ((buf[off + 8] << 24) | (buf[off + 9] << 16) | (buf[off + 10] << 8) | buf[off + 11]) >>> 0;
  r.flags = buf[off + 13];
  r.window = (buf[off + 14] << 8) | buf[off + 15];
  r.urgent = (buf[off + 18] << 8) | buf[off + 19];
  r.headerLen = hl;
  r.payloadOff = off + hl;
  r.payloadLen = len - hl;
  return WireError.Ok;
}

/** The option list in buf[i..end) (any layout but the one parseTcp reads in line): 0 or Malformed.
 *  A function of its own, never inlined (test/bundle/kept-calls.mjs): on Espruino the code of a
 *  block that is skipped is still read, token by token. */
function parseOptions(buf: Uint8Array, i: number, end: number, r: TcpRepr): number {
  while (i < end) {
    const kind = buf[i];
    if (kind === Opt.End) break;
    if (kind === Opt.Nop) { i++; continue; }
    if (i + 1 >= end) return WireError.Malformed;
    const n = buf[i + 1];
    if (n < 2 || i + n > end) return WireError.Malformed;
    if (kind === Opt.Mss) {
      if (n !== 4) return WireError.Malformed;
      r.mss = get16(buf, i + 2);
    } else if (kind === Opt.WindowScale) {
      if (n !== 3) return WireError.Malformed;
      // RFC 7323 2.3: a shift above 14 is used as 14.
      r.wscale = buf[i + 2] > 14 ? 14 : buf[i + 2];
    } else if (kind === Opt.SackPermitted) {
      if (n !== 2) return WireError.Malformed;
      r.sackPermitted = true;
    } else if (kind === Opt.Sack) {
      const blocks = (n - 2) >> 3;
      if (blocks < 1 || blocks > 4 || n !== 2 + (blocks << 3)) return WireError.Malformed;
      const sb = r.sackBlocks;
      for (let k = 0; k < blocks; k++) {
        sb[k << 1] = get32(buf, i + 2 + (k << 3));
        sb[(k << 1) + 1] = get32(buf, i + 6 + (k << 3));
      }
      r.sackCount = blocks;
    } else if (kind === Opt.Timestamp) {
      if (n !== 10) return WireError.Malformed;
      r.hasTimestamp = true;
      r.tsVal = get32(buf, i + 2);
      r.tsEcr = get32(buf, i + 6);
    }
    i += n;
  }
  return WireError.Ok;
}

/** SACK blocks that fit beside the other options (each option is padded to 4 bytes on its own). */
function sackRoom(r: TcpRepr, fixed: number): number {
  if (r.sackCount <= 0) return 0;
  const room = ((MAX_OPTIONS - fixed - 4) >> 3);
  return r.sackCount < room ? r.sackCount : room < 0 ? 0 : room;
}

function fixedOptions(r: TcpRepr): number {
  return (r.mss > 0 ? 4 : 0) + (r.wscale >= 0 ? 4 : 0) + (r.sackPermitted ? 4 : 0) + (r.hasTimestamp ? 12 : 0);
}

/** Header length (20 + options, padded to 4) that emitTcp will write for r. */
export function tcpHeaderLen(r: TcpRepr): number {
  // Most segments carry no option but the timestamps (once agreed): no option arithmetic then.
  if (r.mss <= 0 && r.wscale < 0 && !r.sackPermitted && r.sackCount <= 0) return r.hasTimestamp ? TCP_HEADER_LEN + 12 : TCP_HEADER_LEN;
  const fixed = fixedOptions(r);
  const sacks = sackRoom(r, fixed);
  return TCP_HEADER_LEN + fixed + (sacks > 0 ? 4 + (sacks << 3) : 0);
}
export function emitTcp(r: TcpRepr, buf: Uint8Array, off: number, src: number, dst: number): number {
  // Most segments carry no option but the timestamps (once agreed): then the header length needs
  // no option arithmetic, and NOP NOP Timestamp is written here.
  const bare = r.mss <= 0 && r.wscale < 0 && !r.sackPermitted && r.sackCount <= 0;
  const fixed = bare ? 0 : fixedOptions(r);
  const sacks = bare ? 0 : sackRoom(r, fixed);
  const hl = bare ? (r.hasTimestamp ? TCP_HEADER_LEN + 12 : TCP_HEADER_LEN) : TCP_HEADER_LEN + fixed + (sacks > 0 ? 4 + (sacks << 3) : 0);
  const sp = r.srcPort, dp = r.dstPort, seq = r.seq, ack = r.ack, w = r.window, u = r.urgent;
  // Fixed fields written inline (no put16/put32 calls); a Uint8Array keeps the low 8 bits itself.
  buf[off] = sp >>> 8; buf[off + 1] = sp; buf[off + 2] = dp >>> 8; buf[off + 3] = dp;
  buf[off + 4] = seq >>> 24; buf[off + 5] = seq >>> 16; buf[off + 6] = seq >>> 8; buf[off + 7] = seq;
  buf[off + 8] = ack >>> 24; buf[off + 9] = ack >>> 16; buf[off + 10] = ack >>> 8; buf[off + 11] = ack;
  buf[off + 12] = (hl >> 2) << 4; buf[off + 13] = r.flags; buf[off + 14] = w >>> 8; buf[off + 15] = w;
  buf[off + 16] = 0; buf[off + 17] = 0; buf[off + 18] = u >>> 8; buf[off + 19] = u;
  if (!bare) {
    emitOptions(r, buf, off + TCP_HEADER_LEN, sacks);
  } else if (r.hasTimestamp) {
    const v = r.tsVal, e = r.tsEcr;
    buf[off + 20] = Opt.Nop; buf[off + 21] = Opt.Nop; buf[off + 22] = Opt.Timestamp; buf[off + 23] = 10;
    buf[off + 24] = v >>> 24; buf[off + 25] = v >>> 16; buf[off + 26] = v >>> 8; buf[off + 27] = v;
    buf[off + 28] = e >>> 24; buf[off + 29] = e >>> 16; buf[off + 30] = e >>> 8; buf[off + 31] = e;
  }
  const n = hl + r.payloadLen;
  const c = ~activeSum(buf, off, n, (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + n);
  buf[off + 16] = c >>> 8;
  buf[off + 17] = c;
  return n;
}

/** Writes the options of r at i (sacks: the SACK blocks that fit). Never inlined (kept-calls.mjs). */
function emitOptions(r: TcpRepr, buf: Uint8Array, i: number, sacks: number): void {
  if (r.mss > 0) {
    buf[i] = Opt.Mss; buf[i + 1] = 4; put16(buf, i + 2, r.mss);
    i += 4;
  }
  if (r.wscale >= 0) {
    buf[i] = Opt.Nop; buf[i + 1] = Opt.WindowScale; buf[i + 2] = 3; buf[i + 3] = r.wscale;
    i += 4;
  }
  if (r.sackPermitted) {
    buf[i] = Opt.Nop; buf[i + 1] = Opt.Nop; buf[i + 2] = Opt.SackPermitted; buf[i + 3] = 2;
    i += 4;
  }
  if (r.hasTimestamp) {
    buf[i] = Opt.Nop; buf[i + 1] = Opt.Nop; buf[i + 2] = Opt.Timestamp; buf[i + 3] = 10;
    put32(buf, i + 4, r.tsVal);
    put32(buf, i + 8, r.tsEcr);
    i += 12;
  }
  if (sacks > 0) {
    buf[i] = Opt.Nop; buf[i + 1] = Opt.Nop; buf[i + 2] = Opt.Sack; buf[i + 3] = 2 + (sacks << 3);
    i += 4;
    const sb = r.sackBlocks;
    for (let k = 0; k < sacks; k++) {
      put32(buf, i, sb[k << 1]);
      put32(buf, i + 4, sb[(k << 1) + 1]);
      i += 8;
    }
  }
}
