import { WireError } from './codes';
import { readMac, writeMac } from './mac';
import { get16, put16 } from './bytes';

export const ETH_HEADER_LEN = 14;
export const enum EtherType { Ipv4 = 0x0800, Arp = 0x0806, Ipv6 = 0x86dd }

/** Ethernet II header. MACs are 48-bit numbers (src/wire/mac.ts). */
export interface EthernetRepr { dst: number; src: number; ethertype: number }

export function createEthernetRepr(): EthernetRepr {
  return { dst: 0, src: 0, ethertype: 0 };
}

/** Parses the 14-byte header at buf[off..off+len). Payload is buf[off+14 .. off+len). */
export function parseEthernet(buf: Uint8Array, off: number, len: number, r: EthernetRepr): number {
  if (len < ETH_HEADER_LEN) return WireError.Truncated;
  r.dst = readMac(buf, off);
  r.src = readMac(buf, off + 6);
  r.ethertype = get16(buf, off + 12);
  // Values up to 1500 are IEEE 802.3 lengths, not types: not Ethernet II.
  if (r.ethertype < 0x0600) return WireError.Unsupported;
  return WireError.Ok;
}

/** Writes the header at off; returns 14. */
export function emitEthernet(r: EthernetRepr, buf: Uint8Array, off: number): number {
  writeMac(buf, off, r.dst);
  writeMac(buf, off + 6, r.src);
  put16(buf, off + 12, r.ethertype);
  return ETH_HEADER_LEN;
}
