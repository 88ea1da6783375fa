// An ENC28J60 and a W5500, each under its driver from the bundle, joined by an emulated cable.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { emulatedDevice, cable, VirtualClock } from '../emu/index.mjs';
import { makeFrame } from '../emu/crc32.mjs';
import { sameBytes } from './util.mjs';

const MAC_A = 0x020000000001, MAC_B = 0x020000000002;

for (const b of builds) {
  describe(b.name + ': ENC28J60 <-> W5500 over an emulated cable', () => {
    test('frames cross both ways, the cable hook sees each one, sizes 60..1514', () => {
      const clock = new VirtualClock(); // one time for both chips: a frame arrives after its wire time
      const A = emulatedDevice(b.lib, 'enc28j60', MAC_A, {}, {}, clock), B = emulatedDevice(b.lib, 'w5500', MAC_B, {}, {}, clock);
      // Polls `dev` until a frame arrives (the sender's chip finishes it meanwhile), bounded.
      const arrive = (dev, buf) => {
        for (let k = 0; k < 2000; k++) {
          const n = dev.receive(buf, 0);
          if (n > 0) return n;
          clock.advance(0.01);
          A.emu.tick(); B.emu.tick();
        }
        return 0;
      };
      const seen = [];
      cable(A.emu, B.emu, (frame, deliver) => { seen.push(frame.length); deliver(frame); });
      const buf = new Uint8Array(1514);
      for (const len of [60, 61, 590, 1513, 1514]) {
        const ab = makeFrame(MAC_B, MAC_A, len, len);
        assert.equal(A.dev.transmit(ab, 0, len), 0);
        assert.equal(arrive(B.dev, buf), len);
        assert.ok(sameBytes(buf.subarray(0, len), ab));
        const ba = makeFrame(MAC_A, MAC_B, len, len + 1);
        assert.equal(B.dev.transmit(ba, 0, len), 0);
        assert.equal(arrive(A.dev, buf), len);
        assert.ok(sameBytes(buf.subarray(0, len), ba));
      }
      assert.equal(seen.length, 10);
      assert.deepEqual(A.emu.violations, []);
      assert.deepEqual(B.emu.violations, []);
    });
  });
}
