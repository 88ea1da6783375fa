/**
 * W5500 driver in MACRAW mode on socket 0 (the only socket that can do it), implementing Device.
 * All 16 KB of receive and of transmit buffer go to socket 0.
 *
 * SPI economy:
 * - one transaction reads a frame: address phase, the 2-byte length header, then exactly the
 *   frame it announces (chip select held between the two parts); the chip reduces buffer
 *   addresses modulo the buffer size, so a frame that wraps is still one transaction;
 * - Sn_RX_RSR is read only when no unread byte is known to be in the buffer; frames already read
 *   are given back (Sn_RX_RD + RECV) once RELEASE_AT bytes have been consumed, and RSR counts
 *   from the chip's RX_RD, so `RSR - consumed` is what is new;
 * - Sn_TX_FSR is read only when our lower bound of the free space is too small;
 * - SEND_OK of a frame is checked (and cleared) when the next frame is sent, not waited for.
 *
 * Waits (src/phy/CHIPS.md): every wait on the chip is measured on the HAL clock, with a poll count
 * only as a backstop for a clock that stands still. Sn_CR back to 0 means a command was taken,
 * not done: OPEN and CLOSE are followed by a wait for Sn_SR. A SEND takes the frame's wire time;
 * the next frame waits for its SEND_OK by time, then is refused as Busy; a SEND still not done
 * after SEND_GIVE_UP_MS is given up (counted) without touching the socket, so no received frame
 * is lost: CLOSE/OPEN of socket 0 would reset the receive pointers.
 */
import { Hal, Spi } from '../hal/index';
import { SPI_WRITE, SPI_HOLD } from '../hal/spi';
import { Device, DeviceError } from './device';
import { ChipOptions, checkMac } from './options';
import {
  COUNTER_COUNT, RX_FRAMES, RX_DROP_LENGTH, TX_FRAMES, TX_ERRORS, RESETS, TX_BUSY, RX_RESYNC,
} from './counters';

const enum K {
  // blocks (BSB)
  COMMON = 0, S0 = 1, S0_TX = 2, S0_RX = 3,
  // common registers
  MR = 0x0000, SHAR = 0x0009, SIMR = 0x0018, PHYCFGR = 0x002e, VERSIONR = 0x0039,
  // socket registers
  Sn_MR = 0x0000, Sn_CR = 0x0001, Sn_IR = 0x0002, Sn_SR = 0x0003, Sn_RXBUF_SIZE = 0x001e,
  Sn_TX_FSR = 0x0020, Sn_TX_WR = 0x0024, Sn_RX_RSR = 0x0026, Sn_RX_RD = 0x0028, Sn_RX_WR = 0x002a, Sn_IMR = 0x002c,
  // values
  MR_RST = 0x80, MACRAW = 0x04, MFEN = 0x80, MMB = 0x20, MIP6B = 0x10, SOCK_CLOSED = 0x00,
  OPEN = 0x01, CLOSE = 0x10, SEND = 0x20, RECV = 0x40, IR_SEND_OK = 0x10, IR_RECV = 0x04, SOCK_MACRAW = 0x42,
  BUF = 16384, RELEASE_AT = 4096, MAX_FRAME = 1514, MAX_HEADER = 1600,
  /** Backstop of every wait, for a clock that does not move: polls. Large, as a fast host (Node
   *  over an emulated chip) polls thousands of times within a frame's wire time. */
  POLLS = 100000,
}
/** Waits in milliseconds (HAL clock). */
const enum T {
  /** A command (Sn_CR back to 0, Sn_SR after OPEN/CLOSE): the references allow 100 ms. */
  CMD_MS = 100,
  /** VERSIONR reads 0 on some units right after a reset: allow it this long to show 0x04. */
  VERSION_MS = 100,
  /** SEND_OK of a 1514-byte frame: its wire time (0.12 ms at 100 Mb/s, 1.23 ms at 10) and margin. */
  SEND_100_MS = 0.3,
  SEND_10_MS = 2.5,
  /** A SEND without SEND_OK for this long is given up (counted) and the next frame sent. */
  SEND_GIVE_UP_MS = 100,
}

export class W5500 implements Device {
  readonly maxFrame = K.MAX_FRAME as number;
  /** Socket 0's RX buffer less what may sit read but not yet released: what a burst may fill. */
  readonly rxCapacity = K.BUF - K.RELEASE_AT;
  readonly mac: number;
  /** See src/phy/counters.ts. */
  readonly counters = new Uint32Array(COUNTER_COUNT);

