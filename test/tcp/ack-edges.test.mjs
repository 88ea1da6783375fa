// Steps 1 and 4 of segment arrival at their edges, against a crafted peer (test/tcp/peer.mjs): a
// segment whose last byte is the next expected one is acceptable (its one new byte taken), one
// ending just before it is old (its ACK not taken); a segment without ACK is dropped; an old ACK
// is taken down to MAX(SND.WND) = max(65535, the largest window) below SND.UNA, a challenge ACK
// below that (RFC 5961 5.2). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP arrival edges', () => {
    const F = lib.wire.TCP_FLAGS;

    test('a segment overlapping the next number by one byte: that byte is taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      p.out();
      const d = pattern(10, 2);
      p.send({ seq: u32(c.rcv + 1), ack: c.snd, flags: F.Ack, data: d });
      assert.equal(p.out().pop().ack, u32(c.rcv + 11));
      const got = recvAll(c.sock);
      assert.equal(got.length, 11);
      assert.equal(got[10], d[9]);
    });

    test('an old segment ending just before the next number: its ACK of our data is not taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      p.out();
      c.sock.send(pattern(50, 3), 0, 50);
      p.poll();
      p.out();
      p.send({ seq: c.rcv, ack: u32(c.snd + 50), flags: F.Ack, data: pattern(10, 1) });
      const out = p.out();
      assert.equal(out.length, 1, 'an ACK for the old segment');
      assert.equal(c.sock.sendQueue(), 50, 'its acknowledgment not taken');
    });

    test('a segment from before the next number to the window\'s last byte is taken; one byte of window takes one byte', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 1000, ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(10, 1) });
      assert.equal(p.out().pop().window, 990);
      // [rcv + 5, rcv + 1000): 5 old bytes, then exactly the 990 of the window.
      const d = pattern(995, 2);
      p.send({ seq: u32(c.rcv + 5), ack: c.snd, flags: F.Ack, data: d });
      assert.equal(p.out().pop().ack, u32(c.rcv + 1000));
      const got = recvAll(c.sock);
      assert.equal(got.length, 1000);
      assert.deepEqual(got.subarray(10), d.subarray(5));
      // 999 bytes in, one byte of window: a 5-byte segment gives its first byte.
      p.send({ seq: u32(c.rcv + 1000), ack: c.snd, flags: F.Ack, data: pattern(999, 3) });
      p.out();
      p.send({ seq: u32(c.rcv + 1999), ack: c.snd, flags: F.Ack, data: pattern(5, 4) });
      assert.equal(p.out().pop().ack, u32(c.rcv + 2000));
    });

    test('SYN-RECEIVED: a SYN-ACK at the peer\'s ISN is no retransmitted SYN: a bare ACK answers it', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 5000, flags: F.Syn });
      const synAck = p.out()[0];
      p.send({ seq: 5000, ack: u32(synAck.seq + 1), flags: F.Syn | F.Ack });
      const out = p.out();
      assert.equal(out.length, 1);
      assert.equal(out[0].flags, F.Ack);
    });

    test('a data segment without ACK is dropped', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { ackDelay: 0 } });
      p.send({ seq: c.rcv, flags: 0, data: pattern(10, 4) });
      assert.equal(p.out().length, 0);
      assert.equal(recvAll(c.sock).length, 0);
    });

    test('close() in SYN-RECEIVED: the handshake\'s ACK moves the socket to FIN-WAIT-1', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 5000, flags: F.Syn });
      const synAck = p.out()[0];
      sock.close();
      p.send({ seq: 5001, ack: u32(synAck.seq + 1), flags: F.Ack });
      assert.equal(lib.socket.TCP_STATES[sock.state], 'FinWait1');
    });

    // Our sndUna moved 200000 bytes on so that far-back ACKs are in our sequence space.
    function far(window, wscale) {
      const p = craftedPeer(lib);
      const c = p.accept({ window, wscale, sockOpts: { txBytes: 65536, nagle: false } });
      let una = c.snd;
      const d = pattern(20000, 5);
      for (let i = 0; i < 1000 && u32(una - c.snd) < 200000; i++) {
        c.sock.send(d, 0, d.length);
        p.poll();
        for (const s of p.out()) if (s.data.length) una = u32(s.seq + s.data.length);
        p.send({ seq: c.rcv, ack: una, flags: F.Ack, window });
        p.out();
      }
      assert.equal(c.sock.sndUna, una);
      return { p, c, una };
    }

    test('a window up to 65535: an ACK 65535 behind is taken quietly, 65536 behind gets a challenge ACK', () => {
      const { p, c, una } = far(30000);
      p.send({ seq: c.rcv, ack: u32(una - 65535), flags: F.Ack, window: 30000 });
      assert.equal(p.out().length, 0);
      p.send({ seq: c.rcv, ack: u32(una - 65536), flags: F.Ack, window: 30000 });
      assert.equal(p.out().length, 1);
      assert.equal(c.sock.sndUna, una);
    });

    test('a scaled window of 160000: an ACK 100000 behind is taken quietly', () => {
      const { p, c, una } = far(40000, 2);
      p.send({ seq: c.rcv, ack: u32(una - 100000), flags: F.Ack, window: 40000 });
      assert.equal(p.out().length, 0);
      p.send({ seq: c.rcv, ack: u32(una - 160001), flags: F.Ack, window: 40000 });
      assert.equal(p.out().length, 1);
    });
  });
}
