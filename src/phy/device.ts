/**
 * The Device contract: what the interface needs from a raw-frame Ethernet device.
 *
 * Frames are whole Ethernet II frames without the CRC (destination MAC first). Buffers are always
 * the caller's: a device never allocates on the receive or transmit path.
 */
export interface Device {
  /** Largest frame, in bytes, this device can receive or transmit (1514 for Ethernet). */
  readonly maxFrame: number;
  /** Our MAC address as a 48-bit number (see src/wire/mac.ts). */
  readonly mac: number;
  /**
   * Copies the next received frame into buf at off (at most maxFrame bytes) and returns its length;
   * 0 when no frame is waiting. Never throws on a bad frame: the device drops and counts it.
   */
  receive(buf: Uint8Array, off: number): number;
  /** Sends len bytes of buf from off. Returns 0 when the frame was handed to the chip, or a
   *  negative DeviceError when it could not be (busy, link down, transmit error). */
  transmit(buf: Uint8Array, off: number, len: number): number;
  /** Link state as last seen by the device. */
  linkUp(): boolean;
  /**
   * Bytes of received frames the device buffers between two polls, its per-frame overhead
   * included (optional: absent means no limit worth telling). TCP keeps its advertised window
   * within it, so that a sender's burst does not overflow the chip.
   */
  readonly rxCapacity?: number;
  /** Driver counters indexed by the constants of src/phy/counters.ts (optional). */
  readonly counters?: Uint32Array;
}

/** Negative codes returned by Device.transmit. */
export const enum DeviceError {
  Busy = -1,
  LinkDown = -2,
  TxFailed = -3,
  TooLong = -4,
}
