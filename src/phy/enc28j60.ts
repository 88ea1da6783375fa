/**
 * ENC28J60 driver (10BASE-T MAC+PHY with 8 KB of buffer RAM) implementing Device.
 *
 * Memory: receive ring 0x0000..0x19FF (the errata want it to start at 0), transmit area 0x1A00..
 * (control byte + 1514 bytes + 7-byte status vector fit in the 1.5 KB left).
 *
 * SPI economy (the bench goal is few bytes and transactions per frame):
 * - the current bank is cached: a register access selects a bank only when it changes;
 * - a frame is read in ONE read-buffer transaction: the 6-byte header, then exactly the frame,
 *   then its CRC (and pad byte), so that the chip's read pointer lands on the next header without
 *   being rewritten;
 * - EPKTCNT is read only when no frame is known to be waiting;
 * - ERXRDPT (frees ring space; in bank 0) moves by whole pages, once per RELEASE_AT bytes read,
 *   or when a transmit has selected bank 0 anyway;
 * - ETXND is rewritten only when the frame length changes.
 *
 * Transmit and duplex (src/phy/CHIPS.md): half duplex by default (the chip cannot negotiate, a
 * switch sees it as half duplex) with MACON4.DEFER. The transmit buffer is never written while
 * ECON1.TXRTS is set: a frame waits for the previous one by time (its wire time), else transmit()
 * answers Busy and the frame in flight is left alone; after TX_GIVE_UP_MS (pause frames can hold
 * a transmission for seconds) it is cancelled by clearing TXRTS, then pulsing TXRST. A failed
 * transmission is retried only for a late collision (status vector bit 29), up to 16 times.
 */
import { Hal, Spi } from '../hal/index';
import { SPI_WRITE, SPI_HOLD } from '../hal/spi';
import { Device, DeviceError } from './device';
import { ChipOptions, checkMac } from './options';
import {
  COUNTER_COUNT, RX_FRAMES, RX_DROP_CRC, RX_DROP_LENGTH, RX_DROP_STATUS, RX_OVERFLOW, TX_FRAMES,
  TX_ERRORS, TX_RETRIES, RESETS, BANK_WRITES, RX_RESYNC, TX_BUSY,
} from './counters';

