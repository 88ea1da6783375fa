// The sender's sequence marks after more than half the sequence space, against a crafted peer.
// Sequence numbers compare modulo 2^32 (RFC 9293 3.4): a mark left 2^31 bytes behind sndUna
// reads as ahead of it. One connection (SACK, window scaling, jumbo MSS 65495 on an MTU 65535
// capture device, a 4 MiB window that bounds the flight) moves 4 GiB, and checks that marks set
// at the ISN or long ago do not mislead the sender:
// - past 2^31 bytes, with no loss before: cwnd, which the window bounds since slow start reached
//   it (2 MSS more for each ACK till then, RFC 3465), has not grown (RFC 7661: only while cwnd
//   limits the sender; cwndUsed); a tail shorter than the MSS goes with the full segments before
//   it, no small segment being unacknowledged (Minshall's Nagle; sndSml); a loss that SACK shows
//   starts fast recovery (RFC 6582's recover must not block it), and with two holes the second
//   goes in the same poll as the first (RFC 6675 NextSeg searches from HighRxt, which the fast
//   retransmit sets to sndUna). Each of the three marks used to stay at the ISN; now the ACKs
//   bring them up every 16 MiB, and at that ACK a short segment in flight still holds a second
//   short tail back;
// - 2^32 bytes after a tail loss probe of new data acknowledged by a plain ACK (through the
//   header-prediction shortcut, and with prediction off through the full path): one SACK above a
//   hole is one duplicate, not a proof of loss (the probe's data was acknowledged 4 GiB ago: its
//   mark must not read as the probe SACKed, RFC 8985 7).
// The peer reads only each frame's sequence number and length while the bulk moves, and acks
// every round trip (20 ms) with one cumulative ACK. To keep the run to seconds, the checksum
// helper the boards may install (setSum16) is a 32-bit-word sum here (same results), and the
// NO_ALLOC build copies with native set() (copyByViews, as Espruino boards do). Both builds.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer } from './peer.mjs';

const MTU = 65535, MSS = MTU - 40;
const SHIFT = 14, WND = 256; // 256 << 14 = 4 MiB: 64 segments and a bit
const RING = 8 << 20;
const ISS = 0xfff00000; // the sequence numbers pass 0 at once
const HALF = 2 ** 31, TURN = 2 ** 32;
const u32 = (x) => x >>> 0;
const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, predicted: 4 };

/** The Internet checksum's folded sum (sum16's contract) over 32-bit words: the same value
 *  modulo 65535, and 0 only for all-zero input, as the 16-bit sum. */
function sum32(buf, off, len, initial) {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let s = initial, i = off;
  const end4 = off + (len & ~3);
  for (; i < end4; i += 4) s += dv.getUint32(i);
  if (len & 2) { s += (buf[i] << 8) | buf[i + 1]; i += 2; }
  if (len & 1) s += buf[i] << 8;
  while (s > 0xffff) s = (s % 65536) + Math.floor(s / 65536);
  return s;
}

