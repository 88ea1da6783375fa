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

  /** Copies n bytes between ring position pos (from the head) and buf; toRing chooses the way. */
  private span(pos: number, buf: Uint8Array, off: number, n: number, toRing: boolean): void {
    const cap = this.capacity;
    let at = this.head + pos;
    if (at >= cap) at -= cap;
    const first = cap - at < n ? cap - at : n;
    if (toRing) {
      copyBytes(buf, off, this.mem, at, first);
      if (n > first) copyBytes(buf, off + first, this.mem, 0, n - first);
    } else {
      copyBytes(this.mem, at, buf, off, first);
      if (n > first) copyBytes(this.mem, 0, buf, off + first, n - first);
    }
  }

  /** Appends up to n bytes of buf; returns how many fitted. */
  write(buf: Uint8Array, off: number, n: number): number {
    const room = this.capacity - this.length;
    if (n > room) n = room;
    if (n <= 0) return 0;
    this.span(this.length, buf, off, n, true);
    this.length += n;
    return n;
  }

  /** Writes n bytes at `ahead` bytes past the tail without making them readable (out-of-order
   *  data); returns how many fitted. commit() makes them readable once the gap is filled. */
  writeAhead(ahead: number, buf: Uint8Array, off: number, n: number): number {
    const room = this.capacity - this.length - ahead;
    if (n > room) n = room;
    if (n <= 0) return 0;
    this.span(this.length + ahead, buf, off, n, true);
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
    this.span(pos, buf, off, n, false);
    return n;
  }

  /** Reads and consumes up to n bytes into buf. */
  read(buf: Uint8Array, off: number, n: number): number {
    n = this.peek(0, buf, off, n);
    this.consume(n);
    return n;
  }

  /** Drops n bytes from the head. */
  consume(n: number): void {
    if (n > this.length) n = this.length;
    this.head += n;
    if (this.head >= this.capacity) this.head -= this.capacity;
    this.length -= n;
    if (this.length === 0) this.head = 0;
  }
}