// Register codes: bit 7 = MAC/MII register (a dummy byte precedes its value on reads),
// bits 6..5 = bank, bits 4..0 = address. 0x1B..0x1F are in every bank.
const enum R {
  ERDPTL = 0x00, ERDPTH = 0x01, EWRPTL = 0x02, EWRPTH = 0x03, ETXSTL = 0x04, ETXSTH = 0x05,
  ETXNDL = 0x06, ETXNDH = 0x07, ERXSTL = 0x08, ERXSTH = 0x09, ERXNDL = 0x0a, ERXNDH = 0x0b,
  ERXRDPTL = 0x0c, ERXRDPTH = 0x0d,
  ERXFCON = 0x38, EPKTCNT = 0x39,
  MACON1 = 0xc0, MACON3 = 0xc2, MACON4 = 0xc3, MABBIPG = 0xc4, MAIPGL = 0xc6, MAIPGH = 0xc7, MAMXFLL = 0xca,
  MAMXFLH = 0xcb, MICMD = 0xd2, MIREGADR = 0xd4, MIWRL = 0xd6, MIWRH = 0xd7, MIRDL = 0xd8, MIRDH = 0xd9,
  MISTAT = 0xea, EREVID = 0x72,
  EIE = 0x1b, EIR = 0x1c, ESTAT = 0x1d, ECON2 = 0x1e, ECON1 = 0x1f,
}
const enum B {
  // ECON1
  TXRST = 0x80, RXRST = 0x40, TXRTS = 0x08, RXEN = 0x04,
  // ECON2
  AUTOINC = 0x80, PKTDEC = 0x40,
  // ESTAT
  CLKRDY = 0x01,
  // EIE / EIR
  INTIE = 0x80, PKTIF = 0x40, TXIF = 0x08, TXERIF = 0x02, RXERIF = 0x01,
  // ERXFCON
  UCEN = 0x80, CRCEN = 0x20, MCEN = 0x02, BCEN = 0x01,
  // MACON1 / MACON3
  TXPAUS = 0x08, RXPAUS = 0x04, MARXEN = 0x01, PADCFG0 = 0x20, TXCRCEN = 0x10, FRMLNEN = 0x02, FULDPX = 0x01,
  // MACON4
  DEFER = 0x40,
  // transmit status vector byte 3 (bits 24..31): bit 29 late collision
  TSV_LATE = 0x20,
}
const enum P { PHCON1 = 0x00, PHCON2 = 0x10, PHSTAT2 = 0x11, PDPXMD = 0x0100, HDLDIS = 0x0100, LSTAT = 0x0400 }
const enum M {
  RX_END = 0x19ff, // odd, as ERXRDPT = ERXND must be
  RING = 0x1a00,
  TX_START = 0x1a00,
  RELEASE_AT = 0x0c00,
  MAX_FRAME = 1514,
  /** Backstop of every wait, for a clock that does not move: polls. Large, as a fast host (Node
   *  over an emulated chip) polls thousands of times within a frame's wire time. */
  POLLS = 100000,
  /** Retransmissions after late collisions (the errata's workaround), as the references do. */
  TX_MAX_RETRIES = 16,
}
/** Waits in milliseconds (HAL clock). */
const enum T {
  /** A byte on the wire at 10 Mb/s. */
  BYTE_MS = 0.0008,
  /** Beyond a frame's wire time: deferral and backoff in half duplex. */
  TX_MARGIN_MS = 0.5,
  /** A transmission still not done after this long is cancelled (pause frames: seconds). */
  TX_GIVE_UP_MS = 4000,
  /** A MII access takes 10.24 us. */
  MII_MS = 1,
}

export class Enc28j60 implements Device {
  readonly maxFrame = M.MAX_FRAME as number;
  /** The receive ring's bytes (ERXST 0 to ERXND): what a burst may fill before the next poll. */
  readonly rxCapacity = M.RX_END + 1;
  readonly mac: number;
  /** See src/phy/counters.ts. */
  readonly counters = new Uint32Array(COUNTER_COUNT);
  /** Silicon revision read from EREVID at start-up. */
  rev = 0;
  /** Last transmit status vector read (after a failed transmission). */
  readonly tsv = new Uint8Array(7);

  private hal: Hal;
  private spi: Spi;
  private fd: boolean;
  private filter: number;
  private checkMs: number;
  private io = new Uint8Array(3);
  private hdr = new Uint8Array(6);
  private tail = new Uint8Array(6);
  private rbm = new Uint8Array(1);
  private wbm = new Uint8Array(2);
  private bank = 0;
  /** Address of the next frame's header (our copy of ERDPT). */
  private rdPtr = 0;
  /** Frames known to be waiting (EPKTCNT as last read, minus those taken since). */
  private pend = 0;
  /** Ring bytes read but not yet given back through ERXRDPT. */
  private unfreed = 0;
  /** ERXRDPT as last written. */
  private freed = M.RX_END as number;
  private txBusy = false;
  /** When the frame in flight was handed over (HAL clock), and its wait (wire time + margin). */
  private txAt = 0;
  private txWait = 0;
  private txTries = 0;
  private txEnd = -1;
  private link = false;
  private nextCheck = 0;
  /** The chip stopped answering (re-initialisation failed): idle until a health check revives it. */
  private dead = false;

  constructor(hal: Hal, options: ChipOptions) {
    checkMac(options.mac, 'ENC28J60');
    this.hal = hal;
    this.spi = hal.spi;
    this.mac = options.mac;
    this.fd = options.fullDuplex === true;
    this.filter = options.promiscuous ? B.CRCEN : (B.UCEN | B.CRCEN | B.BCEN | (options.multicast ? B.MCEN : 0));
    this.checkMs = options.checkMs || 500;
    this.rbm[0] = 0x3a;
    this.wbm[0] = 0x7a; // then the per-packet control byte 0x00: use MACON3's settings
    this.start();
  }

