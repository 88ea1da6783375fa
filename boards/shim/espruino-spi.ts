// The src/hal Spi contract on an Espruino SPI object. A transaction is SPIx.send(data, cs) (the
// interpreter lowers and raises chip select); a bulk transfer drives chip select itself so that a
// header and a frame, or a length and then the frame, share one chip-select frame.
// What cannot be avoided on Espruino: SPIx.send returns a new Uint8Array of what came in, and a
// frame at an offset is passed as a view. Register accesses reuse cached views of the driver's
// scratch buffer; the library itself allocates nothing on the packet path.
import { Spi, SPI_WRITE, SPI_HOLD } from '../../src/hal/spi';
import { copyBytes } from '../../src/storage/copy';

export function espruinoSpi(spi: EspruinoSPI, cs: EspruinoPin): Spi {
  let held = false;
  let vbuf: Uint8Array | null = null;
  let views: Uint8Array[] = [];
  const readReq = { data: 0, count: 0 };

  function view(buf: Uint8Array, off: number, n: number): Uint8Array {
    if (off === 0 && n <= 16) {
      if (buf !== vbuf) { vbuf = buf; views = []; }
      return views[n] || (views[n] = new Uint8Array(buf.buffer, buf.byteOffset, n));
    }
    return new Uint8Array(buf.buffer, buf.byteOffset + off, n);
  }

  return {
    transfer: function (buf: Uint8Array, off: number, n: number): void {
      const r = held ? spi.send(view(buf, off, n)) : spi.send(view(buf, off, n), cs);
      buf.set(r, off);
    },
    bulk: function (hdr: Uint8Array | null, buf: Uint8Array, off: number, len: number, flags: number): void {
      if (!held) { digitalWrite(cs, 0); held = true; }
      if (hdr && hdr.length) spi.write(hdr);
      if (len > 0) {
        if (flags & SPI_WRITE) {
          spi.write(view(buf, off, len));
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
