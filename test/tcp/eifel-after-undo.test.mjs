// After a spurious timeout is undone (Eifel, RFC 3522 / RFC 4015) with our FIN in flight, against
// a crafted peer (test/tcp/peer.mjs): the connection's own state is as before the timeout, so a
// later ACK short of the FIN frees exactly the bytes it covers, and the FIN is still owed: a loss
// of the rest sends it again. Both builds. Timestamps on, MSS 1000 (988 bytes a segment), RTO 1 s.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP after an Eifel undo with the FIN in flight', () => {
    const F = lib.wire.TCP_FLAGS;
    test('an ACK short of the FIN frees what it covers; the FIN goes again with the rest', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, tsVal: 100, sockOpts: { initialRto: 1000, minRto: 1000, txBytes: 16384, nagle: false } });
      let tsv = 101;
      const ack = (n, tsEcr) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, tsVal: tsv++, tsEcr });
      c.sock.send(pattern(4000, 7), 0, 4000);
      c.sock.close();
      p.poll();
      const flight = p.out().filter((s) => s.data.length || (s.flags & F.Fin));
      assert.ok(flight.some((s) => s.flags & F.Fin), 'the FIN went with the flight');
      p.until((s) => s.some((x) => x.data.length), 5000, 'the retransmission');
      assert.equal(c.sock.stats[0], 1, 'a timeout');
      p.now += 5;
      ack(1976, flight[1].ts.val);
      assert.equal(c.sock.stats[3], 1, 'undone');
      ack(3000, flight[3].ts.val);
      assert.equal(c.sock.sendQueue(), 1000, 'exactly the 1000 bytes not acknowledged');
      // The rest and the FIN are lost: they go again.
      const again = p.until((s) => s.some((x) => x.flags & F.Fin), 10000, 'the FIN again');
      assert.ok(again.some((x) => x.data.length), 'with the data before it');
    });
  });
}
