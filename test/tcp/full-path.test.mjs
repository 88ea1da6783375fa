// ACK processing on the full path (header prediction off: TcpSocket.onAck, which every ACK with
// SACK blocks, in recovery or outside ESTABLISHED takes) against a crafted peer (test/tcp/peer.mjs):
// the RTT sample without timestamps (one timed segment at a time, Karn's rule), the RTO going back
// to the estimate and the retry count starting again after an ACK of new data, the tail loss probe
// armed again for the next flight, duplicate ACKs that carry data, and a FIN whose sequence number
// is 0. Both builds.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2 };

for (const { name, lib } of builds) {
  describe(name + ': TCP ACK processing on the full path', () => {
    const F = lib.wire.TCP_FLAGS;
    before(() => lib.socket.setTcpShortcuts(false));
    after(() => lib.socket.setTcpShortcuts(true));

    /** Connected without timestamps or SACK, MSS 1000, Nagle off. */
    function open(sockOpts = {}) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 200, txBytes: 16384, ...sockOpts } });
      c.p = p;
      c.una = c.snd;
      c.ack = (ack, o = {}) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(ack), flags: F.Ack, window: 65535, ...o });
      c.data = (n, seed = 1) => {
        assert.equal(c.sock.send(pattern(n, seed), 0, n), n);
        p.poll();
        return p.out().filter((s) => s.data.length);
      };
      return c;
    }

    test('without timestamps one segment at a time is timed, and an ACK short of its end gives no sample', () => {
      const c = open();
      assert.equal(c.sock.rtt.srtt, 0, 'no sample from the handshake');
      assert.equal(c.data(300).length, 1);
      c.p.now += 100;
      c.ack(c.snd + 300);
      assert.equal(c.sock.rtt.srtt, 100, 'the first sample: 100 ms');
      // Two segments: the first is timed, the second (sent while it is) is not.
      const t1 = c.p.now;
      assert.equal(c.data(300, 2).length, 1);
      c.p.now = t1 + 10;
      assert.equal(c.data(300, 3).length, 1);
      c.p.now = t1 + 30;
      c.ack(c.snd + 450);
      assert.equal(c.sock.rtt.srtt, 100, 'an ACK inside the timed segment: no sample');
      c.p.now = t1 + 50;
      c.ack(c.snd + 600);
      assert.equal(c.sock.rtt.srtt, 94, 'a sample of 50 ms: 100 + (50 - 100) / 8, rounded up');
      c.p.now = t1 + 200;
      c.ack(c.snd + 900);
      assert.equal(c.sock.rtt.srtt, 94, 'the untimed second segment gives no sample');
      assert.equal(c.sock.rtt.minRtt, 50);
    });

    test('a segment sent at time 0 is timed', () => {
      const p = craftedPeer(lib, { now: 0 });
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false } });
      assert.equal(p.now, 0);
      c.sock.send(pattern(100, 4), 0, 100);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 1);
      p.now = 80;
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 100), flags: F.Ack, window: 65535 });
      assert.equal(c.sock.rtt.srtt, 80);
    });

    test('an ACK of new data after a timeout brings the RTO back to the estimate and starts the retry count again', () => {
      const c = open({ maxRetries: 1 });
      c.data(300);
      c.p.now += 100;
      c.ack(c.snd + 300);
      const rto = c.sock.rtt.rto;
      assert.equal(rto, 300, 'SRTT 100 + 4 x RTTVAR 50');
      // Lost: the probe timeout (2 SRTT + 50 for one segment = 250) comes before the RTO, then the RTO.
      c.data(300, 2);
      const t0 = c.p.now;
      const re = c.p.until((s) => s.filter((x) => x.data.length).length >= 2, 5000, 'the probe and the retransmission');
      assert.equal(c.sock.stats[STAT.probes], 1);
      assert.equal(c.sock.stats[STAT.timeouts], 1);
      assert.equal(c.p.now - t0, 250 + 300, 'the RTO after the probe');
      assert.equal(re.length, 2);
      assert.equal(c.sock.rtt.rto, 600, 'backed off');
      c.p.now += 10;
      c.ack(c.snd + 600);
      assert.equal(c.sock.rtt.rto, 300, 'back to the estimate');
      // One more loss: with maxRetries 1 the connection survives it, the count started again.
      c.data(300, 3);
      c.p.until((s) => s.filter((x) => x.data.length).length >= 2, 5000, 'the probe and the retransmission');
      assert.equal(c.sock.stats[STAT.timeouts], 2);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'Established', 'not given up: ' + c.sock.error);
      c.ack(c.snd + 900);
      assert.equal(c.sock.sendQueue(), 0);
    });

    test('after an ACK of new data the next flight has its tail loss probe again', () => {
      const c = open();
      c.data(300);
      c.p.now += 100;
      c.ack(c.snd + 300);
      c.data(300, 2);
      const t0 = c.p.now;
      c.p.until((s) => s.some((x) => x.data.length), 5000, 'the probe');
      assert.equal(c.p.now - t0, 250, 'the probe: 2 SRTT + 50');
      assert.equal(c.sock.stats[STAT.probes], 1);
      c.ack(c.snd + 600);
      c.data(300, 3);
      const t1 = c.p.now;
      c.p.until((s) => s.some((x) => x.data.length), 5000, 'the second probe');
      assert.equal(c.sock.stats[STAT.probes], 2, 'a probe, not the RTO');
      assert.equal(c.sock.stats[STAT.timeouts], 0);
      assert.ok(c.p.now - t1 < 300, 'before the RTO: ' + (c.p.now - t1));
    });

    test('segments with data that acknowledge nothing new are no duplicate ACKs', () => {
      const c = open();
      assert.equal(c.data(4000).length, 4);
      for (let i = 0; i < 4; i++) c.ack(c.snd, { seq: u32(c.rcv + 10 * i), data: pattern(10, 40 + i) });
      assert.equal(c.sock.stats[STAT.fastRetransmits], 0, 'no fast retransmit');
      assert.deepEqual(c.p.out().filter((s) => s.data.length), [], 'nothing sent again');
    });

    test('old ACKs below sndUna are no duplicate ACKs', () => {
      const c = open();
      c.data(1000);
      c.ack(c.snd + 1000);
      assert.equal(c.data(4000, 2).length, 4);
      for (let i = 0; i < 4; i++) c.ack(c.snd + 500);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 0, 'no fast retransmit');
    });

    test('a FIN at sequence number 0 is acknowledged: FIN-WAIT-1 goes to FIN-WAIT-2', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ iss: 0xffffffff, mss: 1000 });
      assert.equal(c.snd, 0, 'the first sequence number after the SYN is 0');
      c.sock.close();
      p.poll();
      const fin = p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin, 'a FIN');
      assert.equal(fin.seq, 0);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait1');
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: 1, flags: F.Ack, window: 65535 });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2');
    });

    test('one byte held back by Nagle goes as soon as the ACK of the small segment before it comes', () => {
      const c = open({ nagle: true });
      assert.equal(c.data(500).length, 1, 'a small segment goes');
      assert.equal(c.data(1, 2).length, 0, 'one more byte waits for its ACK (Nagle)');
      c.p.now += 10;
      c.ack(c.snd + 500);
      const segs = c.p.out().filter((s) => s.data.length);
      assert.equal(segs.length, 1, 'the byte goes with the ACK\'s visit');
      assert.equal(segs[0].seq, u32(c.snd + 500));
    });

    test('Nagle at sequence number 0: a full segment and a small tail go together', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ iss: 0xffffffff, mss: 1000 });
      assert.equal(c.snd, 0);
      c.sock.send(pattern(1500, 6), 0, 1500);
      p.poll();
      assert.deepEqual(p.out().filter((s) => s.data.length).map((s) => [s.seq, s.data.length]), [[0, 1000], [1000, 500]],
        'no small segment is unacknowledged: the tail goes');
    });

    test('after a timeout, an ACK past what was sent again moves the next send to it', () => {
      const c = open({ minRto: 1000, initialRto: 1000 });
      assert.equal(c.data(5000).length, 5);
      c.p.until((s) => s.some((x) => x.data.length), 60000, 'the retransmission');
      // The peer had everything but the first segment's ACK: it acknowledges 4000 bytes.
      c.ack(c.snd + 4000);
      const segs = c.p.out().filter((s) => s.data.length);
      assert.ok(segs.length >= 1, 'something sent');
      assert.equal(segs[0].seq, u32(c.snd + 4000), 'from the ACK on, not from the go-back point');
    });

    test('an older segment (lower sequence number) arriving after a newer one does not set the window', () => {
      const c = open();
      // The peer's two data segments: B (window 20000) overtakes A (window 1000).
      c.ack(c.snd, { seq: u32(c.rcv + 10), data: pattern(10, 50), window: 20000 });
      c.ack(c.snd, { seq: c.rcv, data: pattern(10, 51), window: 1000 });
      assert.equal(c.sock.sndWnd, 20000, 'the window of the newer segment');
    });
  });
}
