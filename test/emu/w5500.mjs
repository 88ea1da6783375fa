// Register-level W5500 emulator: SPI frames of 16-bit address + control byte (BSB, RWB, OM) +
// data with address auto-increment; common and socket registers; per-socket TX/RX buffers carved
// from 16 KB each by Sn_*BUF_SIZE, every buffer address reduced modulo the socket's buffer size;
// commands through Sn_CR; MACRAW on socket 0 with 2-byte length headers. A virtual wire:
// inject(frame), transmitted frames go to `sent` and `onTransmit`. Faults: overflow (the chip
// drops what does not fit), SEND that never completes, link down/up, absent chip (0xFF/0x00),
// a reset in the middle of traffic, a reset that never ends, a corrupt length header.
// Time (opts.clock, milliseconds; without one everything happens at once, as before): VERSIONR
// reads 0 for versionZeroMs after a reset; Sn_SR reaches its new state srLagMs after OPEN/CLOSE
// (Sn_CR is already 0 by then); a SEND puts the frame on the wire for its wire time at the link
// speed (opts.speed, 10 or 100 Mb/s) before SEND_OK. Pending work completes in tick(), which runs
// at every chip select and inject(); a board without SPI traffic calls tick() itself (onBusy
// tells when). The MAC filter is the one seen on hardware: IPv4 multicast passes unless MMB,
// IPv6 multicast passes even with MMB (unless MIP6B blocks IPv6), other multicast never passes.
export const W = { MR: 0x00, SHAR: 0x09, SIMR: 0x18, PHYCFGR: 0x2e, VERSIONR: 0x39 };

export class W5500Emu {
  constructor(opts = {}) {
    this.link = opts.link ?? true;
    this.ptrBase = opts.ptrBase ?? 0; // pointers after OPEN (to test the 16-bit wrap early)
    this.resetReads = opts.resetReads ?? 1; // MR reads that still show RST after a reset
    this.cmdReads = opts.cmdReads ?? 1; // Sn_CR reads that still show the command
    this.clock = opts.clock || null;
    this.speed = opts.speed ?? 100; // Mb/s (PHYCFGR.SPD)
    this.versionZeroMs = opts.versionZeroMs ?? 2;
    this.srLagMs = opts.srLagMs ?? 0.02;
    this.onBusy = null; // (ms): something completes in ms (a board without SPI traffic ticks then)
    this.txmem = new Uint8Array(16384);
    this.rxmem = new Uint8Array(16384);
    this.sent = [];
    this.onTransmit = null;
    this.onIrq = null;
    this.beforeRead = null; // test hook: (bsb, addr) before a data byte is read
    this.violations = [];
    this.stats = { overflows: 0, filtered: 0, notReceiving: 0, resets: 0, commands: {}, sendAborted: 0 };
    this.fault = { absent: null, neverReady: false, sendStuck: 0 };
    this.irqLow = false;
    this.powerOn();
  }

  powerOn() {
    this.common = new Uint8Array(0x40);
    this.common[0x39] = 0x04;
    this.sock = [];
    for (let s = 0; s < 8; s++) {
      const r = new Uint8Array(0x30);
      r[0x1e] = 2; r[0x1f] = 2; // 2 KB each after reset
      r[0x2c] = 0xff; // Sn_IMR
      this.sock.push(r);
    }
    this.p = { txRd: 0, txWr: 0, txWrLatched: 0, rxRd: 0, rxRdChip: 0, rxWr: 0 };
    this.mrBusy = 0;
    this.crBusy = 0;
    this.srPending = null; // { value, at }: Sn_SR after OPEN/CLOSE
    this.txPending = null; // { frame, at }: a SEND on the wire
    this.recvPending = false; // RECV takes effect when Sn_CR reads 0
    this.versionAt = this.now() + (this.clock ? this.versionZeroMs : 0);
    this.updateIrq();
  }

  now() { return this.clock ? this.clock.now() : 0; }

  /** Completes what is due: Sn_SR changes, frames whose wire time has passed. */
  tick() {
    if (!this.clock) return;
    const t = this.clock.now();
    if (this.srPending && t >= this.srPending.at) { this.sock[0][3] = this.srPending.value; this.srPending = null; }
    if (this.txPending && t >= this.txPending.at) this.sendDone();
  }

  /** Wire time of a frame of n bytes: preamble, padding to 60, CRC and inter-frame gap. */
  wireMs(n) { return (Math.max(n, 60) + 24) * 8 / (this.speed * 1000); }

