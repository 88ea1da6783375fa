// Our FIN when the peer's window has shrunk below what is in flight, against a crafted peer
// (test/tcp/peer.mjs): the FIN carries no data, so it goes as it does with the window exactly
// full (every byte sent, the close owed); the window only holds data back. A window closed to zero
// is another matter: the data in flight goes again once it opens (a receiver with no room drops
// what arrives), so the FIN waits behind it (sent before the window closed, it goes again with
// that data), and the persist timer probes the window one RTO on (RFC 9293 3.8.6.1). A FIN alone
// in flight is no data for the window: the retransmission timer resends it whatever the window.
// Both builds. MSS 1000.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP FIN with the peer\'s window shrunk', () => {
    const F = lib.wire.TCP_FLAGS;
    for (const shrunk of [1000, 500]) {
      test('1000 bytes in flight, the window ' + (shrunk === 1000 ? 'exactly full' : 'shrunk to ' + shrunk) + ': close() sends the FIN', () => {
        const p = craftedPeer(lib);
        const c = p.connect({ mss: 1000, window: 1000, sockOpts: { nagle: false, txBytes: 4096 } });
        assert.equal(c.sock.send(pattern(1000, 1), 0, 1000), 1000);
        p.poll();
        assert.deepEqual(p.out().map((s) => s.data.length), [1000]);
        // A window update acknowledging nothing new (at 1000 it would be a duplicate ACK: none).
        if (shrunk < 1000) p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: shrunk });
        assert.deepEqual(p.out(), []);
        c.sock.close();
        p.poll();
        const fin = p.out().filter((s) => s.flags & F.Fin);
        assert.equal(fin.length, 1, 'the FIN goes');
        assert.equal(u32(fin[0].seq - c.snd), 1000);
        assert.equal(fin[0].data.length, 0);
      });
    }

    test('1000 bytes in flight, the window closed: the FIN waits for the window, with the data sent again', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, window: 1000, sockOpts: { nagle: false, txBytes: 4096 } });
      const seen = (segs) => segs.map((s) => [u32(s.seq - c.snd), s.data.length, (s.flags & F.Fin) !== 0]);
      assert.equal(c.sock.send(pattern(1000, 1), 0, 1000), 1000);
      p.poll();
      assert.deepEqual(p.out().map((s) => s.data.length), [1000]);
      const t0 = p.now, rto = c.sock.rtt.rto;
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 0 });
      c.sock.close();
      p.poll();
      assert.deepEqual(p.out(), [], 'nothing into the closed window');
      const probe = p.until((s) => s.length > 0, 10 * rto, 'the window probe');
      assert.deepEqual(seen(probe), [[0, 1, false]], 'one byte at the first unacknowledged one');
      assert.equal(p.now - t0, rto, 'one RTO after the window closed');
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 2000 });
      assert.deepEqual(seen(p.out()), [[0, 1000, true]], 'the data again, with the FIN');
    });

    test('data and FIN in flight, the window closed: once it opens the data goes again, the FIN with it', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, window: 3000, sockOpts: { nagle: false, txBytes: 4096 } });
      const seen = (segs) => segs.map((s) => [u32(s.seq - c.snd), s.data.length, (s.flags & F.Fin) !== 0]);
      assert.equal(c.sock.send(pattern(2000, 1), 0, 2000), 2000);
      c.sock.close();
      p.poll();
      assert.deepEqual(seen(p.out()), [[0, 1000, false], [1000, 1000, true]]);
      p.now += 20;
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 0 });
      assert.deepEqual(p.out(), []);
      const probe = p.until((s) => s.length > 0, 10000, 'the window probe');
      assert.deepEqual(seen(probe), [[0, 1, false]]);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 4000 });
      assert.deepEqual(seen(p.out()), [[0, 1000, false], [1000, 1000, true]]);
    });

    test('a FIN alone in flight: a zero window changes nothing in when and how it goes again', () => {
      const again = (window) => {
        const p = craftedPeer(lib);
        const c = p.connect({ mss: 1000, window: 1000, sockOpts: { nagle: false, txBytes: 4096, minRto: 1000 } });
        assert.equal(c.sock.send(pattern(1000, 1), 0, 1000), 1000);
        c.sock.close();
        p.poll();
        assert.deepEqual(p.out().map((s) => [s.data.length, (s.flags & F.Fin) !== 0]), [[1000, true]]);
        // The data acknowledged 20 ms later, not the FIN.
        p.now += 20;
        const t0 = p.now;
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1000), flags: F.Ack, window });
        const segs = p.until((s) => s.length > 0, 10000, 'the FIN again');
        return { ms: p.now - t0, segs: segs.map((s) => [u32(s.seq - c.snd), s.data.length, (s.flags & F.Fin) !== 0]), timeouts: c.sock.stats[0] };
      };
      const open = again(1000);
      assert.deepEqual(open.segs, [[1000, 0, true]]);
      assert.deepEqual(again(0), open);
    });
  });
}
