/**
 * Initial sequence numbers per RFC 6528: ISN = M + F(local ip, local port, remote ip, remote port,
 * secret), M a clock ticking every 4 microseconds, F a keyed hash. F here is a MurmurHash3-style
 * mix keyed by a 64-bit secret drawn at start-up; 32-bit products are built from 16-bit halves
 * because Math.imul is not ES5.
 */
function mul32(a: number, b: number): number {
  return ((a & 0xffff) * b + ((((a >>> 16) * b) & 0xffff) << 16)) >>> 0;
}

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

function mix(h: number, k: number): number {
  k = mul32(rotl(mul32(k >>> 0, 0xcc9e2d51), 15), 0x1b873593);
  h = rotl((h ^ k) >>> 0, 13);
  return (mul32(h, 5) + 0xe6546b64) >>> 0;
}

export class IsnGenerator {
  private k0: number;
  private k1: number;

  constructor(k0: number, k1: number) {
    this.k0 = k0 >>> 0;
    this.k1 = k1 >>> 0;
  }

  /** The keyed hash F of a connection's 4-tuple. */
  hash(localAddr: number, localPort: number, remoteAddr: number, remotePort: number): number {
    let h = this.k0;
    h = mix(h, localAddr);
    h = mix(h, remoteAddr);
    h = mix(h, ((localPort << 16) | remotePort) >>> 0);
    h = mix(h, this.k1);
    h ^= 16;
    h = mul32(h ^ (h >>> 16), 0x85ebca6b);
    h = mul32(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** ISN for a connection at time nowMs. */
  isn(nowMs: number, localAddr: number, localPort: number, remoteAddr: number, remotePort: number): number {
    const m = (Math.floor(nowMs * 250) % 4294967296) >>> 0;
    return (m + this.hash(localAddr, localPort, remoteAddr, remotePort)) >>> 0;
  }
}
