// Register-level ENC28J60 emulator: decodes SPI bytes like the chip (opcodes, banks, dummy byte
// of MAC/MII reads, buffer auto-increment with the receive-ring wrap, EPKTCNT/PKTDEC, TXRTS and
// status vectors, PHY registers through MII). A virtual wire: inject(frame) fills the receive
// ring, transmitted frames go to `sent` and `onTransmit`. Faults: overflow (by filling the ring),
// transmit errors, a transmit that never ends, link down/up, absent chip (MISO stuck at 0xFF or
// 0x00), a reset in the middle of traffic, a chip that never gets CLKRDY.
// Misuse by the driver (BFS/BFC on MAC registers, even ERXRDPT, duplex mismatch...) is recorded
// in `violations`.
// Time (opts.clock, milliseconds; without one a transmission ends at once, as before): a frame
// holds ECON1.TXRTS for its wire time at 10 Mb/s (plus deferral while the medium is busy), then
// TXIF; a failed one (late collision, excessive collisions or deferral) sets TXERIF and leaves
// TXRTS set, as the errata describe, until the host clears it; clearing TXRTS cancels a
// transmission. Writing buffer memory while TXRTS is set, TXRST with TXRTS still set, and a high
// byte of ERXRDPT written without its low byte are violations. The far end does not negotiate
// either: a switch sees half duplex (opts.peerFullDuplex), and a MAC in full duplex against it
// loses frames under load (every 4th, counted in stats.duplexLost). MISTAT.BUSY lasts 10.24 us.
import { crc32 } from './crc32.mjs';

// register indices: bank * 32 + address (common registers 0x1B..0x1F stored once, in bank 0)
const ECON1 = 0x1f, ECON2 = 0x1e, ESTAT = 0x1d, EIR = 0x1c, EIE = 0x1b;
const ERDPTL = 0x00, EWRPTL = 0x02, ETXSTL = 0x04, ETXNDL = 0x06, ERXSTL = 0x08, ERXNDL = 0x0a,
  ERXRDPTL = 0x0c, ERXRDPTH = 0x0d, ERXWRPTL = 0x0e, ERXWRPTH = 0x0f;
const ERXFCON = 32 + 0x18, EPKTCNT = 32 + 0x19;
const MACON1 = 64 + 0x00, MACON3 = 64 + 0x02, MACON4 = 64 + 0x03, MABBIPG = 64 + 0x04, MAIPGL = 64 + 0x06, MAMXFLL = 64 + 0x0a,
  MICMD = 64 + 0x12, MIREGADR = 64 + 0x14, MIWRL = 64 + 0x16, MIWRH = 64 + 0x17, MIRDL = 64 + 0x18, MIRDH = 64 + 0x19;
const MISTAT = 96 + 0x0a, EREVID = 96 + 0x12;
const MAADR_ORDER = [96 + 4, 96 + 5, 96 + 2, 96 + 3, 96 + 0, 96 + 1]; // first octet .. last

export const ENC = { ECON1, ECON2, ESTAT, EIR, EIE, ERXFCON, EPKTCNT, MACON1, MACON3, MACON4, MABBIPG, MAIPGL, MAMXFLL, EREVID };

function isMacMii(idx) {
  const bank = idx >> 5, a = idx & 31;
  return (bank === 2 && a < 0x1b) || (bank === 3 && (a <= 5 || a === 0x0a));
}

