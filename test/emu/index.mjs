// Chip emulators for tests and demos: a driver from the bundle over an emulated chip, and a cable
// between two emulated chips.
import { Enc28j60Emu } from './enc28j60.mjs';
import { W5500Emu } from './w5500.mjs';
import { makeHal, MockSpi, VirtualClock } from './mock-spi.mjs';

export { Enc28j60Emu, W5500Emu, MockSpi, VirtualClock, makeHal };

/**
 * Starts the bundle's driver for `chip` ('enc28j60' | 'w5500') on a fresh emulator.
 * Returns { dev, emu, hal } (hal.spi counts transactions and bytes, hal.clock is virtual).
 */
export function emulatedDevice(lib, chip, mac, emuOptions = {}, devOptions = {}, clock = new VirtualClock()) {
  const opts = { clock, ...emuOptions }; // the chip keeps time with the driver (wire time, lags)
  const emu = chip === 'w5500' ? new W5500Emu(opts) : new Enc28j60Emu(opts);
  const hal = makeHal(emu, clock);
  const dev = lib.startDevice({ chip, mac, spi: hal.spi, clock: hal.clock, delay: hal.delay, ...devOptions });
  return { dev, emu, hal };
}

/**
 * Plugs a cable between two emulated chips: what one transmits is injected into the other, at
 * once, or through `through(frame, deliver)` (loss, delay, capture...).
 */
export function cable(a, b, through = null) {
  const link = (from, to) => {
    from.onTransmit = (frame) => {
      if (through) through(frame, (f) => to.inject(f));
      else to.inject(frame);
    };
  };
  link(a, b);
  link(b, a);
}
