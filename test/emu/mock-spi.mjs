// Mock SPI bus implementing the src/hal Spi contract (transfer / bulk with SPI_WRITE, SPI_HOLD) on
// top of a chip model with select() / exchange(byteOut) -> byteIn / deselect(). Counts
// transactions (chip-select frames) and bytes clocked.
export const SPI_WRITE = 1;
export const SPI_HOLD = 2;

export class MockSpi {
  constructor(chip) {
    this.chip = chip;
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
    if (!(flags & SPI_HOLD)) this.end();
  }
}

/** A virtual clock for tests: now() in ms, delay() advances it. */
export class VirtualClock {
  constructor(t = 1000) { this.t = t; }
  now() { return this.t; }
  advance(ms) { this.t += ms; }
}

/** A HAL for a driver in the bundle: mock bus + virtual clock. */
export function makeHal(chip, clock = new VirtualClock()) {
  const spi = new MockSpi(chip);
  return { spi, clock, delay: (ms) => clock.advance(ms) };
}
