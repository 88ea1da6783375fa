// Congestion window growth and the peer's window on the handshake's last ACK, against a crafted
// peer (test/tcp/peer.mjs) that acknowledges exactly what the test chooses: slow start grows by
// what each ACK acknowledges, at most 2 MSS an ACK (RFC 3465), congestion avoidance by one MSS per
// congestion window of bytes acknowledged; the window of the ACK that completes a passive open is
// scaled by the peer's shift. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const bytes = (segs) => segs.filter((s) => s.data.length).reduce((a, s) => a + s.data.length, 0);

for (const { name, lib } of builds) {
  describe(name + ': TCP congestion window against a crafted peer', () => {
    const F = lib.wire.TCP_FLAGS;

    test("the ACK that completes a passive open carries a window scaled by the peer's shift", () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ txBytes: 16384 });
      assert.equal(sock.listen(80), 0);
      p.send({ seq: 7000, flags: F.Syn, window: 65535, mss: 1000, wscale: 3 });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      assert.ok(synAck, 'a SYN-ACK');
      // Window field 250 with a shift of 3: 2,000 bytes (two full segments).
      p.send({ seq: 7001, ack: u32(synAck.seq + 1), flags: F.Ack, window: 250 });
      p.out();
      const d = pattern(8000, 21);
      assert.equal(sock.send(d, 0, d.length), 8000);
      p.poll();
      assert.equal(bytes(p.out()), 2000, 'the first flight fills the scaled window (250 << 3), no more');
    });

    test('slow start: an ACK of many segments grows the window by 2 MSS, an ACK of one segment by what it acknowledges', () => {
      const p = craftedPeer(lib);
      // MSS 500: the initial window is 10 segments (5,000 bytes, RFC 6928).
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 32768, initialRto: 60000, minRto: 60000 } });
      const d = pattern(30000, 22);
      assert.equal(c.sock.send(d, 0, d.length), 30000);
      p.poll();
      let sent = bytes(p.out());
      assert.equal(sent, 5000, 'initial window: 10 segments of 500');
      const ack = (n) => {
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + n), flags: F.Ack, window: 65535 });
        sent += bytes(p.out());
        return sent - n; // in flight
      };
      // One ACK for all 10 segments: +2 MSS (1,000), not +5,000.
      assert.equal(ack(5000), 6000, 'cwnd 5000 + 2 MSS');
      // An ACK of one segment: +500.
      assert.equal(ack(5500), 6500, 'cwnd + 1 MSS for an ACK of one segment');
      // An ACK of two segments: +1,000 (exactly the cap).
      assert.equal(ack(6500), 7500, 'cwnd + 2 MSS for an ACK of two segments');
      // An ACK of three segments: capped at +1,000.
      assert.equal(ack(8000), 8500, 'cwnd + 2 MSS (capped) for an ACK of three segments');
      // An ACK of two and a half segments (a peer may acknowledge part of a segment): capped too.
      // cwnd 9,500: whole segments only, so 9,250 in flight (+1,250 would have let one more go).
      assert.equal(ack(9250), 9250, 'cwnd + 2 MSS (capped) for an ACK of 2.5 segments');
    });

    test('congestion avoidance after a timeout: one MSS more per window of bytes acknowledged', () => {
      const p = craftedPeer(lib);
      const c = p.connect({ mss: 500, sockOpts: { txBytes: 65536, initialRto: 1000, minRto: 1000 } });
      const d = pattern(60000, 23);
      assert.equal(c.sock.send(d, 0, d.length), 60000);
      p.poll();
      assert.equal(bytes(p.out()), 5000);
      // Nothing acknowledged: the timeout resends one segment; ssthresh = 5000 / 2 = 2500.
      const re = p.until((segs) => segs.some((s) => s.data.length), 5000, 'the retransmission');
      assert.equal(bytes(re), 500, 'one segment after the timeout (cwnd 1 MSS)');
      let acked = 0, sent = 500;
      const flights = [];
      // The peer acknowledges every segment as it arrives (one ACK each), and the test notes what is
      // in flight after each ACK.
      for (let i = 0; i < 40; i++) {
        acked += 500;
        p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: u32(c.snd + acked), flags: F.Ack, window: 65535 });
        sent += bytes(p.out());
        flights.push(sent - acked);
      }
      // Slow start from 500 to 2500 (+500 an ACK), then +500 once per cwnd of acknowledged bytes:
      // at 2500 after 5 ACKs of 500, at 3000 after 6 more, at 3500 after 7 more...
      const cwnd = [];
      let w = 500, ab = 0;
      for (let i = 0; i < 40; i++) {
        if (w < 2500) w += 500;
        else { ab += 500; if (ab >= w) { ab -= w; w += 500; } }
        cwnd.push(w);
      }
      assert.deepEqual(flights, cwnd, 'in flight after each ACK follows slow start then congestion avoidance');
    });
  });
}