export class Enc28j60Emu {
  constructor(opts = {}) {
    this.mem = new Uint8Array(8192);
    this.regs = new Uint8Array(128);
    this.phy = new Uint16Array(32);
    this.rev = opts.rev ?? 6;
    this.link = opts.link ?? true;
    this.clkrdyReads = opts.clkrdyReads ?? 1; // ESTAT reads before CLKRDY shows after a reset
    this.miiBusyReads = opts.miiBusyReads ?? 1; // MISTAT reads that show BUSY after an MII command
    this.clock = opts.clock || null;
    this.peerFullDuplex = opts.peerFullDuplex ?? false;
    this.onBusy = null; // (ms): something completes in ms (a board without SPI traffic ticks then)
    this.sent = [];
    this.onTransmit = null;
    this.onIrq = null;
    this.violations = [];
    this.stats = { overflows: 0, filtered: 0, crcDropped: 0, tooLong: 0, notReceiving: 0, softResets: 0, bankWrites: 0, txAborts: 0, txCancelled: 0, duplexLost: 0, deferred: 0 };
    // txErrors: late collisions; txExcessive: aborts after 16 collisions; deferMs: the medium is
    // busy that long before the next transmission (half duplex: deferral).
    this.fault = { absent: null, neverReady: false, txErrors: 0, txExcessive: 0, txStuck: 0, deferMs: 0 };
    this.txCount = 0;
    this.state = 0;
    this.irqLow = false;
    this.powerOn();
  }

  // --- state -----------------------------------------------------------------------------

  powerOn() {
    this.regs.fill(0);
    this.phy.fill(0);
    this.regs[ECON2] = 0x80; // AUTOINC
    this.set16(ERXSTL, 0x05fa); this.set16(ERXNDL, 0x1fff); this.set16(ERXRDPTL, 0x05fa); this.set16(ERDPTL, 0x05fa);
    this.regs[ERXFCON] = 0xa1;
    this.set16(MAMXFLL, 0x0600);
    this.regs[EREVID] = this.rev;
    this.wrpt = 0x05fa;
    this.hwRdpt = 0x05fa;
    this.rdptLatch = 0xfa;
    this.pktcnt = 0;
    this.clkWait = this.clkrdyReads;
    this.miiBusy = 0;
    this.miiAt = 0;
    this.txPending = null; // { frame, tsv, at, error }: TXRTS set, on the wire
    this.rdptLowWritten = false;
    this.updateIrq();
  }

  now() { return this.clock ? this.clock.now() : 0; }

  /** Completes a transmission whose wire time has passed. */
  tick() {
    if (this.clock && this.txPending && this.clock.now() >= this.txPending.at) this.txDone();
  }

  /** A reset in the middle of traffic (power glitch, or the RESET line): registers to defaults. */
  glitchReset() {
    this.stats.softResets++;
    this.powerOn();
  }

  get16(i) { return this.regs[i] | (this.regs[i + 1] << 8); }
  set16(i, v) { this.regs[i] = v & 255; this.regs[i + 1] = (v >> 8) & 255; }
  get bank() { return this.regs[ECON1] & 3; }
  idx(a) { return a >= 0x1b ? a : this.bank * 32 + a; }
  get rxStart() { return this.get16(ERXSTL) & 0x1fff; }
  get rxEnd() { return this.get16(ERXNDL) & 0x1fff; }
  get ringSize() { return this.rxEnd - this.rxStart + 1; }
  /** Bytes the hardware may still write into the ring. */
  get rxFree() { return ((this.hwRdpt - this.wrpt) % this.ringSize + this.ringSize) % this.ringSize; }
  macBytes() { return MAADR_ORDER.map((i) => this.regs[i]); }

  setLink(up) {
    this.link = up;
  }

  updateIrq() {
    const eie = this.regs[EIE], eir = this.regs[EIR];
    const low = (eie & 0x80) !== 0 && (eie & eir & 0x7b) !== 0;
    const fell = low && !this.irqLow;
    this.irqLow = low;
    this.regs[ESTAT] = (this.regs[ESTAT] & 0x7f) | (low ? 0x80 : 0);
    if (fell && this.onIrq) this.onIrq();
  }

  // --- SPI ---------------------------------------------------------------------------------

  select() { this.state = 1; this.nbytes = 0; this.tick(); }
  deselect() { this.state = 0; }