  private hal: Hal;
  private spi: Spi;
  private mode: number;
  private irq: boolean;
  private checkMs: number;
  private io = new Uint8Array(9);
  private hdr = new Uint8Array(3);
  private len2 = new Uint8Array(2);
  /** Our read pointer in the RX buffer (free-running 16 bits). */
  private rd = 0;
  /** Bytes read since the last RECV (the chip still counts them in RSR). */
  private consumed = 0;
  /** Unread bytes known to be in the RX buffer. */
  private avail = 0;
  /** Polls in a row that found a length header beyond the bytes RSR showed. */
  private short = 0;
  /** Our write pointer in the TX buffer (free-running 16 bits). */
  private wr = 0;
  /** Lower bound of Sn_TX_FSR. */
  private txFree = 0;
  private sending = false;
  /** When the frame in flight was handed over (HAL clock). */
  private sentAt = 0;
  /** Link at 100 Mb/s (PHYCFGR.SPD): how long a SEND may take. */
  private fast = true;
  private link = false;
  private nextCheck = 0;
  /** The chip stopped answering (re-initialisation failed): idle until a health check revives it. */
  private dead = false;

  constructor(hal: Hal, options: ChipOptions) {
    checkMac(options.mac, 'W5500');
    this.hal = hal;
    this.spi = hal.spi;
    this.mac = options.mac;
    // MIP6B: the stack speaks IPv4 only, and the chip passes IPv6 multicast even with MMB set.
    this.mode = K.MACRAW | (options.promiscuous ? 0 : K.MFEN | K.MIP6B) | (options.multicast ? 0 : K.MMB);
    this.irq = !!options.irq;
    this.checkMs = options.checkMs || 500;
    this.start();
  }

  /** Resets and configures the chip, opens socket 0 in MACRAW. Throws a clear Error when the
   *  chip does not answer. */
  start(): void {
    const hal = this.hal;
    if (hal.reset) { hal.reset.write(false); hal.delay(1); hal.reset.write(true); hal.delay(2); }
    this.version();
    this.wr8(K.COMMON, K.MR, K.MR_RST);
    hal.delay(1);
    let done = false;
    for (let i = 0; i < 50 && !done; i++) {
      done = (this.rd8(K.COMMON, K.MR) & K.MR_RST) === 0;
      if (!done) hal.delay(1);
    }
    if (!done) throw new Error('W5500 did not leave reset (MR.RST stays set): check power and the reset line');
    this.version();
    const io = this.io;
    const hi = Math.floor(this.mac / 4294967296), lo = this.mac >>> 0;
    io[3] = hi >>> 8; io[4] = hi & 255; io[5] = lo >>> 24; io[6] = (lo >>> 16) & 255; io[7] = (lo >>> 8) & 255; io[8] = lo & 255;
    this.access(K.COMMON, K.SHAR, 6, true);
    // Sn_RXBUF_SIZE and Sn_TXBUF_SIZE (KB) in one write per socket: all 16 KB to socket 0.
    for (let s = 7; s >= 0; s--) {
      io[3] = io[4] = s === 0 ? 16 : 0;
      this.access(4 * s + 1, K.Sn_RXBUF_SIZE, 2, true);
    }
    this.open();
  }

  /** Waits (by time, with hal.delay: start-up only) for VERSIONR 0x04: some units read 0 for a
   *  while after a reset. */
  private version(): void {
    const clock = this.hal.clock, t0 = clock.now();
    let v = this.rd8(K.COMMON, K.VERSIONR);
    for (let i = 0; i < 200 && v !== 4 && clock.now() - t0 < T.VERSION_MS; i++) {
      this.hal.delay(1);
      v = this.rd8(K.COMMON, K.VERSIONR);
    }
    if (v !== 4) throw new Error('W5500 not responding (VERSIONR reads 0x' + (v < 16 ? '0' : '') + v.toString(16) + ', expected 0x04): check wiring (SCK, MOSI, MISO, CS), 3.3 V power and the chip-select pin');
  }

