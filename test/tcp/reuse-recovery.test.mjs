// A TcpSocket aborted in the middle of a SACK recovery, its fast retransmission refused by the
// device, then used again (listen, same ISN, same peer): the second connection inherits nothing of
// that recovery. Not its SACK scoreboard (stale blocks would show a loss at the first duplicate),
// not the pending single-segment retransmission (it would send a full segment past the peer's
// window), not the recovery itself (the handshake's ACK would end it and set cwnd to ssthresh,
// i.e. no congestion window), not the end of its last small segment (Nagle would hold the next
// connection's tail). Crafted peer (test/tcp/peer.mjs), both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, refuseFrames } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;
const ISS = 100000;
const FAST_RETRANSMITS = 1; // TcpStat.FastRetransmits

for (const { name, lib } of builds) {
  describe(name + ': TCP socket reused after an aborted recovery', () => {
    const F = lib.wire.TCP_FLAGS;
    const ST = lib.socket.TCP_STATES;

    /** A passive open at our ISN ISS with SACK and MSS 500; the peer's SYN and ACK offer `window`. */
    function handshake(p, sock, { irs, window = 65535 }) {
      sock.isnOverride = ISS;
      assert.equal(sock.listen(80), 0);
      p.send({ seq: irs, flags: F.Syn, window, mss: 500, sack: true });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      assert.equal(synAck.seq, ISS);
      p.send({ seq: irs + 1, ack: ISS + 1, flags: F.Ack, window });
      p.out();
      assert.equal(ST[sock.state], 'Established');
    }

    /** The first connection: 2900 bytes in flight (five full segments, a 400-byte tail), the first
     *  lost; duplicates SACK s1, s1-s2, s1-s4; the third starts fast retransmit and the device
     *  refuses it. Then abort(). */
    function firstConnection() {
      const p = craftedPeer(lib);
      const sock = p.socket({ txBytes: 16384 });
      handshake(p, sock, { irs: 5000 });
      assert.equal(sock.send(pattern(2900, 1), 0, 2900), 2900);
      p.poll();
      const flight = p.out().filter((s) => s.data.length);
      assert.deepEqual(flight.map((s) => s.data.length), [500, 500, 500, 500, 500, 400]);
      const at = (k) => u32(ISS + 1 + 500 * k);
      const refuse = refuseFrames(p, 0);
      p.now += 20;
      p.send({ seq: 5001, ack: at(0), flags: F.Ack, sackBlocks: [[at(1), at(2)]] });
      p.send({ seq: 5001, ack: at(0), flags: F.Ack, sackBlocks: [[at(1), at(3)]] });
      refuse.n = 1;
      p.send({ seq: 5001, ack: at(0), flags: F.Ack, sackBlocks: [[at(1), at(5)]] });
      assert.equal(sock.stats[FAST_RETRANSMITS], 1, 'a fast retransmit started');
      assert.equal(refuse.n, 0, 'its segment was refused');
      assert.equal(p.out().filter((s) => s.data.length).length, 0);
      sock.abort();
      p.out();
      return { p, sock, at };
    }

    test('the old scoreboard: one duplicate SACKing one segment starts no fast retransmit', () => {
      const { p, sock, at } = firstConnection();
      handshake(p, sock, { irs: 7000 });
      // The same sequence numbers again: the old blocks (s1 to s4) would cover this flight's s1-s4.
      sock.send(pattern(2900, 2), 0, 2900);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 6);
      p.now += 20;
      p.send({ seq: 7001, ack: at(0), flags: F.Ack, sackBlocks: [[at(5), u32(at(5) + 400)]] });
      assert.deepEqual(p.out().filter((s) => s.data.length).map((s) => s.seq), [], 'nothing sent again');
      assert.equal(sock.stats[FAST_RETRANSMITS], 1, 'no second fast retransmit');
    });

    test('the pending retransmission: the first segment keeps within the peer\'s 300-byte window', () => {
      const { p, sock } = firstConnection();
      handshake(p, sock, { irs: 7000, window: 300 });
      sock.send(pattern(1000, 3), 0, 1000);
      p.poll();
      assert.deepEqual(p.out().filter((s) => s.data.length).map((s) => s.data.length), [300]);
    });

    test('the recovery: the first flight is the initial window (10 segments), not the whole ring', () => {
      const { p, sock } = firstConnection();
      handshake(p, sock, { irs: 7000 });
      sock.send(pattern(8000, 4), 0, 8000);
      p.poll();
      assert.equal(p.out().filter((s) => s.data.length).length, 10);
    });

    test('the last small segment: a full segment and a small tail go together', () => {
      const { p, sock } = firstConnection();
      handshake(p, sock, { irs: 7000 });
      sock.send(pattern(600, 5), 0, 600);
      p.poll();
      assert.deepEqual(p.out().filter((s) => s.data.length).map((s) => s.data.length), [500, 100]);
    });
  });
}
