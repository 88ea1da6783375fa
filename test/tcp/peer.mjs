// A crafted-segment peer: one Interface (10.0.0.1) on a capture device, and a "peer" (10.0.0.2)
// that is not this stack: the test writes every segment it sends and reads every segment the
// interface answers. A bug shared by both ends of a two-stack test cannot hide here.
import fs from 'node:fs';
import path from 'node:path';
import { captureDevice, MAC_US, MAC_PEER } from '../iface/frames.mjs';
import { root } from '../helpers/bundles.mjs';
import { pattern } from './pair.mjs';

export const US = '10.0.0.1', PEER = '10.0.0.2';

/** Everything the socket holds to read now, as one array. */
export function recvAll(sock) {
  const out = [], buf = new Uint8Array(70000);
  for (;;) {
    const n = sock.recv(buf, 0, buf.length);
    if (n <= 0) return Uint8Array.from(out);
    for (let i = 0; i < n; i++) out.push(buf[i]);
  }
}

/** A frame of test/fixtures/wire (hex lines after # comments) as bytes. */
export function fixtureFrame(name) {
  const text = fs.readFileSync(path.join(root, 'test', 'fixtures', 'wire', name + '.hex'), 'utf8');
  const hex = text.split('\n').filter((l) => !l.startsWith('#')).join('').replace(/[^0-9a-fA-F]/g, '');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function craftedPeer(lib, { tcp = {}, mtu, now = 1000 } = {}) {
  const w = lib.wire;
  const F = w.TCP_FLAGS;
  const dev = captureDevice(MAC_US);
  if (mtu > 1500) dev.maxFrame = mtu + 14; // a jumbo interface needs frames that large
  // The neighbour entry never expires: the tests move time by minutes.
  const iface = new lib.iface.Interface({ device: dev, ip: US, prefix: 24, seed: 5, mtu, arpLifetimeMs: 1e12 });
  const us = w.parseIpv4Address(US), peer = w.parseIpv4Address(PEER);
  iface.neighbors.fill(peer, MAC_PEER, 0);
  const p = {
    lib, dev, iface, us, peer, F, now,
    sock: null,
    /** A TCP socket of ours with the given options (merged over the peer's defaults). */
    socket(o = {}) {
      const s = new lib.socket.TcpSocket({ ...tcp, ...o });
      iface.add(s);
      return s;
    },
    /** Builds a segment from the peer: { sport, dport, seq, ack, flags, window, data, mss, wscale,
     *  sack (SACK-permitted), tsVal and tsEcr (a timestamp option when tsVal is given) }. */
    frame(o) {
      const buf = new Uint8Array(1600);
      const t = w.createTcpRepr();
      // o.sack: SACK-permitted (a SYN); o.sackBlocks: [[left, right], ...] reported (RFC 2018).
      t.sackPermitted = !!o.sack;
      if (o.sackBlocks) {
        t.sackCount = o.sackBlocks.length;
        o.sackBlocks.forEach(([l, r], k) => { t.sackBlocks[2 * k] = l >>> 0; t.sackBlocks[2 * k + 1] = r >>> 0; });
      }
      t.srcPort = o.sport || 40000; t.dstPort = o.dport || 80;
      t.seq = o.seq >>> 0; t.ack = (o.ack || 0) >>> 0; t.flags = o.flags;
      t.window = o.window === undefined ? 65535 : o.window;
      t.mss = o.mss || 0; t.wscale = o.wscale === undefined ? -1 : o.wscale;
      t.sackPermitted = !!o.sack;
      if (o.tsVal !== undefined) {
        t.hasTimestamp = true;
        t.tsVal = o.tsVal >>> 0;
        t.tsEcr = (o.tsEcr || 0) >>> 0;
      }
      const data = o.data || new Uint8Array(0);
      const hl = w.tcpHeaderLen(t);
      buf.set(data, 34 + hl);
      t.payloadLen = data.length;
      const n = w.emitTcp(t, buf, 34, peer, us);
      const ip = w.createIpv4Repr();
      ip.src = peer; ip.dst = us; ip.protocol = 6; ip.payloadLen = n; ip.ttl = 64;
      w.emitIpv4(ip, buf, 14);
      const e = w.createEthernetRepr();
      e.dst = MAC_US; e.src = MAC_PEER; e.ethertype = 0x0800;
      w.emitEthernet(e, buf, 0);
      return buf.slice(0, 34 + n);
    },
    /** Delivers a frame (or segment description) and polls. */
    send(o) {
      dev.queue.push(o instanceof Uint8Array ? o : p.frame(o));
      iface.poll(p.now);
    },
    poll() {
      iface.poll(p.now);
    },
    /** Segments the interface sent since the last call: { seq, ack, flags, window, urgent, data, mss,
     *  wscale, sport, dport, sack (SACK-permitted), blocks (SACK blocks, [left, right] pairs), ts
     *  ({ val, ecr } or null) }. */
    out() {
      const segs = [];
      for (const f of dev.sent) {
        const e = w.createEthernetRepr();
        if (w.parseEthernet(f, 0, f.length, e) !== 0 || e.ethertype !== 0x0800) continue;
        const ip = w.createIpv4Repr();
        if (w.parseIpv4(f, 14, f.length - 14, ip) !== 0 || ip.protocol !== 6) continue;
        const t = w.createTcpRepr();
        const off = 14 + ip.headerLen;
        if (w.parseTcp(f, off, ip.payloadLen, ip.src, ip.dst, t) !== 0) throw new Error('the interface sent a TCP segment that does not parse');
        const blocks = [];
        for (let k = 0; k < t.sackCount; k++) blocks.push([t.sackBlocks[2 * k], t.sackBlocks[2 * k + 1]]);
        segs.push({
          seq: t.seq, ack: t.ack, flags: t.flags, window: t.window, urgent: t.urgent, blocks, mss: t.mss, wscale: t.wscale,
          sack: t.sackPermitted, ts: t.hasTimestamp ? { val: t.tsVal, ecr: t.tsEcr } : null,
          sport: t.srcPort, dport: t.dstPort, data: f.slice(t.payloadOff, t.payloadOff + t.payloadLen),
          len: t.payloadLen + (t.flags & F.Syn ? 1 : 0) + (t.flags & F.Fin ? 1 : 0),
        });
      }
      dev.sent.length = 0;
      return segs;
    },
    /** Moves time to the interface's next timer (at most maxMs on) and polls; returns the time moved. */
    step(maxMs = 3600000) {
      const at = iface.pollAt(p.now);
      const t0 = p.now;
      p.now = at < 0 || at - t0 > maxMs ? t0 + maxMs : Math.max(at, t0);
      iface.poll(p.now);
      return p.now - t0;
    },
    /** Steps time until pred(segmentsSoFar) holds; returns the segments seen. Throws after maxMs. */
    until(pred, maxMs, what) {
      const seen = [];
      const end = p.now + maxMs;
      for (let i = 0; i < 10000; i++) {
        for (const s of p.out()) seen.push(s);
        if (pred(seen)) return seen;
        if (p.now >= end) break;
        p.step(end - p.now);
      }
      throw new Error('timed out waiting for ' + what + ' (' + seen.length + ' segments seen)');
    },
    /** A listening socket of ours on port 80 taken to ESTABLISHED by a crafted handshake. Returns
     *  { sock, iss, irs, synAck } with irs the peer's initial sequence number. */
    accept({ irs = 5000, window = 65535, mss = 1460, wscale, tsVal, sockOpts = {} } = {}) {
      const sock = p.socket(sockOpts);
      if (sock.listen(80) !== 0) throw new Error('listen failed');
      p.send({ seq: irs, flags: F.Syn, window, mss, wscale, tsVal });
      const synAck = p.out().find((s) => s.flags === (F.Syn | F.Ack));
      if (!synAck) throw new Error('no SYN-ACK');
      const ts = tsVal !== undefined && synAck.ts ? { tsVal: tsVal + 1, tsEcr: synAck.ts.val } : {};
      p.send({ seq: irs + 1, ack: synAck.seq + 1, flags: F.Ack, window, ...ts });
      p.out();
      return { sock, iss: synAck.seq, irs, synAck, rcv: (irs + 1) >>> 0, snd: (synAck.seq + 1) >>> 0 };
    },
    /** An active open of ours to the peer's port 80 answered by a crafted SYN-ACK (SACK-permitted
     *  with `sack`). */
    connect({ irs = 9000, window = 65535, mss = 1460, wscale, tsVal, sockOpts = {}, iss, sack = false } = {}) {
      const sock = p.socket(sockOpts);
      if (iss !== undefined) sock.isnOverride = iss;
      if (sock.connect(peer, 80) !== 0) throw new Error('connect failed');
      p.poll();
      const syn = p.out().find((s) => s.flags === F.Syn);
      if (!syn) throw new Error('no SYN');
      const ts = tsVal !== undefined ? { tsVal, tsEcr: syn.ts ? syn.ts.val : 0 } : {};
      p.send({ sport: 80, dport: syn.sport, seq: irs, ack: syn.seq + 1, flags: F.Syn | F.Ack, window, mss, wscale, sack, ...ts });
      p.out();
      return { sock, iss: syn.seq, irs, port: syn.sport, rcv: (irs + 1) >>> 0, snd: (syn.seq + 1) >>> 0, syn };
    },
    /**
     * The peer as a plain receiver of our data: it keeps what arrives (at its offset from `base`,
     * the sequence number of our first data byte), answers every segment with a cumulative ACK,
     * and loses the segments drop(seg, offset) picks. Runs until `total` bytes have arrived in
     * order or maxMs of virtual time has passed (the first `start` bytes count as arrived: got
     * holds zeros there). Returns { got, segs, ms }.
     */
    receive({ base, total, rcv, drop = () => false, window = 65535, dport = 80, sport, maxMs = 600000, start = 0 }) {
      const got = new Uint8Array(total);
      const have = new Uint8Array(total);
      have.fill(1, 0, start); // bytes the test took in itself
      let next = start;
      const segs = [];
      const t0 = p.now;
      for (let i = 0; i < 100000 && next < total; i++) {
        const batch = p.out().filter((s) => s.data.length > 0);
        if (!batch.length) {
          if (p.now - t0 > maxMs) throw new Error('receive: ' + next + ' of ' + total + ' bytes after ' + maxMs + ' ms');
          p.step(maxMs);
          continue;
        }
        for (const s of batch) {
          const off = (s.seq - base) >>> 0;
          segs.push({ ...s, off, at: p.now });
          if (drop(s, off)) continue;
          for (let k = 0; k < s.data.length && off + k < total; k++) { got[off + k] = s.data[k]; have[off + k] = 1; }
          while (next < total && have[next]) next++;
          p.send({ sport: dport, dport: sport || s.sport, seq: rcv, ack: (base + next) >>> 0, flags: F.Ack, window });
        }
      }
      return { got, segs, ms: p.now - t0 };
    },
  };
  return p;
}

/** Our socket connected with SACK to a crafted peer (MSS 500), 6000 bytes sent and acknowledged
 *  rttMs (default 20) after each flight (so that is the RTT; the first flight fills the initial
 *  window, 5000, and three ACKs of it grow cwnd to 8000), then `more` bytes (default 3000: six
 *  segments) in flight. Returns { p, sock, syn (our SYN), port, rcv, base (first byte in flight),
 *  flight (its segments), ack(ack, sackBlocks, tsEcr), at(k, off), sent() }. With `ts`, timestamps are agreed (MSS 512:
 *  still 500 bytes a segment) and every ACK echoes tsEcr, or the one echoed last. With `iss`, our
 *  initial sequence number (sock.isnOverride): base is then iss + 6001. `now`: the clock at the
 *  start (default 1000); `window`: what the ACKs offer (default 65535). */
export function sackSender(lib, { more = 3000, sockOpts = {}, ts = false, iss, now = 1000, rttMs = 20, window } = {}) {
  const F = lib.wire.TCP_FLAGS;
  const p = craftedPeer(lib, { now });
  const sock = p.socket({ initialRto: 3000, minRto: 1000, txBytes: 8192, ...sockOpts });
  if (iss !== undefined) sock.isnOverride = iss;
  sock.connect(p.peer, 80);
  p.poll();
  const syn = p.out().find((s) => s.flags === F.Syn);
  // With timestamps the MSS leaves 500 bytes of payload beside the 12-byte option.
  const opt = ts ? { mss: 512, tsVal: 100, tsEcr: syn.ts.val } : { mss: 500 };
  p.send({ sport: 80, dport: syn.sport, seq: 9000, ack: syn.seq + 1, flags: F.Syn | F.Ack, sack: true, ...opt });
  p.out();
  const c = { p, sock, syn, port: syn.sport, rcv: 9001, base: (syn.seq + 1 + 6000) >>> 0, tsVal: 100 };
  // With timestamps each ACK carries the next TSval and echoes tsEcr (given, else the last set).
  c.ack = (ack, sackBlocks, tsEcr) => {
    if (tsEcr !== undefined) c.tsEcr = tsEcr;
    p.send({ sport: 80, dport: c.port, seq: c.rcv, ack, flags: F.Ack, window, sackBlocks, ...(ts ? { tsVal: ++c.tsVal, tsEcr: c.tsEcr } : {}) });
  };
  const acked = (s) => c.ack((s.seq + s.data.length) >>> 0, undefined, ts ? s.ts.val : undefined);
  sock.send(pattern(6000, 1), 0, 6000);
  p.poll();
  const first = p.out().filter((s) => s.data.length);
  if (first.length !== 10) throw new Error('sackSender: a first flight of ' + first.length + ' segments, not 10');
  // cwnd held the rest back, so the ACKs of this flight grow it: three of them, 2 MSS each.
  p.now += rttMs;
  for (const k of [2, 4, 10]) acked(first[k - 1]);
  // The last two segments went with the first of them; cwnd did not hold them: no growth.
  const rest = p.out().filter((s) => s.data.length);
  p.now += rttMs;
  for (const s of rest) acked(s);
  if (sock.cwnd !== 8000) throw new Error('sackSender: cwnd ' + sock.cwnd + ' after the warm-up, not 8000');
  sock.send(pattern(more, 2), 0, more);
  p.poll();
  c.flight = p.out().filter((s) => s.data.length);
  const n = c.flight.length;
  if (n !== Math.ceil(more / 500)) throw new Error('sackSender: ' + n + ' segments in flight, not ' + Math.ceil(more / 500));
  /** Sequence number of segment k of the flight (plus off bytes). */
  c.at = (k, off = 0) => (c.base + 500 * k + off) >>> 0;
  /** The data segments sent since the last look, as indices of the flight. */
  c.sent = () => p.out().filter((s) => s.data.length).map((s) => ((s.seq - c.base) >>> 0) / 500);
  return c;
}

/** Makes p's device refuse (return -1 for) the next `n` frames it is asked to send; returns the
 *  counter ({ n }), which a test may set again later. */
export function refuseFrames(p, n) {
  const send = p.dev.transmit, r = { n };
  p.dev.transmit = function (buf, off, len) {
    if (r.n > 0) { r.n--; return -1; }
    return send.call(this, buf, off, len);
  };
  return r;
}

/** With sackSender's flight: s0 lost, 20 ms on three duplicates SACK s1, s1-s2 and s1-s4; the
 *  third starts fast retransmit, and the device refuses its segment. */
export function refusedFastRetransmit(c) {
  const refuse = refuseFrames(c.p, 0);
  const at = (k) => (c.base + 500 * k) >>> 0;
  c.p.now += 20;
  c.ack(c.base, [[at(1), at(2)]]);
  c.ack(c.base, [[at(1), at(3)]]);
  refuse.n = 1;
  c.ack(c.base, [[at(1), at(5)]]);
}

/** Round trips of `delay` ms with each segment acknowledged (`ack(end)`) once its round trip is
 *  over, while `more()` asks for another round (at most `rounds`). `fill()` runs before each
 *  round's poll (to keep data queued); returns the data segments still waiting for their ACK. */
export function ackEachSegment(p, ack, { more, fill = () => {}, pending = [], rounds = 100, delay = 20 }) {
  const data = () => p.out().filter((s) => s.data.length);
  for (let i = 0; i < rounds && more(); i++) {
    fill();
    p.poll();
    pending.push(...data());
    p.now += delay;
    const batch = pending;
    pending = [];
    for (const s of batch) {
      ack(s.seq + s.data.length);
      pending.push(...data());
    }
  }
  return pending;
}

/** sackSender with sixteen 500-byte segments s0..s15 in flight (cwnd 8000) and 2000 bytes more
 *  waiting, after the tail loss probe of new data (s16) went unanswered. Throws when cwnd lets
 *  the waiting data go or the probe is anything but s16. */
export function sackSenderProbed(lib) {
  const c = sackSender(lib, { more: 8000, sockOpts: { txBytes: 16384 } });
  const data = () => c.p.out().filter((s) => s.data.length).map((s) => ((s.seq - c.base) >>> 0) / 500);
  c.sock.send(pattern(2000, 5), 0, 2000);
  c.p.poll();
  const held = data();
  if (held.length) throw new Error('sackSenderProbed: cwnd let ' + held + ' go');
  const probe = c.p.until((s) => s.some((x) => x.data.length), 1000, 'the tail loss probe')
    .filter((x) => x.data.length).map((x) => ((x.seq - c.base) >>> 0) / 500);
  if (probe.length !== 1 || probe[0] !== 16) throw new Error('sackSenderProbed: the probe was ' + probe + ', not new data s16');
  return c;
}

/** A SACK connection with MSS 1460 and nothing warmed up, so cwnd is the initial window 14600
 *  (RFC 6928): ten segments s0..s9 in flight, s0 lost. Three duplicates SACK s1, s1-s2, s1-s3 and
 *  start a recovery whose cwnd, 0.7 x 14600 = 10220, is seven segments exactly; s0's retransmission
 *  has gone. Returns { p, c, MSS, at(k), seg(k), sent() ([index, length] of each data segment since
 *  the last look), ack(k, sackBlocks, window) }. Throws when any of that does not happen. */
export function initialWindowRecovery(lib) {
  const MSS = 1460, F = lib.wire.TCP_FLAGS, u32 = (x) => x >>> 0;
  const p = craftedPeer(lib);
  const c = p.connect({ mss: MSS, sack: true, sockOpts: { txBytes: 32768, initialRto: 60000, minRto: 60000 } });
  const at = (k) => u32(c.snd + MSS * k);
  const r = {
    p, c, MSS, at,
    seg: (k) => [at(k), at(k + 1)],
    sent: () => p.out().filter((s) => s.data.length).map((s) => [u32(s.seq - c.snd) / MSS, s.data.length]),
    ack: (k, sackBlocks, window = 65535) => p.send({ sport: 80, dport: c.port, seq: c.rcv, ack: at(k), flags: F.Ack, window, sackBlocks }),
  };
  if (c.sock.cwnd !== 10 * MSS) throw new Error('initialWindowRecovery: cwnd ' + c.sock.cwnd + ', not the initial window');
  c.sock.send(pattern(10 * MSS, 1), 0, 10 * MSS);
  p.poll();
  if (r.sent().length !== 10) throw new Error('initialWindowRecovery: not ten segments in flight');
  for (const to of [2, 3, 4]) r.ack(0, [[at(1), at(to)]]);
  const rtx = r.sent();
  if (rtx.length !== 1 || rtx[0][0] !== 0 || c.sock.cwnd !== 7 * MSS) throw new Error('initialWindowRecovery: no recovery with cwnd 10220');
  return r;
}

