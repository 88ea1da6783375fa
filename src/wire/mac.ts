/**
 * MAC addresses are 48-bit numbers (exact in a double): cheap to compare, store in a Float64Array,
 * and pass around without allocating. 0xffffffffffff is broadcast.
 */
export const MAC_BROADCAST = 281474976710655;

/** Reads a MAC at buf[off..off+6). */
export function readMac(buf: Uint8Array, off: number): number {
  return ((buf[off] << 8) | buf[off + 1]) * 4294967296 +
    (((buf[off + 2] << 24) | (buf[off + 3] << 16) | (buf[off + 4] << 8) | buf[off + 5]) >>> 0);
}

/** Writes a MAC at buf[off..off+6). */
export function writeMac(buf: Uint8Array, off: number, mac: number): void {
  const hi = Math.floor(mac / 4294967296);
  const lo = mac >>> 0;
  buf[off] = hi >>> 8; buf[off + 1] = hi & 255;
  buf[off + 2] = lo >>> 24; buf[off + 3] = (lo >>> 16) & 255; buf[off + 4] = (lo >>> 8) & 255; buf[off + 5] = lo & 255;
}

/** True for group (multicast or broadcast) addresses: the I/G bit of the first octet. */
export function isMulticastMac(mac: number): boolean {
  return (Math.floor(mac / 1099511627776) & 1) === 1;
}