  /** Resets and configures the chip. Throws a clear Error when it does not answer. */
  start(): void {
    const hal = this.hal;
    if (hal.reset) { hal.reset.write(false); hal.delay(1); hal.reset.write(true); hal.delay(2); }
    this.io[0] = 0xff; // soft reset
    this.spi.transfer(this.io, 0, 1);
    this.bank = 0;
    hal.delay(2); // errata: CLKRDY can read set too early; wait at least 1 ms first
    let ready = false;
    for (let i = 0; i < 50 && !ready; i++) {
      ready = (this.rcr(R.ESTAT) & B.CLKRDY) !== 0;
      if (!ready) hal.delay(1);
    }
    if (!ready) throw new Error('ENC28J60 not responding (ESTAT.CLKRDY never set after reset): check wiring (SCK, MOSI, MISO, CS), 3.3 V power and the chip-select pin');
    const rev = this.rcr(R.EREVID);
    if (rev === 0 || rev === 0xff) throw new Error('ENC28J60 not responding (EREVID reads 0x' + (rev ? 'ff' : '00') + '): check wiring (SCK, MOSI, MISO, CS), 3.3 V power and the chip-select pin');
    this.rev = rev;
    this.initRx();
    this.wcr16(R.ETXSTL, M.TX_START);
    this.txBusy = false;
    this.txEnd = -1;
    this.wcr(R.ERXFCON, this.filter);
    const fd = this.fd;
    this.wcr(R.MACON1, B.MARXEN | (fd ? B.TXPAUS | B.RXPAUS : 0));
    this.wcr(R.MACON3, B.PADCFG0 | B.TXCRCEN | B.FRMLNEN | (fd ? B.FULDPX : 0));
    this.wcr16(R.MAMXFLL, 1518);
    this.wcr(R.MABBIPG, fd ? 0x15 : 0x12);
    this.wcr(R.MAIPGL, 0x12);
    // Half duplex: DEFER makes the MAC wait for a busy medium however long (IEEE 802.3) instead
    // of aborting after the excessive-deferral limit.
    if (!fd) { this.wcr(R.MAIPGH, 0x0c); this.wcr(R.MACON4, B.DEFER); }
    // MAC octets in transmission order go to MAADR addresses 4, 5, 2, 3, 0, 1 of bank 3.
    const hi = Math.floor(this.mac / 4294967296), lo = this.mac >>> 0;
    this.wcr(0xe4, hi >>> 8); this.wcr(0xe5, hi & 255);
    this.wcr(0xe2, lo >>> 24); this.wcr(0xe3, (lo >>> 16) & 255);
    this.wcr(0xe0, (lo >>> 8) & 255); this.wcr(0xe1, lo & 255);
    // PHCON1.PDPXMD must match MACON3.FULDPX; half duplex also disables loopback (HDLDIS).
    this.phyWrite(P.PHCON1, fd ? P.PDPXMD : 0);
    if (!fd) this.phyWrite(P.PHCON2, P.HDLDIS);
    // INT pin: asserted while EPKTCNT > 0 (PKTIF follows it), so it wakes the board and falls
    // back by itself once the ring is drained. Only a wake-up hint: EPKTCNT is what we trust.
    this.wcr(R.EIE, B.INTIE | B.PKTIF);
    this.bfc(R.EIR, 0xff);
    this.bfs(R.ECON2, B.AUTOINC);
    this.bfs(R.ECON1, B.RXEN);
    this.link = (this.phyRead(P.PHSTAT2) & P.LSTAT) !== 0;
    this.nextCheck = hal.clock.now() + this.checkMs;
  }