  sendDone() {
    const f = this.txPending.frame;
    this.txPending = null;
    this.p.txRd = this.p.txWrLatched;
    this.sock[0][2] |= 0x10; // SEND_OK
    this.sent.push(f);
    this.updateIrq();
    if (this.onTransmit) this.onTransmit(f);
  }

  /** Sn_SR becomes value now (no clock) or srLagMs from now. */
  setSr(value) {
    if (!this.clock) { this.sock[0][3] = value; return; }
    this.srPending = { value, at: this.clock.now() + this.srLagMs };
    if (this.onBusy) this.onBusy(this.srLagMs);
  }

  /** A reset in the middle of traffic (power glitch or the RESET line). */
  glitchReset() {
    this.stats.resets++;
    this.powerOn();
  }

  setLink(up) { this.link = up; }

  sizeOf(s, tx) { return this.sock[s][tx ? 0x1f : 0x1e] * 1024; }
  baseOf(s, tx) { let b = 0; for (let k = 0; k < s; k++) b += this.sizeOf(k, tx); return b; }
  get rxSize() { return this.sizeOf(0, false); }
  get txSize() { return this.sizeOf(0, true); }
  get rsr() { return (this.p.rxWr - this.p.rxRdChip) & 0xffff; }
  get fsr() { return this.txSize - ((this.p.txWrLatched - this.p.txRd) & 0xffff); }
  get sr() { return this.sock[0][3]; }

  updateIrq() {
    const sir = (this.sock[0][2] & this.sock[0][0x2c]) ? 1 : 0;
    const low = (this.common[0x18] & sir) !== 0;
    const fell = low && !this.irqLow;
    this.irqLow = low;
    if (fell && this.onIrq) this.onIrq();
  }

  // --- SPI ----------------------------------------------------------------------------------

  select() { this.n = 0; this.tick(); }
  deselect() { this.n = -1; }

  exchange(b) {
    if (this.fault.absent != null) return this.fault.absent;
    if (this.n < 0) { this.violations.push('byte clocked without chip select'); return 0; }
    const n = this.n++;
    if (n === 0) { this.addr = b << 8; return 0; }
    if (n === 1) { this.addr |= b; return 0; }
    if (n === 2) {
      this.bsb = b >> 3; this.write = (b & 4) !== 0;
      if (b & 3) this.violations.push('fixed-length SPI mode used');
      return 0;
    }
    const a = this.addr;
    this.addr = (a + 1) & 0xffff;
    if (this.write) { this.writeByte(this.bsb, a, b); return 0; }
    if (this.beforeRead) this.beforeRead(this.bsb, a);
    return this.readByte(this.bsb, a);
  }

  /**
   * n bytes at once: src[i] (fill when src is null) in, what comes back into out[i]. Same effect as
   * n calls of exchange(); the data phase of a TX/RX buffer access takes a fast path, which the
   * interpreters need (a call per byte is slow there).
   */
  exchangeBlock(src, fill, n, out) {
    let i = 0;
    if (this.fault.absent == null && this.n >= 3 && !this.beforeRead) {
      const s = (this.bsb - 1) >> 2, kind = (this.bsb - 1) & 3;
      const tx = kind === 1;
      const size = s <= 7 && (kind === 1 || (kind === 2 && !this.write)) ? this.sizeOf(s, tx) : 0;
      if (size > 0) {
        const mem = tx ? this.txmem : this.rxmem, base = this.baseOf(s, tx), write = this.write;
        let a = this.addr;
        for (; i < n; i++) {
          if (write) { mem[base + (a % size)] = src ? src[i] : fill; out[i] = 0; } else out[i] = mem[base + (a % size)];
          a = (a + 1) & 0xffff;
        }
        this.addr = a;
        this.n += n;
        return;
      }
    }
    for (; i < n; i++) out[i] = this.exchange(src ? src[i] : fill);
  }

  bufIndex(s, tx, a) {
    const size = this.sizeOf(s, tx);
    if (size === 0) { this.violations.push('access to a 0 KB buffer of socket ' + s); return 0; }
    return this.baseOf(s, tx) + (a % size);
  }

