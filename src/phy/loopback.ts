/**
 * A Device that receives what it transmits: a bounded queue of frame slots carved at start-up,
 * so transmit and receive allocate nothing. A full queue makes transmit return Busy.
 */
import { Device, DeviceError } from './device';
import { copyBytes } from '../storage/copy';
import { COUNTER_COUNT, RX_FRAMES, TX_FRAMES, TX_BUSY } from './counters';

export interface LoopbackOptions {
  /** MAC reported by the device (default 02:00:00:00:00:01). */
  mac?: number;
  /** Frames the queue holds (default 4). */
  slots?: number;
  /** Largest frame (default 1514). */
  maxFrame?: number;
}

export class Loopback implements Device {
  readonly maxFrame: number;
  readonly mac: number;
  readonly counters = new Uint32Array(COUNTER_COUNT);
  private mem: Uint8Array;
  private lens: Uint16Array;
  private head = 0;
  private count = 0;
  private up = true;

  constructor(options?: LoopbackOptions) {
    const o = options || {};
    this.mac = o.mac || 0x020000000001;
    this.maxFrame = o.maxFrame || 1514;
    const slots = o.slots || 4;
    if (!(slots >= 1)) throw new Error('Loopback: options.slots must be at least 1');
    this.mem = new Uint8Array(slots * this.maxFrame);
    this.lens = new Uint16Array(slots);
  }

  receive(buf: Uint8Array, off: number): number {
    if (this.count === 0) return 0;
    const i = this.head, n = this.lens[i];
    copyBytes(this.mem, i * this.maxFrame, buf, off, n);
    this.head = (i + 1) % this.lens.length;
    this.count--;
    this.counters[RX_FRAMES]++;
    return n;
  }

  transmit(buf: Uint8Array, off: number, len: number): number {
    if (len > this.maxFrame || len < 1) return DeviceError.TooLong;
    if (!this.up) return DeviceError.LinkDown;
    const slots = this.lens.length;
    if (this.count === slots) { this.counters[TX_BUSY]++; return DeviceError.Busy; }
    const i = (this.head + this.count) % slots;
    copyBytes(buf, off, this.mem, i * this.maxFrame, len);
    this.lens[i] = len;
    this.count++;
    this.counters[TX_FRAMES]++;
    return 0;
  }

  linkUp(): boolean {
    return this.up;
  }

  /** Test hook: pretend the cable was pulled (or plugged back). */
  setLink(up: boolean): void {
    this.up = up;
  }

  /** Frames waiting to be received. */
  pending(): number {
    return this.count;
  }
}
