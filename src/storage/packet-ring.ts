import { copyBytes } from './copy';

/**
 * A bounded FIFO of datagrams for UDP, raw and ICMP sockets: per-packet metadata in typed arrays
 * and payloads stored contiguously in one byte buffer (a payload that does not fit before the end
 * starts again at 0). Everything is carved at construction; push and pop allocate nothing.
 */
export class PacketRing {
  readonly packets: number;
  readonly bytes: number;
  private mem: Uint8Array;
  private offs: Int32Array;
  private lens: Int32Array;
  /** Per-packet address and port (peer for UDP/ICMP/raw), and a spare number (ICMP sequence...). */
  addr: Float64Array;
  port: Int32Array;
  extra: Int32Array;
  private head = 0;
  count = 0;
  private wr = 0;
  private wrapped = false;

  constructor(packets: number, bytes: number) {
    if (!(packets >= 1) || !(bytes >= 1)) throw new Error('PacketRing: packets and bytes must be at least 1');
    this.packets = packets;
    this.bytes = bytes;
    this.mem = new Uint8Array(bytes);
    this.offs = new Int32Array(packets);
    this.lens = new Int32Array(packets);
    this.addr = new Float64Array(packets);
    this.port = new Int32Array(packets);
    this.extra = new Int32Array(packets);
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
    const rd = this.offs[this.head];
    const wr = this.wr;
    if (this.wrapped) return rd - wr >= len ? wr : -1;
    if (this.bytes - wr >= len) return wr;
    return len <= rd ? 0 : -1;
  }

  /** Appends a packet copied from src; returns its index, or -1 when full. */
  push(src: Uint8Array, off: number, len: number, addr: number, port: number, extra: number): number {
    const at = this.place(len);
    if (at < 0) return -1;
    copyBytes(src, off, this.mem, at, len);
    if (this.count > 0 && at < this.wr) this.wrapped = true;
    const i = (this.head + this.count) % this.packets;
    this.offs[i] = at;
    this.lens[i] = len;
    this.addr[i] = addr;
    this.port[i] = port;
    this.extra[i] = extra;
    this.wr = at + len;
    this.count++;
    return i;
  }

  /** True when a packet of len bytes would fit now. */
  fits(len: number): boolean {
    return this.place(len) >= 0;
  }

  /** Index of the oldest packet, or -1 when empty. */
  peek(): number {
    return this.count === 0 ? -1 : this.head;
  }

  length(i: number): number {
    return this.lens[i];
  }

  /** Copies up to max bytes of packet i into dst at off; returns the bytes copied. */
  copyOut(i: number, dst: Uint8Array, off: number, max: number): number {
    const n = this.lens[i] < max ? this.lens[i] : max;
    copyBytes(this.mem, this.offs[i], dst, off, n);
    return n;
  }

  /** Drops the oldest packet. */
  pop(): void {
    if (this.count === 0) return;
    const old = this.offs[this.head];
    this.head = (this.head + 1) % this.packets;
    this.count--;
    if (this.count === 0) {
      this.wrapped = false;
      this.wr = 0;
    } else if (this.offs[this.head] < old) {
      this.wrapped = false;
    }
  }
}
