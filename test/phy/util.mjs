// Shared set-up of the phy tests: a driver from the bundle over an emulator and the mock SPI.
import { makeHal } from '../emu/mock-spi.mjs';

export const MAC = 0x020000000042;
export const PEER = 0x02000000aaaa;
export const BCAST = 0xffffffffffff;

export function bringUp(lib, chip, Emu, emuOpts = {}, devOpts = {}) {
  const emu = new Emu(emuOpts);
  const hal = makeHal(emu);
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
