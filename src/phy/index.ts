// Public surface of src/phy: re-exported by the node-sim board for tests.
//
// createDevice(chip, hal, options) starts an Enc28j60 or a W5500 (MACRAW) over a src/hal Hal and
// returns it as a Device; Loopback delivers what it transmits. Every device has `counters`, a
// Uint32Array indexed by RX_FRAMES ... RX_RESYNC (names in COUNTER_NAMES, countersObject() for
// display). Drivers also have check() (the periodic health check, run by themselves every
// options.checkMs) and start() (reset and set up again).
export { DeviceError } from './device';
export type { Device } from './device';
export type { ChipOptions } from './options';
export type { LoopbackOptions } from './loopback';
export { Enc28j60 } from './enc28j60';
export { W5500 } from './w5500';
export { Loopback } from './loopback';
export { createDevice } from './create';
export {
  RX_FRAMES, RX_DROP_CRC, RX_DROP_LENGTH, RX_DROP_STATUS, RX_OVERFLOW, TX_FRAMES, TX_ERRORS,
  TX_RETRIES, RESETS, TX_BUSY, BANK_WRITES, RX_RESYNC, COUNTER_COUNT, COUNTER_NAMES, countersObject,
} from './counters';

/** DeviceError values for tests (a const enum is not visible from the bundle). */
export var DEVICE_ERRORS = { Busy: -1, LinkDown: -2, TxFailed: -3, TooLong: -4 };
