// The src/hal Spi contract on an Espruino SPI object. A transaction is SPIx.send(data, cs) (the
// interpreter lowers and raises chip select); a bulk transfer drives chip select itself so that a
// header and a frame, or a length and then the frame, share one chip-select frame.
// What cannot be avoided on Espruino: SPIx.send returns a new Uint8Array of what came in, and the
// bytes to send are passed as a subarray view (one block, freed when the call returns). No view is
// cached: a cache must know whether the buffer is the one it viewed, and Espruino's === compares
// two typed arrays by their contents, as strings (src/ARCHITECTURE.md), which cost more than the
// view (measured: 76,000 machine instructions per register access with a 3-byte buffer, 142,000
// with 9 bytes, against 30,000 for subarray). The library itself allocates nothing on the packet
// path.
import { Spi, SPI_WRITE, SPI_HOLD } from '../../src/hal/spi';
import { copyBytes } from '../../src/storage/copy';

export function espruinoSpi(spi: EspruinoSPI, cs: EspruinoPin): Spi {
  let held = false;
  const readReq = { data: 0, count: 0 };

  return {
    transfer: function (buf: Uint8Array, off: number, n: number): void {
      const v = buf.subarray(off, off + n);
      buf.set(held ? spi.send(v) : spi.send(v, cs), off);
    },
    bulk: function (hdr: Uint8Array | null, buf: Uint8Array, off: number, len: number, flags: number): void {
      if (!held) { digitalWrite(cs, 0); held = true; }
      if (hdr && hdr.length) spi.write(hdr);
      if (len > 0) {
        if (flags & SPI_WRITE) {
          spi.write(buf.subarray(off, off + len));
        } else {
          readReq.count = len;
          // A frame comes as a new array: copyBytes moves a large one as 32-bit words.
          copyBytes(spi.send(readReq), 0, buf, off, len);
        }
      }
      if (!(flags & SPI_HOLD)) { digitalWrite(cs, 1); held = false; }
    },
  };
}
