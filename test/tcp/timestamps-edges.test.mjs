// TCP timestamps (RFC 7323) at their edges, against the crafted peer (test/tcp/peer.mjs): which
// segments may update TS.Recent before our first ACK has gone (Last.ACK.sent is the SYN's answer),
// PAWS right after the handshake on a clock past 24 days, and the RTT an echo gives at its edges (0
// ms; an echo from the future gives none). Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const DAY = 24 * 3600 * 1000;

for (const { name, lib } of builds) {
  describe(name + ': TCP timestamps at their edges', () => {
    const F = lib.wire.TCP_FLAGS;

    test('before our first ACK: the segment at the SYN\'s answer sets TS.Recent, a later one does not', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ ackDelay: 0 });
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      const irs = 7000;
      // The SYN-ACK and two one-byte segments in the same poll: our ACK of the SYN-ACK has not
      // gone yet when they arrive, so Last.ACK.sent is the SYN-ACK's answer, irs + 1 (RFC 7323 4.3).
      const seg = (o) => p.frame({ sport: 80, dport: syn.sport, window: 65535, tsEcr: syn.ts.val, ...o });
      p.dev.queue.push(seg({ seq: irs, ack: u32(syn.seq + 1), flags: F.Syn | F.Ack, mss: 1000, tsVal: 500 }));
      p.dev.queue.push(seg({ seq: irs + 1, ack: u32(syn.seq + 1), flags: F.Ack, tsVal: 600, data: pattern(1, 1) }));
      p.dev.queue.push(seg({ seq: irs + 2, ack: u32(syn.seq + 1), flags: F.Ack, tsVal: 700, data: pattern(1, 2) }));
      p.poll();
      assert.equal(sock.ts.ok, true);
      assert.equal(recvAll(sock).length, 2, 'both bytes taken');
      const acks = p.out().filter((s) => s.flags & F.Ack);
      assert.ok(acks.length >= 1, 'an ACK went');
      assert.equal(acks[acks.length - 1].ack, irs + 3);
      assert.equal(acks[0].ts.ecr, 600, 'echoes the segment at irs + 1, not the SYN-ACK (500) nor the later one (700)');
    });

    test('PAWS right after the handshake on a clock past 24 days: an older segment is dropped', () => {
      // TS.Recent's age is counted from when the SYN set it: on a board's clock (seconds since 1970)
      // an age counted from 0 would be past 24 days, and PAWS would never judge.
      const p = craftedPeer(lib, { now: 30 * DAY });
      const c = p.connect({ mss: 1000, tsVal: 5000, sockOpts: { ackDelay: 0 } });
      assert.equal(c.sock.ts.ok, true);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, tsVal: 4999, tsEcr: c.syn.ts.val, data: pattern(100, 3) });
      assert.equal(recvAll(c.sock).length, 0, 'stamped before the SYN-ACK: an old duplicate');
      const ack = p.out();
      assert.equal(ack.length, 1, 'answered by an ACK');
      assert.equal(ack[0].ack, c.rcv);
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, tsVal: 5001, tsEcr: c.syn.ts.val, data: pattern(100, 3) });
      assert.deepEqual(recvAll(c.sock), pattern(100, 3), 'the same bytes stamped later are taken');
    });

    test('an echo of the current clock is a 0 ms sample; an echo from the future is none', () => {
      for (const ahead of [0, 5000]) {
        const p = craftedPeer(lib);
        const c = p.connect({ mss: 1000, tsVal: 100, sockOpts: { initialRto: 1000, minRto: 1 } });
        assert.equal(c.sock.send(pattern(200, 4), 0, 200), 200);
        p.poll();
        const seg = p.out().find((s) => s.data.length > 0);
        // No time has passed: the ACK echoes our clock as it is now (or ahead of it).
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 200), flags: F.Ack, tsVal: 101, tsEcr: u32(seg.ts.val + ahead) });
        assert.equal(c.sock.sndUna, u32(c.snd + 200), 'the data is acknowledged');
        if (ahead === 0) assert.equal(c.sock.rtt.rto, 1, 'sampled: SRTT 0 + G (1 ms)');
        else assert.equal(c.sock.rtt.rto, 1000, 'no sample: the initial RTO still');
      }
    });
  });
}
