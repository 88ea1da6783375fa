// Shared set-up of the phy tests: a driver from the bundle over an emulator and the mock SPI.
import { makeHal, VirtualClock } from '../emu/mock-spi.mjs';

export const MAC = 0x020000000042;
export const PEER = 0x02000000aaaa;
export const BCAST = 0xffffffffffff;

export function bringUp(lib, chip, Emu, emuOpts = {}, devOpts = {}) {
  const clock = new VirtualClock();
  const emu = new Emu({ clock, ...emuOpts });
  const hal = makeHal(emu, clock);
  const dev = lib.startDevice({ chip, mac: MAC, spi: hal.spi, clock: hal.clock, delay: hal.delay, ...devOpts });
  return { emu, hal, dev, buf: new Uint8Array(1514) };
}

/** Receives every waiting frame: [lengths], copies of the frames in `frames`. */
export function drain(dev, buf, max = 64) {
  const frames = [];
  for (let i = 0; i < max; i++) {
    const n = dev.receive(buf, 0);
    if (n === 0) break;
    frames.push(buf.slice(0, n));
  }
  return frames;
}

export function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Lets emulated time pass (in small steps, bounded) until `done()` holds: a frame on the wire
 * completes, a lag ends. Virtual time only, no sleeping. Throws `what` when it never happens.
 */
export function waitFor(emu, hal, done, what, maxMs = 50) {
  for (let t = 0; t <= maxMs; t += 0.05) {
    if (done()) return;
    hal.clock.advance(0.05);
    emu.tick();
  }
  throw new Error('never happened within ' + maxMs + ' ms of emulated time: ' + what);
}

/** Waits (emulated time) until the chip has put n frames on the wire in all. */
export function waitSent(emu, hal, n) {
  waitFor(emu, hal, () => emu.sent.length >= n, n + ' frame(s) sent');
}
