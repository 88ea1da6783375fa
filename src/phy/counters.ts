/**
 * Driver counters: one Uint32Array per device (`device.counters`), indexed by these numbers, so
 * that counting allocates nothing. Names for display are in COUNTER_NAMES, same order.
 */
export const RX_FRAMES = 0;
/** Dropped: the chip flagged a CRC error. */
export const RX_DROP_CRC = 1;
/** Dropped: length too short, too long for maxFrame, or the chip's length-check error. */
export const RX_DROP_LENGTH = 2;
/** Dropped: the chip did not mark the frame received OK. */
export const RX_DROP_STATUS = 3;
/** Receive buffer overflows seen (frames lost inside the chip). */
export const RX_OVERFLOW = 4;
export const TX_FRAMES = 5;
/** Transmissions that failed (after the bounded retries) or never completed. */
export const TX_ERRORS = 6;
/** Retransmissions done by the TXERIF workaround. */
export const TX_RETRIES = 7;
/** Chip re-initialisations after a reset or a lost configuration was detected. */
export const RESETS = 8;
/** transmit() refused because the chip had no room or was still sending. */
export const TX_BUSY = 9;
/** ENC28J60 bank-select writes (the bank is cached, this shows how well). */
export const BANK_WRITES = 10;
/** Receive ring resynchronisations (corrupt header or pointer: pending frames discarded). */
export const RX_RESYNC = 11;
export const COUNTER_COUNT = 12;
export const COUNTER_NAMES = ['rxFrames', 'rxDropCrc', 'rxDropLength', 'rxDropStatus', 'rxOverflow',
  'txFrames', 'txErrors', 'txRetries', 'resets', 'txBusy', 'bankWrites', 'rxResync'];

/** Counters as a plain object (configuration time / display only: allocates). */
export function countersObject(c: Uint32Array): { [name: string]: number } {
  const o: { [name: string]: number } = {};
  for (let i = 0; i < COUNTER_COUNT; i++) o[COUNTER_NAMES[i]] = c[i];
  return o;
}
