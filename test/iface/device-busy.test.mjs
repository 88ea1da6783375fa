// A device that refuses a frame (the chip still sending the previous one answers Busy): a queued
// datagram or echo request stays queued and goes out on its own shortly after, with no other event
// to wake its socket. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { captureDevice, frameBuilder, MAC_PEER } from './frames.mjs';

for (const { name, lib } of builds) {
  describe(name + ': device busy on transmit', () => {
    const R = lib.iface.RESULTS;
    const F = frameBuilder(lib);

    /** An interface whose device refuses its first `busy` frames. */
    function setup(busy) {
      const dev = captureDevice();
      const send = dev.transmit;
      dev.transmit = function (buf, off, len) {
        if (busy > 0) {
          busy--;
          return -1;
        }
        return send.call(this, buf, off, len);
      };
      const iface = new lib.iface.Interface({ device: dev, ip: '10.0.0.1', prefix: 24, seed: 9 });
      iface.neighbors.fill(F.A('10.0.0.2'), MAC_PEER, 0);
      return { dev, iface };
    }

    /** Polls whenever the interface asks to be, up to `until` ms; returns the times it polled. */
    function runUntil(iface, until) {
      const times = [];
      let now = 0;
      for (let k = 0; k < 1000; k++) {
        iface.poll(now);
        times.push(now);
        const at = iface.pollAt(now);
        if (at < 0 || at > until) break;
        now = at > now ? at : now + 0.25;
      }
      return times;
    }

    test('a UDP datagram refused twice goes out by itself within a few ms', () => {
      const { dev, iface } = setup(2);
      const s = new lib.socket.UdpSocket();
      iface.add(s);
      assert.equal(s.bind(5000), 0);
      assert.equal(s.sendTo(Uint8Array.of(1, 2, 3), 0, 3, F.A('10.0.0.2'), 7), 3);
      runUntil(iface, 10);
      assert.equal(iface.counters[R.TxDeviceError], 2, 'refused twice');
      assert.equal(dev.sent.length, 1, 'then sent, with no other event');
      assert.equal(s.canSend(1472), true, 'the queue is empty again');
    });

    test('an echo request refused once goes out by itself', () => {
      const { dev, iface } = setup(1);
      const s = new lib.socket.IcmpSocket();
      iface.add(s);
      s.bind(42);
      assert.equal(s.sendEcho(F.A('10.0.0.2'), 1, new Uint8Array(8), 0, 8), 8);
      runUntil(iface, 10);
      assert.equal(iface.counters[R.TxDeviceError], 1);
      assert.equal(dev.sent.length, 1);
    });
  });
}
