// Loss recovery on a clean virtual wire with one chosen data segment dropped: the receiver's
// duplicate ACKs (one per out-of-order segment, window unchanged) must drive the sender's fast
// retransmit, so the retransmission timeout never fires; for ISNs in both halves of sequence space
// (RFC 6582's `recover` starts at the ISS); on both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { tcpPair, pattern, transfer } from './pair.mjs';

const STAT = { timeouts: 0, fastRetransmits: 1, probes: 2, undos: 3 };

/** A connected pair with 5 ms one-way delay whose client drops its nth data frame (1-based). */
function session(lib, { isn = -1, nth = 10, window = 16384, dropIf = null } = {}) {
  const p = tcpPair(lib, { faults: { delayMs: 5 } });
  const srv = new lib.socket.TcpSocket({ rxBytes: window, txBytes: 65536 });
  const cli = new lib.socket.TcpSocket({ rxBytes: window, txBytes: 65536 });
  p.B.add(srv);
  p.A.add(cli);
  srv.listen(5001);
  if (isn >= 0) cli.isnOverride = isn;
  cli.connect(p.ipB, 5001);
  p.run({ idleAfterMs: 60000 });
  assert.equal(lib.socket.TCP_STATES[cli.state], 'Established');
  const dev = p.A.device, send = dev.transmit;
  let dataFrames = 0;
  const dropped = [];
  dev.transmit = function (buf, off, len) {
    // 14 Ethernet + 20 IPv4 + at least 20 TCP: anything longer carries data.
    if (len > 54 + 12 && (dropIf ? dropIf(len, dropped.length) : ++dataFrames === nth)) {
      dropped.push(len);
      return 0; // handed to the wire, which loses it
    }
    return send.call(this, buf, off, len);
  };
  return { ...p, srv, cli, dropped };
}

