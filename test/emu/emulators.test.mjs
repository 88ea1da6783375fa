// The emulators themselves, driven byte by byte through the mock bus (no driver involved): the
// chip behaviours the drivers rely on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Enc28j60Emu } from './enc28j60.mjs';
import { W5500Emu } from './w5500.mjs';
import { MockSpi, VirtualClock } from './mock-spi.mjs';

const xfer = (spi, bytes) => { const b = Uint8Array.from(bytes); spi.transfer(b, 0, b.length); return Array.from(b); };

describe('ENC28J60 emulator', () => {
  test('RCR: ETH registers answer in the 2nd byte, MAC/MII registers after a dummy byte', () => {
    const emu = new Enc28j60Emu(), spi = new MockSpi(emu);
    xfer(spi, [0x80 | 0x1f, 0x02]); // BFS ECON1: bank 2
    xfer(spi, [0x40 | 0x02, 0x33]); // WCR MACON3
    assert.deepEqual(xfer(spi, [0x02, 0, 0]), [0, 0, 0x33]);
    assert.equal(xfer(spi, [0x1f, 0])[1], 0x02, 'ECON1 (ETH, any bank): no dummy byte');
    xfer(spi, [0x80 | 0x02, 0x01]); // BFS on a MAC register
    assert.match(emu.violations[0], /BFS\/BFC on MAC\/MII/);
  });

  test('RBM auto-increments and wraps from ERXND to ERXST', () => {
    const emu = new Enc28j60Emu(), spi = new MockSpi(emu);
    emu.set16(0x08, 0x0100); emu.set16(0x0a, 0x01ff); emu.set16(0x00, 0x01fe);
    emu.mem[0x1fe] = 1; emu.mem[0x1ff] = 2; emu.mem[0x100] = 3; emu.mem[0x101] = 4;
    const out = new Uint8Array(4);
    spi.bulk(Uint8Array.of(0x3a), out, 0, 4, 0);
    assert.deepEqual(Array.from(out), [1, 2, 3, 4]);
    assert.equal(emu.get16(0x00), 0x102);
  });

  test('exchangeBlock (bulk RBM / WBM, used inside Espruino) clocks the same bytes as exchange()', () => {
    const run = (bulk) => {
      const emu = new Enc28j60Emu();
      emu.set16(0x08, 0x0100); emu.set16(0x0a, 0x01ff);
      for (let i = 0; i < 8192; i++) emu.mem[i] = (i * 7) & 255;
      const seq = [];
      const go = (bytes) => {
        emu.select();
        const out = new Uint8Array(bytes.length);
        if (bulk) emu.exchangeBlock(bytes, 0, bytes.length, out);
        else for (let i = 0; i < bytes.length; i++) out[i] = emu.exchange(bytes[i]);
        emu.deselect();
        seq.push(...out);
      };
      emu.set16(0x00, 0x01f0); go([0x3a, ...new Array(40).fill(0)]); // RBM across ERXND -> ERXST
      emu.set16(0x00, 0x1ff0); go([0x3a, ...new Array(40).fill(0)]); // RBM above ERXND: 0x1fff -> 0
      emu.set16(0x02, 0x1ff8); go([0x7a, ...Array.from({ length: 20 }, (_, i) => i + 1)]); // WBM across 0x1fff
      go([0x1f, 0]); // RCR ECON1, a register access
      return { seq, mem: Array.from(emu.mem), erdpt: emu.get16(0x00), ewrpt: emu.get16(0x02) };
    };
    assert.deepEqual(run(true), run(false));
  });

  test('inject writes a frame across the end of the receive ring', () => {
    const emu = new Enc28j60Emu(), spi = new MockSpi(emu);
    emu.set16(0x08, 0x0100); emu.set16(0x0a, 0x03ff); emu.wrpt = 0x3f0; emu.hwRdpt = 0x3ef; emu.regs[0x1f] |= 0x04;
    const f = Uint8Array.from({ length: 300 }, (_, i) => (i < 6 ? 0xff : i & 255));
    assert.ok(emu.inject(f));
    emu.set16(0x00, 0x3f0 + 6);
    const out = new Uint8Array(300);
    spi.bulk(Uint8Array.of(0x3a), out, 0, 300, 0);
    assert.deepEqual(Array.from(out), Array.from(f));
  });

  test('PKTDEC decrements EPKTCNT and clears PKTIF at zero; ERXRDPT takes effect on its high byte, after its low byte', () => {
    const emu = new Enc28j60Emu(), spi = new MockSpi(emu);
    emu.set16(0x08, 0); emu.set16(0x0a, 0x19ff); emu.wrpt = 0;
    xfer(spi, [0x40 | 0x0c, 0xff]);
    assert.equal(emu.hwRdpt, 0x05fa, 'low byte alone does not move it');
    xfer(spi, [0x40 | 0x0d, 0x19]);
    assert.equal(emu.hwRdpt, 0x19ff);
    assert.deepEqual(emu.violations, []);
    xfer(spi, [0x40 | 0x0d, 0x19]);
    assert.match(emu.violations[0], /ERXRDPTH written without ERXRDPTL/);
    emu.violations.length = 0;
    xfer(spi, [0x80 | 0x1f, 0x04]); // RXEN
    assert.ok(emu.inject(Uint8Array.from({ length: 60 }, (_, i) => (i < 6 ? 0xff : i))));
    assert.equal(emu.pktcnt, 1);
    xfer(spi, [0x80 | 0x1e, 0x40]);
    assert.equal(emu.pktcnt, 0);
    assert.equal(emu.regs[0x1c] & 0x40, 0);
  });

  test('an absent chip answers only its stuck level', () => {
    const emu = new Enc28j60Emu(), spi = new MockSpi(emu);
    emu.fault.absent = 0xff;
    assert.deepEqual(xfer(spi, [0x12 | 0x60, 0]), [0xff, 0xff]);
  });
});