  private open(): void {
    this.wr8(K.S0, K.Sn_MR, this.mode);
    // Sn_CR back to 0 only says the chip took the command: Sn_SR shows when it is done.
    if (this.rd8(K.S0, K.Sn_SR) !== K.SOCK_CLOSED) {
      this.cmd(K.CLOSE);
      this.until(K.S0, K.Sn_SR, 0xff, K.SOCK_CLOSED, T.CMD_MS);
    }
    this.cmd(K.OPEN);
    if (!this.until(K.S0, K.Sn_SR, 0xff, K.SOCK_MACRAW, T.CMD_MS)) {
      const sr = this.rd8(K.S0, K.Sn_SR);
      throw new Error('W5500: socket 0 did not open in MACRAW within ' + T.CMD_MS + ' ms (Sn_SR=0x' + sr.toString(16) + '): check power and the SPI wiring');
    }
    this.rd = this.rd16agree(K.Sn_RX_RD);
    this.wr = this.rd16agree(K.Sn_TX_WR);
    this.txFree = this.rd16agree(K.Sn_TX_FSR);
    this.consumed = 0;
    this.avail = 0;
    this.sending = false;
    this.wr8(K.S0, K.Sn_IR, 0xff);
    this.wr8(K.S0, K.Sn_IMR, this.irq ? K.IR_RECV : 0);
    this.wr8(K.COMMON, K.SIMR, this.irq ? 1 : 0);
    this.phy();
    this.nextCheck = this.hal.clock.now() + this.checkMs;
  }

  /** Link state and speed from PHYCFGR. */
  private phy(): void {
    const p = this.rd8(K.COMMON, K.PHYCFGR);
    this.link = (p & 1) !== 0;
    this.fast = (p & 2) !== 0;
  }

  linkUp(): boolean {
    if (this.hal.clock.now() >= this.nextCheck) this.check();
    return this.link;
  }

  receive(buf: Uint8Array, off: number): number {
    if (this.hal.clock.now() >= this.nextCheck) this.check();
    if (this.dead) return 0;
    const spi = this.spi, h = this.hdr, l2 = this.len2;
    for (let turn = 0; turn < 8; turn++) {
      if (this.avail === 0 && !this.poll()) return 0;
      const p = this.rd;
      h[0] = p >> 8; h[1] = p & 255; h[2] = K.S0_RX << 3;
      spi.bulk(h, l2, 0, 2, SPI_HOLD);
      const n = (l2[0] << 8) | l2[1], len = n - 2; // the length counts its own 2 bytes
      if (len < 14 || len > K.MAX_HEADER || n > this.avail) {
        spi.bulk(null, l2, 0, 0, 0);
        // A plausible length beyond what RSR showed may be a frame still being written: look
        // again later, but not forever.
        if (len >= 14 && len <= K.MAX_HEADER && ++this.short < 4) this.avail = 0;
        else this.resync();
        return 0;
      }
      this.short = 0;
      const ok = len <= K.MAX_FRAME;
      spi.bulk(null, buf, off, ok ? len : 0, 0);
      this.rd = (p + n) & 0xffff;
      this.avail -= n;
      this.consumed += n;
      if (this.consumed >= K.RELEASE_AT) this.release();
      if (ok) { this.counters[RX_FRAMES]++; return len; }
      this.counters[RX_DROP_LENGTH]++;
    }
    return 0;
  }

  /** Learns how many new bytes the RX buffer holds; false when none. */
  private poll(): boolean {
    let r = this.rd16(K.S0, K.Sn_RX_RSR);
    if (r === this.consumed) {
      if (!this.irq) return false;
      // Clear RECV so that the interrupt line goes back up, then look again (a frame may have
      // come in between the read and the clear).
      this.wr8(K.S0, K.Sn_IR, K.IR_RECV);
      r = this.rd16(K.S0, K.Sn_RX_RSR);
      if (r === this.consumed) return false;
    }
    // RSR changes while the chip writes: take it when two reads agree.
    for (let i = 0; i < 8; i++) {
      const again = this.rd16(K.S0, K.Sn_RX_RSR);
      if (again === r) break;
      r = again;
    }
    if (r < this.consumed || r > K.BUF) { this.resync(); return false; }
    this.avail = r - this.consumed;
    return this.avail !== 0;
  }

  /** Gives the frames read so far back to the chip. */
  private release(): void {
    this.wr16(K.Sn_RX_RD, this.rd);
    this.cmd(K.RECV);
    this.consumed = 0;
  }

  /** A length header that cannot be right (or a count that went backwards): drop everything
   *  the buffer holds and continue from the chip's write pointer. */
  private resync(): void {
    this.counters[RX_RESYNC]++;
    this.short = 0;
    this.rd = this.rd16agree(K.Sn_RX_WR);
    this.avail = 0;
    this.release();
  }

