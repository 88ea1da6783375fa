// W5500 driver (MACRAW on socket 0, from both bundles) against the register-level emulator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { W5500Emu } from '../emu/w5500.mjs';
import { makeHal } from '../emu/mock-spi.mjs';
import { makeFrame, macBytes } from '../emu/crc32.mjs';
import { MAC, PEER, BCAST, bringUp, drain, sameBytes, waitSent } from './util.mjs';

const up = (lib, emuOpts, devOpts) => bringUp(lib, 'w5500', W5500Emu, emuOpts, devOpts);

for (const b of builds) {
  const lib = b.lib, P = lib.phy;
  describe(b.name + ': W5500', () => {
    test('bring-up: all buffer memory to socket 0, MACRAW with MAC filter, socket open', () => {
      const { emu, dev } = up(lib);
      assert.deepEqual(emu.violations, []);
      assert.equal(emu.sock[0][0], 0xb4, 'Sn_MR = MACRAW | MFEN | MMB | MIP6B');
      assert.equal(emu.sr, 0x42, 'SOCK_MACRAW');
      assert.equal(emu.rxSize, 16384);
      assert.equal(emu.txSize, 16384);
      for (let s = 1; s < 8; s++) { assert.equal(emu.sock[s][0x1e], 0); assert.equal(emu.sock[s][0x1f], 0); }
      assert.deepEqual(Array.from(emu.common.subarray(9, 15)), macBytes(MAC));
      assert.ok(emu.stats.resets >= 1, 'reset through MR.RST');
      assert.equal(dev.linkUp(), true);
      assert.equal(dev.maxFrame, 1514);
    });

    test('multicast and promiscuous options set Sn_MR', () => {
      assert.equal(up(lib, {}, { multicast: true }).emu.sock[0][0], 0x94);
      assert.equal(up(lib, {}, { promiscuous: true }).emu.sock[0][0], 0x24);
    });

    test('receives frames whole through the 2-byte length header; the chip filters', () => {
      const { emu, dev, buf } = up(lib);
      const sent = [makeFrame(MAC, PEER, 60, 1), makeFrame(MAC, PEER, 61, 2), makeFrame(BCAST, PEER, 342, 3),
        makeFrame(0x02000000beef, PEER, 100, 4), makeFrame(MAC, PEER, 1514, 5)];
      for (const f of sent) emu.inject(f);
      const got = drain(dev, buf);
      assert.equal(got.length, 4);
      assert.ok(sameBytes(got[0], sent[0]));
      assert.ok(sameBytes(got[1], sent[1]));
      assert.ok(sameBytes(got[2], sent[2]));
      assert.ok(sameBytes(got[3], sent[4]));
      assert.equal(dev.counters[P.RX_FRAMES], 4);
      assert.deepEqual(emu.violations, []);
    });

    test('pointers wrap past 0xFFFF and the buffer end: frames and transmit stay whole', () => {
      const { emu, hal, dev, buf } = up(lib, { ptrBase: 0xfe00 });
      let crossed = 0;
      for (let k = 0; k < 40; k++) {
        const f = makeFrame(MAC, PEER, 900 + k, k);
        const before = emu.p.rxWr;
        assert.ok(emu.inject(f));
        if (before > emu.p.rxWr) crossed++;
        assert.equal(dev.receive(buf, 0), f.length);
        assert.ok(sameBytes(buf.subarray(0, f.length), f), 'frame ' + k);
      }
      assert.ok(crossed >= 1, 'RX_WR went past 0xFFFF');
      let txCrossed = 0;
      for (let k = 0; k < 30; k++) {
        const f = makeFrame(PEER, MAC, 1000 + k, k);
        const before = emu.p.txWr;
        assert.equal(dev.transmit(f, 0, f.length), 0);
        if (before > emu.p.txWr) txCrossed++;
        waitSent(emu, hal, k + 1);
        assert.ok(sameBytes(emu.sent[k], f), 'sent ' + k);
      }
      assert.ok(txCrossed >= 1, 'TX_WR went past 0xFFFF');
      assert.deepEqual(emu.violations, []);
    });

    test('RSR that changes between two reads is read again until two reads agree', () => {
      const { emu, dev, buf } = up(lib);
      const a = makeFrame(MAC, PEER, 200, 1), c = makeFrame(MAC, PEER, 300, 2);
      emu.inject(a);
      let reads = 0;
      emu.beforeRead = (bsb, addr) => {
        if (bsb === 1 && addr === 0x26 && ++reads === 1) emu.inject(c); // a frame lands during the first read
      };
      const got = drain(dev, buf);
      emu.beforeRead = null;
      assert.equal(got.length, 2);
      assert.ok(sameBytes(got[0], a));
      assert.ok(sameBytes(got[1], c));
      assert.ok(reads >= 3);
    });

    test('transmit: frame written at TX_WR, SEND, SEND_OK cleared before the next one', () => {
      const { emu, hal, dev } = up(lib);
      const f = makeFrame(PEER, MAC, 1514, 9);
      assert.equal(dev.transmit(f, 0, 1514), 0);
      waitSent(emu, hal, 1);
      assert.ok(sameBytes(emu.sent[0], f));
      assert.equal(emu.sock[0][2] & 0x10, 0x10, 'SEND_OK pending');
      const g = new Uint8Array(80);
      g.set(makeFrame(PEER, MAC, 60, 2), 20);
      assert.equal(dev.transmit(g, 20, 60), 0);
      waitSent(emu, hal, 2);
      assert.ok(sameBytes(emu.sent[1], g.subarray(20, 80)));
      assert.equal(emu.stats.commands[0x20], 2);
      assert.equal(dev.transmit(f, 0, 2000), P.DEVICE_ERRORS.TooLong);
      assert.equal(dev.counters[P.TX_FRAMES], 2);
      assert.deepEqual(emu.violations, []);
    });

    test('a SEND takes wire time: at 10 Mb/s the next frame waits for SEND_OK by time; unread frames survive', () => {
      const { emu, hal, dev, buf } = up(lib, { speed: 10 });
      const r = makeFrame(MAC, PEER, 700, 5);
      assert.ok(emu.inject(r));
      const a = makeFrame(PEER, MAC, 1514, 1), c = makeFrame(PEER, MAC, 1514, 2);
      assert.equal(dev.transmit(a, 0, 1514), 0);
      assert.equal(emu.sent.length, 0, 'on the wire for 1.23 ms');
      assert.equal(dev.transmit(c, 0, 1514), 0);
      waitSent(emu, hal, 2);
      assert.ok(sameBytes(emu.sent[0], a));
      assert.ok(sameBytes(emu.sent[1], c));
      assert.equal(dev.counters[P.TX_ERRORS], 0);
      assert.equal(emu.stats.sendAborted, 0, 'no frame cut off by CLOSE/OPEN');
      assert.equal(dev.receive(buf, 0), 700);
      assert.ok(sameBytes(buf.subarray(0, 700), r));
      assert.deepEqual(emu.violations, []);
    });

    test('a SEND that never completes: Busy meanwhile, given up after 100 ms without reopening the socket', () => {
      const { emu, hal, dev, buf } = up(lib);
      emu.fault.sendStuck = 1;
      const a = makeFrame(PEER, MAC, 300, 1), c = makeFrame(PEER, MAC, 400, 2), r = makeFrame(MAC, PEER, 321, 3);
      assert.equal(dev.transmit(a, 0, a.length), 0);
      assert.ok(emu.inject(r));
      assert.equal(dev.transmit(c, 0, c.length), P.DEVICE_ERRORS.Busy);
      assert.equal(dev.counters[P.TX_BUSY], 1);
      hal.clock.advance(101);
      assert.equal(dev.transmit(c, 0, c.length), 0);
      assert.equal(dev.counters[P.TX_ERRORS], 1);
      waitSent(emu, hal, 1);
      assert.ok(sameBytes(emu.sent[0], c));
      assert.equal(emu.stats.commands[0x01], 1, 'socket 0 opened once, at start-up');
      assert.equal(dev.receive(buf, 0), 321, 'the frame received meanwhile is still there');
      assert.ok(sameBytes(buf.subarray(0, 321), r));
      assert.deepEqual(emu.violations, []);
    });

    test('VERSIONR reads 0 for a while after reset: start-up waits for it (bounded)', () => {
      const { emu, dev } = up(lib, { versionZeroMs: 8 });
      assert.equal(emu.sr, 0x42);
      assert.equal(dev.linkUp(), true);
      assert.throws(() => up(lib, { versionZeroMs: 5000 }), /W5500 not responding \(VERSIONR reads 0x00/);
    });

    test('Sn_SR lags OPEN and CLOSE: the driver waits for SOCK_MACRAW, and for SOCK_CLOSED before OPEN', () => {
      const { emu, hal, dev, buf } = up(lib, { srLagMs: 0.5 });
      assert.equal(emu.sr, 0x42);
      assert.deepEqual(emu.violations, []);
      emu.sock[0][3] = 0x22; // the socket left MACRAW (e.g. a glitch): the health check reopens it
      hal.clock.advance(1000);
      assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RESETS], 1);
      assert.equal(emu.sr, 0x42);
      const f = makeFrame(MAC, PEER, 99, 1);
      assert.ok(emu.inject(f));
      assert.equal(dev.receive(buf, 0), 99);
      assert.deepEqual(emu.violations, []);
    });

    test('MAC filter as on hardware: IPv6 frames blocked (MIP6B), IPv4 multicast by option, other multicast never', () => {
      const v6 = makeFrame(0x333300000001, PEER, 90, 1, 0x86dd);
      const v4m = makeFrame(0x01005e000001, PEER, 91, 2);
      const stp = makeFrame(0x0180c2000000, PEER, 92, 3, 0x0026);
      for (const multicast of [false, true]) {
        const { emu, dev, buf } = up(lib, {}, { multicast });
        emu.inject(v6); emu.inject(v4m); emu.inject(stp);
        const got = drain(dev, buf);
        assert.deepEqual(got.map((g) => g.length), multicast ? [91] : [], 'multicast: ' + multicast);
      }
    });

    test('receive buffer overflow: the chip drops what does not fit, what it kept arrives whole', () => {
      const { emu, dev, buf } = up(lib);
      const kept = [];
      for (let k = 0; k < 14; k++) { const f = makeFrame(MAC, PEER, 1514, k); if (emu.inject(f)) kept.push(f); }
      assert.ok(emu.stats.overflows > 0);
      const got = drain(dev, buf);
      assert.equal(got.length, kept.length);
      got.forEach((g, k) => assert.ok(sameBytes(g, kept[k])));
      for (let k = 0; k < 20; k++) {
        const f = makeFrame(MAC, PEER, 1514, 40 + k);
        assert.ok(emu.inject(f), 'room again: frame ' + k);
        assert.equal(dev.receive(buf, 0), 1514);
        assert.ok(sameBytes(buf.subarray(0, 1514), f));
      }
      assert.deepEqual(emu.violations, []);
    });

    test('a corrupt length header resynchronises on RX_WR and reception continues', () => {
      const { emu, dev, buf } = up(lib);
      emu.inject(makeFrame(MAC, PEER, 100, 1));
      emu.corruptLength(emu.p.rxRd);
      assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RX_RESYNC], 1);
      const f = makeFrame(MAC, PEER, 321, 2);
      emu.inject(f);
      assert.equal(dev.receive(buf, 0), 321);
      assert.ok(sameBytes(buf.subarray(0, 321), f));
      assert.deepEqual(emu.violations, []);
    });

    test('a frame longer than maxFrame (e.g. 802.1Q, 1518 bytes) is dropped and counted, the next one arrives', () => {
      const { emu, dev, buf } = up(lib);
      const big = new Uint8Array(1600);
      emu.inject(makeFrame(MAC, PEER, 1518, 1));
      const f = makeFrame(MAC, PEER, 64, 2);
      emu.inject(f);
      assert.equal(dev.receive(big, 10), 64);
      assert.ok(sameBytes(big.subarray(10, 74), f));
      assert.equal(big[10 + 1514], 0, 'nothing written past maxFrame');
      assert.equal(dev.counters[P.RX_DROP_LENGTH], 1);
    });

    test('a plausible length beyond RSR is looked at again (a frame being written), then resynchronised', () => {
      const { emu, dev, buf } = up(lib);
      emu.inject(makeFrame(MAC, PEER, 100, 1));
      const at = emu.p.rxRd;
      emu.rxmem[at % 16384] = 1000 >> 8; emu.rxmem[(at + 1) % 16384] = 1000 & 255;
      for (let k = 0; k < 3; k++) assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RX_RESYNC], 0, 'patient for a few polls');
      assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RX_RESYNC], 1);
      const f = makeFrame(MAC, PEER, 99, 2);
      emu.inject(f);
      assert.equal(dev.receive(buf, 0), 99);
      assert.ok(sameBytes(buf.subarray(0, 99), f));
      assert.deepEqual(emu.violations, []);
    });

    test('link down and up from PHYCFGR', () => {
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

    test('a chip reset in the middle of traffic is detected and the socket opened again', () => {
      const { emu, hal, dev, buf } = up(lib);
      emu.inject(makeFrame(MAC, PEER, 500, 1));
      assert.equal(dev.receive(buf, 0), 500);
      emu.glitchReset();
      hal.clock.advance(1000);
      assert.equal(dev.receive(buf, 0), 0);
      assert.equal(dev.counters[P.RESETS], 1);
      assert.equal(emu.sr, 0x42);
      assert.equal(emu.rxSize, 16384);
      const f = makeFrame(MAC, PEER, 777, 4);
      assert.ok(emu.inject(f));
      assert.equal(dev.receive(buf, 0), 777);
      assert.ok(sameBytes(buf.subarray(0, 777), f));
      assert.equal(dev.transmit(f, 0, 777), 0);
      waitSent(emu, hal, 1);
      assert.ok(sameBytes(emu.sent[emu.sent.length - 1], f));
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
        const emu = new W5500Emu();
        emu.fault.absent = stuck;
        const hal = makeHal(emu);
        assert.throws(() => lib.startDevice({ chip: 'w5500', mac: MAC, spi: hal.spi, clock: hal.clock, delay: hal.delay }),
          /W5500 not responding.*check wiring/);
      });
    }

    test('a reset that never ends is an Error, not a hang', () => {
      const emu = new W5500Emu();
      emu.fault.neverReady = true;
      const hal = makeHal(emu);
      assert.throws(() => lib.startDevice({ chip: 'w5500', mac: MAC, spi: hal.spi, clock: hal.clock, delay: hal.delay }), /did not leave reset/);
    });

    test('commands are waited for (Sn_CR busy for a few reads)', () => {
      const { emu, hal, dev, buf } = up(lib, { cmdReads: 3 });
      for (let k = 0; k < 12; k++) {
        emu.inject(makeFrame(MAC, PEER, 1514, k));
        assert.equal(dev.receive(buf, 0), 1514);
        assert.equal(dev.transmit(buf, 0, 1514), 0);
      }
      waitSent(emu, hal, 12);
      assert.deepEqual(emu.violations, []);
    });

    test('interrupt mode: the line falls on a frame and rises once the buffer is drained', () => {
      const { emu, dev, buf } = up(lib, {}, { irq: true });
      assert.equal(emu.common[0x18], 1, 'SIMR socket 0');
      assert.equal(emu.sock[0][0x2c], 0x04, 'Sn_IMR RECV');
      let falls = 0;
      emu.onIrq = () => falls++;
      emu.inject(makeFrame(MAC, PEER, 100, 1));
      assert.equal(emu.irqLow, true);
      assert.equal(falls, 1);
      assert.equal(drain(dev, buf).length, 1);
      assert.equal(emu.irqLow, false);
      emu.inject(makeFrame(MAC, PEER, 100, 2));
      assert.equal(falls, 2);
    });
  });
}
