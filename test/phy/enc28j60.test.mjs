// ENC28J60 driver (from both bundles) against the register-level emulator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { Enc28j60Emu, ENC } from '../emu/enc28j60.mjs';
import { makeHal } from '../emu/mock-spi.mjs';
import { makeFrame, macBytes } from '../emu/crc32.mjs';
import { MAC, PEER, BCAST, bringUp, drain, sameBytes, waitFor, waitSent } from './util.mjs';

const up = (lib, emuOpts, devOpts) => bringUp(lib, 'enc28j60', Enc28j60Emu, emuOpts, devOpts);

for (const b of builds) {
  const lib = b.lib, P = lib.phy;
  describe(b.name + ': ENC28J60', () => {
    test('bring-up: half duplex with DEFER by default (a switch sees the chip as half duplex)', () => {
      const { emu, dev } = up(lib);
      const r = emu.regs;
      assert.deepEqual(emu.violations, []);
      assert.equal(emu.rxStart, 0);
      assert.equal(emu.rxEnd, 0x19ff);
      assert.equal(emu.hwRdpt, 0x19ff);
      assert.equal(emu.get16(0x04), 0x1a00, 'ETXST');
      assert.equal(r[ENC.ERXFCON], 0xa1, 'unicast + CRC + broadcast');
      assert.equal(r[ENC.MACON1], 0x01, 'MARXEN, no pause frames');
      assert.equal(r[ENC.MACON3], 0x32, 'padding, CRC, length check, half duplex');
      assert.equal(r[ENC.MACON4], 0x40, 'DEFER (IEEE 802.3 conformance)');
      assert.equal(emu.get16(ENC.MAMXFLL), 1518);
      assert.equal(r[ENC.MABBIPG], 0x12);
      assert.equal(r[ENC.MAIPGL], 0x12);
      assert.equal(r[64 + 7], 0x0c, 'MAIPGH');
      assert.equal(emu.phy[0], 0, 'PHCON1.PDPXMD clear, as FULDPX');
      assert.equal(emu.phy[0x10], 0x0100, 'PHCON2.HDLDIS');
      assert.deepEqual(emu.macBytes(), macBytes(MAC));
      assert.ok(r[ENC.ECON1] & 0x04, 'RXEN');
      assert.equal(dev.mac, MAC);
      assert.equal(dev.maxFrame, 1514);
      assert.equal(dev.rev, 6);
      assert.equal(dev.linkUp(), true);
    });

    test('full duplex (far end forced to full duplex) and multicast options', () => {
      const { emu } = up(lib, { peerFullDuplex: true }, { fullDuplex: true, multicast: true });
      assert.deepEqual(emu.violations, []);
      assert.equal(emu.regs[ENC.MACON1], 0x0d, 'MARXEN + pause frames');
      assert.equal(emu.regs[ENC.MACON3], 0x33, 'full duplex');
      assert.equal(emu.phy[0], 0x0100, 'PHCON1.PDPXMD matches FULDPX');
      assert.equal(emu.regs[ENC.MABBIPG], 0x15);
      assert.equal(emu.regs[ENC.ERXFCON], 0xa3);
    });

    test('default duplex against an ordinary switch: no frame lost under load', () => {
      const { emu, hal, dev } = up(lib);
      for (let k = 0; k < 20; k++) assert.equal(dev.transmit(makeFrame(PEER, MAC, 1514, k), 0, 1514), 0);
      waitSent(emu, hal, 20);
      assert.equal(emu.stats.duplexLost, 0);
      assert.deepEqual(emu.violations, []);
    });

    test('half duplex: a busy medium is deferred to (MACON4.DEFER), not an aborted frame', () => {
      const { emu, hal, dev } = up(lib);
      emu.fault.deferMs = 5; // beyond the excessive-deferral limit (2.4 ms)
      const a = makeFrame(PEER, MAC, 300, 1), c = makeFrame(PEER, MAC, 300, 2);
      assert.equal(dev.transmit(a, 0, a.length), 0);
      hal.clock.advance(6);
      assert.equal(dev.transmit(c, 0, c.length), 0);
      waitSent(emu, hal, 2);
      assert.equal(emu.stats.deferred, 1);
      assert.equal(dev.counters[P.TX_ERRORS] + dev.counters[P.TX_RETRIES], 0);
      assert.deepEqual(emu.violations, []);
    });

    test('receives frames of every size, with the CRC stripped, and filters by MAC', () => {
      const { emu, dev, buf } = up(lib);
      const sent = [makeFrame(MAC, PEER, 60, 1), makeFrame(MAC, PEER, 61, 2), makeFrame(BCAST, PEER, 342, 3),
        makeFrame(0x02000000beef, PEER, 100, 4), makeFrame(MAC, PEER, 1514, 5)];
      for (const f of sent) emu.inject(f);
      const got = drain(dev, buf);
      assert.equal(got.length, 4, 'the frame for another MAC is filtered by the chip');
      assert.ok(sameBytes(got[0], sent[0]));
      assert.ok(sameBytes(got[1], sent[1]));
      assert.ok(sameBytes(got[2], sent[2]));
      assert.ok(sameBytes(got[3], sent[4]));
      assert.equal(dev.counters[P.RX_FRAMES], 4);
      assert.equal(emu.pktcnt, 0, 'every frame was PKTDEC-ed');
      assert.equal(dev.receive(buf, 0), 0);
      assert.deepEqual(emu.violations, []);
    });

    test('receives at the caller\'s offset and writes nothing past the frame', () => {
      const { emu, dev } = up(lib);
      const big = new Uint8Array(2000).fill(0xee);
      const f = makeFrame(MAC, PEER, 333, 7);
      emu.inject(f);
      assert.equal(dev.receive(big, 101), 333);
      assert.ok(sameBytes(big.subarray(101, 434), f));
      assert.equal(big[100], 0xee);
      assert.equal(big[434], 0xee, 'the CRC is not copied into the caller\'s buffer');
    });

    test('frames that wrap the end of the receive ring arrive whole; ERXRDPT stays odd', () => {
      const { emu, dev, buf } = up(lib);
      let wrapped = 0;
      for (let k = 0; k < 40; k++) {
        const f = makeFrame(MAC, PEER, 700 + k, k);
        const start = emu.wrpt;
        assert.ok(emu.inject(f));
        if (start + 6 + f.length + 4 > 0x1a00) wrapped++;
        const n = dev.receive(buf, 0);
        assert.equal(n, f.length);
        assert.ok(sameBytes(buf.subarray(0, n), f), 'frame ' + k);
      }
      assert.ok(wrapped >= 3, 'several frames crossed ERXND (' + wrapped + ')');
      assert.equal(emu.rdptLatch, 0xff, 'ERXRDPTL stays 0xFF: ERXRDPT moves by odd page ends');
      assert.ok(emu.rxFree >= 0x1a00 - 0x0c00, 'the ring was given back as it was read (at most 3 KB held)');
      assert.deepEqual(emu.violations, []);
    });

    test('dropped frames (status vector) are counted and do not stop the receive loop', () => {
      const { emu, dev, buf } = up(lib, {}, { promiscuous: true });
      emu.regs[ENC.ERXFCON] = 0; // let the bad one in so that the driver sees its status vector
      emu.inject(makeFrame(MAC, PEER, 80, 1), { badCrc: true });
      emu.inject(makeFrame(MAC, PEER, 80, 2), { lengthError: true });
      emu.inject(makeFrame(MAC, PEER, 80, 3), { status: 0x00 });
      const good = makeFrame(MAC, PEER, 90, 4);
      emu.inject(good);
      const got = drain(dev, buf);
      assert.equal(got.length, 1);
      assert.ok(sameBytes(got[0], good));
      assert.equal(dev.counters[P.RX_DROP_CRC], 1);
      assert.equal(dev.counters[P.RX_DROP_LENGTH], 1);
      assert.equal(dev.counters[P.RX_DROP_STATUS], 1);
      assert.equal(emu.pktcnt, 0);
      const next = makeFrame(MAC, PEER, 200, 5);
      emu.inject(next);
      assert.equal(dev.receive(buf, 0), 200);
      assert.ok(sameBytes(buf.subarray(0, 200), next));
    });

    test('transmits with the control byte, ETXND at the last byte, padding by the chip', () => {
      const { emu, hal, dev } = up(lib);
      const f = makeFrame(PEER, MAC, 1514, 9);
      assert.equal(dev.transmit(f, 0, 1514), 0);
      waitSent(emu, hal, 1);
      assert.ok(sameBytes(emu.sent[0], f));
      assert.equal(emu.mem[0x1a00], 0, 'per-packet control byte');
      assert.equal(emu.get16(0x06), 0x1a00 + 1514, 'ETXND');
      const small = new Uint8Array(100);
      small.set(makeFrame(PEER, MAC, 42, 1), 10);
      assert.equal(dev.transmit(small, 10, 42), 0);
      waitSent(emu, hal, 2);
      assert.equal(emu.sent[1].length, 60);
      assert.ok(sameBytes(emu.sent[1].subarray(0, 42), small.subarray(10, 52)));
      assert.equal(dev.transmit(f, 0, 1515), P.DEVICE_ERRORS.TooLong);
      assert.equal(dev.counters[P.TX_FRAMES], 2);
      assert.deepEqual(emu.violations, []);
    });

    test('a frame holds TXRTS for its wire time: the next one waits for it by time, the buffer untouched meanwhile', () => {
      const { emu, hal, dev } = up(lib);
      const a = makeFrame(PEER, MAC, 1514, 1), c = makeFrame(PEER, MAC, 1514, 2);
      assert.equal(dev.transmit(a, 0, 1514), 0);
      assert.equal(emu.sent.length, 0, 'still on the wire (1.2 ms at 10 Mb/s)');
      assert.equal(emu.regs[ENC.ECON1] & 0x08, 0x08, 'TXRTS set');
      assert.equal(dev.transmit(c, 0, 1514), 0);
      waitSent(emu, hal, 2);
      assert.ok(sameBytes(emu.sent[0], a));
      assert.ok(sameBytes(emu.sent[1], c));
      assert.equal(dev.counters[P.TX_ERRORS], 0);
      assert.deepEqual(emu.violations, []);
    });

    test('transmit error: only a late collision (status vector) is retried, up to 16 times; TXRTS cleared before TXRST', () => {
      const { emu, hal, dev } = up(lib);
      const a = makeFrame(PEER, MAC, 300, 1), c = makeFrame(PEER, MAC, 301, 2);
      emu.fault.txErrors = 1;
      dev.transmit(a, 0, a.length);
      waitFor(emu, hal, () => emu.stats.txAborts === 1, 'first attempt aborted');
      assert.equal(emu.sent.length, 0, 'first attempt aborted');
      assert.equal(dev.transmit(c, 0, c.length), 0);
      waitSent(emu, hal, 2);
      assert.ok(sameBytes(emu.sent[0], a), 'retried');
      assert.ok(sameBytes(emu.sent[1], c));
      assert.equal(dev.counters[P.TX_RETRIES], 1);
      assert.equal(dev.tsv[3] & 0x20, 0x20, 'status vector read: late collision');
      emu.fault.txErrors = 100;
      dev.transmit(a, 0, a.length);
      dev.transmit(c, 0, c.length);
      assert.equal(dev.counters[P.TX_ERRORS], 1, 'given up after the bounded retries');
      assert.equal(dev.counters[P.TX_RETRIES], 17);
      emu.fault.txErrors = 0;
      dev.transmit(a, 0, a.length); // finishes c first: its late collision is retried, and goes out
      waitSent(emu, hal, 4);
      assert.ok(sameBytes(emu.sent[2], c), 'the transmitter works again');
      assert.ok(sameBytes(emu.sent[3], a));
      assert.equal(dev.counters[P.TX_RETRIES], 18);
      // Excessive collisions (bit 28): the MAC already tried 16 times; not retried.
      emu.fault.txExcessive = 1;
      dev.transmit(a, 0, a.length);
      dev.transmit(c, 0, c.length);
      waitSent(emu, hal, 5);
      assert.ok(sameBytes(emu.sent[4], c));
      assert.equal(dev.counters[P.TX_ERRORS], 2);
      assert.equal(dev.counters[P.TX_RETRIES], 18);
      assert.deepEqual(emu.violations, []);
    });

    test('a transmission that never ends: Busy meanwhile, cancelled (TXRTS, then TXRST) after 4 s, next frame goes out', () => {
      const { emu, hal, dev, buf } = up(lib);
      emu.fault.txStuck = 1;
      const a = makeFrame(PEER, MAC, 300, 1), c = makeFrame(PEER, MAC, 400, 2), r = makeFrame(MAC, PEER, 500, 3);
      assert.equal(dev.transmit(a, 0, a.length), 0);
      assert.ok(emu.inject(r));
      assert.equal(dev.transmit(c, 0, c.length), P.DEVICE_ERRORS.Busy);
      assert.equal(dev.counters[P.TX_BUSY], 1);
      hal.clock.advance(4001);
      assert.equal(dev.transmit(c, 0, c.length), 0);
      assert.equal(dev.counters[P.TX_ERRORS], 1);
      assert.equal(emu.stats.txCancelled, 1);
      waitSent(emu, hal, 1);
      assert.ok(sameBytes(emu.sent[0], c));
      assert.equal(dev.receive(buf, 0), 500, 'the frame received meanwhile is still there');
      assert.deepEqual(emu.violations, []);
    });

    test('receive buffer overflow: counted, stored frames intact, reception continues', () => {
      const { emu, hal, dev, buf } = up(lib);
      const frames = [];
      for (let k = 0; k < 8; k++) { const f = makeFrame(MAC, PEER, 1514, k); if (emu.inject(f)) frames.push(f); }
      assert.ok(emu.stats.overflows > 0, 'the emulator overflowed');
      hal.clock.advance(1000);
      const got = drain(dev, buf);
      assert.equal(dev.counters[P.RX_OVERFLOW], 1);
      assert.equal(emu.regs[ENC.EIR] & 1, 0, 'RXERIF cleared');
      assert.equal(got.length, frames.length);
      got.forEach((g, k) => assert.ok(sameBytes(g, frames[k])));
      for (let k = 0; k < 10; k++) {
        const f = makeFrame(MAC, PEER, 1514, 50 + k);
        assert.ok(emu.inject(f), 'room again after the driver released the ring');
        assert.equal(dev.receive(buf, 0), 1514);
      }
    });

    test('link down and up, read from PHSTAT2 at the health check', () => {
      const { emu, hal, dev } = up(lib);
      const f = makeFrame(PEER, MAC, 100, 1);
      emu.setLink(false);
      hal.clock.advance(1000);
      assert.equal(dev.linkUp(), false);
      assert.equal(dev.transmit(f, 0, 100), P.DEVICE_ERRORS.LinkDown);
      emu.setLink(true);
      hal.clock.advance(1000);
      assert.equal(dev.linkUp(), true);
      assert.equal(dev.transmit(f, 0, 100), 0);
    });

    test('a chip reset in the middle of traffic is detected and the chip set up again', () => {
      const { emu, hal, dev, buf } = up(lib);
      emu.inject(makeFrame(MAC, PEER, 500, 1));
      emu.inject(makeFrame(MAC, PEER, 500, 2));
      assert.equal(dev.receive(buf, 0), 500);
      emu.glitchReset();
      assert.equal(emu.inject(makeFrame(MAC, PEER, 500, 3)), false, 'a reset chip does not receive');
      hal.clock.advance(1000);
      assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RESETS], 1);
      assert.equal(emu.regs[ENC.ERXFCON], 0xa1);
      assert.equal(emu.rxEnd, 0x19ff);
      const f = makeFrame(MAC, PEER, 777, 4);
      assert.ok(emu.inject(f));
      assert.equal(dev.receive(buf, 0), 777);
      assert.ok(sameBytes(buf.subarray(0, 777), f));
      assert.equal(dev.transmit(f, 0, 777), 0);
      waitSent(emu, hal, 1);
      assert.deepEqual(emu.violations, []);
    });

    test('a corrupt receive header resets the receive logic (resync) and reception continues', () => {
      const { emu, dev, buf } = up(lib);
      emu.inject(makeFrame(MAC, PEER, 100, 1));
      emu.corruptNextHeader(0);
      assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RX_RESYNC], 1);
      const f = makeFrame(MAC, PEER, 123, 2);
      assert.ok(emu.inject(f));
      assert.equal(dev.receive(buf, 0), 123);
      assert.ok(sameBytes(buf.subarray(0, 123), f));
    });

    test('a next-packet pointer past the end of the receive ring is refused even when the distance looks right', () => {
      const { emu, dev, buf } = up(lib);
      // Read frames until the next one crosses the ring's end (0x19FF), where the chip's pointer
      // wraps to the start; then write that pointer unwrapped (0x1A00 higher): the distance from the
      // header is the frame's true length, only the range check can tell.
      let k = 0;
      for (; k < 40; k++) {
        const f = makeFrame(MAC, PEER, 700, k);
        if (emu.wrpt + 6 + f.length + 4 > 0x1a00) break;
        assert.ok(emu.inject(f));
        assert.equal(dev.receive(buf, 0), f.length);
      }
      assert.ok(k < 40, 'reached the end of the ring');
      const start = emu.wrpt;
      assert.ok(emu.inject(makeFrame(MAC, PEER, 700, 99)));
      const next = emu.mem[start] | (emu.mem[(start + 1) & 0x1fff] << 8);
      assert.ok(next < start, 'the chip wrapped the pointer');
      const bad = next + 0x1a00;
      emu.mem[start] = bad & 255; emu.mem[(start + 1) & 0x1fff] = bad >> 8;
      assert.equal(dev.receive(buf, 0), 0, 'the frame is not delivered');
      assert.equal(dev.counters[P.RX_RESYNC], 1);
      const f = makeFrame(MAC, PEER, 321, 3);
      assert.ok(emu.inject(f));
      assert.equal(dev.receive(buf, 0), 321, 'reception continues after the resync');
      assert.ok(sameBytes(buf.subarray(0, 321), f));
    });

    for (const stuck of [0xff, 0x00]) {
      test('a chip that stops answering (0x' + stuck.toString(16) + ') mid-traffic: no throw, link down, back when it answers', () => {
        const { emu, hal, dev, buf } = up(lib);
        emu.inject(makeFrame(MAC, PEER, 100, 1));
        emu.fault.absent = stuck;
        for (let k = 0; k < 3; k++) dev.receive(buf, 0);
        hal.clock.advance(1000);
        assert.equal(dev.receive(buf, 0), 0);
        assert.equal(dev.linkUp(), false);
        const before = hal.spi.transactions;
        for (let k = 0; k < 10; k++) assert.equal(dev.receive(buf, 0), 0);
        assert.equal(hal.spi.transactions, before, 'a dead chip is left alone until the next health check');
        assert.equal(dev.transmit(buf, 0, 60), P.DEVICE_ERRORS.LinkDown);
        emu.fault.absent = null;
        hal.clock.advance(1000);
        assert.equal(dev.linkUp(), true);
        const f = makeFrame(MAC, PEER, 222, 2);
        assert.ok(emu.inject(f));
        assert.equal(drain(dev, buf).filter((g) => sameBytes(g, f)).length, 1);
      });
    }

    for (const stuck of [0xff, 0x00]) {
      test('an absent chip (MISO reads 0x' + stuck.toString(16) + ') is a clear Error at start-up', () => {
        const emu = new Enc28j60Emu();
        emu.fault.absent = stuck;
        const hal = makeHal(emu);
        assert.throws(() => lib.startDevice({ chip: 'enc28j60', mac: MAC, spi: hal.spi, clock: hal.clock, delay: hal.delay }),
          /ENC28J60 not responding.*check wiring/);
      });
    }

    test('a chip that never sets CLKRDY is an Error, not a hang', () => {
      const emu = new Enc28j60Emu();
      emu.fault.neverReady = true;
      const hal = makeHal(emu);
      assert.throws(() => lib.startDevice({ chip: 'enc28j60', mac: MAC, spi: hal.spi, clock: hal.clock, delay: hal.delay }), /CLKRDY/);
    });

    test('bad options are clear Errors', () => {
      const emu = new Enc28j60Emu();
      const hal = makeHal(emu);
      assert.throws(() => lib.startDevice({ chip: 'enc28j60', spi: hal.spi }), /options\.mac/);
      assert.throws(() => lib.startDevice({ chip: 'enc28j60', mac: 0x010000000001, spi: hal.spi }), /unicast/);
      assert.throws(() => lib.startDevice({ chip: 'rtl8139', mac: MAC, spi: hal.spi }), /enc28j60' or 'w5500/);
    });

    test('the bank is cached: no bank write when the bank does not change', () => {
      const { emu, dev, buf } = up(lib);
      assert.equal(dev.counters[P.BANK_WRITES] > 0, true);
      assert.equal(dev.receive(buf, 0), 0); // selects bank 1 for EPKTCNT
      const before = emu.stats.bankWrites;
      for (let k = 0; k < 5; k++) assert.equal(dev.receive(buf, 0), 0);
      assert.equal(emu.stats.bankWrites - before, 0, 'empty polls stay in bank 1');
      const mark = emu.stats.bankWrites, mine = dev.counters[P.BANK_WRITES];
      for (let k = 0; k < 10; k++) { emu.inject(makeFrame(MAC, PEER, 1514, k)); assert.equal(dev.receive(buf, 0), 1514); }
      const chip = emu.stats.bankWrites - mark;
      assert.ok(chip <= 10, 'at most one bank switch per frame on average (' + chip + ')');
      assert.ok(dev.counters[P.BANK_WRITES] - mine >= chip, 'driver count agrees with the chip');
    });

    test('counters read as an object', () => {
      const { emu, dev, buf } = up(lib);
      emu.inject(makeFrame(MAC, PEER, 100, 1));
      drain(dev, buf);
      const o = P.countersObject(dev.counters);
      assert.equal(o.rxFrames, 1);
      assert.equal(o.txFrames, 0);
      assert.equal(P.COUNTER_NAMES.length, P.COUNTER_COUNT);
    });

    test('the interrupt line follows EPKTCNT', () => {
      const { emu, dev, buf } = up(lib);
      let falls = 0;
      emu.onIrq = () => falls++;
      emu.inject(makeFrame(MAC, PEER, 100, 1));
      assert.equal(emu.irqLow, true);
      assert.equal(falls, 1);
      drain(dev, buf);
      assert.equal(emu.irqLow, false, 'released once drained');
    });
  });
}