  exchange(b) {
    if (this.fault.absent != null) return this.fault.absent;
    const n = this.nbytes++;
    if (this.state === 0) { this.violations.push('byte clocked without chip select'); return 0; }
    if (n === 0) {
      this.cmd = b >> 5;
      this.arg = b & 31;
      if (b === 0xff) { this.softReset(); this.state = 2; return 0; }
      if (this.cmd === 1 && this.arg !== 0x1a) this.violations.push('bad RBM opcode 0x' + b.toString(16));
      if (this.cmd === 3 && this.arg !== 0x1a) this.violations.push('bad WBM opcode 0x' + b.toString(16));
      if (this.cmd === 6) this.violations.push('unknown opcode 0x' + b.toString(16));
      if ((this.cmd === 4 || this.cmd === 5) && isMacMii(this.idx(this.arg))) this.violations.push('BFS/BFC on MAC/MII register ' + this.idx(this.arg));
      return 0;
    }
    if (this.state === 2) return 0; // after soft reset: ignored
    const i = this.idx(this.arg);
    switch (this.cmd) {
      case 0: { // read control register; MAC/MII registers send a dummy byte first
        if (isMacMii(i) && n === 1) return 0;
        if (n === (isMacMii(i) ? 2 : 1)) this.lastRead = this.readReg(i);
        return this.lastRead;
      }
      case 1: return this.readBuf();
      case 2: if (n === 1) this.writeReg(i, b); return 0;
      case 3: this.writeBuf(b); return 0;
      case 4: if (n === 1) this.writeReg(i, this.regs[i] | b, b, 0); return 0;
      case 5: if (n === 1) this.writeReg(i, this.regs[i] & ~b, 0, b); return 0;
    }
    return 0;
  }

  /**
   * n bytes within one chip-select frame: src[k] in (fill when src is null), what comes back into
   * out[k]. The same as n calls of exchange(), except that the data of a buffer read or write (RBM,
   * WBM) moves in bulk: an interpreter (Espruino) runs a few statements per transfer instead of a
   * few dozen per byte.
   */
  exchangeBlock(src, fill, n, out) {
    let k = 0;
    while (k < n && (this.nbytes === 0 || this.state !== 1 || this.fault.absent != null || (this.cmd !== 1 && this.cmd !== 3))) {
      out[k] = this.exchange(src ? src[k] : fill);
      k++;
    }
    if (k >= n) return;
    if (this.cmd === 3 && (this.regs[ECON1] & 0x08)) this.violations.push('buffer memory written while TXRTS is set');
    this.nbytes += n - k;
    const auto = (this.regs[ECON2] & 0x80) !== 0;
    if (this.cmd === 1) { // RBM: ERDPT advances, wrapping from ERXND to ERXST
      let p = this.get16(ERDPTL) & 0x1fff;
      if (!auto) { out.fill(this.mem[p], k, n); return; }
      const end = this.rxEnd;
      while (k < n) {
        const c = Math.min(n - k, p <= end ? end - p + 1 : 0x2000 - p);
        out.set(this.mem.subarray(p, p + c), k);
        k += c;
        p = p + c - 1 === end ? this.rxStart : (p + c) & 0x1fff;
      }
      this.set16(ERDPTL, p);
    } else { // WBM: EWRPT advances through the whole memory; MISO reads 0
      out.fill(0, k, n);
      let p = this.get16(EWRPTL) & 0x1fff;
      if (!auto) { this.mem[p] = src ? src[n - 1] : fill; return; }
      while (k < n) {
        const c = Math.min(n - k, 0x2000 - p);
        if (!src) this.mem.fill(fill, p, p + c);
        else if (src.subarray) this.mem.set(src.subarray(k, k + c), p);
        else for (let j = 0; j < c; j++) this.mem[p + j] = src[k + j];
        k += c;
        p = (p + c) & 0x1fff;
      }
      this.set16(EWRPTL, p);
    }
  }

  softReset() {
    this.stats.softResets++;
    this.powerOn();
  }

  readBuf() {
    let p = this.get16(ERDPTL) & 0x1fff;
    const v = this.mem[p];
    if (this.regs[ECON2] & 0x80) {
      p = p === this.rxEnd ? this.rxStart : (p + 1) & 0x1fff;
      this.set16(ERDPTL, p);
    }
    return v;
  }

  writeBuf(b) {
    if (this.regs[ECON1] & 0x08) this.violations.push('buffer memory written while TXRTS is set');
    let p = this.get16(EWRPTL) & 0x1fff;
    this.mem[p] = b;
    if (this.regs[ECON2] & 0x80) this.set16(EWRPTL, (p + 1) & 0x1fff);
  }