  readByte(bsb, a) {
    if (bsb === 0) {
      if (a === 0x00) {
        if (this.mrBusy > 0 || this.fault.neverReady) { this.mrBusy--; return 0x80; }
        return this.common[0];
      }
      if (a === 0x2e) return 0xb8 | (this.link ? 0x05 | (this.speed === 100 ? 0x02 : 0) : 0); // PHYCFGR: RST high, all-capable, LNK|SPD|DPX
      if (a === 0x39) return this.now() >= this.versionAt ? 0x04 : 0x00; // VERSIONR: 0 for a while after reset
      if (a === 0x17) return (this.sock[0][2] & this.sock[0][0x2c]) ? 1 : 0; // SIR
      return a < 0x40 ? this.common[a] : 0;
    }
    const s = (bsb - 1) >> 2, kind = (bsb - 1) & 3;
    if (s > 7 || kind === 3) { this.violations.push('reserved block ' + bsb); return 0; }
    if (kind === 1) return this.txmem[this.bufIndex(s, true, a)];
    if (kind === 2) return this.rxmem[this.bufIndex(s, false, a)];
    const r = this.sock[s];
    if (s === 0) {
      const p = this.p;
      switch (a) {
        case 0x01:
          if (this.crBusy > 0) { this.crBusy--; return this.lastCmd; }
          if (this.recvPending) this.recvDone();
          return 0;
        case 0x20: return this.fsr >> 8; case 0x21: return this.fsr & 255;
        case 0x22: return p.txRd >> 8; case 0x23: return p.txRd & 255;
        case 0x24: return p.txWr >> 8; case 0x25: return p.txWr & 255;
        case 0x26: return this.rsr >> 8; case 0x27: return this.rsr & 255;
        case 0x28: return p.rxRd >> 8; case 0x29: return p.rxRd & 255;
        case 0x2a: return p.rxWr >> 8; case 0x2b: return p.rxWr & 255;
      }
    }
    return a < 0x30 ? r[a] : 0;
  }

  writeByte(bsb, a, v) {
    if (bsb === 0) {
      if (a === 0x00) {
        if (v & 0x80) { this.txPending = null; this.powerOn(); this.mrBusy = this.resetReads; this.stats.resets++; return; }
        this.common[0] = v; return;
      }
      if (a === 0x39 || a === 0x2e) return;
      if (a < 0x40) this.common[a] = v;
      if (a === 0x18) this.updateIrq();
      return;
    }
    const s = (bsb - 1) >> 2, kind = (bsb - 1) & 3;
    if (s > 7 || kind === 3) { this.violations.push('reserved block ' + bsb); return; }
    if (kind === 1) { this.txmem[this.bufIndex(s, true, a)] = v; return; }
    if (kind === 2) { this.violations.push('write to RX buffer'); return; }
    const r = this.sock[s];
    if (s === 0) {
      const p = this.p;
      switch (a) {
        case 0x01: this.command(v); return;
        case 0x02: r[2] &= ~v; this.updateIrq(); return;
        case 0x24: p.txWr = (p.txWr & 0xff) | (v << 8); return; case 0x25: p.txWr = (p.txWr & 0xff00) | v; return;
        case 0x28: p.rxRd = (p.rxRd & 0xff) | (v << 8); return; case 0x29: p.rxRd = (p.rxRd & 0xff00) | v; return;
        case 0x03: case 0x20: case 0x21: case 0x22: case 0x23: case 0x26: case 0x27: case 0x2a: case 0x2b:
          this.violations.push('write to read-only socket register 0x' + a.toString(16)); return;
      }
    }
    if (a === 0x1e || a === 0x1f) { r[a] = v; return; } // the total is checked at OPEN
    if (a === 0x2c) { r[a] = v; this.updateIrq(); return; }
    if (a < 0x30) r[a] = v;
  }

