// TCP limits and options against the crafted peer: receiver silly-window avoidance (a window
// update once reading opened an MSS, none for less), the SYN's unscaled window at a 64 KB ring,
// the challenge-ACK rate limit (RFC 5961 7), the out-of-order range option, and a socket used
// before it is in a set. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP limits against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;
    const E = lib.socket.SOCKET_ERRORS;

    for (const rxBytes of [8192, 131072]) {
      test('window updates after reading: none for less than an MSS, one once an MSS is free again (' + rxBytes + '-byte ring)', () => {
        const p = craftedPeer(lib);
        const c = p.accept({ mss: 1000, wscale: 0, sockOpts: { rxBytes, ackDelay: 0 } });
        // A peer's shift of 0 still enables scaling (RFC 7323 2.3): a 128 KB ring needs our shift.
        assert.ok(rxBytes > 65535 ? c.synAck.wscale >= 1 : c.synAck.wscale >= 0, 'our shift: ' + c.synAck.wscale);
        const buf = new Uint8Array(1000);
        // Part full: reading a little changes nothing the peer needs to hear.
        const part = 4000;
        for (let off = 0; off < part; off += 1000) p.send({ seq: u32(c.rcv + off), ack: c.snd, flags: F.Ack, data: pattern(1000, off) });
        assert.ok(p.out().pop().window > 0);
        assert.equal(c.sock.recv(buf, 0, 100), 100);
        p.poll();
        assert.deepEqual(p.out(), [], 'no window update for 100 bytes of an open window');
        // Then fill the ring completely.
        const total = rxBytes + 100;
        for (let off = part; off < total; off += 1000) {
          const n = Math.min(1000, total - off);
          p.send({ seq: u32(c.rcv + off), ack: c.snd, flags: F.Ack, data: pattern(n, off) });
        }
        const last = p.out().pop();
        assert.equal(last.ack, u32(c.rcv + total));
        assert.equal(last.window, 0, 'the ring is full');
        assert.equal(c.sock.recv(buf, 0, 100), 100);
        p.poll();
        assert.deepEqual(p.out(), [], 'no window update for 100 bytes');
        assert.equal(c.sock.recv(buf, 0, 950), 950);
        p.poll();
        const upd = p.out();
        assert.equal(upd.length, 1, 'a window update once an MSS is free');
        assert.equal(upd[0].ack, u32(c.rcv + total));
        assert.ok(upd[0].window << c.synAck.wscale >= 1000, 'it opens at least an MSS');
      });
    }

    test('a 64 KB ring: the SYN-ACK window is 65535, not 65536 wrapped to 0', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 65536 } });
      assert.equal(c.synAck.window, 65535);
    });

    test('challenge ACKs are rate-limited: at most 10 a second, and again after a second', () => {
      const p = craftedPeer(lib);
      const c = p.accept();
      const count = () => {
        let n = 0;
        for (let i = 0; i < 30; i++) {
          p.send({ seq: u32(c.rcv + 10 + i), flags: F.Rst });
          n += p.out().length;
        }
        return n;
      };
      const first = count();
      assert.ok(first >= 1 && first <= 10, 'challenge ACKs in the first second: ' + first);
      p.now += 1500;
      const second = count();
      assert.ok(second >= 1 && second <= 10, 'challenge ACKs a second later: ' + second);
    });

    for (const ranges of [2, 6]) {
      test('oooRanges ' + ranges + ': that many separate out-of-order ranges are kept, the next is dropped', () => {
        const p = craftedPeer(lib);
        const c = p.accept({ sockOpts: { rxBytes: 16384, ackDelay: 0, oooRanges: ranges } });
        const d = pattern(1000 * (2 * ranges + 2), 7);
        const seg = (i) => ({ seq: u32(c.rcv + i * 1000), ack: c.snd, flags: F.Ack, data: d.subarray(i * 1000, i * 1000 + 1000) });
        // Segments 1, 3, 5, ... each a range of its own; ranges + 1 of them.
        for (let k = 0; k <= ranges; k++) p.send(seg(2 * k + 1));
        p.out();
        // Fill the holes in order; the ACK jumps over every kept range.
        let ack;
        for (let k = 0; k <= ranges; k++) {
          p.send(seg(2 * k));
          ack = p.out().pop().ack;
          const expect = k < ranges ? 2 * k + 2 : 2 * k + 1;
          assert.equal(ack, u32(c.rcv + expect * 1000), 'hole ' + k + ' filled');
        }
      });
    }

    test('a socket not in a set: listen and connect are InvalidState, close and abort do nothing', () => {
      const p = craftedPeer(lib);
      const s = new lib.socket.TcpSocket();
      assert.equal(s.listen(80), E.InvalidState);
      assert.equal(s.connect(p.peer, 80), E.InvalidState);
      s.close();
      s.abort();
      assert.equal(s.isOpen(), false);
      assert.equal(s.send(pattern(4, 1), 0, 4), E.InvalidState);
      assert.equal(s.recv(new Uint8Array(4), 0, 4), E.Closed);
      // Bad arguments once in a set.
      p.iface.add(s);
      assert.equal(s.listen(0), E.Unaddressable);
      assert.equal(s.listen(70000), E.Unaddressable);
      assert.equal(s.connect(p.peer, 0), E.Unaddressable);
      assert.equal(s.connect(0, 80), E.Unaddressable);
      assert.equal(s.connect(lib.wire.parseIpv4Address('192.168.9.9'), 80), E.Unaddressable, 'no route');
      assert.equal(s.listen(80), 0);
      assert.equal(s.listen(81), E.InvalidState, 'already listening');
      assert.equal(s.connect(p.peer, 80), E.InvalidState);
    });
  });
}
