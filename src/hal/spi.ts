/**
 * The SPI bus as a driver sees it. A *transaction* is one chip-select frame: chip select goes low
 * before the first byte and high after the last one (unless SPI_HOLD asks to keep it low).
 *
 * Buffers are always the caller's and are used in place: the bus never keeps them and, on the
 * driver side, nothing is allocated per call.
 */
export interface Spi {
  /**
   * One full-duplex transaction of n bytes: clocks out buf[off..off+n) and stores the n bytes
   * clocked in at the same place (register accesses: a few bytes in a driver's scratch buffer).
   */
  transfer(buf: Uint8Array, off: number, n: number): void;
  /**
   * A bulk transaction without copying: clocks out every byte of hdr (null or empty: none), then
   * len bytes of buf from off: clocked out when flags has SPI_WRITE, else clocked in (reading
   * clocks out zeros). With SPI_HOLD chip select stays low and the next call (transfer or bulk)
   * continues the same transaction; that is how a driver reads a length header and then exactly
   * the frame it announces in one chip-select frame.
   */
  bulk(hdr: Uint8Array | null, buf: Uint8Array, off: number, len: number, flags: number): void;
}

/** bulk() flag: bytes of buf are sent (else they are received). */
export var SPI_WRITE = 1;
/** bulk() flag: keep chip select asserted after this call. */
export var SPI_HOLD = 2;
