// The receive window we advertise, against a crafted peer (test/tcp/peer.mjs): bounded by the
// device's receive capacity as whole segments of our MSS, each counted with 66 bytes of headers,
// less one (at least one segment), or the ring's free space when smaller; while out-of-order data
// is held, the window last advertised (the same right edge, so that the sender counts duplicate
// ACKs: RFC 5681 4.2), even after reading opened more or when it was 0. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

for (const { name, lib } of builds) {
  describe(name + ': TCP receive window', () => {
    /** A 2000-byte receive ring filled by two 1000-byte segments: the window advertised is 0. */
    function fullRing() {
      const p = craftedPeer(lib);
      const F = lib.wire.TCP_FLAGS;
      const c = p.accept({ sockOpts: { rxBytes: 2000, ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: new Uint8Array(1000) });
      p.send({ seq: (c.rcv + 1000) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(1000) });
      assert.equal(p.out().pop().window, 0);
      return { p, F, c };
    }

    // Our MSS is 1460 (MTU 1500): a segment takes 1526 bytes of the device's buffer.
    for (const [cap, rxBytes, wnd] of [[2000, 4096, 1460], [4575, 8192, 1460], [4578, 8192, 2920], [20000, 32768, 17520], [20000, 1000, 1000]]) {
      test('a device holding ' + cap + ' bytes: the SYN-ACK and later ACKs offer ' + wnd, () => {
        const p = craftedPeer(lib);
        p.dev.rxCapacity = cap;
        const c = p.accept({ sockOpts: { rxBytes, ackDelay: 0 } });
        assert.equal(c.synAck.window, wnd);
        p.send({ seq: c.rcv, ack: c.snd, flags: lib.wire.TCP_FLAGS.Ack, data: new Uint8Array(100) });
        assert.equal(p.out().pop().window, Math.min(wnd, rxBytes - 100));
      });
    }

    test('while a hole lasts, duplicate ACKs repeat the advertised window though reading freed more', () => {
      const p = craftedPeer(lib);
      const F = lib.wire.TCP_FLAGS;
      const c = p.accept({ sockOpts: { rxBytes: 8192, ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: new Uint8Array(1000) });
      assert.equal(p.out().pop().window, 7192);
      // Reading 500 bytes opens less than an MSS: no update.
      assert.equal(c.sock.recv(new Uint8Array(500), 0, 500), 500);
      p.poll();
      assert.equal(p.out().length, 0);
      p.send({ seq: (c.rcv + 1500) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(300) });
      const dup = p.out().pop();
      assert.equal(dup.ack, (c.rcv + 1000) >>> 0);
      assert.equal(dup.window, 7192, 'the right edge advertised before');
      // The hole filled: the ACK now offers what is free.
      p.send({ seq: (c.rcv + 1000) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(500) });
      const ack = p.out().pop();
      assert.equal(ack.ack, (c.rcv + 1800) >>> 0);
      assert.equal(ack.window, 8192 - 1300);
    });

    test('a window advertised as 0 stays 0 on the duplicate ACKs of a hole, though reading freed some', () => {
      const { p, F, c } = fullRing();
      // 500 bytes read: less than min(MSS, half the ring), no update.
      assert.equal(c.sock.recv(new Uint8Array(500), 0, 500), 500);
      p.poll();
      assert.equal(p.out().length, 0);
      // An out-of-order segment within the freed space is kept; its duplicate ACK says 0 again.
      p.send({ seq: (c.rcv + 2100) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(100) });
      const dup = p.out().pop();
      assert.equal(dup.ack, (c.rcv + 2000) >>> 0);
      assert.equal(dup.window, 0);
    });

    test('the window scale we offer: 0 for a 65535-byte ring, 1 for 65536', () => {
      for (const [rxBytes, shift] of [[65535, 0], [65536, 1]]) {
        const p = craftedPeer(lib);
        const c = p.accept({ wscale: 0, sockOpts: { rxBytes } });
        assert.equal(c.synAck.wscale, shift, rxBytes + ' bytes');
      }
    });

    test('a peer without window scaling and a 64 KB ring: ACKs offer 65535, not 65536', () => {
      const p = craftedPeer(lib);
      const F = lib.wire.TCP_FLAGS;
      const c = p.accept({ sockOpts: { rxBytes: 65536, ackDelay: 0 } });
      assert.equal(c.synAck.wscale, -1);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: new Uint8Array(1460) });
      assert.equal(p.out().pop().window, 65536 - 1460);
      // All read: the window update offers the whole ring, capped to 65535 unscaled.
      assert.equal(c.sock.recv(new Uint8Array(2000), 0, 2000), 1460);
      p.poll();
      assert.equal(p.out().pop().window, 65535);
    });

    test('with our window scale 1, duplicate ACKs of a hole carry the advertised window scaled down', () => {
      const p = craftedPeer(lib);
      const F = lib.wire.TCP_FLAGS;
      const c = p.accept({ wscale: 0, sockOpts: { rxBytes: 100000, ackDelay: 0 } });
      assert.equal(c.synAck.wscale, 1);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: new Uint8Array(1000) });
      const w = p.out().pop().window;
      assert.equal(w, (100000 - 1000) >> 1);
      p.send({ seq: (c.rcv + 2000) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(100) });
      assert.equal(p.out().pop().window, w);
    });

    test('data taken beyond the advertised edge while a hole lasts: the ACK offers what is free', () => {
      const { p, F, c } = fullRing();
      assert.equal(c.sock.recv(new Uint8Array(500), 0, 500), 500);
      // A segment held out of order, then 100 bytes in order: past the edge advertised (0).
      p.send({ seq: (c.rcv + 2300) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(100) });
      p.out();
      p.send({ seq: (c.rcv + 2000) >>> 0, ack: c.snd, flags: F.Ack, data: new Uint8Array(100) });
      const ack = p.out().pop();
      assert.equal(ack.ack, (c.rcv + 2100) >>> 0);
      assert.equal(ack.window, 400);
    });
  });
}