  /** Programs the receive ring and resets our view of it (after reset or a corrupt header). */
  private initRx(): void {
    this.wcr16(R.ERXSTL, 0); // writing ERXST also moves the chip's write pointer there
    this.wcr16(R.ERXNDL, M.RX_END);
    this.wcr16(R.ERXRDPTL, M.RX_END);
    this.wcr16(R.ERDPTL, 0);
    this.rdPtr = 0;
    this.pend = 0;
    this.unfreed = 0;
    this.freed = M.RX_END;
  }

  linkUp(): boolean {
    if (this.hal.clock.now() >= this.nextCheck) this.check();
    return this.link;
  }

  receive(buf: Uint8Array, off: number): number {
    if (this.hal.clock.now() >= this.nextCheck) this.check();
    if (this.dead) return 0;
    const spi = this.spi, h = this.hdr, c = this.counters;
    // Bounded: each turn consumes one frame; dropped frames do not end the call.
    for (let turn = 0; turn < 8; turn++) {
      if (this.pend === 0) {
        this.pend = this.rcr(R.EPKTCNT);
        if (this.pend === 0) return 0;
      }
      spi.bulk(this.rbm, h, 0, 6, SPI_HOLD);
      const next = h[0] | (h[1] << 8), cnt = h[2] | (h[3] << 8), st = h[4];
      const cur = this.rdPtr;
      const dist = next >= cur ? next - cur : next + M.RING - cur;
      // The next pointer must be inside the ring and just past this frame (the chip pads to an
      // even address: +1 byte at most). Anything else means the ring is corrupt.
      if (next > M.RX_END || dist < 6 + cnt || dist > 7 + cnt) {
        spi.bulk(null, h, 0, 0, 0);
        this.resyncRx();
        return 0;
      }
      const len = cnt - 4; // the byte count includes the CRC
      // Status bits 16..23: bit 20 CRC error, 21 length-check error, 23 received OK. Bit 22
      // (length out of range) is set for every type field above 1500, i.e. normal Ethernet II.
      const drop = (st & 0x10) ? RX_DROP_CRC : (st & 0x20) ? RX_DROP_LENGTH : !(st & 0x80) ? RX_DROP_STATUS :
        (len < 14 || len > M.MAX_FRAME) ? RX_DROP_LENGTH : -1;
      if (drop < 0) {
        spi.bulk(null, buf, off, len, SPI_HOLD);
        spi.bulk(null, this.tail, 0, dist - 6 - len, 0); // CRC (+ pad): ERDPT lands on the next header
      } else {
        spi.bulk(null, h, 0, 0, 0);
        this.wcr16(R.ERDPTL, next);
      }
      this.rdPtr = next;
      this.pend--;
      this.bfs(R.ECON2, B.PKTDEC);
      this.unfreed += dist;
      if (this.unfreed >= M.RELEASE_AT) this.release();
      if (drop < 0) { c[RX_FRAMES]++; return len; }
      c[drop]++;
    }
    return 0;
  }

  transmit(buf: Uint8Array, off: number, len: number): number {
    if (len > M.MAX_FRAME || len < 1) return DeviceError.TooLong;
    if (this.hal.clock.now() >= this.nextCheck) this.check();
    if (this.dead || !this.link) return DeviceError.LinkDown;
    if (this.txBusy && !this.txFinish()) { this.counters[TX_BUSY]++; return DeviceError.Busy; }
    this.wcr(R.EWRPTL, M.TX_START & 255);
    this.wcr(R.EWRPTH, M.TX_START >> 8);
    this.spi.bulk(this.wbm, buf, off, len, SPI_WRITE);
    const end = M.TX_START + len, old = this.txEnd;
    if ((end & 255) !== (old & 255) || old < 0) this.wcr(R.ETXNDL, end & 255);
    if ((end >> 8) !== (old >> 8) || old < 0) this.wcr(R.ETXNDH, end >> 8);
    this.txEnd = end;
    if (this.unfreed >= 256) this.release(); // bank 0 is selected now: no bank switch
    this.bfc(R.EIR, B.TXIF | B.TXERIF);
    this.bfs(R.ECON1, B.TXRTS);
    this.txBusy = true;
    this.txAt = this.hal.clock.now();
    this.txWait = (len + 24) * T.BYTE_MS + T.TX_MARGIN_MS;
    this.txTries = 0;
    this.counters[TX_FRAMES]++;
    return 0;
  }

