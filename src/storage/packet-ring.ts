import { copyBytes } from './copy';

/** A packet's numbers in PacketRing.meta, from the index that push and peek return. */
export const enum Meta { Off = 0, Len = 1, Addr = 2, Port = 3, Extra = 4, Size = 5 }

/**
 * A bounded FIFO of datagrams for UDP, raw and ICMP sockets: per-packet metadata in one typed array
 * and payloads stored contiguously in one byte buffer (a payload that does not fit before the end
 * starts again at 0). Everything is carved at construction; push and pop allocate nothing.
 */
export class PacketRing {
  readonly packets: number;
  readonly bytes: number;
  private mem: Uint8Array;
  /** Meta.Size numbers per packet: payload offset and length, the address (peer for UDP, ICMP
   *  and raw; stored as int32, read it with >>> 0), the port, and a spare number (ICMP sequence).
   *  One array rather than five: each typed array costs some 8 blocks on Espruino. */
  meta: Int32Array;
  private head = 0;
  count = 0;
  private wr = 0;
  private wrapped = false;

  constructor(packets: number, bytes: number) {
    if (!(packets >= 1) || !(bytes >= 1)) throw new Error('PacketRing: packets and bytes must be at least 1');
    this.packets = packets;
    this.bytes = bytes;
    this.mem = new Uint8Array(bytes);
    this.meta = new Int32Array(packets * Meta.Size);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
    this.wr = 0;
    this.wrapped = false;
  }

  /** Where a payload of len bytes would go, or -1 when the ring has no room for it. Live payloads
   *  occupy [rd, wr), or [rd, end) and [0, wr) once the writer has wrapped. */
  private place(len: number): number {
    if (this.count === this.packets || len > this.bytes) return -1;
    if (this.count === 0) return 0;
    const rd = this.meta[this.head * Meta.Size];
    const wr = this.wr;
    if (this.wrapped) return rd - wr >= len ? wr : -1;
    if (this.bytes - wr >= len) return wr;
    return len <= rd ? 0 : -1;
  }

  /** Appends a packet copied from src; returns its index in meta, or -1 when full. */
  push(src: Uint8Array, off: number, len: number, addr: number, port: number, extra: number): number {
    const at = this.place(len);
    if (at < 0) return -1;
    copyBytes(src, off, this.mem, at, len);
    if (this.count > 0 && at < this.wr) this.wrapped = true;
    const m = this.meta, k = ((this.head + this.count) % this.packets) * Meta.Size;
    m[k] = at;
    m[k + Meta.Len] = len;
    m[k + Meta.Addr] = addr | 0;
    m[k + Meta.Port] = port;
    m[k + Meta.Extra] = extra;
    this.wr = at + len;
    this.count++;
    return k;
  }

  /** True when a packet of len bytes would fit now. */
  fits(len: number): boolean {
    return this.place(len) >= 0;
  }

  /** Index in meta of the oldest packet, or -1 when empty. */
  peek(): number {
    return this.count === 0 ? -1 : this.head * Meta.Size;
  }

  /** Payload length of the packet at k (an index from push or peek). */
  length(k: number): number {
    return this.meta[k + Meta.Len];
  }

  /** Copies up to max bytes of the packet at k into dst at off; returns the bytes copied. */
  copyOut(k: number, dst: Uint8Array, off: number, max: number): number {
    const len = this.meta[k + Meta.Len];
    const n = len < max ? len : max;
    copyBytes(this.mem, this.meta[k], dst, off, n);
    return n;
  }

  /** Drops the oldest packet. */
  pop(): void {
    if (this.count === 0) return;
    const old = this.meta[this.head * Meta.Size];
    this.head = (this.head + 1) % this.packets;
    this.count--;
    if (this.count === 0) {
      this.wrapped = false;
      this.wr = 0;
    } else if (this.meta[this.head * Meta.Size] < old) {
      this.wrapped = false;
    }
  }
}