  readReg(i) {
    switch (i) {
      case ESTAT: {
        if (this.clkWait > 0 || this.fault.neverReady) { this.clkWait--; return this.regs[ESTAT] & ~1; }
        return this.regs[ESTAT] | 1;
      }
      case EPKTCNT: return this.pktcnt;
      case ERXWRPTL: return this.wrpt & 255;
      case ERXWRPTH: return this.wrpt >> 8;
      case MISTAT:
        if (this.clock) return this.clock.now() < this.miiAt ? 1 : 0;
        if (this.miiBusy > 0) { this.miiBusy--; return 1; }
        return 0;
    }
    return this.regs[i];
  }

  writeReg(i, v, set = 0, clr = 0) {
    v &= 255;
    switch (i) {
      case ECON1: {
        if ((this.regs[ECON1] ^ v) & 3) this.stats.bankWrites++;
        const old = this.regs[ECON1];
        if ((v & 0x80) && !(old & 0x80) && (v & 0x08)) this.violations.push('TXRST with TXRTS set (clear TXRTS first)');
        this.regs[ECON1] = v;
        if ((old & 0x08) && !(v & 0x08) && this.txPending) { // the host cancels the transmission
          this.txPending = null;
          this.stats.txCancelled++;
          this.regs[ESTAT] |= 0x02; // TXABRT
        }
        if ((v & 0x80) && this.txPending) { this.txPending = null; this.stats.txCancelled++; } // TXRST: transmit logic reset (TXRTS untouched)
        if (v & 0x40) { // RXRST
          this.pktcnt = 0;
          this.wrpt = this.rxStart;
          this.regs[EIR] &= ~0x41;
          this.regs[ECON1] &= ~0x04;
        }
        if ((v & 0x08) && !(old & 0x08) && !(v & 0x80)) this.startTx();
        this.updateIrq();
        return;
      }
      case ECON2: {
        this.regs[ECON2] = v & 0xbf;
        if (v & 0x40) {
          if (this.pktcnt > 0) this.pktcnt--;
          if (this.pktcnt === 0) this.regs[EIR] &= ~0x40;
          this.updateIrq();
        }
        return;
      }
      case EIR: this.regs[EIR] = v; this.updateIrq(); return;
      case EIE: this.regs[EIE] = v; this.updateIrq(); return;
      case ESTAT: this.regs[ESTAT] = (this.regs[ESTAT] & ~0x12) | (v & 0x12); return; // LATECOL/TXABRT clearable
      case EPKTCNT: case EREVID: case ERXWRPTL: case ERXWRPTH: case MISTAT: return; // read-only
      case ERXSTL: case ERXSTL + 1:
        this.regs[i] = v;
        this.wrpt = this.rxStart; // programming ERXST moves the hardware write pointer there
        return;
      case ERXRDPTL: this.rdptLatch = v; this.regs[i] = v; this.rdptLowWritten = true; return;
      case ERXRDPTH: {
        // The data sheet promises that the high-byte write loads the buffered low byte, not that
        // the low byte stays buffered for later writes: the pair, low byte first, every time.
        if (!this.rdptLowWritten) this.violations.push('ERXRDPTH written without ERXRDPTL first');
        this.rdptLowWritten = false;
        this.regs[i] = v;
        const p = this.rdptLatch | (v << 8);
        if ((p & 1) === 0) this.violations.push('ERXRDPT written even: 0x' + p.toString(16));
        // Freeing unread data: p inside [ERDPT, write pointer) of the ring.
        const size = this.ringSize, rd = this.get16(ERDPTL) & 0x1fff;
        const dist = (a, c) => ((c - a) % size + size) % size;
        if ((this.regs[ECON1] & 0x04) && dist(rd, p) < dist(rd, this.wrpt)) this.violations.push('ERXRDPT 0x' + p.toString(16) + ' frees unread data');
        this.hwRdpt = p & 0x1fff;
        return;
      }
      case MICMD: {
        this.regs[i] = v;
        if (v & 1) {
          const r = this.regs[MIREGADR] & 31;
          const val = this.phyRead(r);
          this.regs[MIRDL] = val & 255; this.regs[MIRDH] = val >> 8;
          this.miiBusy = this.miiBusyReads;
          this.miiAt = this.now() + 0.01024;
        }
        return;
      }
      case MIWRH: {
        this.regs[i] = v;
        this.phy[this.regs[MIREGADR] & 31] = this.regs[MIWRL] | (v << 8);
        this.miiBusy = this.miiBusyReads;
        this.miiAt = this.now() + 0.01024;
        return;
      }
    }
    this.regs[i] = v;
  }

