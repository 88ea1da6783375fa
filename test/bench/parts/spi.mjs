// Bench part: SPI cost of moving 1,514-byte frames through each chip driver of the bundle,
// measured on the register-level emulators behind the mock SPI bus (bytes clocked, chip-select
// frames). Receive: one frame arrives, the driver is polled until it reports none (so the empty
// poll that ends each burst is counted). Transmit: frames one after the other, GAP_MS apart (the
// stack's own time between two frames, longer than a frame's wire time, so what is counted is the
// SPI work per frame, not polls waiting for the wire). The chips keep time with a virtual clock
// that SPI traffic moves; the periodic health check (link, reset detection) is pushed out of the
// run and measured apart.
import { Enc28j60Emu } from '../../emu/enc28j60.mjs';
import { W5500Emu } from '../../emu/w5500.mjs';
import { makeHal, VirtualClock } from '../../emu/mock-spi.mjs';
import { makeFrame } from '../../emu/crc32.mjs';

const MAC = 0x020000000042, PEER = 0x02000000aaaa, N = 60, LEN = 1514, GAP_MS = 2;

function measure(lib, chip, Emu) {
  const clock = new VirtualClock();
  const emu = new Emu({ clock });
  const hal = makeHal(emu, clock);
  const dev = lib.startDevice({ chip, mac: MAC, spi: hal.spi, clock: hal.clock, delay: hal.delay, checkMs: 1e9 });
  const spi = hal.spi, buf = new Uint8Array(LEN);
  const rxFrame = makeFrame(MAC, PEER, LEN, 1), txFrame = makeFrame(PEER, MAC, LEN, 2);
  const drain = () => { let k = 0; while (dev.receive(buf, 0) > 0) k++; return k; };
  for (let k = 0; k < 4; k++) { emu.inject(rxFrame); drain(); dev.transmit(txFrame, 0, LEN); clock.advance(GAP_MS); } // steady state
  spi.resetCounters();
  let got = 0;
  for (let k = 0; k < N; k++) { emu.inject(rxFrame); got += drain(); }
  if (got !== N) throw new Error(chip + ': received ' + got + ' of ' + N);
  const rx = { bytes: spi.bytes / (N * LEN), tx: spi.transactions / N };
  spi.resetCounters();
  for (let k = 0; k < 4; k++) emu.inject(rxFrame);
  got = drain();
  const burst = { bytes: spi.bytes / (got * LEN), tx: spi.transactions / got };
  spi.resetCounters();
  const sent0 = emu.sent.length;
  for (let k = 0; k < N; k++) {
    if (dev.transmit(txFrame, 0, LEN) !== 0) throw new Error(chip + ': transmit failed');
    clock.advance(GAP_MS);
  }
  emu.tick();
  if (emu.sent.length - sent0 !== N) throw new Error(chip + ': sent ' + (emu.sent.length - sent0));
  const tx = { bytes: spi.bytes / (N * LEN), tx: spi.transactions / N };
  spi.resetCounters();
  dev.check();
  const check = { bytes: spi.bytes, tx: spi.transactions };
  if (emu.violations.length) throw new Error(chip + ': ' + emu.violations.join('; '));
  return { rx, burst, tx, check };
}

const r3 = (x) => Math.round(x * 1000) / 1000;

export default async function ({ builds }) {
  const rows = [], json = {};
  for (const b of builds) {
    for (const [chip, Emu] of [['enc28j60', Enc28j60Emu], ['w5500', W5500Emu]]) {
      const m = measure(b.lib, chip, Emu);
      const tag = chip + ' (' + b.name + ')';
      rows.push([tag + ' rx SPI bytes / frame byte', r3(m.rx.bytes), 'one frame per poll burst, 1514 B']);
      rows.push([tag + ' tx SPI bytes / frame byte', r3(m.tx.bytes), GAP_MS + ' ms apart, 1514 B']);
      rows.push([tag + ' SPI transactions / rx frame', r3(m.rx.tx), 'incl. the empty poll after it']);
      rows.push([tag + ' rx burst of 4: bytes / byte', r3(m.burst.bytes), '']);
      rows.push([tag + ' rx burst of 4: transactions / frame', r3(m.burst.tx), '']);
      rows.push([tag + ' tx transactions / frame', r3(m.tx.tx), '']);
      rows.push([tag + ' health check (every 500 ms)', m.check.tx + ' tr / ' + m.check.bytes + ' B', 'link, reset detection']);
      if (b.name === 'default') {
        json['spi_bytes_per_byte_' + chip] = r3(Math.max(m.rx.bytes, m.tx.bytes));
        json['spi_tx_per_rx_frame_' + chip] = r3(m.rx.tx);
      }
    }
  }
  return { title: 'SPI cost per frame (emulated chips, 1,514-byte frames; bytes/byte = worse of rx and tx)', rows, json };
}
