// cwnd grows only while it holds the sender back (RFC 7661, RFC 9438 5.8; TcpSocket.congestionOnAck),
// and a send ring smaller than cwnd is another limit, as the peer's window is: a sender whose
// ring is always full but never lets cwnd fill does not grow cwnd, however long it runs (it did,
// up to the peer's window, and then a loss's reduction from cwnd changed nothing in what was
// sent). A sender that cwnd does hold back still grows it. Against a crafted peer
// (test/tcp/peer.mjs) that acknowledges each segment 20 ms after it went, window 65535, MSS
// 1000 (initial window 10,000). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, ackEachSegment } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP cwnd and a small send ring', () => {
    const F = lib.wire.TCP_FLAGS;
    /** Runs `rounds` round trips with the ring kept full; returns [cwnd at start, cwnd at end]. */
    function bulk(txBytes, rounds) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, txBytes, initialRto: 60000, minRto: 60000 } });
      const ack = (end) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(end), flags: F.Ack, window: 65535 });
      const start = c.sock.cwnd;
      const data = pattern(txBytes, 3);
      const fill = () => { c.sock.send(data, 0, data.length); };
      let n = 0;
      ackEachSegment(p, ack, { more: () => n++ < rounds, fill });
      return [start, c.sock.cwnd];
    }

    test('a ring of 8 KB, below the initial window: cwnd stays where it started', () => {
      const [start, end] = bulk(8192, 30);
      assert.equal(start, 10000);
      assert.equal(end, start, 'cwnd grew with the ring, not cwnd, holding the sender');
    });

    test('a ring of 64 KB: cwnd holds the sender and grows', () => {
      const [start, end] = bulk(65536, 3);
      assert.ok(end > start, 'cwnd ' + end + ' above ' + start);
    });
  });
}