  phyRead(r) {
    if (r === 0x11) return (this.link ? 0x0400 : 0) | (this.phy[0] & 0x0100 ? 0x0200 : 0); // PHSTAT2 LSTAT, DPXSTAT
    if (r === 0x01) return 0x1800 | (this.link ? 0x0004 : 0); // PHSTAT1
    if (r === 0x02) return 0x0083; // PHID1
    return this.phy[r];
  }

  // --- transmit -----------------------------------------------------------------------------

  startTx() {
    const fd = (this.regs[MACON3] & 1) !== 0, pd = (this.phy[0] & 0x0100) !== 0;
    if (fd !== pd) this.violations.push('MACON3.FULDPX does not match PHCON1.PDPXMD');
    if (this.fault.txStuck > 0) { this.fault.txStuck--; this.txPending = { frame: null, tsv: null, at: Infinity, error: 0 }; return; } // TXRTS stays set
    const st = this.get16(ETXSTL) & 0x1fff, nd = this.get16(ETXNDL) & 0x1fff;
    const tsv = new Uint8Array(7);
    // A copy as a typed array (Uint8Array.slice returns a plain array on Espruino).
    let frame = new Uint8Array(this.mem.subarray(st + 1, nd + 1));
    const m3 = this.regs[MACON3];
    if ((m3 & 0x20) && frame.length < 60) { const f = new Uint8Array(60); f.set(frame); frame = f; }
    const max = this.get16(MAMXFLL);
    tsv[0] = frame.length & 255; tsv[1] = frame.length >> 8;
    tsv[2] = 0x80; // bit 23: done
    if (frame.length + 4 > max) { tsv[2] |= 0x20; this.violations.push('transmit longer than MAMXFL'); }
    if (frame[0] === 0xff) tsv[3] |= 0x02; else if (frame[0] & 1) tsv[3] |= 0x01;
    // Wire time at 10 Mb/s: preamble, frame, CRC, inter-frame gap (0.8 us a byte).
    let ms = (frame.length + 24) * 0.0008, error = 0;
    const defer = this.fault.deferMs;
    if (defer > 0 && !fd) { // half duplex: the medium is busy, the MAC defers
      this.fault.deferMs = 0;
      this.stats.deferred++;
      tsv[3] |= 0x04; // bit 26: deferred
      // Without MACON4.DEFER the MAC gives up after 24,288 bit times (2.4 ms) of deferral.
      if (!(this.regs[MACON4] & 0x40) && defer > 2.4288) { error = 0x08; ms = 2.4288; } else ms += defer; // bit 27: excessive deferral
    }
    if (!error && this.fault.txErrors > 0) { this.fault.txErrors--; error = 0x20; } // bit 29: late collision
    else if (!error && this.fault.txExcessive > 0) { this.fault.txExcessive--; error = 0x10; } // bit 28: excessive collisions
    this.txPending = { frame, tsv, at: this.now() + (this.clock ? ms : 0), error, nd };
    if (!this.clock) this.txDone();
    else if (this.onBusy) this.onBusy(ms);
  }

