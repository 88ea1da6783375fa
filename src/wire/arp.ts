import { WireError } from './codes';
import { readMac, writeMac } from './mac';
import { get16, get32, put16, put32 } from './bytes';

export const ARP_LEN = 28;
export const enum ArpOp { Request = 1, Reply = 2 }

/** Ethernet/IPv4 ARP only (htype 1, ptype 0x0800, hlen 6, plen 4); anything else is Unsupported. */
export interface ArpRepr { op: number; senderMac: number; senderIp: number; targetMac: number; targetIp: number }

export function createArpRepr(): ArpRepr {
  return { op: 0, senderMac: 0, senderIp: 0, targetMac: 0, targetIp: 0 };
}

export function parseArp(buf: Uint8Array, off: number, len: number, r: ArpRepr): number {
  if (len < 8) return WireError.Truncated;
  if (get16(buf, off) !== 1 || get16(buf, off + 2) !== 0x0800 || buf[off + 4] !== 6 || buf[off + 5] !== 4) {
    return WireError.Unsupported;
  }
  if (len < ARP_LEN) return WireError.Truncated;
  const op = get16(buf, off + 6);
  if (op !== ArpOp.Request && op !== ArpOp.Reply) return WireError.Unsupported;
  r.op = op;
  r.senderMac = readMac(buf, off + 8);
  r.senderIp = get32(buf, off + 14);
  r.targetMac = readMac(buf, off + 18);
  r.targetIp = get32(buf, off + 24);
  return WireError.Ok;
}

/** Writes 28 bytes at off; returns 28. */
export function emitArp(r: ArpRepr, buf: Uint8Array, off: number): number {
  put16(buf, off, 1);
  put16(buf, off + 2, 0x0800);
  buf[off + 4] = 6;
  buf[off + 5] = 4;
  put16(buf, off + 6, r.op);
  writeMac(buf, off + 8, r.senderMac);
  put32(buf, off + 14, r.senderIp);
  writeMac(buf, off + 18, r.targetMac);
  put32(buf, off + 24, r.targetIp);
  return ARP_LEN;
}
