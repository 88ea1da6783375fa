import { copyBytes } from './copy';

/**
 * A byte ring for TCP streams over one Uint8Array carved at construction: write at the tail, read
 * at the head, peek at an offset without consuming (retransmission), and write ahead of the tail
 * (out-of-order data) to be committed later. Nothing is allocated after construction.
 */
export class ByteRing {
  readonly capacity: number;
  readonly mem: Uint8Array;
  private head = 0;
  /** Bytes readable from the head. */
  length = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new Error('ByteRing capacity must be at least 1');
    this.capacity = capacity;
    this.mem = new Uint8Array(capacity);
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  free(): number {
    return this.capacity - this.length;
  }

  // write, peek and read copy in line rather than through a shared helper: on Espruino a call
  // costs about as much as 85 tokens of text (src/ARCHITECTURE.md), and these run for every
  // segment sent and received, twice each.

  /** Appends up to n bytes of buf; returns how many fitted. */
  write(buf: Uint8Array, off: number, n: number): number {
    const cap = this.capacity, len = this.length;
    if (n > cap - len) n = cap - len;
    if (n <= 0) return 0;
    let at = this.head + len;
    if (at >= cap) at -= cap;
    const first = cap - at < n ? cap - at : n;
    copyBytes(buf, off, this.mem, at, first);
    if (n > first) copyBytes(buf, off + first, this.mem, 0, n - first);
    this.length = len + n;
    return n;
  }

  /** Writes n bytes at `ahead` bytes past the tail without making them readable (out-of-order
   *  data); returns how many fitted. commit() makes them readable once the gap is filled. */
  writeAhead(ahead: number, buf: Uint8Array, off: number, n: number): number {
    const cap = this.capacity, pos = this.length + ahead;
    if (n > cap - pos) n = cap - pos;
    if (n <= 0) return 0;
    let at = this.head + pos;
    if (at >= cap) at -= cap;
    const first = cap - at < n ? cap - at : n;
    copyBytes(buf, off, this.mem, at, first);
    if (n > first) copyBytes(buf, off + first, this.mem, 0, n - first);
    return n;
  }

  /** Makes n more bytes past the tail readable (written earlier by writeAhead). */
  commit(n: number): void {
    this.length += n;
  }

  /** Copies n bytes starting `pos` bytes after the head into buf, without consuming. */
  peek(pos: number, buf: Uint8Array, off: number, n: number): number {
    if (pos + n > this.length) n = this.length - pos;
    if (n <= 0) return 0;
    const cap = this.capacity;
    let at = this.head + pos;
    if (at >= cap) at -= cap;
    const first = cap - at < n ? cap - at : n;
    copyBytes(this.mem, at, buf, off, first);
    if (n > first) copyBytes(this.mem, 0, buf, off + first, n - first);
    return n;
  }

  /** Reads and consumes up to n bytes into buf. */
  read(buf: Uint8Array, off: number, n: number): number {
    const len = this.length;
    if (n > len) n = len;
    if (n <= 0) return 0;
    const cap = this.capacity;
    let at = this.head;
    const first = cap - at < n ? cap - at : n;
    copyBytes(this.mem, at, buf, off, first);
    if (n > first) copyBytes(this.mem, 0, buf, off + first, n - first);
    at += n;
    if (at >= cap) at -= cap;
    this.head = at;
    this.length = len - n;
    return n;
  }

  /** Drops n bytes from the head. */
  consume(n: number): void {
    if (n > this.length) n = this.length;
    this.head += n;
    if (this.head >= this.capacity) this.head -= this.capacity;
    this.length -= n;
    // The head is not rewound when the ring empties: bytes written ahead of the tail
    // (out-of-order data) must stay where they are.
  }
}