  transmit(buf: Uint8Array, off: number, len: number): number {
    if (len > K.MAX_FRAME || len < 1) return DeviceError.TooLong;
    if (this.hal.clock.now() >= this.nextCheck) this.check();
    if (this.dead || !this.link) return DeviceError.LinkDown;
    const c = this.counters;
    if (this.sending && !this.sendDone()) { c[TX_BUSY]++; return DeviceError.Busy; }
    if (this.txFree < len) {
      this.txFree = this.rd16agree(K.Sn_TX_FSR);
      if (this.txFree < len) { c[TX_BUSY]++; return DeviceError.Busy; }
    }
    const p = this.wr, h = this.hdr;
    h[0] = p >> 8; h[1] = p & 255; h[2] = (K.S0_TX << 3) | 4;
    this.spi.bulk(h, buf, off, len, SPI_WRITE);
    this.wr = (p + len) & 0xffff;
    this.txFree -= len;
    this.wr16(K.Sn_TX_WR, this.wr);
    if (!this.cmd(K.SEND)) { c[TX_ERRORS]++; return DeviceError.TxFailed; }
    this.sending = true;
    this.sentAt = this.hal.clock.now();
    c[TX_FRAMES]++;
    return 0;
  }

  /**
   * Waits (by time: the frame's wire time at the link speed) for SEND_OK of the frame in flight
   * and clears it. False while it may still come; a SEND without SEND_OK for SEND_GIVE_UP_MS is
   * counted as an error and left behind (the socket is not reopened: unread frames would be lost).
   */
  private sendDone(): boolean {
    if (this.until(K.S0, K.Sn_IR, K.IR_SEND_OK, K.IR_SEND_OK, this.fast ? T.SEND_100_MS : T.SEND_10_MS)) {
      this.wr8(K.S0, K.Sn_IR, K.IR_SEND_OK);
    } else if (this.hal.clock.now() - this.sentAt >= T.SEND_GIVE_UP_MS) {
      this.counters[TX_ERRORS]++;
    } else {
      return false;
    }
    this.sending = false;
    return true;
  }

  /**
   * Periodic health check (every checkMs): link from PHYCFGR; a socket that is no longer in
   * MACRAW (chip reset, brown-out) means the chip is set up again.
   */
  check(): void {
    this.nextCheck = this.hal.clock.now() + this.checkMs;
    if (this.dead || this.rd8(K.S0, K.Sn_SR) !== K.SOCK_MACRAW) {
      this.counters[RESETS]++;
      try {
        this.start();
        this.dead = false;
      } catch (err) {
        this.link = false;
        this.dead = true;
        return;
      }
    }
    this.phy();
  }

  // --- register access: 16-bit address, control byte (BSB << 3 | RWB << 2 | OM 00), data ----

  /** One transaction on n data bytes at io[3..]: written from there or read into there. */
  private access(bsb: number, addr: number, n: number, write: boolean): void {
    const io = this.io;
    io[0] = addr >> 8;
    io[1] = addr & 255;
    io[2] = (bsb << 3) | (write ? 4 : 0);
    if (!write) for (let i = 3; i < 3 + n; i++) io[i] = 0;
    this.spi.transfer(io, 0, 3 + n);
  }

  private rd8(bsb: number, addr: number): number {
    this.access(bsb, addr, 1, false);
    return this.io[3];
  }

  private rd16(bsb: number, addr: number): number {
    this.access(bsb, addr, 2, false);
    return (this.io[3] << 8) | this.io[4];
  }

  /** A socket-0 16-bit register that the chip may be changing: read until two reads agree. */
  private rd16agree(addr: number): number {
    let v = this.rd16(K.S0, addr);
    for (let i = 0; i < 8; i++) {
      const again = this.rd16(K.S0, addr);
      if (again === v) break;
      v = again;
    }
    return v;
  }

  private wr8(bsb: number, addr: number, v: number): void {
    this.io[3] = v;
    this.access(bsb, addr, 1, true);
  }

  private wr16(addr: number, v: number): void {
    this.io[3] = v >> 8;
    this.io[4] = v & 255;
    this.access(K.S0, addr, 2, true);
  }

  /** Issues a socket command and waits until the chip has taken it (Sn_CR back to 0). */
  private cmd(c: number): boolean {
    this.wr8(K.S0, K.Sn_CR, c);
    return this.until(K.S0, K.Sn_CR, 0xff, 0, T.CMD_MS);
  }

  /**
   * Polls a register until (value & mask) === want: true when it did within ms on the HAL clock
   * (at least two polls, one after the deadline; at most POLLS, for a clock that does not move).
   */
  private until(bsb: number, addr: number, mask: number, want: number, ms: number): boolean {
    const clock = this.hal.clock, t0 = clock.now();
    for (let i = 0; i < K.POLLS; i++) {
      // The time is taken before the read: the last read comes after the deadline, so a slow
      // poll loop (a busy interpreter) never misses an event that came in time.
      const late = i > 0 && clock.now() - t0 > ms;
      if ((this.rd8(bsb, addr) & mask) === want) return true;
      if (late) return false;
    }
    return false;
  }
}
