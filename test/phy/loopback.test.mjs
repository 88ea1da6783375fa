// Loopback device and the mock SPI bus's transaction accounting.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { MockSpi } from '../emu/mock-spi.mjs';

for (const b of builds) {
  const P = b.lib.phy;
  describe(b.name + ': Loopback', () => {
    test('delivers what it transmits, in order, from and to the callers\' offsets', () => {
      const dev = new P.Loopback({ slots: 3 });
      const src = new Uint8Array(200);
      for (let i = 0; i < 200; i++) src[i] = i;
      assert.equal(dev.transmit(src, 10, 60), 0);
      assert.equal(dev.transmit(src, 100, 70), 0);
      const out = new Uint8Array(1600);
      assert.equal(dev.receive(out, 5), 60);
      assert.deepEqual(Array.from(out.subarray(5, 65)), Array.from(src.subarray(10, 70)));
      assert.equal(dev.receive(out, 0), 70);
      assert.equal(out[0], 100);
      assert.equal(dev.receive(out, 0), 0);
      assert.equal(dev.counters[P.RX_FRAMES], 2);
      assert.equal(dev.counters[P.TX_FRAMES], 2);
    });

    test('bounded queue: Busy when full, TooLong over maxFrame, LinkDown when unplugged', () => {
      const dev = new P.Loopback({ slots: 2, maxFrame: 100 });
      const f = new Uint8Array(100);
      assert.equal(dev.transmit(f, 0, 100), 0);
      assert.equal(dev.transmit(f, 0, 50), 0);
      assert.equal(dev.transmit(f, 0, 50), P.DEVICE_ERRORS.Busy);
      assert.equal(dev.counters[P.TX_BUSY], 1);
      assert.equal(dev.transmit(f, 0, 101), P.DEVICE_ERRORS.TooLong);
      assert.equal(dev.receive(f, 0), 100);
      assert.equal(dev.transmit(f, 0, 10), 0, 'room again');
      assert.equal(dev.pending(), 2);
      dev.setLink(false);
      assert.equal(dev.linkUp(), false);
      assert.equal(dev.transmit(f, 0, 10), P.DEVICE_ERRORS.LinkDown);
    });

    test('the ring of slots wraps many times', () => {
      const dev = new P.Loopback({ slots: 3 });
      const f = new Uint8Array(64), out = new Uint8Array(1514);
      for (let k = 0; k < 50; k++) {
        f[0] = k;
        assert.equal(dev.transmit(f, 0, 20 + k), 0);
        assert.equal(dev.receive(out, 0), 20 + k);
        assert.equal(out[0], k);
      }
    });
  });
}

for (const b of builds) {
  test(b.name + ': hal exports the bulk flags', () => {
    assert.equal(b.lib.hal.SPI_WRITE, 1);
    assert.equal(b.lib.hal.SPI_HOLD, 2);
    assert.equal(typeof b.lib.phy.createDevice, 'function');
    assert.throws(() => b.lib.phy.createDevice('enc28j60', {}, { mac: 2 }), /hal\.spi must provide/);
  });
}

describe('mock SPI bus', () => {
  test('counts one transaction per chip-select frame, also across SPI_HOLD', () => {
    const seen = [];
    const chip = { select() { seen.push('sel'); }, deselect() { seen.push('desel'); }, exchange(x) { seen.push(x); return x ^ 0xff; } };
    const spi = new MockSpi(chip);
    const io = new Uint8Array([1, 2, 3]);
    spi.transfer(io, 0, 2);
    assert.deepEqual(Array.from(io), [0xfe, 0xfd, 3]);
    const buf = new Uint8Array(4);
    spi.bulk(new Uint8Array([9]), buf, 0, 2, 2);
    spi.bulk(null, buf, 2, 2, 0);
    assert.equal(spi.transactions, 2);
    assert.equal(spi.bytes, 7);
    assert.deepEqual(seen, ['sel', 1, 2, 'desel', 'sel', 9, 0, 0, 0, 0, 'desel']);
  });
});