for (const { name, lib } of builds) for (const predict of [true, false]) {
  describe(name + ': TCP sequence marks past half the sequence space' + (predict ? '' : ' (header prediction off)'), () => {
    const F = lib.wire.TCP_FLAGS;
    let p, sock, c, base;
    // Offsets in the stream (plain numbers, past 2^32 too): written to the ring, acknowledged.
    let written = 0, acked = 0, tOff = -1, cwndRef = -1;
    // cwnd after each of the bulk's first ACKs, and at 1 GiB.
    const cwnds = [];
    // While hauling, the device keeps only the end of the last data segment (a sequence number).
    let hauling = false, lastEnd = -1;
    const seqAt = (off) => u32(base + off);
    const offOf = (seq) => acked + u32(seq - seqAt(acked));
    const ack = (off, sackBlocks) => {
      p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: seqAt(off), flags: F.Ack, window: WND, sackBlocks });
      if (!sackBlocks && off > acked) acked = off;
    };
    const write = (n) => {
      const chunk = new Uint8Array(n);
      assert.equal(sock.send(chunk, 0, n), n);
      written += n;
    };
    /** Data segments sent since the last call, as { off, len }. */
    const sent = () => p.out().filter((s) => s.data.length).map((s) => ({ off: offOf(s.seq), len: s.data.length }));

    /** Moves the stream on until `to` bytes are written and acknowledged: each round the ring is
     *  topped up, the flight goes, and 20 ms later one ACK covers it. */
    function haul(to) {
      const fill = new Uint8Array(RING);
      hauling = true;
      for (let i = 0; acked < to; i++) {
        if (i > 4000) throw new Error('haul stalled at ' + acked);
        const room = Math.min(sock.tx.free(), to - written);
        if (room > 0) { assert.equal(sock.send(fill, 0, room), room); written += room; }
        p.poll();
        p.now += 20;
        // What went since the last ACK (in this poll or after the last ACK) arrived.
        if (lastEnd >= 0 && offOf(lastEnd) > acked) ack(offOf(lastEnd));
        if (cwndRef < 0 && acked >= 2 ** 30) cwndRef = sock.cwnd;
        if (cwnds.length < 64) cwnds.push(sock.cwnd);
      }
      hauling = false;
      assert.equal(sock.stats[STAT.timeouts], 0, 'no timeout while hauling');
    }

    before(() => {
      lib.socket.setTcpShortcuts(predict);
      lib.wire.setSum16(sum32);
      if (lib.noAlloc) lib.storage.copyByViews(true);
      p = craftedPeer(lib, { mtu: MTU });
      c = p.connect({ mss: MSS, wscale: SHIFT, sack: true, iss: ISS, sockOpts: { txBytes: RING } });
      sock = c.sock;
      base = c.snd;
      const send = p.dev.transmit;
      p.dev.transmit = function (buf, off, len) {
        if (!hauling) return send.call(this, buf, off, len);
        const ip = off + 14, tcp = ip + 20;
        const n = ((buf[ip + 2] << 8) | buf[ip + 3]) - 20 - ((buf[tcp + 12] >> 4) << 2);
        if (n > 0) lastEnd = u32(((buf[tcp + 4] << 24) | (buf[tcp + 5] << 16) | (buf[tcp + 6] << 8) | buf[tcp + 7]) + n);
        return 0;
      };
    });
    after(() => {
      lib.socket.setTcpShortcuts(true);
      lib.wire.setSum16(null);
      if (lib.noAlloc) lib.storage.copyByViews(false);
    });

    /** Once per connection, before the bulk: a tail loss probe of new data (from tOff on), all
     *  of it acknowledged by a plain ACK (the shortcut's case when header prediction is on). Each
     *  test calls it and hauls itself (the mutation runs pick single tests by name). */
    function probed() {
      if (tOff >= 0) return;
      assert.equal(lib.socket.TCP_STATES[sock.state], 'Established');
      assert.equal(sock.sndMss, MSS);
      // One round trip of 20 ms, for the probe timeout.
      write(MSS);
      p.poll();
      assert.deepEqual(sent(), [{ off: 0, len: MSS }]);
      p.now += 20;
      ack(MSS);
      // cwnd's worth goes, two segments more wait.
      const k = Math.floor(sock.cwnd / MSS);
      write((k + 2) * MSS);
      p.poll();
      assert.equal(sent().length, k, 'cwnd holds the last two back');
      const probe = p.until((s) => s.some((x) => x.data.length), 1000, 'the tail loss probe')
        .filter((x) => x.data.length).map((x) => ({ off: offOf(x.seq), len: x.data.length }));
      tOff = (1 + k) * MSS;
      assert.deepEqual(probe, [{ off: tOff, len: MSS }], 'the probe sends new data');
      assert.equal(sock.stats[STAT.probes], 1);
      // Everything arrived: the plain ACK of the probe's data takes the shortcut, if on.
      const predicted = sock.stats[STAT.predicted];
      ack(tOff + MSS);
      assert.equal(sock.stats[STAT.predicted], predicted + (predict ? 1 : 0), 'the path the ACK took');
      assert.deepEqual(sent(), [{ off: tOff + MSS, len: MSS }]);
      p.now += 20;
      ack(written);
    }

    test('past 2^31 bytes: cwnd not grown, a short tail at once, a second hole in the same poll, Nagle kept', () => {
      probed();
      // Whole segments only since the ISN (the window cuts none short): the last short segment
      // sent is the ISN's.
      haul(Math.ceil((tOff + HALF + 2 ** 28) / MSS) * MSS);
      // Slow start while cwnd limits the sender (below the window, the ring full): each round's
      // ACK grows it by 2 MSS (RFC 3465, L = 2), then the window holds the flight.
      for (let i = 1; i < cwnds.length && cwnds[i - 1] < WND << SHIFT; i++) assert.equal(cwnds[i], cwnds[i - 1] + 2 * MSS, 'slow start, ACK ' + i);
      assert.ok(cwnds[cwnds.length - 1] >= WND << SHIFT);
      assert.ok(cwndRef > 0);
      assert.equal(sock.cwnd, cwndRef, 'held by the window since 1 GiB, cwnd has not grown');
      // Two full segments and a short tail, with nothing in flight: no small segment is
      // unacknowledged, so the tail goes with them.
      let at = acked;
      write(2 * MSS + 100);
      p.poll();
      assert.deepEqual(sent(), [{ off: at, len: MSS }, { off: at + MSS, len: MSS }, { off: at + 2 * MSS, len: 100 }]);
      p.now += 20;
      ack(written);
      // Ten segments s0..s9; s0 and s2 are lost, one ACK SACKs the rest.
      at = acked;
      const s = (k) => at + k * MSS;
      write(10 * MSS);
      p.poll();
      assert.equal(sent().length, 10);
      p.now += 20;
      const fr = sock.stats[STAT.fastRetransmits];
      ack(s(0), [[seqAt(s(3)), seqAt(s(10))], [seqAt(s(1)), seqAt(s(2))]]);
      assert.equal(sock.stats[STAT.fastRetransmits], fr + 1, 'fast recovery starts');
      assert.deepEqual(sent(), [{ off: s(0), len: MSS }, { off: s(2), len: MSS }], 's0, then at once the hole s2');
      p.now += 20;
      ack(written);
      // That recovery's recover is s10. The first ACK that starts over 16 MiB past it brings the
      // marks left behind up to its start; a short segment in flight is no mark left behind: at
      // that ACK a second short tail still waits for the first one's ACK (Nagle).
      haul(s(10) + 2 ** 24 + 1);
      at = acked;
      write(MSS + 100);
      p.poll();
      assert.deepEqual(sent(), [{ off: at, len: MSS }, { off: at + MSS, len: 100 }]);
      write(100);
      p.poll();
      assert.deepEqual(sent(), [], 'a short segment is unacknowledged');
      p.now += 20;
      ack(at + MSS);
      assert.deepEqual(sent(), [], 'it still is');
      ack(at + MSS + 100);
      assert.deepEqual(sent(), [{ off: at + MSS + 100, len: 100 }]);
      p.now += 20;
      ack(written);
      assert.equal(sock.stats[STAT.timeouts], 0);
    });

    test('2^32 bytes after a loss probe of new data: one SACK above a hole is a duplicate, three start recovery', () => {
      probed();
      // The flight s0..s7 starts half a segment short of the probe's sequence number once round.
      const from = tOff + TURN - Math.floor(MSS / 2);
      haul(from);
      assert.equal(acked, from);
      const s = (k) => from + k * MSS;
      write(8 * MSS);
      p.poll();
      assert.equal(sent().length, 8);
      p.now += 20;
      const fr = sock.stats[STAT.fastRetransmits];
      ack(s(0), [[seqAt(s(1)), seqAt(s(2))]]);
      assert.deepEqual(sent(), [], 'one segment SACKed: nothing is lost yet');
      ack(s(0), [[seqAt(s(1)), seqAt(s(3))]]);
      assert.deepEqual(sent(), []);
      assert.equal(sock.stats[STAT.fastRetransmits], fr);
      ack(s(0), [[seqAt(s(1)), seqAt(s(4))]]);
      assert.equal(sock.stats[STAT.fastRetransmits], fr + 1, 'three SACKed segments show s0 lost');
      assert.deepEqual(sent()[0], { off: s(0), len: MSS });
      p.now += 20;
      ack(written);
      assert.equal(sock.stats[STAT.timeouts], 0);
    });
  });
}