for (const { name, lib } of builds) {
  describe(name + ': TCP loss recovery', () => {
    for (const [label, isn] of [['an ISN in the lower half', 0x10000000], ['an ISN in the upper half', 0x90000000]]) {
      test('one dropped segment is repaired by fast retransmit, not the timeout (' + label + ')', () => {
        const s = session(lib, { isn });
        const data = pattern(200000, 3);
        const r = transfer(s, s.cli, s.srv, data, { close: false });
        assert.equal(s.dropped.length, 1, 'one data segment was dropped');
        assert.deepEqual(r.got, data);
        assert.equal(s.cli.stats[STAT.timeouts], 0, 'no retransmission timeout');
        assert.equal(s.cli.stats[STAT.fastRetransmits], 1, 'one fast retransmit');
      });
    }

    test('a small window (2 KB): a lost first segment is repaired by early retransmit, a lost tail by the loss probe', () => {
      for (const nth of [5, 6]) {
        const s = session(lib, { window: 2048, nth });
        const data = pattern(30000, nth);
        assert.deepEqual(transfer(s, s.cli, s.srv, data, { close: false }).got, data);
        assert.equal(s.dropped.length, 1);
        assert.equal(s.cli.stats[STAT.timeouts], 0, 'segment ' + nth + ': no retransmission timeout');
        assert.equal(s.cli.stats[STAT.fastRetransmits] + s.cli.stats[STAT.probes], 1, 'segment ' + nth + ': one early retransmit or probe');
      }
    });

    test('the last segment of a transfer lost: the tail loss probe repairs it before the RTO', () => {
      // 20000 bytes: 13 full segments of 1448 bytes (the MSS less the timestamp option) and a
      // 1176-byte tail.
      const s = session(lib, { dropIf: (len, n) => n === 0 && len === 54 + 12 + 1176 });
      const data = pattern(20000, 5);
      const r = transfer(s, s.cli, s.srv, data, { close: false });
      assert.deepEqual(r.got, data);
      assert.equal(s.dropped.length, 1);
      assert.equal(s.cli.stats[STAT.timeouts], 0, 'no retransmission timeout');
      assert.equal(s.cli.stats[STAT.probes], 1, 'one loss probe');
      assert.ok(r.ms < 200, 'repaired within ' + r.ms + ' ms, before the 200 ms minimum RTO');
    });

    test('SACK: offered and agreed on SYN; two segments lost in one flight are repaired in one recovery', () => {
      const s = session(lib, { dropIf: (len, n) => n < 2 && ++s_count >= 12 && (s_count === 12 || s_count === 15) });
      let s_count = 0;
      assert.ok(s.cli.sackOk && s.srv.sackOk, 'both ends agreed on SACK');
      const dev = s.B.device, send = dev.transmit;
      let sackAcks = 0;
      dev.transmit = function (buf, off, len) {
        const tcp = off + 34, hl = (buf[tcp + 12] >> 4) * 4;
        for (let i = tcp + 20; i < tcp + hl;) {
          if (buf[i] === 1) { i++; continue; }
          if (buf[i] === 5) sackAcks++;
          if (buf[i] === 0) break;
          i += buf[i + 1];
        }
        return send.call(this, buf, off, len);
      };
      const data = pattern(200000, 6);
      assert.deepEqual(transfer(s, s.cli, s.srv, data, { close: false }).got, data);
      assert.equal(s.dropped.length, 2);
      assert.ok(sackAcks >= 3, 'ACKs carried SACK blocks: ' + sackAcks);
      assert.equal(s.cli.stats[STAT.timeouts], 0, 'no retransmission timeout');
      assert.equal(s.cli.stats[STAT.fastRetransmits], 1, 'one recovery');
    });

    test('the advertised window stays within the receive capacity the device reports', () => {
      const p = tcpPair(lib, { faults: { delayMs: 5 } });
      p.B.device.rxCapacity = 6656; // the ENC28J60's receive ring
      const srv = new lib.socket.TcpSocket({ rxBytes: 16384 }), cli = new lib.socket.TcpSocket({ txBytes: 65536 });
      p.B.add(srv);
      p.A.add(cli);
      srv.listen(5001);
      cli.connect(p.ipB, 5001);
      p.run({ idleAfterMs: 60000 });
      const dev = p.B.device, send = dev.transmit;
      let most = 0;
      dev.transmit = function (buf, off, len) {
        const w = buf[off + 34 + 14] << 8 | buf[off + 34 + 15];
        if (w > most) most = w;
        return send.call(this, buf, off, len);
      };
      const data = pattern(100000, 8);
      assert.deepEqual(transfer({ ...p }, cli, srv, data, { close: false }).got, data);
      assert.equal(most, 3 * 1460, 'four full segments fit in 6656 bytes of chip buffer: three, and room for a loss probe');
      assert.ok(cli.sndWnd <= 3 * 1460);
    });

    test('cwnd grows only while it limits the sender: held by a 16 KB window it stays within twice that window', () => {
      const s = session(lib, { nth: 0 });
      const data = pattern(300000, 9);
      assert.deepEqual(transfer(s, s.cli, s.srv, data, { close: false }).got, data);
      assert.equal(s.dropped.length, 0);
      // The first round of slow start, cwnd-limited at 10 segments, doubles it; then the window
      // holds the sender and cwnd stays. Before, every ACK added to it: 200 segments' worth here.
      assert.ok(s.cli.cwnd <= 2 * 16384, 'cwnd ' + s.cli.cwnd + ' stays within twice the 16 KB window');
    });

    test('a loss in a window-limited flight: ssthresh comes from cwnd, not only the flight left when it is detected', () => {
      const s = session(lib, { nth: 40 });
      const data = pattern(300000, 10);
      let least = Infinity;
      const ack = s.A.device.receive;
      s.A.device.receive = function (buf, off) {
        const n = ack.call(this, buf, off);
        if (s.cli.inRecovery && s.cli.ssthresh < least) least = s.cli.ssthresh;
        return n;
      };
      assert.deepEqual(transfer(s, s.cli, s.srv, data, { close: false }).got, data);
      assert.equal(s.cli.stats[STAT.fastRetransmits], 1);
      // The window holds 11 segments; 0.7 of that is 7.7, where 0.7 of what is left in flight
      // after the ACKs ahead of the hole can be 2 or 3 segments.
      assert.ok(least >= 7 * 1460, 'ssthresh ' + least + ' at least 7 segments');
    });

    test('two stacks agree on timestamps: every segment carries them, and SRTT follows the 10 ms round trip', () => {
      const s = session(lib, { nth: 0 });
      assert.ok(s.cli.ts.ok && s.srv.ts.ok);
      let bare = 0;
      for (const dev of [s.A.device, s.B.device]) {
        const send = dev.transmit;
        dev.transmit = function (buf, off, len) {
          const tcp = off + 34, hl = (buf[tcp + 12] >> 4) * 4;
          let ts = false;
          for (let i = tcp + 20; i < tcp + hl;) {
            if (buf[i] === 1) { i++; continue; }
            if (buf[i] === 0) break;
            if (buf[i] === 8) ts = true;
            i += buf[i + 1];
          }
          if (!ts) bare++;
          return send.call(this, buf, off, len);
        };
      }
      const data = pattern(100000, 12);
      assert.deepEqual(transfer(s, s.cli, s.srv, data, { close: false }).got, data);
      assert.equal(bare, 0, 'no segment without timestamps');
      assert.ok(s.cli.rtt.srtt >= 9 && s.cli.rtt.srtt <= 12, 'SRTT ' + s.cli.rtt.srtt);
    });

    test('ACKs delayed past the RTO: the timeout proves spurious (Eifel, timestamps) and is undone, no go-back-N', () => {
      const s = session(lib, { nth: 0 });
      assert.ok(s.cli.ts.ok && s.srv.ts.ok, 'both ends agreed on timestamps');
      const start = s.wire.now;
      // From 100 ms into the transfer, everything the receiver sends for 250 ms takes 300 ms.
      const rdev = s.B.device, rsend = rdev.transmit;
      let t1 = -1;
      rdev.transmit = function (buf, off, len) {
        if (t1 < 0 && s.wire.now >= start + 100) t1 = s.wire.now;
        s.wire.setFaults(rdev, { delayMs: t1 >= 0 && s.wire.now < t1 + 250 ? 300 : 5 });
        return rsend.call(this, buf, off, len);
      };
      // Count what the sender sends again: data below the highest sequence already sent.
      const sdev = s.A.device, ssend = sdev.transmit;
      let high = -1, resent = 0;
      sdev.transmit = function (buf, off, len) {
        const tcp = off + 34, n = len - 34 - (buf[tcp + 12] >> 4) * 4;
        const seq = (buf[tcp + 4] << 24 | buf[tcp + 5] << 16 | buf[tcp + 6] << 8 | buf[tcp + 7]) >>> 0;
        if (n > 0) {
          if (high >= 0 && ((seq - high) | 0) < 0) resent++;
          else high = (seq + n) >>> 0;
        }
        return ssend.call(this, buf, off, len);
      };
      // cwnd and ssthresh as the timeout found them, and as the undo left them.
      let before = null, after = null;
      const poll = s.A.poll;
      s.A.poll = function (now) {
        const snap = { cwnd: s.cli.cwnd, ssthresh: s.cli.ssthresh };
        const r = poll.call(this, now);
        if (s.cli.stats[STAT.timeouts] === 1 && before === null) before = snap;
        if (s.cli.stats[STAT.undos] === 1 && after === null) after = { cwnd: s.cli.cwnd, ssthresh: s.cli.ssthresh };
        return r;
      };
      const data = pattern(300000, 11);
      assert.deepEqual(transfer(s, s.cli, s.srv, data, { close: false }).got, data);
      assert.ok(t1 >= 0);
      assert.equal(s.cli.stats[STAT.timeouts], 1, 'one timeout');
      assert.equal(s.cli.stats[STAT.undos], 1, 'undone');
      assert.ok(after.cwnd >= before.cwnd, 'cwnd restored: ' + after.cwnd + ' >= ' + before.cwnd);
      assert.equal(after.ssthresh, before.ssthresh, 'ssthresh restored');
      // A loss probe before the timeout and one after it (its retransmission got no answer within
      // two round trips either) each send the last segment again; nothing else goes twice.
      assert.ok(s.cli.stats[STAT.probes] <= 2, 'probes: ' + s.cli.stats[STAT.probes]);
      assert.equal(resent, 1 + s.cli.stats[STAT.probes], 'only the timeout\'s segment and the probes\' were sent twice');
    });

    test('every out-of-order segment gets its own duplicate ACK with an unchanged window', () => {
      const s = session(lib, { nth: 3 });
      // Watch what the server sends while the hole lasts.
      const dev = s.B.device, send = dev.transmit, acks = [];
      dev.transmit = function (buf, off, len) {
        const tcp = off + 14 + 20;
        acks.push({ ack: (buf[tcp + 8] << 24 | buf[tcp + 9] << 16 | buf[tcp + 10] << 8 | buf[tcp + 11]) >>> 0, win: buf[tcp + 14] << 8 | buf[tcp + 15] });
        return send.call(this, buf, off, len);
      };
      const data = pattern(60000, 4);
      transfer(s, s.cli, s.srv, data, { close: false });
      const dups = [];
      for (let i = 1; i < acks.length; i++) if (acks[i].ack === acks[i - 1].ack) dups.push(acks[i]);
      assert.ok(dups.length >= 3, 'at least three duplicate ACKs: ' + dups.length);
      const first = dups[0];
      for (const d of dups.filter((d) => d.ack === first.ack)) assert.equal(d.win, first.win, 'duplicate ACKs keep the window');
      assert.equal(s.cli.stats[STAT.timeouts], 0);
    });
  });
}