describe('W5500 emulator', () => {
  test('address phase, control byte, auto-increment; VERSIONR is 4', () => {
    const emu = new W5500Emu(), spi = new MockSpi(emu);
    assert.equal(xfer(spi, [0x00, 0x39, 0x00, 0])[3], 4);
    xfer(spi, [0x00, 0x09, 0x04, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(Array.from(emu.common.subarray(9, 15)), [1, 2, 3, 4, 5, 6]);
    xfer(spi, [0x00, 0x00, 0x01, 0]);
    assert.match(emu.violations[0], /fixed-length/);
  });

  test('buffer addresses are reduced modulo the socket buffer size', () => {
    const emu = new W5500Emu(), spi = new MockSpi(emu);
    xfer(spi, [0x00, 0x1e, (1 << 3) | 4, 16, 16]); // socket 0: 16 KB each way
    for (let s = 1; s < 8; s++) xfer(spi, [0x00, 0x1e, ((4 * s + 1) << 3) | 4, 0, 0]);
    xfer(spi, [0xff, 0xfe, (2 << 3) | 4, 7, 8, 9]); // TX buffer at 0xFFFE: wraps
    assert.deepEqual([emu.txmem[0x3ffe], emu.txmem[0x3fff], emu.txmem[0]], [7, 8, 9]);
    assert.deepEqual(emu.violations, []);
  });

  test('MACRAW: OPEN, inject with a 2-byte length header, RSR, RECV', () => {
    const emu = new W5500Emu({ ptrBase: 0xfff0 }), spi = new MockSpi(emu);
    xfer(spi, [0x00, 0x1e, (1 << 3) | 4, 16, 16]);
    for (let s = 1; s < 8; s++) xfer(spi, [0x00, 0x1e, ((4 * s + 1) << 3) | 4, 0, 0]);
    xfer(spi, [0x00, 0x00, (1 << 3) | 4, 0x04]); // Sn_MR MACRAW, no filter
    xfer(spi, [0x00, 0x01, (1 << 3) | 4, 0x01]); // OPEN
    while (xfer(spi, [0x00, 0x01, 1 << 3, 0])[3] !== 0); // taken
    assert.equal(xfer(spi, [0x00, 0x03, 1 << 3, 0])[3], 0x42);
    const f = Uint8Array.from({ length: 40 }, (_, i) => i);
    assert.ok(emu.inject(f));
    const rsr = xfer(spi, [0x00, 0x26, 1 << 3, 0, 0]);
    assert.equal((rsr[3] << 8) | rsr[4], 42);
    const got = xfer(spi, [0xff, 0xf0, 3 << 3, ...new Array(42).fill(0)]).slice(3);
    assert.deepEqual(got.slice(0, 2), [0, 42]);
    assert.deepEqual(got.slice(2), Array.from(f));
    xfer(spi, [0x00, 0x28, (1 << 3) | 4, 0x00, 0x1a]); // RX_RD = 0xFFF0 + 42 = 0x001A
    xfer(spi, [0x00, 0x01, (1 << 3) | 4, 0x40]); // RECV
    const early = xfer(spi, [0x00, 0x26, 1 << 3, 0, 0]);
    assert.equal((early[3] << 8) | early[4], 42, 'RSR settles only once the chip has taken RECV');
    assert.equal(xfer(spi, [0x00, 0x01, 1 << 3, 0])[3], 0x40, 'Sn_CR still shows RECV');
    assert.equal(xfer(spi, [0x00, 0x01, 1 << 3, 0])[3], 0, 'taken');
    const after = xfer(spi, [0x00, 0x26, 1 << 3, 0, 0]);
    assert.equal((after[3] << 8) | after[4], 0);
    assert.deepEqual(emu.violations, []);
  });
});

describe('emulated time', () => {
  test('W5500: VERSIONR 0 after reset, Sn_SR lags OPEN, SEND takes wire time at the link speed', () => {
    const clock = new VirtualClock();
    const emu = new W5500Emu({ clock, speed: 10, versionZeroMs: 2, srLagMs: 0.5 }), spi = new MockSpi(emu);
    assert.equal(xfer(spi, [0x00, 0x39, 0x00, 0])[3], 0, 'VERSIONR right after power-on');
    clock.advance(2);
    assert.equal(xfer(spi, [0x00, 0x39, 0x00, 0])[3], 4);
    xfer(spi, [0x00, 0x00, (1 << 3) | 4, 0x04]); // Sn_MR MACRAW
    xfer(spi, [0x00, 0x01, (1 << 3) | 4, 0x01]); // OPEN
    xfer(spi, [0x00, 0x01, 1 << 3, 0]);
    assert.equal(xfer(spi, [0x00, 0x01, 1 << 3, 0])[3], 0, 'Sn_CR back to 0');
    assert.equal(xfer(spi, [0x00, 0x03, 1 << 3, 0])[3], 0, 'Sn_SR not yet MACRAW');
    clock.advance(0.5);
    assert.equal(xfer(spi, [0x00, 0x03, 1 << 3, 0])[3], 0x42);
    xfer(spi, [0x00, 0x00, (2 << 3) | 4, ...new Array(1514).fill(1)]);
    xfer(spi, [0x00, 0x24, (1 << 3) | 4, 1514 >> 8, 1514 & 255]);
    xfer(spi, [0x00, 0x01, (1 << 3) | 4, 0x20]); // SEND
    assert.equal(emu.sent.length, 0);
    clock.advance(1.2);
    emu.tick();
    assert.equal(emu.sent.length, 0, '1514 bytes take 1.23 ms at 10 Mb/s');
    clock.advance(0.05);
    emu.tick();
    assert.equal(emu.sent.length, 1);
    assert.equal(emu.sock[0][2] & 0x10, 0x10, 'SEND_OK');
  });

  test('ENC28J60: TXRTS held for the wire time; clearing it cancels; TXRST with TXRTS set is a violation', () => {
    const clock = new VirtualClock();
    const emu = new Enc28j60Emu({ clock }), spi = new MockSpi(emu);
    emu.set16(0x04, 0x1a00); emu.set16(0x06, 0x1a00 + 100);
    xfer(spi, [0x80 | 0x1f, 0x08]); // TXRTS
    assert.equal(xfer(spi, [0x1f, 0])[1] & 0x08, 0x08);
    clock.advance(0.09);
    assert.equal(xfer(spi, [0x1f, 0])[1] & 0x08, 0x08, '100 bytes: 0.1 ms on the wire');
    clock.advance(0.01);
    assert.equal(xfer(spi, [0x1f, 0])[1] & 0x08, 0, 'done');
    assert.equal(xfer(spi, [0x1c, 0])[1] & 0x08, 0x08, 'TXIF');
    assert.equal(emu.sent.length, 1);
    xfer(spi, [0x80 | 0x1f, 0x08]);
    xfer(spi, [0xa0 | 0x1f, 0x08]); // the host clears TXRTS: cancelled
    clock.advance(1);
    xfer(spi, [0x1f, 0]);
    assert.equal(emu.sent.length, 1);
    assert.equal(emu.stats.txCancelled, 1);
    xfer(spi, [0x80 | 0x1f, 0x08]);
    xfer(spi, [0x80 | 0x1f, 0x80]);
    assert.match(emu.violations[0], /TXRST with TXRTS set/);
  });
});
