// Which timer follows a send (TcpSocket.armTimer), against a crafted peer (test/tcp/peer.mjs):
// the tail loss probe (RFC 8985 7.2) once per flight when an RTT is known and it comes before the
// RTO, else the RTO; no probe in a NewReno recovery (no SACK); a flight of one byte has a timer.
// Both builds. MSS 1000, no timestamps, Nagle off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2 };

for (const { name, lib } of builds) {
  describe(name + ': TCP retransmission timer and loss probe', () => {
    const F = lib.wire.TCP_FLAGS;

    function open(sockOpts = {}) {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 1000, sockOpts: { nagle: false, initialRto: 1000, minRto: 100, txBytes: 16384, ...sockOpts } });
      c.p = p;
      c.acked = 0;
      c.ack = (n, o = {}) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535, ...o });
      c.data = (n) => {
        assert.equal(c.sock.send(pattern(n, 5), 0, n), n);
        p.poll();
        return p.out().filter((s) => s.data.length);
      };
      /** One segment of 300 bytes sent and acknowledged after ms: an RTT sample. */
      c.sample = (ms) => {
        c.data(300);
        p.now += ms;
        c.acked += 300;
        c.ack(c.acked);
      };
      c.next = (what) => {
        const t0 = p.now;
        const segs = p.until((s) => s.some((x) => x.data.length), 60000, what);
        return { dt: p.now - t0, segs: segs.filter((x) => x.data.length) };
      };
      return c;
    }

    test('a flight of one byte is sent again when nothing answers', () => {
      const c = open();
      assert.equal(c.data(1).length, 1);
      const r = c.next('the byte again');
      assert.equal(r.dt, 1000, 'at the RTO');
      assert.equal(r.segs[0].data.length, 1);
    });

    test('an unanswered tail loss probe is followed by the RTO, not by a second probe', () => {
      const c = open();
      c.sample(100);
      assert.equal(c.sock.rtt.rto, 300);
      c.data(300);
      const probe = c.next('the probe');
      assert.equal(probe.dt, 250, '2 SRTT + 50');
      assert.equal(c.sock.stats[STAT.probes], 1);
      const rto = c.next('the retransmission');
      assert.equal(rto.dt, 300, 'the RTO');
      assert.equal(c.sock.stats[STAT.probes], 1, 'no second probe');
      assert.equal(c.sock.stats[STAT.timeouts], 1);
      // The go-back's segment is a new flight: it has its probe (RTO 600 after the backoff).
      const probe2 = c.next('the probe of the go-back');
      assert.equal(probe2.dt, 250);
      assert.equal(c.sock.stats[STAT.probes], 2);
    });

    test('when the probe would not come before the RTO, the RTO alone is armed, though the last flight had a probe', () => {
      const c = open();
      c.sample(100); // SRTT 100, RTTVAR 50: RTO 300, probe at 250
      c.data(300);
      c.p.now += 100;
      c.acked += 300;
      c.ack(c.acked); // RTTVAR 37.5: RTO 250, the probe (250) no longer before it
      assert.equal(c.sock.rtt.rto, 250);
      assert.equal(c.sock.stats[STAT.probes], 0);
      c.data(300);
      const r = c.next('the retransmission');
      assert.equal(r.dt, 250);
      assert.equal(c.sock.stats[STAT.timeouts], 1, 'a timeout');
      assert.equal(c.sock.stats[STAT.probes], 0, 'not a probe');
    });

    test('no loss probe in a NewReno recovery: its lost retransmission waits for the RTO', () => {
      const c = open({ minRto: 1000 });
      c.sample(20);
      assert.equal(c.sock.rtt.rto, 1000);
      c.data(4000);
      for (let i = 0; i < 3; i++) c.ack(c.acked);
      assert.equal(c.sock.stats[STAT.fastRetransmits], 1);
      c.p.out();
      const r = c.next('the retransmission again');
      assert.equal(c.sock.stats[STAT.probes], 0, 'no probe');
      assert.equal(c.sock.stats[STAT.timeouts], 1);
      assert.equal(r.dt, 1000, 'at the RTO');
    });

    test('the probe sends new data when the peer\'s window allows it (cwnd held it back)', () => {
      const c = open();
      c.sample(100);
      // The initial window (10 segments of 1000, RFC 6928: 10,000 bytes) in flight, 2000 more waiting.
      const first = c.data(12000);
      assert.equal(first.length, 10);
      const probe = c.next('the probe');
      assert.equal(probe.segs.length, 1);
      assert.equal(probe.segs[0].seq, u32(c.snd + 300 + 10000), 'the first new segment');
      assert.equal(c.sock.stats[STAT.probes], 1);
    });

    test('a probe that sends the timed segment again spoils its RTT sample (Karn)', () => {
      const c = open();
      c.sample(100);
      c.data(300); // timed
      const probe = c.next('the probe');
      assert.equal(probe.segs[0].seq, u32(c.snd + 300), 'the same segment again');
      c.p.now += 10;
      c.ack(600);
      assert.equal(c.sock.rtt.srtt, 100, 'no sample from an ACK that may answer the probe');
    });

    test('after the probe the RTO follows, counted from the probe', () => {
      const c = open();
      c.sample(100);
      c.data(2000);
      const probe = c.next('the probe');
      assert.equal(probe.dt, 200, '2 SRTT (two segments in flight)');
      assert.equal(probe.segs.length, 1);
      assert.equal(probe.segs[0].seq, u32(c.snd + 300 + 1000), 'the last segment again');
      const rto = c.next('the retransmission');
      assert.equal(rto.dt, 300, 'the RTO after the probe');
      assert.equal(rto.segs[0].seq, u32(c.snd + 300), 'from sndUna');
    });

    test('an RTT of 1 ms still arms the probe', () => {
      const c = open();
      c.sample(1);
      assert.equal(c.sock.rtt.srtt, 1);
      c.data(300);
      const probe = c.next('the probe');
      assert.equal(probe.dt, 52, '2 SRTT + 50 for one segment');
      assert.equal(c.sock.stats[STAT.probes], 1);
    });

    test('after an ACK inside the last segment the probe starts at sndUna', () => {
      const c = open();
      c.sample(100);
      c.data(1000);
      c.p.now += 10;
      c.ack(300 + 400); // 400 of the segment's 1000 bytes
      const probe = c.next('the probe');
      assert.equal(probe.segs.length, 1);
      assert.equal(probe.segs[0].seq, u32(c.snd + 700), 'from sndUna');
      assert.equal(probe.segs[0].data.length, 600);
    });

    /** SRTT 100, then a flight of ten 1000-byte segments (the initial window) with `unsent` bytes
     *  queued behind it and the peer's window `window`; returns the loss probe's segment. */
    function probeAfterFlight(unsent, window) {
      const c = open();
      c.data(300);
      c.p.now += 100;
      c.ack(300, { window });
      const first = c.data(10000 + unsent);
      assert.equal(first.length, 10, 'cwnd (10,000) holds the rest back');
      const probe = c.next('the probe');
      assert.equal(probe.segs.length, 1);
      return { c, seg: probe.segs[0], newSeq: u32(c.snd + 300 + 10000), lastSeq: u32(c.snd + 300 + 9000) };
    }

    test('the probe sends new data when the window has room for exactly one full segment', () => {
      const r = probeAfterFlight(2000, 11000);
      assert.equal(r.seg.seq, r.newSeq, 'new data');
      assert.equal(r.seg.data.length, 1000);
    });

    test('the probe sends the last segment again when the window has room for less than a full segment', () => {
      const r = probeAfterFlight(2000, 10999);
      assert.equal(r.seg.seq, r.lastSeq, 'the last segment again');
    });

    test('the probe sends a short tail when the window has room for exactly it', () => {
      const r = probeAfterFlight(300, 10300);
      assert.equal(r.seg.seq, r.newSeq, 'new data');
      assert.equal(r.seg.data.length, 300);
    });

    test('the probe sends a single waiting byte as new data', () => {
      const r = probeAfterFlight(1, 65535);
      assert.equal(r.seg.seq, r.newSeq, 'new data');
      assert.equal(r.seg.data.length, 1);
    });

    test('a delayed ACK owed while data is in flight goes at its time, before the RTO', () => {
      const c = open({ ackDelay: 40 });
      c.data(300);
      const t0 = c.p.now;
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 65535, data: pattern(10, 7) });
      assert.deepEqual(c.p.out(), [], 'the ACK is delayed');
      const segs = c.p.until((s) => s.length > 0, 5000, 'the ACK');
      assert.equal(c.p.now - t0, 40, 'at the ACK delay');
      assert.equal(segs[0].ack, u32(c.rcv + 10));
      assert.equal(segs[0].data.length, 0, 'an ACK, not the retransmission');
    });

    test('the RTO comes before a longer ACK delay', () => {
      const c = open({ ackDelay: 5000, initialRto: 1000, minRto: 1000 });
      c.data(300);
      const t0 = c.p.now;
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 65535, data: pattern(10, 7) });
      const segs = c.p.until((s) => s.some((x) => x.data.length), 6000, 'the retransmission');
      assert.equal(c.p.now - t0, 1000, 'at the RTO');
      assert.equal(segs.find((x) => x.data.length).ack, u32(c.rcv + 10), 'carrying the owed ACK');
    });

    /** The peer's window closed with 300 bytes of ours waiting (the persist timer armed at the
     *  RTO, 1000 ms), then 10 bytes of the peer's data whose ACK we delay by ackDelay. */
    function persisting(ackDelay) {
      const c = open({ ackDelay, initialRto: 1000, minRto: 1000 });
      c.ack(0, { window: 0 });
      assert.equal(c.data(300).length, 0, 'the window is closed');
      c.t0 = c.p.now;
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 0, data: pattern(10, 8) });
      assert.deepEqual(c.p.out(), []);
      return c;
    }

    test('zero window: a delayed ACK due before the persist timer goes at its time', () => {
      const c = persisting(40);
      const segs = c.p.until((s) => s.length > 0, 5000, 'the ACK');
      assert.equal(c.p.now - c.t0, 40);
      assert.equal(segs[0].data.length, 0);
      assert.equal(segs[0].ack, u32(c.rcv + 10));
    });

    test('zero window: the persist probe goes at its time, before a longer ACK delay', () => {
      const c = persisting(5000);
      const segs = c.p.until((s) => s.length > 0, 6000, 'the probe');
      assert.equal(c.p.now - c.t0, 1000, 'at the RTO');
      assert.equal(segs[0].data.length, 1, 'a one-byte window probe');
    });

    test('the keep-alive probe goes at its time, before a longer ACK delay', () => {
      const c = open({ ackDelay: 5000, keepAlive: 500, keepAliveInterval: 500, keepAliveProbes: 3 });
      const t0 = c.p.now;
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack, window: 65535, data: pattern(10, 9) });
      const segs = c.p.until((s) => s.length > 0, 6000, 'the probe');
      assert.equal(c.p.now - t0, 500, 'at the idle time');
      assert.equal(segs[0].seq, u32(c.snd - 1), 'a keep-alive probe: one below sndUna');
    });

    test('simultaneous close: CLOSING, our FIN acknowledged, TIME-WAIT ends after timeWait', () => {
      const c = open({ timeWait: 2000 });
      c.sock.close();
      c.p.poll();
      const fin = c.p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin);
      // The peer's FIN crosses ours.
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin, window: 65535 });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'Closing');
      c.p.out();
      c.p.now += 10;
      c.p.send({ sport: 80, dport: c.port, seq: u32(c.rcv + 1), ack: u32(c.snd + 1), flags: F.Ack, window: 65535 });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'TimeWait');
      const t0 = c.p.now;
      for (let i = 0; i < 20 && c.sock.state !== 0; i++) c.p.step(10000);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'Closed', 'TIME-WAIT over');
      assert.equal(c.p.now - t0, 2000, 'after timeWait');
    });

    {
      test('TIME-WAIT still ends after timeWait when a duplicate ACK comes in it (keep-alive on)', () => {
        const c = open({ timeWait: 2000, keepAlive: 60000, keepAliveInterval: 1000, keepAliveProbes: 2 });
        c.sock.close();
        c.p.poll();
        assert.ok(c.p.out().some((s) => s.flags & F.Fin));
        c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack, window: 65535 });
        assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2');
        c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + 1), flags: F.Ack | F.Fin, window: 65535 });
        assert.equal(lib.socket.TCP_STATES[c.sock.state], 'TimeWait');
        const t0 = c.p.now;
        c.p.now += 100;
        // A duplicate of the peer's last ACK.
        c.p.send({ sport: 80, dport: c.port, seq: u32(c.rcv + 1), ack: u32(c.snd + 1), flags: F.Ack, window: 65535 });
        for (let i = 0; i < 20 && c.sock.state !== 0; i++) c.p.step(100000);
        assert.equal(lib.socket.TCP_STATES[c.sock.state], 'Closed');
        assert.equal(c.p.now - t0, 2000, 'timeWait after the FIN');
      });
    }

    test('at time 0, a retransmitted SYN to SYN-RECEIVED gets the SYN-ACK again at once', () => {
      const p = craftedPeer(lib, { now: 0 });
      const sock = p.socket();
      assert.equal(sock.listen(80), 0);
      p.send({ seq: 7000, flags: F.Syn, mss: 1000 });
      assert.equal(p.out().filter((s) => s.flags === (F.Syn | F.Ack)).length, 1);
      p.send({ seq: 7000, flags: F.Syn, mss: 1000 });
      assert.equal(p.now, 0);
      assert.equal(p.out().filter((s) => s.flags === (F.Syn | F.Ack)).length, 1, 'the SYN-ACK again');
    });

    test('data queued in SYN-SENT does not send the SYN again', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ initialRto: 3000 });
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().filter((s) => s.flags === F.Syn);
      assert.equal(syn.length, 1);
      assert.equal(sock.send(pattern(100, 3), 0, 100), 100, 'queued before the handshake ends');
      p.now += 10;
      p.poll();
      assert.deepEqual(p.out(), [], 'nothing more before the SYN\'s timeout');
      p.send({ sport: 80, dport: syn[0].sport, seq: 9000, ack: u32(syn[0].seq + 1), flags: F.Syn | F.Ack, mss: 1000 });
      const segs = p.out();
      assert.equal(segs.filter((s) => s.flags & F.Syn).length, 0, 'no SYN after the SYN-ACK');
      assert.ok(segs.some((s) => s.data.length === 100), 'the data goes');
    });

    test('a visit in SYN-SENT does not push the SYN\'s retransmission back', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ initialRto: 3000 });
      assert.equal(sock.connect(p.peer, 80), 0);
      const t0 = p.now;
      p.poll();
      assert.equal(p.out().filter((s) => s.flags === F.Syn).length, 1);
      p.now = t0 + 1000;
      sock.send(pattern(100, 3), 0, 100);
      p.poll();
      const again = p.until((s) => s.some((x) => x.flags === F.Syn), 10000, 'the SYN again');
      assert.equal(again.filter((x) => x.flags === F.Syn).length, 1);
      assert.equal(p.now - t0, 3000, 'at the initial RTO from the first SYN');
    });

    test('unanswered keep-alive probes go keepAliveInterval apart, then TimedOut', () => {
      const c = open({ keepAlive: 5000, keepAliveInterval: 1000, keepAliveProbes: 3 });
      const t0 = c.p.now;
      const times = [];
      c.p.until((segs) => {
        for (const s of segs.splice(0)) times.push(c.p.now - t0);
        return c.sock.state === 0;
      }, 20000, 'keep-alive failure');
      assert.deepEqual(times, [5000, 6000, 7000], 'three probes, one interval apart');
      assert.equal(c.p.now - t0, 8000, 'given up one interval after the last');
      assert.ok(c.sock.error < 0, 'an error recorded: ' + c.sock.error);
    });

    test('a visit before the idle time sends no keep-alive probe', () => {
      const c = open({ keepAlive: 5000, keepAliveInterval: 1000, keepAliveProbes: 3 });
      c.p.now += 2000;
      const segs = c.data(100);
      assert.equal(segs.length, 1, 'the data alone');
      assert.deepEqual(c.p.out(), []);
    });

    test('after a timeout the retransmitted segment gives no RTT sample (Karn)', () => {
      const c = open({ initialRto: 1000, minRto: 1000 });
      c.data(300); // timed; no RTT known yet, so no loss probe
      const re = c.next('the retransmission');
      assert.equal(re.dt, 1000);
      assert.equal(c.sock.stats[STAT.timeouts], 1);
      c.p.now += 20;
      c.ack(300);
      assert.equal(c.sock.sendQueue(), 0, 'acknowledged');
      assert.equal(c.sock.rtt.srtt, 0, 'no sample: the ACK may answer either copy');
    });

    /** A SYN from the peer to sock listening on 80 (irs), 100 bytes queued in SYN-RECEIVED: none
     *  may leave before the handshake's ACK, all of them right after it. */
    function dataWaitsForHandshake(p, sock, irs) {
      assert.equal(sock.listen(80), 0);
      p.send({ seq: irs, flags: F.Syn, mss: 1000 });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      assert.ok(synAck, 'a SYN-ACK');
      assert.equal(lib.socket.TCP_STATES[sock.state], 'SynReceived');
      assert.equal(sock.send(pattern(100, 4), 0, 100), 100);
      p.poll();
      assert.deepEqual(p.out(), [], 'nothing before the handshake\'s ACK');
      p.send({ seq: irs + 1, ack: u32(synAck.seq + 1), flags: F.Ack });
      assert.deepEqual(p.out().map((s) => s.data.length), [100], 'then the data');
    }

    test('data queued in SYN-RECEIVED waits for the handshake to finish', () => {
      const p = craftedPeer(lib);
      dataWaitsForHandshake(p, p.socket(), 5000);
    });

    test('data queued in SYN-RECEIVED waits for the handshake on a socket used before (its old cwnd left over)', () => {
      // The first connection leaves cwnd at its initial window; the next one's handshake must not
      // let the queued data out early (sendData's plain path is for ESTABLISHED and CLOSE-WAIT).
      const c = open();
      c.sock.abort();
      c.p.out();
      assert.ok(c.sock.cwnd > 0, 'the old connection\'s cwnd is left');
      dataWaitsForHandshake(c.p, c.sock, 7000);
    });

    test('LAST-ACK: a lost FIN is sent again at the RTO', () => {
      const c = open({ initialRto: 1000, minRto: 1000 });
      c.p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin, window: 65535 });
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'CloseWait');
      c.p.out();
      c.sock.close();
      c.p.poll();
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'LastAck');
      assert.equal(c.p.out().filter((s) => s.flags & F.Fin).length, 1);
      const again = c.p.until((s) => s.some((x) => x.flags & F.Fin), 5000, 'the FIN again');
      assert.equal(again.find((x) => x.flags & F.Fin).seq, c.snd);
    });

    for (const tail of [300, 1]) {
      test('the probe sends a ' + tail + '-byte last segment again as it was, though more data waits', () => {
        const c = open();
        c.data(300);
        c.p.now += 100;
        // The peer's window: exactly one segment and the tail.
        c.ack(300, { window: 1000 + tail });
        const first = c.data(1000 + tail);
        assert.deepEqual(first.map((x) => x.data.length), [1000, tail]);
        assert.equal(c.data(2000).length, 0, 'more data, held back by the window');
        const probe = c.next('the probe');
        assert.equal(probe.segs.length, 1);
        assert.equal(probe.segs[0].seq, u32(c.snd + 300 + 1000), 'the last segment');
        assert.equal(probe.segs[0].data.length, tail, 'as it was, no new byte with it');
      });
    }

    test('a window of one byte lets one byte go', () => {
      const c = open();
      c.ack(0, { window: 1 });
      const segs = c.data(100);
      assert.deepEqual(segs.map((x) => x.data.length), [1]);
    });

    test('zero window: more data queued does not push the persist probe back', () => {
      const c = open({ initialRto: 1000, minRto: 1000 });
      c.ack(0, { window: 0 });
      const t0 = c.p.now;
      assert.equal(c.data(300).length, 0);
      c.p.now = t0 + 500;
      assert.equal(c.data(300).length, 0);
      const segs = c.p.until((s) => s.length > 0, 5000, 'the probe');
      assert.equal(c.p.now - t0, 1000, 'at the RTO from the first');
      assert.equal(segs[0].data.length, 1);
    });

    test('zero window with a single byte waiting: the persist probe goes at the RTO', () => {
      const c = open({ initialRto: 1000, minRto: 1000 });
      c.ack(0, { window: 0 });
      const t0 = c.p.now;
      assert.equal(c.data(1).length, 0);
      const segs = c.p.until((s) => s.length > 0, 5000, 'the probe');
      assert.equal(c.p.now - t0, 1000);
      assert.equal(segs[0].data.length, 1);
    });

    test('a window that closes with data in flight sends no window probe at once (the RTO covers it)', () => {
      const c = open({ initialRto: 1000, minRto: 1000 });
      c.ack(0, { window: 2000 });
      assert.equal(c.data(3000).length, 2, 'two segments fill the window');
      c.ack(1000, { window: 0 });
      assert.deepEqual(c.p.out(), [], 'nothing at once');
    });

    test('zero window: probes go at the RTO, then at the backed-off RTO', () => {
      const c = open({ initialRto: 1000, minRto: 1000 });
      c.ack(0, { window: 0 });
      const t0 = c.p.now;
      c.data(300);
      const times = [];
      c.p.until((s) => { for (const x of s.splice(0)) if (x.data.length) times.push(c.p.now - t0); return times.length >= 2; }, 10000, 'two probes');
      assert.deepEqual(times, [1000, 3000]);
    });

    test('Nagle holds a small tail, but not the one that carries the FIN', () => {
      const c = open({ nagle: true });
      assert.equal(c.data(500).length, 1, 'a small segment goes');
      assert.equal(c.data(100, 2).length, 0, 'a second small one waits (Nagle)');
      c.sock.close();
      c.p.poll();
      const segs = c.p.out();
      assert.equal(segs.length, 1, 'the tail goes with the FIN');
      assert.equal(segs[0].data.length, 100);
      assert.ok(segs[0].flags & F.Fin);
    });

    test('Nagle: with one byte unacknowledged, a small segment waits', () => {
      const c = open({ nagle: true });
      assert.equal(c.data(1).length, 1, 'one byte goes');
      assert.equal(c.data(100, 2).length, 0, 'the next small segment waits for its ACK');
      c.ack(1);
      assert.deepEqual(c.p.out().filter((s) => s.data.length).map((s) => s.data.length), [100]);
    });

    // Sender SWS avoidance (RFC 9293 3.8.6.2.1): a segment cut short by the peer's window goes when
    // it is at least a quarter of that window.
    for (const [window, expect] of [[1400, [1000, 400]], [1333, [1000, 333]], [1332, [1000]], [1300, [1000]]]) {
      test('window ' + window + ' with more data waiting: segments ' + expect.join(', '), () => {
        const c = open();
        c.ack(0, { window });
        assert.deepEqual(c.data(3000).map((x) => x.data.length), expect);
      });
    }

    test('PSH: on a one-byte segment that empties the queue, not on a FIN alone', () => {
      const c = open();
      const one = c.data(1);
      assert.ok(one[0].flags & F.Psh, 'PSH on the last byte');
      c.ack(1);
      c.sock.close();
      c.p.poll();
      const fin = c.p.out().find((s) => s.flags & F.Fin);
      assert.ok(fin);
      assert.equal(fin.flags & F.Psh, 0, 'no PSH on a FIN without data');
    });

    test('a segment the device refuses stops the visit: the next one does not go before it', () => {
      const c = open();
      refuseFrames(c.p, 1);
      assert.equal(c.data(2000).length, 0, 'the first refused, the second not tried');
    });

    test('a FIN alone is not timed, a one-byte segment is', () => {
      const c = open();
      c.data(1);
      c.p.now += 80;
      c.ack(1);
      assert.equal(c.sock.rtt.srtt, 80, 'the one-byte segment was timed');
      c.sock.close();
      c.p.poll();
      assert.ok(c.p.out().some((s) => s.flags & F.Fin));
      c.p.now += 300;
      c.ack(2);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2');
      assert.equal(c.sock.rtt.srtt, 80, 'no sample from the FIN');
    });

    test('FIN-WAIT-2: once the FIN is acknowledged nothing more is sent', () => {
      const c = open();
      c.sock.close();
      c.p.poll();
      assert.ok(c.p.out().some((s) => s.flags & F.Fin));
      c.ack(1);
      assert.equal(lib.socket.TCP_STATES[c.sock.state], 'FinWait2');
      const t0 = c.p.now;
      while (c.p.now - t0 < 20000) c.p.step(20000 - (c.p.now - t0));
      assert.deepEqual(c.p.out(), [], 'no segment in 20 s');
    });

    test('new data sent while the RTO runs does not push it back', () => {
      const c = open({ initialRto: 1500, minRto: 1000 });
      const t0 = c.p.now;
      c.data(300);
      c.p.now = t0 + 700;
      assert.equal(c.data(300, 2).length, 1);
      const re = c.p.until((s) => s.some((x) => x.data.length), 5000, 'the retransmission');
      assert.equal(c.p.now - t0, 1500, 'at the RTO of the first segment');
      assert.equal(re.find((x) => x.data.length).seq, c.snd);
    });
  });
}
