// TCP against a crafted-segment peer (test/tcp/peer.mjs), not this stack: the handshake from both
// sides with bad ACKs, retransmitted SYNs and stray segments, what every synchronized state does
// with RST, SYN, a bad ACK and an out-of-window segment (RFC 9293 3.10.7.4, RFC 5961), and the
// receive window's acceptability and trimming. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';
import { craftedPeer, fixtureFrame, recvAll } from './peer.mjs';
import { pattern } from './pair.mjs';

const u32 = (x) => x >>> 0;

for (const { name, lib } of builds) {
  describe(name + ': TCP against a crafted peer', () => {
    const ST = lib.socket.TCP_STATES;
    const E = lib.socket.SOCKET_ERRORS;
    const R = lib.iface.RESULTS;
    const state = (s) => ST[s.state];
    const F = lib.wire.TCP_FLAGS;
    const only = (segs, what) => {
      assert.equal(segs.length, 1, what + ': one segment, got ' + JSON.stringify(segs.map((s) => s.flags)));
      return segs[0];
    };

    test('a replayed Linux SYN (MSS, SACK-permitted, timestamps, window scale) is answered by a SYN-ACK that acknowledges it', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.listen(8080), 0);
      // The kernel's SYN, readdressed to us, checksums fixed.
      const f = fixtureFrame('tcp-syn');
      const w = lib.wire, ip = w.createIpv4Repr(), t = w.createTcpRepr();
      assert.equal(w.parseIpv4(f, 14, f.length - 14, ip), 0);
      assert.equal(w.parseTcp(f, 14 + ip.headerLen, ip.payloadLen, ip.src, ip.dst, t), 0);
      assert.equal(t.dstPort, 8080);
      assert.ok(t.wscale >= 0 && t.mss === 1460);
      const frame = f.slice();
      frame.set([0x02, 0, 0, 0, 0, 1], 0);
      frame.set([0x02, 0, 0, 0, 0, 2], 6);
      const put32 = (o, v) => { frame[o] = v >>> 24; frame[o + 1] = (v >>> 16) & 255; frame[o + 2] = (v >>> 8) & 255; frame[o + 3] = v & 255; };
      put32(26, p.peer); put32(30, p.us);
      frame[24] = frame[25] = 0;
      const c = ~w.sum16(frame, 14, ip.headerLen, 0) & 0xffff;
      frame[24] = c >> 8; frame[25] = c & 255;
      const l4 = 14 + ip.headerLen;
      frame[l4 + 16] = frame[l4 + 17] = 0;
      const c4 = ~w.sum16(frame, l4, ip.payloadLen, w.pseudoSum(p.peer, p.us, 6, ip.payloadLen)) & 0xffff;
      frame[l4 + 16] = c4 >> 8; frame[l4 + 17] = c4 & 255;
      p.send(frame);
      const sa = only(p.out(), 'answer to the SYN');
      assert.equal(sa.flags, F.Syn | F.Ack);
      assert.equal(sa.ack, u32(t.seq + 1));
      assert.equal(sa.dport, t.srcPort);
      assert.ok(sa.mss > 0 && sa.mss <= 1460, 'our MSS');
      assert.ok(sa.wscale >= 0, 'window scale answered because the SYN offered it');
      assert.equal(state(sock), 'SynReceived');
      assert.equal(sock.isOpen(), true);
      assert.equal(sock.canSend(), false, 'no sending before the handshake ends');
    });

    test('LISTEN: a stray ACK gets a RST at its acknowledgment number; a RST is ignored; the listener stays', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 100, ack: 777777, flags: F.Ack });
      const rst = only(p.out(), 'answer to a stray ACK');
      assert.equal(rst.flags & F.Rst, F.Rst);
      assert.equal(rst.seq, 777777);
      assert.equal(rst.dport, 40000);
      assert.equal(rst.sport, 80);
      assert.equal(state(sock), 'Listen');
      p.send({ seq: 100, flags: F.Rst });
      assert.deepEqual(p.out(), [], 'no answer to a RST');
      // Neither SYN nor ACK: RFC 9293 drops it; the interface answers a RST at most, never a SYN-ACK.
      p.send({ seq: 100, flags: F.Fin });
      assert.ok(p.out().every((s) => s.flags & F.Rst), 'no connection from a FIN');
      assert.equal(state(sock), 'Listen');
      // It still accepts a connection.
      p.send({ seq: 300, flags: F.Syn });
      assert.equal(only(p.out(), 'SYN-ACK').ack, 301);
      assert.equal(state(sock), 'SynReceived');
    });

    test('SYN-RECEIVED: a retransmitted SYN gets the same SYN-ACK again; a bad ACK gets a RST and changes nothing', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      sock.listen(80);
      p.send({ seq: 5000, flags: F.Syn, mss: 1000 });
      const sa = only(p.out(), 'SYN-ACK');
      p.send({ seq: 5000, flags: F.Syn, mss: 1000 });
      const again = p.out().filter((s) => s.flags & F.Syn);
      assert.ok(again.length >= 1, 'SYN-ACK sent again');
      assert.equal(again[0].seq, sa.seq, 'same ISS');
      assert.equal(again[0].ack, 5001);
      assert.equal(state(sock), 'SynReceived');
      // ACK of something we never sent: RST with that sequence number (RFC 9293 3.10.7.4).
      for (const bad of [sa.seq, u32(sa.seq + 2), u32(sa.seq - 1000)]) {
        p.send({ seq: 5001, ack: bad, flags: F.Ack });
        const r = only(p.out(), 'answer to ACK ' + bad);
        assert.equal(r.flags & F.Rst, F.Rst);
        assert.equal(r.seq, bad);
        assert.equal(state(sock), 'SynReceived');
      }
      // An in-window SYN that is not the peer's first: challenge ACK, not a reset.
      p.send({ seq: 5003, flags: F.Syn });
      const ch = p.out();
      assert.ok(ch.length >= 1 && ch.every((s) => !(s.flags & F.Rst)), 'no RST to a new SYN');
      assert.equal(state(sock), 'SynReceived');
      p.send({ seq: 5001, ack: u32(sa.seq + 1), flags: F.Ack });
      assert.equal(state(sock), 'Established');
      assert.equal(sock.canSend(), true);
    });

    test('SYN-SENT: an unacceptable ACK gets a RST and the SYN stands; a RST with a bad ACK is ignored; a good one resets', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ initialRto: 1000 });
      sock.isnOverride = 1000000;
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = only(p.out(), 'SYN');
      assert.equal(syn.flags, F.Syn);
      assert.equal(syn.seq, 1000000);
      for (const bad of [1000000, 999999, 1000002]) {
        p.send({ sport: 80, dport: syn.sport, seq: 42, ack: bad, flags: F.Syn | F.Ack });
        const r = only(p.out(), 'answer to SYN-ACK acking ' + bad);
        assert.equal(r.flags & F.Rst, F.Rst);
        assert.equal(r.seq, bad);
        assert.equal(state(sock), 'SynSent');
      }
      // An acceptable ACK without SYN or RST: dropped (RFC 9293 3.10.7.3, fifth check).
      p.send({ sport: 80, dport: syn.sport, seq: 42, ack: 1000001, flags: F.Ack });
      assert.deepEqual(p.out(), []);
      assert.equal(state(sock), 'SynSent', 'no connection without the peer\'s SYN');
      p.send({ sport: 80, dport: syn.sport, seq: 42, ack: 1000005, flags: F.Rst | F.Ack });
      assert.deepEqual(p.out(), []);
      assert.equal(state(sock), 'SynSent', 'a RST acking something else is not for this connection');
      const rejected = p.iface.counters[R.TcpRejected];
      p.send({ sport: 80, dport: syn.sport, seq: 42, flags: F.Rst });
      assert.equal(state(sock), 'SynSent', 'a RST without ACK is dropped');
      assert.equal(p.iface.counters[R.TcpRejected], rejected + 1, 'and counted as rejected');
      p.send({ sport: 80, dport: syn.sport, seq: 42, ack: 1000001, flags: F.Rst | F.Ack });
      assert.equal(state(sock), 'Closed');
      assert.equal(sock.error, E.Reset);
      assert.equal(sock.recv(new Uint8Array(4), 0, 4), E.Reset);
      assert.equal(sock.isOpen(), false);
    });

    test('SYN-SENT: the SYN is retransmitted with backoff, then the connection gives up with TimedOut', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ initialRto: 500, maxRetries: 3 });
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const times = [];
      p.until((segs) => {
        for (const s of segs.splice(0)) { assert.equal(s.flags, F.Syn); times.push(p.now); }
        return state(sock) === 'Closed';
      }, 120000, 'the connection to give up');
      assert.equal(times.length, 4, 'the SYN and 3 retransmissions: ' + times);
      for (let i = 2; i < times.length; i++) assert.ok(times[i] - times[i - 1] > times[i - 1] - times[i - 2], 'backoff ' + times);
      assert.equal(sock.error, E.TimedOut);
      assert.equal(sock.recv(new Uint8Array(4), 0, 4), E.TimedOut);
      assert.equal(sock.send(new Uint8Array(4), 0, 4), E.TimedOut);
    });

    test('ESTABLISHED: unacknowledged data is retransmitted from the first unacknowledged byte, then TimedOut', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { initialRto: 300, maxRetries: 4 } });
      const data = pattern(300, 3);
      assert.equal(c.sock.send(data, 0, 300), 300);
      p.poll();
      const first = p.out().filter((s) => s.data.length > 0);
      assert.equal(first.length, 1);
      assert.equal(first[0].seq, c.snd);
      let retx = 0;
      p.until((segs) => {
        for (const s of segs.splice(0)) if (s.data.length) { assert.equal(s.seq, c.snd); assert.deepEqual(s.data, data); retx++; }
        return state(c.sock) === 'Closed';
      }, 600000, 'TimedOut');
      assert.equal(retx, 4);
      assert.equal(c.sock.error, E.TimedOut);
    });

    test('keep-alive: probes one below the next sequence number after the idle time; an answer keeps the connection, silence ends it', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { keepAlive: 10000, keepAliveInterval: 1000, keepAliveProbes: 3 } });
      const t0 = p.now;
      const probes = p.until((segs) => segs.length > 0, 20000, 'a keep-alive probe');
      const probe = only(probes, 'probe');
      assert.ok(p.now - t0 >= 10000, 'not before the idle time');
      assert.equal(probe.seq, u32(c.snd - 1));
      assert.equal(probe.data.length, 0);
      assert.equal(probe.ack, c.rcv);
      // The peer answers: the connection lives on, the next probe comes after a full idle time.
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack });
      const t1 = p.now;
      p.until((segs) => segs.length > 0, 20000, 'the next probe');
      assert.ok(p.now - t1 >= 10000, 'idle time restarted by the answer');
      assert.equal(state(c.sock), 'Established');
      // Silence: more probes at the interval, then TimedOut.
      let n = 1;
      p.until((segs) => { n += segs.splice(0).length; return state(c.sock) === 'Closed'; }, 60000, 'keep-alive failure');
      assert.equal(n, 3, 'keepAliveProbes probes unanswered');
      assert.equal(c.sock.error, E.TimedOut);
    });

    test('receive window: a segment overlapping the left edge is accepted for its new bytes; an old one and one beyond the window get an ACK', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 2000, ackDelay: 0 } });
      const d = pattern(400, 9);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: d.subarray(0, 100) });
      assert.equal(p.out().pop().ack, u32(c.rcv + 100));
      // Bytes 50..150: the first half we have, the second half is new.
      p.send({ seq: c.rcv + 50, ack: c.snd, flags: F.Ack, data: d.subarray(50, 150) });
      assert.equal(p.out().pop().ack, u32(c.rcv + 150), 'the new bytes of an overlapping segment are taken');
      // Entirely old: dropped, ACK of what we have.
      p.send({ seq: c.rcv + 20, ack: c.snd, flags: F.Ack, data: d.subarray(20, 60) });
      const dupAck = only(p.out(), 'ACK to an old segment');
      assert.equal(dupAck.ack, u32(c.rcv + 150));
      // Beyond the window (the ring holds 2000 bytes, 150 unread).
      const before = p.iface.counters[R.TcpRejected];
      p.send({ seq: c.rcv + 5000, ack: c.snd, flags: F.Ack, data: d.subarray(0, 10) });
      assert.equal(only(p.out(), 'ACK to a segment beyond the window').ack, u32(c.rcv + 150));
      assert.equal(p.iface.counters[R.TcpRejected], before + 1);
      assert.equal(c.sock.canRecv(), true);
      assert.deepEqual(recvAll(c.sock), d.subarray(0, 150));
      assert.equal(c.sock.canRecv(), false);
    });

    test('a segment larger than the free window is trimmed to it; its FIN, beyond, is not taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 1000, ackDelay: 0 } });
      const d = pattern(1400, 2);
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin, data: d });
      const a = p.out().pop();
      assert.equal(a.ack, u32(c.rcv + 1000), 'exactly the free space is taken');
      assert.equal(state(c.sock), 'Established', 'the FIN lay beyond the window');
      assert.deepEqual(recvAll(c.sock), d.subarray(0, 1000));
      // The rest, with its FIN, once the window has room.
      p.send({ seq: c.rcv + 1000, ack: c.snd, flags: F.Ack | F.Fin, data: d.subarray(1000) });
      assert.equal(p.out().pop().ack, u32(c.rcv + 1401));
      assert.equal(state(c.sock), 'CloseWait');
      assert.deepEqual(recvAll(c.sock), d.subarray(1000));
      assert.equal(c.sock.recv(new Uint8Array(1), 0, 1), E.Closed);
    });

    test('a zero receive window takes only a segment at exactly the next sequence number, and no data', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ sockOpts: { rxBytes: 200, ackDelay: 0 } });
      p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack, data: pattern(200, 1) });
      assert.equal(p.out().pop().window, 0);
      p.send({ seq: c.rcv + 200, ack: c.snd, flags: F.Ack, data: pattern(1, 1) });
      assert.equal(only(p.out(), 'ACK to a probe').ack, u32(c.rcv + 200), 'probe byte not taken');
      const before = p.iface.counters[R.TcpRejected];
      p.send({ seq: c.rcv + 201, ack: c.snd, flags: F.Ack });
      assert.equal(p.iface.counters[R.TcpRejected], before + 1, 'an empty segment not at the edge is refused');
      p.out();
      p.send({ seq: c.rcv + 200, ack: c.snd, flags: F.Ack });
      assert.equal(p.iface.counters[R.TcpRejected], before + 1, 'an empty segment at the edge is taken');
    });

    // Each synchronized state, reached against the crafted peer: { sock, rcv, snd } with rcv and
    // snd the next sequence numbers each way.
    const states = {
      SynReceived(p) {
        const sock = p.socket();
        sock.listen(80);
        p.send({ seq: 5000, flags: F.Syn });
        const sa = p.out()[0];
        return { sock, rcv: 5001, snd: u32(sa.seq + 1), una: sa.seq };
      },
      Established(p) {
        return p.accept();
      },
      FinWait1(p) {
        const c = p.accept();
        c.sock.close();
        p.poll();
        p.out();
        return { ...c, una: c.snd, snd: u32(c.snd + 1) };
      },
      FinWait2(p) {
        const c = p.accept();
        c.sock.close();
        p.poll();
        p.out();
        p.send({ seq: c.rcv, ack: c.snd + 1, flags: F.Ack });
        return { ...c, snd: u32(c.snd + 1) };
      },
      CloseWait(p) {
        const c = p.accept();
        p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
        p.step(1000);
        p.out();
        return { ...c, rcv: u32(c.rcv + 1) };
      },
      LastAck(p) {
        const c = states.CloseWait(p);
        c.sock.close();
        p.poll();
        p.out();
        return { ...c, una: c.snd, snd: u32(c.snd + 1) };
      },
      Closing(p) {
        const c = states.FinWait1(p);
        p.send({ seq: c.rcv, ack: c.una, flags: F.Ack | F.Fin });
        p.out();
        return { ...c, rcv: u32(c.rcv + 1) };
      },
      TimeWait(p) {
        const c = states.FinWait2(p);
        p.send({ seq: c.rcv, ack: c.snd, flags: F.Ack | F.Fin });
        p.out();
        return { ...c, rcv: u32(c.rcv + 1) };
      },
    };
    const endsQuietly = { Closing: true, LastAck: true, TimeWait: true };

    for (const st of Object.keys(states)) {
      test(st + ': RST, SYN, bad ACK and out-of-window segments (RFC 9293, RFC 5961)', () => {
        const p = craftedPeer(lib, { tcp: { timeWait: 600000 } });
        const c = states[st](p);
        assert.equal(state(c.sock), st);
        const ackOf = (c.una !== undefined ? c.una : c.snd);
        const still = (what) => assert.equal(state(c.sock), st, what + ' changes nothing');
        const answersAck = (segs, what) => {
          const a = only(segs, what);
          assert.equal(a.flags & (F.Rst | F.Syn), 0, what + ': a plain ACK');
          assert.equal(a.flags & F.Ack, F.Ack, what);
          assert.equal(a.ack, c.rcv, what + ': acknowledges what we have');
        };
        // Out of window, ahead and behind: an ACK, nothing else.
        p.send({ seq: c.rcv + 100000, ack: ackOf, flags: F.Ack, data: pattern(10, 1) });
        answersAck(p.out(), 'a segment beyond the window');
        still('a segment beyond the window');
        p.send({ seq: c.rcv - 100000, ack: ackOf, flags: F.Ack, data: pattern(10, 1) });
        answersAck(p.out(), 'an old segment');
        still('an old segment');
        // A RST out of the window: silently dropped.
        p.send({ seq: c.rcv + 100000, flags: F.Rst });
        assert.deepEqual(p.out(), [], 'no answer to a RST outside the window');
        still('a RST outside the window');
        // A RST in the window but not at its edge: challenge ACK.
        p.send({ seq: c.rcv + 1, flags: F.Rst });
        answersAck(p.out(), 'a RST inside the window');
        still('a RST inside the window');
        // A SYN in a synchronized state (not the peer's first): challenge ACK.
        p.send({ seq: c.rcv + 1, flags: F.Syn });
        answersAck(p.out(), 'a SYN');
        still('a SYN');
        if (st !== 'SynReceived') {
          // An ACK of data never sent: challenge ACK (RFC 5961 5.2).
          p.send({ seq: c.rcv, ack: c.snd + 5000, flags: F.Ack });
          answersAck(p.out(), 'an ACK of unsent data');
          still('an ACK of unsent data');
          // The exact RST closes it.
          p.send({ seq: c.rcv, flags: F.Rst });
          assert.equal(state(c.sock), 'Closed');
          assert.equal(c.sock.error, endsQuietly[st] ? 0 : E.Reset);
          assert.deepEqual(p.out(), [], 'no answer to the RST');
        } else {
          p.send({ seq: c.rcv, flags: F.Rst });
          assert.equal(state(c.sock), 'Listen', 'a passive open goes back to LISTEN');
        }
      });
    }

    test('an ACK older than the largest window behind sndUna is dropped with a challenge ACK (RFC 5961 5.2); one inside is taken', () => {
      const p = craftedPeer(lib);
      const c = p.accept({ window: 65535 });
      const rejected = () => p.iface.counters[R.TcpRejected];
      let r0 = rejected();
      p.send({ seq: c.rcv, ack: u32(c.snd - 65535), flags: F.Ack });
      assert.equal(rejected(), r0, 'an old ACK within the window is taken (and ignored)');
      assert.deepEqual(p.out(), []);
      r0 = rejected();
      p.send({ seq: c.rcv, ack: u32(c.snd - 65536), flags: F.Ack });
      assert.equal(rejected(), r0 + 1, 'one beyond it is dropped');
      const ch = only(p.out(), 'challenge ACK');
      assert.equal(ch.ack, c.rcv);
      assert.equal(ch.seq, c.snd);
      assert.equal(state(c.sock), 'Established');
    });

    test('a socket used for a second connection keeps nothing of the first (its FIN\'s sequence number)', () => {
      const p = craftedPeer(lib, { tcp: { timeWait: 1000 } });
      const first = p.connect({ iss: 1000 });
      const sock = first.sock;
      sock.close();
      p.poll();
      const fin = p.out().find((s) => s.flags & F.Fin);
      assert.equal(fin.seq, 1001);
      p.send({ sport: 80, dport: first.port, seq: first.rcv, ack: 1002, flags: F.Ack | F.Fin });
      assert.equal(state(sock), 'TimeWait');
      p.until(() => state(sock) === 'Closed', 5000, 'the end of TIME-WAIT');
      // Second connection: 100 bytes of which the window lets 50 go, then close: the FIN waits.
      sock.isnOverride = 5000;
      assert.equal(sock.connect(p.peer, 80), 0);
      p.poll();
      const syn = p.out().find((s) => s.flags & F.Syn);
      p.send({ sport: 80, dport: syn.sport, seq: 7000, ack: 5001, flags: F.Syn | F.Ack, window: 50 });
      assert.equal(state(sock), 'Established');
      assert.equal(sock.send(pattern(100, 5), 0, 100), 100);
      sock.close();
      p.poll();
      const segs = p.out();
      assert.ok(segs.every((s) => !(s.flags & F.Fin)), 'no FIN before the data');
      p.send({ sport: 80, dport: syn.sport, seq: 7001, ack: 5051, flags: F.Ack, window: 0 });
      assert.equal(state(sock), 'FinWait1', 'an ACK of data is not an ACK of a FIN not yet sent');
      p.send({ sport: 80, dport: syn.sport, seq: 7001, ack: 5051, flags: F.Ack, window: 1000 });
      const rest = p.out();
      const last = rest[rest.length - 1];
      assert.equal(last.flags & F.Fin, F.Fin, 'the FIN follows the rest of the data');
      assert.equal(u32(last.seq + last.data.length), 5101);
      p.send({ sport: 80, dport: syn.sport, seq: 7001, ack: 5102, flags: F.Ack, window: 1000 });
      assert.equal(state(sock), 'FinWait2');
    });

    test('listening on one address: a SYN to it is accepted; a connect to a taken 4-tuple fails and leaves no endpoint', () => {
      const p = craftedPeer(lib);
      const sock = p.socket();
      assert.equal(sock.listen(80, p.us), 0);
      assert.equal(sock.localAddr, p.us);
      p.send({ seq: 10, flags: F.Syn });
      assert.equal(only(p.out(), 'SYN-ACK').flags, F.Syn | F.Ack);
      assert.equal(state(sock), 'SynReceived');
      assert.equal(sock.remoteAddr, p.peer);
      const other = p.socket();
      assert.equal(other.listen(81, lib.wire.parseIpv4Address('10.0.0.99')), 0);
      p.send({ seq: 10, dport: 81, flags: F.Syn });
      // Not taken: nobody listens on that port at our address, so a RST (not a busy backlog's silence).
      assert.equal(only(p.out(), 'RST').flags & F.Rst, F.Rst, 'a RST, no SYN-ACK from a listener on another address');
      assert.equal(state(other), 'Listen');
      // The accepted connection's 4-tuple is taken: connecting to it again fails.
      const dup = p.socket();
      assert.equal(dup.connect(p.peer, 40000, 80), E.AlreadyInUse);
      assert.equal(state(dup), 'Closed');
      assert.equal(dup.localPort, 0);
      assert.equal(dup.remoteAddr, 0);
      assert.equal(dup.remotePort, 0);
    });

    test('API: canSend / canRecv / isOpen / isActive follow the connection', () => {
      const p = craftedPeer(lib);
      const sock = p.socket({ txBytes: 100, ackDelay: 0 });
      assert.equal(sock.isOpen(), false);
      assert.equal(sock.canSend(), false);
      sock.listen(80);
      assert.equal(sock.isOpen(), true);
      assert.equal(sock.isActive(), false);
      p.send({ seq: 1, flags: F.Syn });
      const sa = p.out()[0];
      assert.equal(sock.isActive(), true);
      p.send({ seq: 2, ack: sa.seq + 1, flags: F.Ack, window: 0 });
      assert.equal(sock.canSend(), true);
      assert.equal(sock.send(pattern(100, 1), 0, 100), 100);
      assert.equal(sock.canSend(), false, 'the send ring is full');
      assert.equal(sock.sendQueue(), 100);
      assert.equal(sock.canRecv(), false);
      p.send({ seq: 2, ack: sa.seq + 1, flags: F.Ack, data: pattern(5, 2), window: 1000 });
      assert.equal(sock.canRecv(), true);
      p.out();
      p.send({ seq: 7, ack: sa.seq + 101, flags: F.Ack, window: 1000 });
      assert.equal(sock.sendQueue(), 0);
      assert.equal(sock.canSend(), true);
      sock.close();
      assert.equal(sock.canSend(), false, 'not after close');
      assert.equal(sock.send(pattern(1, 1), 0, 1), E.InvalidState);
      assert.equal(sock.isOpen(), true);
      sock.abort();
      const rst = p.out().filter((s) => s.flags & F.Rst);
      assert.equal(rst.length, 1, 'abort sends a RST');
      assert.equal(sock.isOpen(), false);
      assert.equal(sock.isActive(), false);
    });
  });
}
