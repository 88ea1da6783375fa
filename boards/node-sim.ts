// The simulator board: the whole stack for Node (tests, bench, demo). It exports every layer so
// that tests can drive each one through the same bundle a board would run.
import { createDevice } from '../src/phy/create';
import { Device } from '../src/phy/device';
import { ChipOptions } from '../src/phy/options';
import { Spi } from '../src/hal/spi';
import { Clock, OutPin, InPin } from '../src/hal/pins';

export * as wire from '../src/wire/index';
export * as storage from '../src/storage/index';
export * as socket from '../src/socket/index';
export * as iface from '../src/iface/index';
export * as phy from '../src/phy/index';
export * as hal from '../src/hal/index';
export * as app from '../src/app/index';
export var board = 'node-sim';
export var noAlloc = NO_ALLOC;

/** Options of the simulator's startDevice: a chip, an SPI bus object from the caller (the test
 *  emulators' mock bus), optional clock / delay / reset and interrupt pins, and ChipOptions. */
export interface SimDeviceOptions extends ChipOptions {
  chip: string;
  spi: Spi;
  clock?: Clock;
  delay?: (ms: number) => void;
  reset?: OutPin;
  int?: InPin;
}

/** Builds the chip driver over a caller's SPI bus: the same code path as a board's startDevice. */
export function startDevice(options: SimDeviceOptions): Device {
  const clock = options.clock || { now: function () { return Date.now(); } };
  const delay = options.delay || function (ms: number) {
    const end = clock.now() + ms;
    for (let i = 0; i < 1e7 && clock.now() < end; i++) { /* busy-wait (start-up only) */ }
  };
  return createDevice(options.chip, { spi: options.spi, clock: clock, delay: delay, reset: options.reset, irq: options.int }, options);
}
