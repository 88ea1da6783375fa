// TCP timestamps (RFC 7323) against the crafted peer: offered in our SYN and used only when the
// peer's SYN carries them too; then on every segment, with the payload 12 bytes short of the MSS;
// which timestamp an ACK echoes (RFC 7323 4.3); PAWS (5.3) and segments without the option; RTT
// samples from the echo, a retransmission's included. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP timestamps against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;
    const R = lib.iface.RESULTS;

    test('our SYN offers timestamps; a SYN-ACK without them turns them off: no option after, full-MSS segments', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000 });
      assert.ok(c.syn.ts, 'the SYN carries the option');
      assert.equal(c.syn.ts.ecr, 0, 'nothing to echo in a SYN');
      assert.equal(c.sock.ts.ok, false);
      c.sock.send(pattern(3000, 1), 0, 3000);
      p.poll();
      const segs = p.out();
      assert.ok(segs.length >= 1);
      for (const s of segs) assert.equal(s.ts, null, 'no timestamps when the peer did not offer them');
      assert.equal(segs[0].data.length, 1000, 'a full segment is the MSS');
    });

    test('a peer that offers them: SYN-ACK echoes its TSval; every segment carries the option; data is MSS - 12', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, tsVal: 7000 });
      assert.ok(c.synAck.ts, 'the SYN-ACK carries the option');
      assert.equal(c.synAck.ts.ecr, 7000, 'and echoes the SYN');
      assert.ok(c.sock.ts.ok);
      c.sock.send(pattern(3000, 2), 0, 3000);
      p.poll();
      const segs = p.out();
      assert.equal(segs[0].data.length, 1000 - 12, 'the option is taken from the payload');
      for (const s of segs) {
        assert.ok(s.ts, 'every segment carries it');
        assert.equal(s.ts.ecr, 7001, 'echoing the last timestamp seen in order');
      }
      // Our clock is the interface's milliseconds: 250 ms on, TSval is 250 more.
      const before = segs[0].ts.val;
      p.now += 250;
      p.send({ seq: c.rcv, ack: u32(c.snd + 988), flags: F.Ack, tsVal: 7002, tsEcr: before });
      c.sock.send(pattern(2000, 3), 0, 2000);
      p.poll();
      const later = p.out().filter((s) => s.ts);
      assert.ok(later.length > 0);
      assert.equal(u32(later[0].ts.val - before), 250);
      assert.equal(later[0].ts.ecr, 7002);
    });

    test('an MSS smaller than the option: segments still carry data', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 8, tsVal: 100 });
      assert.ok(c.sock.ts.ok);
      c.sock.send(pattern(40, 8), 0, 40);
      p.poll();
      const segs = p.out().filter((s) => s.data.length > 0);
      assert.ok(segs.length > 0, 'data goes out');
      for (const s of segs) assert.ok(s.data.length >= 1 && s.data.length <= 8, 'segment of ' + s.data.length);
    });

    test('a SYN without timestamps gets a SYN-ACK without them, and full-MSS segments', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000 });
      assert.equal(c.synAck.ts, null);
      c.sock.send(pattern(2000, 3), 0, 2000);
      p.poll();
      const segs = p.out();
      assert.equal(segs[0].data.length, 1000);
      assert.equal(segs[0].ts, null);
    });

    test('the echo: the earliest segment a delayed ACK covers; unchanged by out-of-order segments; the one that fills a hole', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, tsVal: 100, sockOpts: { ackDelay: 40, rxBytes: 16384 } });
      const seg = (off, tsVal) => p.send({ seq: u32(c.rcv + off), ack: c.snd, flags: F.Ack, data: pattern(1000, off), tsVal });
      seg(0, 200);
      assert.deepEqual(p.out(), [], 'the first segment waits for the delayed ACK');
      seg(1000, 201);
      let acks = p.out();
      assert.equal(acks.length, 1, 'every second segment acknowledged');
      assert.equal(acks[0].ts.ecr, 200, 'echoes the earliest segment the ACK covers');
      // Segment at 2000 lost; 3000 and 4000 arrive out of order.
      seg(3000, 203);
      seg(4000, 204);
      acks = p.out();
      assert.equal(acks.length, 2, 'a duplicate ACK for each');
      // TS.Recent is still the first segment's: the second came after what our last ACK covered
      // (the ACK then was owed), and out-of-order segments never move it.
      for (const a of acks) assert.equal(a.ts.ecr, 200, 'out-of-order segments do not move TS.Recent');
      seg(2000, 210); // the retransmission fills the hole
      acks = p.out();
      assert.equal(acks[acks.length - 1].ack, u32(c.rcv + 5000));
      assert.equal(acks[acks.length - 1].ts.ecr, 210, 'the segment that filled the hole');
    });

    test('PAWS: a segment older than TS.Recent is dropped with an ACK; its data is not taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, tsVal: 5000, sockOpts: { ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(500, 1), tsVal: 6000 });
      assert.equal(p.out().length, 1);
      assert.equal(recvAll(c.sock).length, 500);
      const rejected = p.iface.counters[R.TcpRejected];
      // In window and in order, but stamped before the last one: an old duplicate.
      p.send({ seq: u32(c.rcv + 500), ack: c.snd, flags: F.Ack, data: pattern(500, 2), tsVal: 5999 });
      const ack = p.out();
      assert.equal(ack.length, 1, 'an ACK answers it');
      assert.equal(ack[0].ack, u32(c.rcv + 500), 'which does not take its data');
      assert.equal(ack[0].ts.ecr, 6000);
      assert.equal(p.iface.counters[R.TcpRejected], rejected + 1, 'counted');
      assert.equal(recvAll(c.sock).length, 0);
      // The same bytes with a current timestamp are taken.
      p.send({ seq: u32(c.rcv + 500), ack: c.snd, flags: F.Ack, data: pattern(500, 2), tsVal: 6001 });
      assert.equal(p.out()[0].ack, u32(c.rcv + 1000));
      assert.deepEqual(recvAll(c.sock), pattern(500, 2));
      // TS.Recent older than 24 days no longer judges (RFC 7323 5.5).
      p.now += 25 * 24 * 3600 * 1000;
      p.send({ seq: u32(c.rcv + 1000), ack: c.snd, flags: F.Ack, data: pattern(100, 3), tsVal: 10 });
      assert.equal(recvAll(c.sock).length, 100, 'taken after the idle spell');
    });

    test('once agreed, a segment without the option is dropped silently; a RST without it still resets', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ tsVal: 100 });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(300, 4) });
      assert.deepEqual(p.out(), [], 'no answer');
      assert.equal(recvAll(c.sock).length, 0, 'no data taken');
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Rst });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'Closed');
    });

    test('timestamps not agreed: an ACK that carries the option anyway is timed by the clock, not by its echo', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000 });
      assert.equal(c.sock.ts.ok, false);
      c.sock.send(pattern(500, 7), 0, 500);
      p.poll();
      assert.ok(p.out().some((s) => s.data.length === 500));
      p.now += 40;
      // Echoing our SYN's clock less 500 ms: timed by the echo, the sample would be 540 ms.
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 500), flags: F.Ack, tsVal: 5, tsEcr: u32(c.syn.ts.val - 500) });
      assert.equal(c.sock.rtt.srtt, 40, 'the 40 ms the segment took, by the clock');
    });

    test('timestamps agreed: an ACK echoing 0 gives no sample (the clock is not used instead)', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, tsVal: 100 });
      c.sock.send(pattern(500, 8), 0, 500);
      p.poll();
      assert.ok(p.out().some((s) => s.data.length === 500));
      p.now += 40;
      p.send({ seq: c.rcv, ack: u32(c.snd + 500), flags: F.Ack, tsVal: 101, tsEcr: 0 });
      assert.equal(c.sock.rtt.srtt, 0, 'no sample');
      assert.equal(c.sock.rtt.rto, 1000, 'the initial RTO still');
    });

    test('RTT samples from the echo: an ACK after a timeout times the retransmission, not the original', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, tsVal: 100, sockOpts: { initialRto: 1000 } });
      c.sock.send(pattern(500, 5), 0, 500);
      p.poll();
      const first = p.out().find((s) => s.data.length > 0);
      // Lost: the timeout sends it again after 1 s.
      const again = p.until((s) => s.some((x) => x.data.length > 0), 5000, 'the retransmission').find((x) => x.data.length > 0);
      assert.ok(u32(again.ts.val - first.ts.val) >= 1000, 'stamped anew');
      p.now += 30;
      p.send({ seq: c.rcv, ack: u32(c.snd + 500), flags: F.Ack, tsVal: 101, tsEcr: again.ts.val });
      assert.equal(c.sock.rtt.srtt, 30, 'the sample is the 30 ms of the retransmission');
      assert.equal(c.sock.stats[3], 0, 'not a spurious timeout: the echo is the retransmission\'s');
      // A later ACK of new data gives a sample of its own (no Karn wait for an unretransmitted segment).
      c.sock.send(pattern(500, 6), 0, 500);
      p.poll();
      const next = p.out().find((s) => s.data.length > 0);
      p.now += 10;
      p.send({ seq: c.rcv, ack: u32(c.snd + 1000), flags: F.Ack, tsVal: 102, tsEcr: next.ts.val });
      assert.ok(c.sock.rtt.srtt < 30 && c.sock.rtt.srtt > 10, 'a second sample moved SRTT: ' + c.sock.rtt.srtt);
    });

    test('a timeout whose first ACK echoes the original transmission is spurious: undone, no go-back-N (Eifel)', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ mss: 1000, tsVal: 100, sockOpts: { initialRto: 1000, txBytes: 16384 } });
      c.sock.send(pattern(4000, 7), 0, 4000);
      p.poll();
      const flight = p.out().filter((s) => s.data.length > 0);
      assert.equal(flight.length, 5, 'four full segments and a tail');
      const cwnd = c.sock.cwnd, ssthresh = c.sock.ssthresh;
      const again = p.until((s) => s.some((x) => x.data.length > 0), 5000, 'the retransmission');
      assert.equal(again.filter((x) => x.data.length > 0).length, 1, 'one segment after the timeout');
      assert.equal(c.sock.stats[0], 1, 'a timeout');
      assert.ok(c.sock.cwnd < cwnd, 'the timeout cut cwnd');
      // The ACKs of the original flight were only slow: the first echoes the first segment.
      p.now += 5;
      p.send({ seq: c.rcv, ack: u32(c.snd + 1976), flags: F.Ack, tsVal: 101, tsEcr: flight[1].ts.val });
      assert.equal(c.sock.stats[3], 1, 'counted as a spurious undo');
      assert.ok(c.sock.cwnd >= cwnd, 'cwnd restored: ' + c.sock.cwnd + ' >= ' + cwnd);
      assert.equal(c.sock.ssthresh, ssthresh, 'ssthresh restored');
      p.poll();
      const after = p.out().filter((s) => s.data.length > 0);
      assert.ok(after.every((s) => (s.seq - c.snd) >>> 0 >= 4000 || false), 'nothing of the flight is sent again');
      p.send({ seq: c.rcv, ack: u32(c.snd + 4000), flags: F.Ack, tsVal: 102, tsEcr: flight[4].ts.val });
      assert.equal(c.sock.sendQueue(), 0, 'the rest of the flight acknowledged');
    });
  });
}