  /**
   * Waits, by time (the frame's wire time and a margin), for the frame in flight: true when it
   * is done (sent, or failed for good and counted), false while it is still going out (TXRTS set:
   * the buffer must not be written). On TXERIF, as the references do: clear TXRTS (the errata:
   * it can stay set), read the status vector, pulse TXRST, and send the same frame again only
   * after a late collision, at most TX_MAX_RETRIES times. A transmission still going after
   * TX_GIVE_UP_MS is cancelled: TXRTS cleared first, then TXRST.
   */
  private txFinish(): boolean {
    const c = this.counters, clock = this.hal.clock;
    let t0 = clock.now();
    for (let i = 0; i < M.POLLS; i++) {
      // Time taken before the read: the last read comes after the deadline (see w5500.ts until()).
      const late = i > 0 && clock.now() - t0 > this.txWait;
      const e = this.rcr(R.EIR);
      if (e & B.TXERIF) {
        this.bfc(R.ECON1, B.TXRTS);
        this.readTsv();
        this.bfs(R.ECON1, B.TXRST);
        this.bfc(R.ECON1, B.TXRST);
        this.bfc(R.EIR, B.TXERIF | B.TXIF);
        if ((this.tsv[3] & B.TSV_LATE) && this.txTries < M.TX_MAX_RETRIES) {
          this.txTries++;
          c[TX_RETRIES]++;
          this.bfs(R.ECON1, B.TXRTS);
          t0 = this.txAt = clock.now();
          continue;
        }
        c[TX_ERRORS]++;
        this.txBusy = false;
        return true;
      }
      if (e & B.TXIF) { this.txBusy = false; return true; }
      if (late) break;
    }
    if (clock.now() - this.txAt < T.TX_GIVE_UP_MS) return false;
    this.bfc(R.ECON1, B.TXRTS);
    this.bfs(R.ECON1, B.TXRST);
    this.bfc(R.ECON1, B.TXRST);
    this.bfc(R.EIR, B.TXERIF | B.TXIF);
    c[TX_ERRORS]++;
    this.txBusy = false;
    return true;
  }

  /** The 7-byte transmit status vector sits just after ETXND; ERDPT is restored afterwards. */
  private readTsv(): void {
    this.wcr16(R.ERDPTL, this.txEnd + 1);
    this.spi.bulk(this.rbm, this.tsv, 0, 7, 0);
    this.wcr16(R.ERDPTL, this.rdPtr);
  }

  /**
   * Gives ring space back to the chip. ERXRDPT moves by whole 256-byte pages and is always odd, as
   * the errata require: the highest xxFF address not past the last byte read, or ERXND (0x19FF)
   * just before the ring start. Written as a pair, low byte first, every time: the high-byte write
   * loads the buffered low byte, and nothing promises that it stays buffered for the next one.
   */
  private release(): void {
    const last = this.rdPtr === 0 ? M.RX_END : this.rdPtr - 1;
    const page = (last & 255) === 255 ? last >> 8 : (last >> 8) - 1;
    const p = page < 0 ? M.RX_END : (page << 8) | 255;
    if (p !== this.freed) {
      this.wcr(R.ERXRDPTL, 255);
      this.wcr(R.ERXRDPTH, p >> 8);
      this.freed = p;
    }
    this.unfreed = (this.rdPtr - p - 1 + M.RING) % M.RING;
  }