  /** The frame in flight leaves (TXIF, TXRTS clear) or fails (TXERIF; TXRTS stays set). */
  txDone() {
    const t = this.txPending;
    this.txPending = null;
    if (t.error) {
      this.stats.txAborts++;
      t.tsv[2] &= ~0x80;
      t.tsv[3] |= t.error;
      this.mem.set(t.tsv, (t.nd + 1) & 0x1fff);
      this.regs[EIR] |= 0x02;
      this.regs[ESTAT] |= 0x02 | (t.error === 0x20 ? 0x10 : 0);
      this.updateIrq();
      return;
    }
    this.mem.set(t.tsv, (t.nd + 1) & 0x1fff);
    this.regs[ECON1] &= ~0x08;
    this.regs[EIR] |= 0x08;
    this.updateIrq();
    // Full duplex against a half-duplex switch: collisions the MAC ignores cost frames under load.
    const fd = (this.regs[MACON3] & 1) !== 0;
    if (fd !== this.peerFullDuplex && ++this.txCount % 4 === 0) { this.stats.duplexLost++; return; }
    this.sent.push(t.frame);
    if (this.onTransmit) this.onTransmit(t.frame);
  }

  // --- receive ------------------------------------------------------------------------------

  /**
   * A frame (without FCS) arrives from the wire. opts.badCrc: corrupt its FCS. Returns true when
   * it was written into the ring.
   */
  inject(frame, opts = {}) {
    this.tick();
    if (this.fault.absent != null || !(this.regs[ECON1] & 0x04) || !this.link) { this.stats.notReceiving++; return false; }
    const fc = this.regs[ERXFCON];
    const dst = frame.subarray(0, 6), mac = this.macBytes();
    const bcast = dst.every((x) => x === 0xff), mcast = !bcast && (dst[0] & 1) === 1;
    const ours = dst.every((x, k) => x === mac[k]);
    if (opts.badCrc && (fc & 0x20)) { this.stats.crcDropped++; return false; }
    if (fc & 0xdf & ~0x40) { // some filter enabled (OR mode): one must accept
      const ok = ((fc & 0x80) && ours) || ((fc & 0x01) && bcast) || ((fc & 0x02) && mcast);
      if (!ok) { this.stats.filtered++; return false; }
    }
    const cnt = frame.length + 4;
    if (cnt > this.get16(MAMXFLL) && (this.regs[MACON3] & 0x02)) { this.stats.tooLong++; return false; }
    const need = (6 + cnt + 1) & ~1; // next frame starts on an even address
    if (need > this.rxFree || this.pktcnt === 255) {
      this.stats.overflows++;
      this.regs[EIR] |= 0x01; // RXERIF
      this.updateIrq();
      return false;
    }
    const crc = crc32(frame) ^ (opts.badCrc ? 1 : 0);
    const type = (frame[12] << 8) | frame[13];
    let st = 0x80 | (opts.badCrc ? 0x10 : 0) | (type > 1500 ? 0x40 : 0) | (opts.lengthError ? 0x20 : 0);
    if (opts.status != null) st = opts.status;
    const start = this.wrpt;
    const next = this.ringAdd(start, need);
    const hdr = [next & 255, next >> 8, cnt & 255, cnt >> 8, st, (bcast ? 2 : 0) | (mcast ? 1 : 0)];
    let p = start;
    const put = (b) => { this.mem[p] = b; p = p === this.rxEnd ? this.rxStart : p + 1; };
    hdr.forEach(put);
    // The frame in bulk: at most two pieces around the ring's end.
    for (let k = 0; k < frame.length;) {
      const c = Math.min(frame.length - k, this.rxEnd - p + 1);
      this.mem.set(frame.subarray(k, k + c), p);
      k += c;
      p = p + c - 1 === this.rxEnd ? this.rxStart : p + c;
    }
    for (let k = 0; k < 4; k++) put((crc >>> (8 * k)) & 255);
    this.wrpt = next;
    this.pktcnt++;
    this.regs[EIR] |= 0x40;
    this.updateIrq();
    return true;
  }

  ringAdd(p, n) {
    const s = this.rxStart, size = this.ringSize;
    return s + ((p - s + n) % size);
  }

  /** Overwrites the next-packet pointer of the oldest unread frame (a corrupt ring). */
  corruptNextHeader(at) {
    const p = at ?? (this.get16(ERDPTL) & 0x1fff);
    this.mem[p] = 0x01; this.mem[(p + 1) & 0x1fff] = 0x1f; // 0x1f01: odd and past ERXND
  }
}
