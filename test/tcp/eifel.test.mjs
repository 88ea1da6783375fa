// A spurious retransmission timeout undone by its first ACK's timestamp echo (Eifel, RFC 3522 /
// RFC 4015) against a crafted peer (test/tcp/peer.mjs): a FIN already sent is not sent again, a
// FIN not yet sent still goes on close(), and losses among the segments still in flight start fast
// retransmit again. Both builds. Timestamps on, MSS 1000 (988 bytes of data a segment), RTO 1 s.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, undos: 3 };

for (const { name, lib } of builds) {
  describe(name + ': TCP spurious timeout undone (Eifel)', () => {
    const F = lib.wire.TCP_FLAGS;

    /** n bytes sent (then close() when fin), a timeout, and the ACK of the first two segments
     *  echoing the original flight's timestamp. */
    function spurious({ n = 4000, fin = false, iss } = {}) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, tsVal: 100, iss, sockOpts: { initialRto: 1000, txBytes: 16384, nagle: false } });
      let tsv = 101;
      c.ack = (ack, tsEcr) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(ack), flags: F.Ack, tsVal: tsv++, tsEcr });
      c.sock.send(pattern(n, 7), 0, n);
      if (fin) c.sock.close();
      p.poll();
      c.flight = p.out().filter((s) => s.data.length || (s.flags & F.Fin));
      const again = p.until((s) => s.some((x) => x.data.length), 5000, 'the retransmission');
      assert.equal(again.filter((x) => x.data.length).length, 1, 'one segment after the timeout');
      assert.equal(c.sock.stats[STAT.timeouts], 1);
      p.now += 5;
      c.ack(c.snd + 1976, c.flight[1].ts.val);
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
      c.p = p;
      return c;
    }

    test('a FIN sent before the timeout is not sent again after the undo (FIN at sequence number 0)', () => {
      const c = spurious({ fin: true, iss: u32(-4001) });
      const fin = c.flight.find((s) => s.flags & F.Fin);
      assert.ok(fin, 'the FIN went with the flight');
      assert.equal(u32(fin.seq + fin.data.length), 0, 'the FIN takes sequence number 0');
      c.p.poll();
      assert.deepEqual(c.p.out().filter((s) => s.data.length || (s.flags & F.Fin)), [], 'nothing sent again, no second FIN');
      c.ack(c.snd + 4001, fin.ts.val);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2', 'the FIN acknowledged');
      assert.equal(c.sock.sendQueue(), 0, 'every byte acknowledged');
    });

    test('with no FIN sent, close() after the undo sends it', () => {
      const c = spurious();
      c.ack(c.snd + 4000, c.flight[4].ts.val);
      assert.equal(c.sock.sendQueue(), 0);
      c.sock.close();
      c.p.poll();
      const fin = c.p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin, 'a FIN');
      assert.equal(fin.seq, u32(c.snd + 4000));
    });

    test('after the undo, duplicate ACKs start fast retransmit for what is still in flight', () => {
      const c = spurious({ n: 6000 });
      const una = u32(c.snd + 1976);
      c.p.poll();
      c.p.out();
      for (let i = 0; i < 3; i++) c.ack(una, c.flight[2].ts.val);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1, 'fast retransmit');
      assert.ok(c.p.out().some((s) => s.data.length && s.seq === una), 'the segment at sndUna again');
    });

    test('two timeouts of one flight, then an ACK echoing the original: cwnd back to what it was before the first', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, tsVal: 100, sockOpts: { initialRto: 1000, txBytes: 16384, nagle: false } });
      c.sock.send(pattern(4000, 7), 0, 4000);
      p.poll();
      const flight = p.out().filter((s) => s.data.length);
      const cwnd = c.sock.cwnd, ssthresh = c.sock.ssthresh;
      p.until((s) => s.some((x) => x.data.length), 5000, 'the first retransmission');
      p.until((s) => s.some((x) => x.data.length), 5000, 'the second retransmission');
      assert.equal(c.sock.stats[STAT.timeouts], 2);
      p.now += 5;
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1976), flags: F.Ack, tsVal: 101, tsEcr: flight[1].ts.val });
      assert.equal(c.sock.stats[STAT.undos], 1, 'undone');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd from before the first timeout (and the ACK\'s growth): ' + c.sock.cwnd + ' >= ' + cwnd);
      assert.equal(c.sock.ssthresh, ssthresh);
    });

    test('a SYN-ACK sent again after a timeout, its first copy answered: the initial window stands', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ initialRto: 1000, txBytes: 16384, nagle: false });
      assert.equal(sock.listen(80), 0);
      p.send({ seq: 5000, flags: F.Syn, mss: 1000, tsVal: 100 });
      const first = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      assert.ok(first && first.ts, 'a SYN-ACK with timestamps');
      const again = p.until((s) => s.some((x) => x.flags === (F.Syn | F.Ack)), 5000, 'the SYN-ACK again');
      assert.ok(again.length);
      // The peer's ACK answers the first SYN-ACK (it was only slow).
      p.send({ seq: 5001, ack: u32(first.seq + 1), flags: F.Ack, tsVal: 101, tsEcr: first.ts.val });
      assert.equal(lib.socket.TCP_STATES[sock.state], 'Established');
      sock.send(pattern(5000, 11), 0, 5000);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 6, 'the initial window: 5000 bytes (988 a segment with timestamps)');
    });
  });
}