  /** A header that cannot be right: reset the receive logic and start the ring afresh. */
  private resyncRx(): void {
    this.counters[RX_RESYNC]++;
    this.bfc(R.ECON1, B.RXEN);
    this.bfs(R.ECON1, B.RXRST);
    this.bfc(R.ECON1, B.RXRST);
    this.initRx();
    for (let i = 0; i < 255 && this.rcr(R.EPKTCNT) !== 0; i++) this.bfs(R.ECON2, B.PKTDEC);
    this.bfc(R.EIR, B.RXERIF | B.PKTIF);
    this.bfs(R.ECON1, B.RXEN);
  }

  /**
   * Periodic health check (every checkMs): a chip that lost its configuration (reset, brown-out)
   * is set up again; the overflow flag is counted and cleared; link state is read from PHSTAT2.
   */
  check(): void {
    this.nextCheck = this.hal.clock.now() + this.checkMs;
    const e1 = this.rcr(R.ECON1);
    if (this.dead || !(e1 & B.RXEN) || (e1 & 3) !== this.bank) {
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
    const eir = this.rcr(R.EIR);
    if (eir & B.RXERIF) {
      this.counters[RX_OVERFLOW]++;
      this.bfc(R.EIR, B.RXERIF);
    }
    if (this.txBusy && (eir & (B.TXIF | B.TXERIF))) this.txFinish();
    this.link = (this.phyRead(P.PHSTAT2) & P.LSTAT) !== 0;
  }

  // --- register access -------------------------------------------------------------------

  private sel(reg: number): void {
    if ((reg & 0x1f) >= 0x1b) return;
    const b = (reg >> 5) & 3, cur = this.bank;
    if (b === cur) return;
    const clr = cur & ~b & 3, set = b & ~cur & 3;
    if (clr) { this.op(0xa0 | R.ECON1, clr); this.counters[BANK_WRITES]++; }
    if (set) { this.op(0x80 | R.ECON1, set); this.counters[BANK_WRITES]++; }
    this.bank = b;
  }

  private op(first: number, v: number): void {
    const io = this.io;
    io[0] = first;
    io[1] = v;
    this.spi.transfer(io, 0, 2);
  }

  private rcr(reg: number): number {
    this.sel(reg);
    const io = this.io, n = reg & 0x80 ? 3 : 2;
    io[0] = reg & 0x1f;
    io[1] = 0;
    io[2] = 0;
    this.spi.transfer(io, 0, n);
    return io[n - 1];
  }

  private wcr(reg: number, v: number): void {
    this.sel(reg);
    this.op(0x40 | (reg & 0x1f), v);
  }

  private wcr16(reg: number, v: number): void {
    this.wcr(reg, v & 255);
    this.wcr(reg + 1, v >> 8);
  }

  /** Bit set / clear: ETH registers only (never MAC/MII). */
  private bfs(reg: number, m: number): void {
    this.sel(reg);
    this.op(0x80 | (reg & 0x1f), m);
  }

  private bfc(reg: number, m: number): void {
    this.sel(reg);
    this.op(0xa0 | (reg & 0x1f), m);
  }

  /** MISTAT.BUSY: a MII access takes 10.24 us; waited for by time (backstop: POLLS). */
  private miiWait(): void {
    const clock = this.hal.clock, t0 = clock.now();
    for (let i = 0; i < M.POLLS; i++) {
      const late = i > 0 && clock.now() - t0 > T.MII_MS;
      if (!(this.rcr(R.MISTAT) & 1) || late) return;
    }
  }

  private phyWrite(r: number, v: number): void {
    this.wcr(R.MIREGADR, r);
    this.wcr(R.MIWRL, v & 255);
    this.wcr(R.MIWRH, v >> 8);
    this.miiWait();
  }

  private phyRead(r: number): number {
    this.wcr(R.MIREGADR, r);
    this.wcr(R.MICMD, 1);
    this.miiWait();
    this.wcr(R.MICMD, 0);
    return this.rcr(R.MIRDL) | (this.rcr(R.MIRDH) << 8);
  }
}