  command(c) {
    const r = this.sock[0], p = this.p;
    this.stats.commands[c] = (this.stats.commands[c] || 0) + 1;
    if (this.crBusy > 0) this.violations.push('command 0x' + c.toString(16) + ' while Sn_CR busy');
    if (this.recvPending) this.recvDone();
    this.lastCmd = c;
    this.crBusy = this.cmdReads;
    switch (c) {
      case 0x01: // OPEN
        for (const a of [0x1e, 0x1f]) {
          let tot = 0;
          for (let k = 0; k < 8; k++) tot += this.sock[k][a];
          if (tot > 16) this.violations.push('buffer sizes exceed 16 KB');
        }
        if (this.srPending && this.srPending.value === 0) this.violations.push('OPEN before Sn_SR showed SOCK_CLOSED');
        if ((r[0] & 0x0f) === 0x04) {
          this.abortSend();
          this.setSr(0x42);
          p.txRd = p.txWr = p.txWrLatched = this.ptrBase;
          p.rxRd = p.rxRdChip = p.rxWr = this.ptrBase;
        } else { this.setSr(0); this.violations.push('OPEN with Sn_MR=' + r[0]); }
        return;
      case 0x10: this.abortSend(); this.setSr(0); return; // CLOSE
      case 0x20: { // SEND
        if (r[3] !== 0x42) { this.violations.push('SEND on a closed socket'); return; }
        if (this.txPending) {
          if (!this.txPending.stuck) this.violations.push('SEND before SEND_OK of the previous frame');
          this.txPending = null; // given up: the next frame starts after it
          p.txRd = p.txWrLatched;
        }
        p.txWrLatched = p.txWr;
        const n = (p.txWr - p.txRd) & 0xffff;
        if (n > this.txSize) { this.violations.push('SEND of more than the buffer'); return; }
        const f = new Uint8Array(n);
        for (let k = 0; k < n; k++) f[k] = this.txmem[this.bufIndex(0, true, (p.txRd + k) & 0xffff)];
        if (n > 1514) this.violations.push('MACRAW frame longer than 1514');
        if (this.fault.sendStuck > 0) { this.fault.sendStuck--; this.txPending = { frame: f, at: Infinity, stuck: true }; return; } // never sends, no SEND_OK
        this.txPending = { frame: f, at: this.now() + (this.clock ? this.wireMs(n) : 0), stuck: false };
        if (!this.clock) this.sendDone();
        else if (this.onBusy) this.onBusy(this.wireMs(n));
        return;
      }
      case 0x40: // RECV: RSR counts from the new RX_RD once the chip has taken the command
        if (((p.rxRd - p.rxRdChip) & 0xffff) > this.rsr) this.violations.push('RECV past the write pointer');
        this.recvPending = true;
        if (this.crBusy === 0) this.recvDone();
        return;
      default: this.violations.push('unexpected command 0x' + c.toString(16));
    }
  }

  recvDone() {
    this.recvPending = false;
    this.p.rxRdChip = this.p.rxRd;
  }

  /** OPEN/CLOSE while a frame is on the wire: the frame is cut off, never SEND_OK. */
  abortSend() {
    if (!this.txPending) return;
    this.txPending = null;
    this.stats.sendAborted++;
  }

  /** A frame (without FCS) arrives from the wire. Returns true when it was stored. */
  inject(frame) {
    this.tick();
    if (this.fault.absent != null || this.sr !== 0x42 || !this.link) { this.stats.notReceiving++; return false; }
    const mr = this.sock[0][0];
    if ((mr & 0x10) && frame[12] === 0x86 && frame[13] === 0xdd) { this.stats.filtered++; return false; } // MIP6B
    if (mr & 0x80) { // MFEN
      const mac = this.common.subarray(9, 15);
      const bcast = frame.subarray(0, 6).every((x) => x === 0xff);
      const mcast = !bcast && (frame[0] & 1) === 1;
      const ours = frame.subarray(0, 6).every((x, k) => x === mac[k]);
      const v4m = mcast && frame[0] === 0x01 && frame[1] === 0x00 && frame[2] === 0x5e;
      const v6m = mcast && frame[0] === 0x33 && frame[1] === 0x33;
      const ok = ours || (bcast && !(mr & 0x40)) || (v4m && !(mr & 0x20)) || v6m;
      if (!ok) { this.stats.filtered++; return false; }
    }
    const need = frame.length + 2;
    if (this.rsr + need > this.rxSize) { this.stats.overflows++; return false; }
    const p = this.p;
    const put = (b) => { this.rxmem[this.bufIndex(0, false, p.rxWr)] = b; p.rxWr = (p.rxWr + 1) & 0xffff; };
    put(need >> 8); put(need & 255);
    frame.forEach(put);
    this.sock[0][2] |= 0x04; // RECV
    this.updateIrq();
    return true;
  }

  /** Corrupts the length header at the driver's next read position (`at` = pointer). */
  corruptLength(at) {
    this.rxmem[this.bufIndex(0, false, at)] = 0x7f;
    this.rxmem[this.bufIndex(0, false, (at + 1) & 0xffff)] = 0xff;
  }
}
