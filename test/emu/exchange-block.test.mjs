// exchangeBlock(src, fill, n, out) of both emulators (used by the interpreter wiring, where a call
// per byte is slow) against exchange() byte by byte: the same driver traffic (bring-up, frames in
// of every size, frames out, ring wrap) through a bus of each kind leaves both emulators in the
// same state, with the same bytes read back and no violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { Enc28j60Emu } from './enc28j60.mjs';
import { W5500Emu } from './w5500.mjs';
import { MockSpi, VirtualClock } from './mock-spi.mjs';
import { makeFrame } from './crc32.mjs';

const SPI_WRITE = 1, SPI_HOLD = 2;
/** The mock bus with every multi-byte phase clocked through exchangeBlock. */
class BlockSpi extends MockSpi {
  transfer(buf, off, n) {
    this.begin();
    const out = new Uint8Array(n);
    this.chip.exchangeBlock(buf.subarray(off, off + n), 0, n, out);
    buf.set(out, off);
    this.bytes += n;
    this.end();
  }
  bulk(hdr, buf, off, len, flags) {
    this.begin();
    if (hdr) this.chip.exchangeBlock(hdr, 0, hdr.length, new Uint8Array(hdr.length));
    if (flags & SPI_WRITE) this.chip.exchangeBlock(buf.subarray(off, off + len), 0, len, new Uint8Array(len));
    else {
      const out = new Uint8Array(len);
      this.chip.exchangeBlock(null, 0, len, out);
      buf.set(out, off);
    }
    this.bytes += len;
    if (!(flags & SPI_HOLD)) this.end();
  }
}

function state(emu) {
  const parts = emu instanceof W5500Emu
    ? [emu.common, emu.txmem, emu.rxmem, ...emu.sock, [emu.n, emu.addr]]
    : [emu.mem, emu.regs, [emu.nbytes, emu.pktcnt, emu.wrpt]];
  return parts.map((p) => Array.from(p).join(',')).join('|');
}

for (const b of builds) {
  for (const [chip, Emu] of [['enc28j60', Enc28j60Emu], ['w5500', W5500Emu]]) {
    test(b.name + ': ' + chip + ' exchangeBlock leaves the emulator as exchange() byte by byte does', () => {
      const sides = [MockSpi, BlockSpi].map((Spi) => {
        const emu = new Emu(), clock = new VirtualClock(), spi = new Spi(emu);
        const dev = b.lib.startDevice({ chip, mac: 0x020000000042, spi, clock, delay: (ms) => clock.advance(ms) });
        return { emu, dev, got: [] };
      });
      const buf = new Uint8Array(1514);
      for (let round = 0; round < 40; round++) {
        const len = 60 + ((round * 379) % 1455);
        const f = makeFrame(0x020000000042, 0x02000000aaaa, len, round);
        for (const s of sides) {
          assert.ok(s.emu.inject(f));
          const n = s.dev.receive(buf, 0);
          s.got.push(Array.from(buf.subarray(0, n)).join(','));
          assert.equal(s.dev.transmit(f, 0, len), 0);
        }
        assert.equal(sides[1].got[round], sides[0].got[round], 'frame ' + round + ' read back the same');
        assert.equal(state(sides[1].emu), state(sides[0].emu), 'state after round ' + round);
      }
      for (const s of sides) assert.deepEqual(s.emu.violations, []);
      assert.equal(sides[1].emu.sent.length, 40);
      assert.deepEqual(sides[1].emu.sent.map((x) => Array.from(x).join(',')), sides[0].emu.sent.map((x) => Array.from(x).join(',')));
    });
  }
}
