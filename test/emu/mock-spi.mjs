// Mock SPI bus implementing the src/hal Spi contract (transfer / bulk with SPI_WRITE, SPI_HOLD) on
// top of a chip model with select() / exchange(byteOut) -> byteIn / deselect(). Counts
// transactions (chip-select frames) and bytes clocked. With a virtual clock, every byte clocked
// takes its time on the bus (8 bits at `mhz`), so that a driver waiting by time for the chip (a
// frame on the wire, a command) sees time pass as it polls, as on a board.
export const SPI_WRITE = 1;
export const SPI_HOLD = 2;

export class MockSpi {
  constructor(chip, clock = null, mhz = 8) {
    this.chip = chip;
    this.clock = clock && clock.spend ? clock : null;
    this.msPerByte = 8 / (mhz * 1000);
    this.transactions = 0;
    this.bytes = 0;
    this.held = false; // chip select low
    this.trace = null; // set to [] to record each transaction's first byte(s)
  }

  resetCounters() {
    this.transactions = 0;
    this.bytes = 0;
  }

  begin() {
    if (this.held) return;
    this.held = true;
    this.transactions++;
    this.chip.select();
  }

  end() {
    this.held = false;
    this.chip.deselect();
  }

  transfer(buf, off, n) {
    this.begin();
    if (this.trace) this.trace.push(Array.from(buf.subarray(off, off + Math.min(n, 3))));
    for (let i = 0; i < n; i++) buf[off + i] = this.chip.exchange(buf[off + i]);
    this.bytes += n;
    if (this.clock) this.clock.spend(n * this.msPerByte);
    this.end();
  }

  bulk(hdr, buf, off, len, flags) {
    const wasHeld = this.held;
    this.begin();
    if (hdr) {
      if (this.trace && !wasHeld) this.trace.push(Array.from(hdr.subarray(0, 3)));
      for (let i = 0; i < hdr.length; i++) this.chip.exchange(hdr[i]);
      this.bytes += hdr.length;
    }
    if (flags & SPI_WRITE) for (let i = 0; i < len; i++) this.chip.exchange(buf[off + i]);
    else for (let i = 0; i < len; i++) buf[off + i] = this.chip.exchange(0);
    this.bytes += len;
    if (this.clock) this.clock.spend(((hdr ? hdr.length : 0) + len) * this.msPerByte);
    if (!(flags & SPI_HOLD)) this.end();
  }
}

/** A virtual clock for tests: now() in ms, delay() advances it, and so does SPI traffic (spend). */
export class VirtualClock {
  constructor(t = 1000) { this.t = t; }
  now() { return this.t; }
  advance(ms) { this.t += ms; }
  spend(ms) { this.t += ms; }
}

/** A HAL for a driver in the bundle: mock bus + virtual clock. */
export function makeHal(chip, clock = new VirtualClock()) {
  const spi = new MockSpi(chip, clock);
  return { spi, clock, delay: (ms) => clock.advance(ms) };
}
