// Ethernet CRC-32 (reflected, polynomial 0xEDB88320): the FCS a chip appends and checks.
const table = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  table[n] = c;
}
export function crc32(bytes) {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Six octets of a MAC given as a 48-bit number. */
export function macBytes(mac) {
  const hi = Math.floor(mac / 4294967296), lo = mac >>> 0;
  return [hi >>> 8, hi & 255, lo >>> 24, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255];
}

/** A test frame: dst, src, ethertype, payload of `len` total bytes filled from seed. */
export function makeFrame(dst, src, len, seed = 1, type = 0x0800) {
  const f = new Uint8Array(len);
  f.set(macBytes(dst), 0);
  f.set(macBytes(src), 6);
  f[12] = type >> 8; f[13] = type & 255;
  for (let i = 14; i < len; i++) f[i] = (i * 7 + seed * 13) & 255;
  return f;
}
