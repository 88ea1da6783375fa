import { Socket, SocketKind, TableKind } from './socket';
import { SocketError } from './errors';
import { ByteRing } from '../storage/byte-ring';
import { Assembler } from './tcp-assembler';
import { SackBoard } from './tcp-sack';
import { TcpTimestamps, TS_OPTION_BYTES, expectedSamples } from './tcp-timestamps';
import { RttEstimator } from './tcp-rtt';
import { IsnGenerator } from './tcp-isn';
import { dupThreshold, probeTimeout } from './tcp-recovery';
import { seqAdd, seqDiff, seqLt, seqLe, seqGt, seqGe } from './tcp-seq';
import { TcpFlag, TcpRepr, emitTcp, tcpHeaderLen } from '../wire/tcp';
import { Ipv4Repr } from '../wire/ipv4';

/** RFC 9293 states. */
export const enum TcpState {
  Closed = 0, Listen = 1, SynSent = 2, SynReceived = 3, Established = 4, FinWait1 = 5, FinWait2 = 6,
  CloseWait = 7, Closing = 8, LastAck = 9, TimeWait = 10,
}
export var TCP_STATES = ['Closed', 'Listen', 'SynSent', 'SynReceived', 'Established', 'FinWait1', 'FinWait2',
  'CloseWait', 'Closing', 'LastAck', 'TimeWait'];

/** TCP socket options (times in ms). */
export interface TcpOptions {
  /** Send and receive buffer sizes in bytes (default 4096 each). */
  txBytes?: number;
  rxBytes?: number;
  /** Out-of-order ranges kept (default 4). */
  oooRanges?: number;
  /** Nagle's algorithm (default on). */
  nagle?: boolean;
  /** Delayed ACK bound (default 40 ms; 0 acks every segment at once). */
  ackDelay?: number;
  /** TIME-WAIT duration (default 2 * 30 s). */
  timeWait?: number;
  /** Keep-alive idle time (default 0: off), probe interval and probes before giving up. */
  keepAlive?: number;
  keepAliveInterval?: number;
  keepAliveProbes?: number;
  /** RTO bounds and initial value (defaults 200 ms, 60 s, 1 s), and retransmissions before giving up (default 12). */
  minRto?: number;
  maxRto?: number;
  initialRto?: number;
  maxRetries?: number;
}

const enum Flag {
  AckNow = 1, FinQueued = 2, FinSent = 4, SynAcked = 8, Probe = 16, WinUpdate = 32,
  /** rtoAt is the tail loss probe's time, not the RTO's; TlpDone: the probe of this flight went. */
  TlpArmed = 64, TlpDone = 128,
  /** The peer's SYN carried no window scale option, so our SYN-ACK carries none either. */
  PeerNoScale = 256,
  /** A timeout's retransmission went with timestamps on: the first ACK of new data tells whether
   *  the timeout was spurious (Eifel detection). */
  RtoUndo = 512,
  /** The last loss probe sent new data, from tlpSeq on (a SACK of it shows the holes before lost). */
  TlpNew = 1024,
}

/** Indexes of TcpSocket.stats: how the sender recovered from losses (read by the loss bench), the
 *  segments that took header prediction's shortcut (predicted()) and the calls of sendData that
 *  took its plain path. */
export const enum TcpStat { Timeouts = 0, FastRetransmits = 1, Probes = 2, Undos = 3, Predicted = 4, PlainSends = 5 }

/** TCP's shortcuts on: header prediction and sendData's plain path (the tests turn them off to
 *  check that the full paths do the same). */
let shortcuts = true;
/** Turns TCP's shortcuts (TcpSocket.predicted, sendData's plain path) on or off for every socket:
 *  for tests, which compare what a connection does with and without them. */
export function setTcpShortcuts(on: boolean): void {
  shortcuts = on;
}

/** Segments dropped by process() (the interface counts them as rejected). */
const DROP = 1;

let isnGen: IsnGenerator | null = null;

/**
 * A TCP socket on the interface's dispatch tables. listen/connect/send/recv/close/abort for users;
 * process() for segments the interface routes to it; dispatch() for what poll lets it send.
 * Segments are regenerated from the send ring whenever they must be (re)sent, so a frame the
 * interface could not transmit (neighbour unresolved, device busy) is simply sent again later.
 */
export class TcpSocket extends Socket {
  state: TcpState;
  tx: ByteRing;
  rx: ByteRing;
  ooo: Assembler;
  /** What the peer SACKed above sndUna (RFC 6675 scoreboard). */
  sacks: SackBoard;
  /** Both sides sent SACK-permitted (RFC 2018). */
  sackOk: boolean;
  /** Highest sequence retransmitted in this recovery (RFC 6675 HighRxt). */
  highRxt: number;
  /** RFC 7323 timestamps: TS.Recent, our clock, PAWS, RTT samples, Eifel detection. */
  ts: TcpTimestamps;
  /** cwnd and ssthresh before the timeout (RtoUndo) or fast retransmit (rtxAt) that cut them,
   *  restored if that proves spurious. */
  private priorCwnd: number;
  private priorSsthresh: number;
  /** Start of the latest out-of-order segment: its range leads our SACK blocks (RFC 2018 4). */
  private lastOoo: number;
  rtt: RttEstimator;
  /** The last error: 0, Reset or TimedOut (SocketError values). */
  error: number;
  // The options (TcpOptions), under names of their own: an option's name is public and long, and
  // a long name costs every socket a block on Espruino and every read a slower lookup.
  private useNagle: boolean;
  private ackDelayMs: number;
  private timeWaitMs: number;
  /** Keep-alive idle time (0: off), the interval between its probes and how many go unanswered. */
  private idleMs: number;
  private idleEveryMs: number;
  private idleProbes: number;
  private retryLimit: number;
  // Send sequence space: sndUna .. sndNxt in flight; tx ring holds sndUna.. (+ FIN after it).
  iss: number;
  sndUna: number;
  sndNxt: number;
  sndMax: number;
  sndWnd: number;
  sndWl1: number;
  sndWl2: number;
  sndMss: number;
  sndShift: number;
  rcvShift: number;
  // Receive sequence space.
  irs: number;
  rcvNxt: number;
  rcvAdv: number;
  // Congestion control (RFC 5681, RFC 6582).
  cwnd: number;
  ssthresh: number;
  dupAcks: number;
  recover: number;
  inRecovery: boolean;
  // Timers (absolute ms; -1 off).
  rtoAt: number;
  ackAt: number;
  persistAt: number;
  idleAt: number;
  waitAt: number;
  retries: number;
  probes: number;
  rttSeq: number;
  rttTime: number;
  fullSegs: number;
  challengeAt: number;
  challenges: number;
  flags: number;
  /** Counters, indexed by TcpStat: timeouts, fast retransmits, loss probes, spurious undos, predicted segments. */
  stats: Uint32Array;
  /** Test hook: the next connection uses this ISN instead of RFC 6528's (-1: off). */
  isnOverride: number;

  constructor(o?: TcpOptions) {
    super(SocketKind.Tcp);
    const c = o || {};
    // The fields are made here rather than where they are declared, those read most per segment
    // first (counted on the TCP bench): Espruino finds a property by walking an object's properties
    // in the order they were made, some 67 machine instructions a step. A new field is declared
    // without a value and made here too (a declared value would put it first; a field made on
    // first use, last): test/tcp/fields.test.mjs checks.
    this.flags = 0;
    this.state = TcpState.Closed;
    this.ts = new TcpTimestamps();
    this.ackAt = -1;
    this.rx = new ByteRing(c.rxBytes || 4096);
    this.rcvNxt = 0;
    this.sndNxt = 0;
    this.sndUna = 0;
    this.sndWnd = 0;
    this.rtoAt = -1;
    this.tx = new ByteRing(c.txBytes || 4096);
    this.idleAt = -1;
    this.sndMax = 0;
    this.persistAt = -1;
    this.inRecovery = false;
    this.ooo = new Assembler(c.oooRanges || 4);
    this.fullSegs = 0;
    this.sndWl1 = 0;
    this.rcvShift = 0;
    this.waitAt = -1;
    this.sndMss = 536;
    this.retransmitOne = false;
    this.rcvCap = 0;
    this.sackOk = false;
    this.rcvAdv = 0;
    this.sndWl2 = 0;
    this.rtt = new RttEstimator(c.initialRto || 1000, c.minRto || 200, c.maxRto || 60000);
    this.dupAcks = 0;
    this.error = 0;
    this.rtxAt = -1;
    this.stats = new Uint32Array(6);
    this.sndShift = 0;
    this.idleMs = c.keepAlive || 0;
    this.probes = 0;
    this.cwnd = 0;
    this.ackDelayMs = c.ackDelay === undefined ? 40 : c.ackDelay;
    this.retries = 0;
    this.rttTime = -1;
    this.lastSeq = 0;
    this.sndSml = 0;
    this.sacks = new SackBoard(c.oooRanges || 4);
    this.recover = 0;
    this.cwndUsed = 0;
    this.tlpSeq = 0;
    this.useNagle = c.nagle !== false;
    this.highRxt = 0;
    this.priorCwnd = 0;
    this.priorSsthresh = 0;
    this.lastOoo = 0;
    this.iss = 0;
    this.irs = 0;
    this.ssthresh = 0;
    this.rttSeq = 0;
    this.challengeAt = -1;
    this.challenges = 0;
    this.isnOverride = -1;
    this.listenAddr = 0;
    this.rtxEnd = 0;
    this.rtxMark = 0;
    this.ackedBytes = 0;
    this.finSeq = -1;
    this.timeWaitMs = c.timeWait === undefined ? 60000 : c.timeWait;
    this.idleEveryMs = c.keepAliveInterval || 75000;
    this.idleProbes = c.keepAliveProbes || 9;
    this.retryLimit = c.maxRetries || 12;
  }

  reset(): void {
    super.reset();
    this.toClosed(0);
    this.error = 0;
  }

  // ---- user API ----------------------------------------------------------------------------

  /** Waits for a connection on port (addr: one of our addresses, default all). Several sockets may
   *  listen on one endpoint: each takes one connection (the backlog). */
  listen(port: number, addr?: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (this.state !== TcpState.Closed) return SocketError.InvalidState;
    if (!(port >= 1 && port <= 65535) || (port | 0) !== port) return SocketError.Unaddressable;
    this.clearConnection();
    this.localAddr = (addr || 0) >>> 0;
    this.localPort = port;
    this.remoteAddr = 0;
    this.remotePort = 0;
    this.listenPort = port;
    this.listenAddr = this.localAddr;
    this.state = TcpState.Listen;
    return set.rekey(this, TableKind.TcpListen);
  }

  /** Opens a connection to remoteAddr:remotePort from localPort (default: an ephemeral port).
   *  0, or InvalidState, Unaddressable (also a broadcast or multicast address), AlreadyInUse (the 4-tuple is taken), Exhausted. */
  connect(remoteAddr: number, remotePort: number, localPort?: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (this.state !== TcpState.Closed) return SocketError.InvalidState;
    if (!(remotePort >= 1 && remotePort <= 65535) || !remoteAddr) return SocketError.Unaddressable;
    const iface = set.iface;
    if (!iface.hasRoute(remoteAddr >>> 0) || iface.isBroadcastAddr(remoteAddr >>> 0)) return SocketError.Unaddressable; // RFC 1122 4.2.3.10
    let lp = localPort || 0;
    if (lp === 0) {
      lp = iface.ephemeralPort(6);
      if (lp < 0) return SocketError.Exhausted;
    }
    this.clearConnection();
    this.localAddr = iface.ipAddr;
    this.localPort = lp;
    this.remoteAddr = remoteAddr >>> 0;
    this.remotePort = remotePort;
    this.listenPort = 0;
    const r = set.rekey(this, TableKind.TcpTuple);
    if (r < 0) {
      this.localPort = 0;
      this.remoteAddr = 0;
      this.remotePort = 0;
      return r;
    }
    this.initSend(iface.now);
    this.state = TcpState.SynSent;
    set.markDirty(this);
    return 0;
  }

  /** Queues up to len bytes; returns how many were accepted (0: the ring is full, try after poll),
   *  or InvalidState when the connection cannot send any more. */
  send(buf: Uint8Array, off: number, len: number): number {
    const s = this.state;
    if (s !== TcpState.Established && s !== TcpState.CloseWait && s !== TcpState.SynSent && s !== TcpState.SynReceived) {
      return this.error < 0 ? this.error : SocketError.InvalidState;
    }
    if (this.flags & Flag.FinQueued) return SocketError.InvalidState;
    const n = this.tx.write(buf, off, len);
    if (n > 0 && this.set !== null) this.set.markDirty(this);
    return n;
  }

  /** Reads up to len received bytes; 0 when none yet; Closed once the peer has closed and all was
   *  read; Reset / TimedOut after a failure. */
  recv(buf: Uint8Array, off: number, len: number): number {
    const rx = this.rx;
    const n = rx.read(buf, off, len);
    if (n > 0) {
      // Window update when reading opened at least an MSS or half the ring since we advertised
      // (rcvAdv - rcvNxt: the free space as last advertised).
      const wnd = this.rcvFree();
      if (this.set !== null && this.synchronized() && this.ooo.count === 0 && wnd - seqDiff(this.rcvAdv, this.rcvNxt) >= (this.sndMss < (rx.capacity >> 1) ? this.sndMss : rx.capacity >> 1)) {
        this.flags |= Flag.WinUpdate;
        this.set.markDirty(this);
      }
      return n;
    }
    if (this.error < 0) return this.error;
    const s = this.state;
    if (s === TcpState.Closed || s === TcpState.CloseWait || s === TcpState.LastAck || s === TcpState.Closing || s === TcpState.TimeWait) {
      return SocketError.Closed;
    }
    return 0;
  }

  /** Closes our direction: FIN after the queued data. Receiving goes on (half-close). */
  close(): void {
    const set = this.set;
    switch (this.state) {
      case TcpState.Listen:
      case TcpState.SynSent:
        this.toClosed(0);
        return;
      case TcpState.SynReceived:
        // RFC 9293 3.10.4: the FIN waits for the handshake (the ACK of our SYN moves the socket
        // from SYN-RECEIVED straight to FIN-WAIT-1); sending it now would put it at the SYN's place.
        this.flags |= Flag.FinQueued;
        return;
      case TcpState.Established:
        this.state = TcpState.FinWait1;
        break;
      case TcpState.CloseWait:
        this.state = TcpState.LastAck;
        break;
      default:
        return;
    }
    this.flags |= Flag.FinQueued;
    if (set !== null) set.markDirty(this);
  }

  /** Resets the connection (RST to the peer when synchronized) and closes at once. */
  abort(): void {
    if (this.synchronized() || this.state === TcpState.SynReceived) this.sendControl(TcpFlag.Rst | TcpFlag.Ack, this.sndNxt);
    this.toClosed(0);
  }

  /** A connection from a vanished address ends with Unaddressable (no RST: the address is gone). */
  addressGone(addr: number): void {
    if (this.localAddr === addr && this.state !== TcpState.Closed && this.state !== TcpState.Listen) this.toClosed(SocketError.Unaddressable);
  }

  canSend(): boolean {
    return (this.state === TcpState.Established || this.state === TcpState.CloseWait) && (this.flags & Flag.FinQueued) === 0 && this.tx.free() > 0;
  }

  canRecv(): boolean {
    return this.rx.length > 0;
  }

  /** Between the start of a connection and its end (not Closed, Listen or TimeWait). */
  isActive(): boolean {
    const s = this.state;
    return s !== TcpState.Closed && s !== TcpState.Listen && s !== TcpState.TimeWait;
  }

  isOpen(): boolean {
    return this.state !== TcpState.Closed;
  }

  /** Bytes queued but not yet acknowledged. */
  sendQueue(): number {
    return this.tx.length;
  }

  // ---- internals --------------------------------------------------------------------------

  private synchronized(): boolean {
    return this.state >= TcpState.Established;
  }

  private clearConnection(): void {
    this.tx.clear();
    this.rx.clear();
    this.ooo.clear();
    this.sacks.clear();
    this.sackOk = false;
    this.ts.start(0);
    this.rtt.reset();
    this.flags = 0;
    this.error = 0;
    this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;
    this.retries = this.probes = this.dupAcks = this.fullSegs = this.challenges = this.ackedBytes = 0;
    this.rttTime = -1;
    this.challengeAt = -1;
    this.finSeq = -1;
    this.retransmitOne = false;
    this.inRecovery = false;
    this.sndShift = this.rcvShift = 0;
    this.sndWnd = 0;
    this.sndMss = 536;
  }

  private toClosed(err: number): void {
    if (err < 0) this.error = err;
    this.state = TcpState.Closed;
    this.rtoAt = this.ackAt = this.persistAt = this.idleAt = this.waitAt = -1;
    this.flags = 0;
    if (this.set !== null) {
      this.set.rekey(this, TableKind.None);
      this.set.schedule(this, -1);
    }
    this.listenPort = 0;
  }

  private initSend(now: number): void {
    if (isnGen === null) {
      const iface = this.set!.iface;
      isnGen = new IsnGenerator(iface.random32(), iface.random32());
    }
    const isn = this.isnOverride >= 0 ? this.isnOverride : isnGen.isn(now, this.localAddr, this.localPort, this.remoteAddr, this.remotePort);
    this.isnOverride = -1;
    // The timestamp clock's offset: the keyed hash of the 4-tuple read the other way round.
    this.ts.start(isnGen.hash(this.remoteAddr, this.remotePort, this.localAddr, this.localPort));
    this.iss = isn;
    this.sndUna = isn;
    this.sndNxt = isn;
    this.sndMax = isn;
    // RFC 6582: recover starts at the ISS, so that the first three duplicate ACKs count whatever
    // half of sequence space the ISN falls in.
    this.recover = isn;
    this.highRxt = this.lastSeq = this.rtxMark = this.cwndUsed = this.sndSml = isn;
    // The window never invites more than the device can hold until the next poll: the whole
    // segments of our MSS (each with up to 66 bytes of headers, CRC and the chip's own) that fit,
    // less one: a sender whose window is full and whose ACK is late sends a loss probe on top
    // (RFC 8985 7.2: the last segment again; Linux after about 10 ms), so a window of every frame
    // the chip holds overflowed it whenever the board was slow to answer.
    const cap = this.set!.iface.device.rxCapacity;
    const mss = this.ourMss();
    this.rcvCap = cap ? Math.max(1, Math.floor(cap / (mss + 66)) - 1) * mss : 0;
    // Our window scale: the smallest shift that lets the whole receive ring be advertised.
    let shift = 0;
    while (shift < 14 && (this.rx.capacity >> shift) > 65535) shift++;
    this.rcvShift = shift;
  }

  /** The receive window's bound from the device's receive capacity (0: none). */
  private rcvCap: number;

  /** Free receive space we may advertise (bytes): the ring's free space within rcvCap. */
  private rcvFree(): number {
    const f = this.rx.free();
    return this.rcvCap > 0 && f > this.rcvCap ? this.rcvCap : f;
  }

  private ourMss(): number {
    return this.set!.iface.mssFor(this.remoteAddr);
  }

  private window(): number {
    // While a hole lasts every ACK carries the window last advertised (same right edge), so that
    // the sender counts them as duplicates (RFC 5681 2, 4.2).
    // (rcvFree and the advertised free space in line: this runs for every segment sent.)
    const rx = this.rx, free = rx.capacity - rx.length;
    if (this.ooo.count > 0) {
      const held = seqDiff(this.rcvAdv, this.rcvNxt);
      if (held >= 0 && held <= free) return held >> this.rcvShift;
    }
    const cap = this.rcvCap;
    const w = (cap > 0 && free > cap ? cap : free) >> this.rcvShift;
    return w > 65535 ? 65535 : w;
  }

  /** Emits one segment: flags, seq, and n payload bytes from the send ring at `pos` past sndUna. */
  private emit(flags: number, seq: number, pos: number, n: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    const iface = set.iface;
    // The interface's header, shared by all sockets: every field emitTcp reads is set here.
    const t = iface.txTcp;
    t.srcPort = this.localPort;
    t.dstPort = this.remotePort;
    t.seq = seq;
    t.flags = flags;
    t.ack = flags & TcpFlag.Ack ? this.rcvNxt : 0;
    t.urgent = 0;
    t.sackCount = 0;
    // Timestamps on every segment once agreed, offered in our SYN, never on a RST.
    if (flags & TcpFlag.Rst) t.hasTimestamp = false;
    else this.ts.fill(t, iface.now, this.state === TcpState.SynSent);
    t.sackPermitted = false;
    if (flags & TcpFlag.Syn) {
      // SACK offered in our SYN, and in a SYN-ACK when the peer offered it.
      t.sackPermitted = this.state === TcpState.SynSent || this.sackOk;
      t.mss = this.ourMss();
      // A SYN-ACK carries the option only if the peer's SYN did (RFC 7323 1.3).
      t.wscale = this.flags & Flag.PeerNoScale ? -1 : this.rcvShift;
      // The window of a SYN is never scaled (RFC 7323 2.2).
      const w = this.rcvFree();
      t.window = w > 65535 ? 65535 : w;
    } else {
      t.mss = 0;
      t.wscale = -1;
      t.window = this.window();
      // SACK blocks on ACKs without data (with data they would push the frame past the MTU).
      if (n === 0 && this.sackOk && this.ooo.count > 0 && (flags & TcpFlag.Ack)) this.sackBlocks(t);
    }
    const l4 = iface.l4Offset;
    const hl = tcpHeaderLen(t);
    if (n > 0) this.tx.peek(pos, iface.txBuf, l4 + hl, n);
    t.payloadLen = n;
    const len = emitTcp(t, iface.txBuf, l4, this.localAddr, this.remoteAddr);
    const r = iface.sendIp(this.localAddr, this.remoteAddr, 6, len);
    if (r === 0 && (flags & TcpFlag.Ack)) {
      this.rcvAdv = seqAdd(this.rcvNxt, t.window << this.rcvShift);
      this.ts.lastAck = this.rcvNxt;
      this.ackAt = -1;
      this.fullSegs = 0;
      this.flags &= ~(Flag.AckNow | Flag.WinUpdate);
    }
    return r;
  }

  /** Our out-of-order ranges as SACK blocks, the one holding the latest segment first. */
  private sackBlocks(t: TcpRepr): void {
    const o = this.ooo, b = t.sackBlocks;
    let k = 0;
    for (let i = 0; i < o.count; i++) {
      if (seqLe(o.start[i], this.lastOoo) && seqLt(this.lastOoo, o.end[i])) {
        b[0] = o.start[i];
        b[1] = o.end[i];
        k = 1;
      }
    }
    for (let i = 0; i < o.count && k < 4; i++) {
      if (k > 0 && b[0] === o.start[i]) continue;
      b[k << 1] = o.start[i];
      b[(k << 1) + 1] = o.end[i];
      k++;
    }
    t.sackCount = k;
  }

  /** A segment with no data (ACK, RST, keep-alive). */
  private sendControl(flags: number, seq: number): number {
    return this.emit(flags, seq, 0, 0);
  }

  /** A challenge ACK (RFC 5961), at most 10 per second per socket. */
  private challenge(now: number): void {
    if (this.challengeAt < 0 || now - this.challengeAt >= 1000) {
      this.challengeAt = now;
      this.challenges = 0;
    }
    if (this.challenges >= 10) return;
    this.challenges++;
    this.sendControl(TcpFlag.Ack, this.sndNxt);
  }

  private inFlight(): number {
    return seqDiff(this.sndNxt, this.sndUna);
  }

  // ---- ingress ----------------------------------------------------------------------------

  /** A segment for this socket (chosen by the interface's tables). 0 when taken, else a drop. */
  process(now: number, ip: Ipv4Repr, t: TcpRepr, buf: Uint8Array): number {
    const set = this.set;
    if (set === null) return DROP;
    const fl = t.flags;
    if (this.state === TcpState.Listen) return this.onListen(now, ip, t);
    if (this.state === TcpState.SynSent) return this.onSynSent(now, t, buf);
    if (this.state === TcpState.Closed) return DROP;
    if (this.ts.ok && !(fl & TcpFlag.Rst)) {
      // Once agreed, a segment without timestamps is dropped (RFC 7323 3.2), and one older than
      // TS.Recent is an old duplicate: an ACK tells the peer where we are (PAWS, 5.3).
      if (!t.hasTimestamp) return DROP;
      if (this.ts.old(t, now)) {
        this.sendControl(TcpFlag.Ack, this.sndNxt);
        return DROP;
      }
    }
    // Header prediction: the usual segment of a connection in ESTABLISHED (see predicted()).
    if (this.state === TcpState.Established && (fl & (TcpFlag.Syn | TcpFlag.Rst | TcpFlag.Fin | TcpFlag.Ack)) === TcpFlag.Ack &&
      t.seq === this.rcvNxt && t.payloadLen <= this.rx.capacity - this.rx.length && ((t.ack - this.sndUna) | 0) >= 0 && ((t.ack - this.sndMax) | 0) <= 0) {
      return this.predicted(now, t, buf);
    }
    return this.unpredicted(now, t, buf);
  }

  /** process() for a segment that header prediction does not take: RFC 9293 3.10.7.4 in full
   *  (a method of its own: Espruino reads a function's whole text at every call). */
  private unpredicted(now: number, t: TcpRepr, buf: Uint8Array): number {
    const fl = t.flags;
    // A retransmitted SYN in SynReceived gets our SYN-ACK again. Checked before acceptability:
    // the SYN's sequence number lies just below the window, so it would only earn a bare ACK.
    // (A SYN-ACK, in a simultaneous open, is not a retransmitted SYN: it goes the normal way.)
    if (this.state === TcpState.SynReceived && (fl & (TcpFlag.Syn | TcpFlag.Rst | TcpFlag.Ack)) === TcpFlag.Syn && t.seq === this.irs) {
      // The SYN-ACK echoes this SYN's timestamp, not the first one's: the peer times its answer.
      if (this.ts.ok) this.ts.recent = t.tsVal;
      this.flags |= Flag.AckNow;
      this.rtoAt = now;
      this.set!.markDirty(this);
      return 0;
    }
    // 1. Sequence acceptability (RFC 9293 3.10.7.4).
    const len = t.payloadLen + (fl & TcpFlag.Syn ? 1 : 0) + (fl & TcpFlag.Fin ? 1 : 0);
    const wnd = this.rx.free();
    const seq = t.seq;
    let ok: boolean;
    if (len === 0) ok = wnd === 0 ? seq === this.rcvNxt : seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd));
    else ok = wnd > 0 && ((seqGe(seq, this.rcvNxt) && seqLt(seq, seqAdd(this.rcvNxt, wnd))) ||
      (seqLe(this.rcvNxt, seqAdd(seq, len - 1)) && seqLt(seqAdd(seq, len - 1), seqAdd(this.rcvNxt, wnd))));
    if (!ok) {
      // A zero-window probe or old duplicate: answer with an ACK (never to a RST).
      if (!(fl & TcpFlag.Rst)) this.sendControl(TcpFlag.Ack, this.sndNxt);
      return DROP;
    }
    // 2. RST (RFC 5961 3): only the exact next sequence number resets; elsewhere in the window
    // earns a challenge ACK.
    if (fl & TcpFlag.Rst) {
      if (seq !== this.rcvNxt) {
        this.challenge(now);
        return DROP;
      }
      if (this.state === TcpState.SynReceived && this.listenPort !== 0) {
        // Back to listening (RFC 9293: a passive open returns to LISTEN).
        const port = this.listenPort, addr = this.listenAddr;
        this.toClosed(0);
        this.listen(port, addr);
        return 0;
      }
      this.toClosed(this.state === TcpState.TimeWait || this.state === TcpState.Closing || this.state === TcpState.LastAck ? 0 : SocketError.Reset);
      return 0;
    }
    // 3. SYN in a synchronized state (RFC 5961 4): challenge ACK.
    if (fl & TcpFlag.Syn) {
      this.challenge(now);
      return DROP;
    }
    if (!(fl & TcpFlag.Ack)) return DROP;
    // 4. ACK.
    const ack = t.ack;
    if (this.state === TcpState.SynReceived) {
      if (seqGt(ack, this.sndUna) && seqLe(ack, this.sndNxt)) {
        this.state = TcpState.Established;
        this.sndWnd = t.window << this.sndShift;
        this.sndWl1 = seq;
        this.sndWl2 = ack;
        this.established(now);
        if (this.flags & Flag.FinQueued) this.state = TcpState.FinWait1; // closed during the handshake
      } else {
        this.sendControl(TcpFlag.Rst, ack);
        return DROP;
      }
    }
    // RFC 5961 5: an ACK for data never sent earns a challenge ACK; one too old is dropped.
    if (seqGt(ack, this.sndMax)) {
      this.challenge(now);
      return DROP;
    }
    if (seqLt(ack, seqAdd(this.sndUna, -(this.sndWnd > 65535 ? this.sndWnd : 65535)))) {
      this.challenge(now);
      return DROP;
    }
    this.onAck(now, t);
    return this.afterAck(now, t, buf);
  }

  /** What process() does once the ACK is taken (the predicted segment joins it here): data, FIN,
   *  TIME-WAIT's FIN, keep-alive, timers. */
  private afterAck(now: number, t: TcpRepr, buf: Uint8Array): number {
    const fl = t.flags;
    if (this.ts.ok) this.ts.seen(t, now);
    if ((this.state as number) === TcpState.Closed || this.state === TcpState.LastAck) return 0;
    // 5. Data and FIN.
    if ((t.payloadLen > 0 || (fl & TcpFlag.Fin)) &&
      (this.state === TcpState.Established || this.state === TcpState.FinWait1 || this.state === TcpState.FinWait2)) {
      this.onData(now, t, buf);
    } else if (t.payloadLen > 0 || (fl & TcpFlag.Fin)) {
      // Data after the peer's FIN: just acknowledge what we have.
      this.flags |= Flag.AckNow;
    }
    if (this.state === TcpState.TimeWait && (fl & TcpFlag.Fin)) {
      // A retransmitted FIN: ACK it again and restart the 2 MSL wait.
      this.waitAt = now + this.timeWaitMs;
      this.flags |= Flag.AckNow;
    }
    this.idleAt = this.idleMs > 0 ? now + this.idleMs : -1;
    this.probes = 0;
    this.afterChange(now);
    return 0;
  }

  /**
   * Header prediction (a shortcut of process(), which it must keep matching): a segment in
   * ESTABLISHED with ACK and no SYN, RST or FIN, at exactly rcvNxt, whose payload fits the receive
   * window and whose ack lies in [sndUna, sndMax], passes steps 1-4 of process() by construction
   * (acceptable, no RST or SYN to handle, not SYN-RECEIVED, ack neither ahead of sndMax nor too
   * old), so it goes straight to what follows them. Skipping those checks matters on the
   * interpreter, where each costs time. Every in-order segment of the TCP suites takes this path;
   * a change to steps 1-4 must keep the condition in process() within what they accept.
   */
  private predicted(now: number, t: TcpRepr, buf: Uint8Array): number {
    const n = t.payloadLen, ack = t.ack, una = this.sndUna;
    // The two usual cases (RFC 9293 3.10.7.4 note; Van Jacobson's header prediction) take the
    // shortcut below: in-order data with nothing held out of order, and an ACK of new data; either
    // with no SACK blocks, with no spurious-retransmission check (rtxAt) or Eifel test (RtoUndo)
    // pending. It does what onAck, afterAck and onData do for such a segment, minus their tests
    // that cannot hold (in ESTABLISHED the SYN is acknowledged and no FIN was sent) and their
    // calls. In a recovery too: what onAck does there beyond this needs SACK blocks or rtxAt, and
    // congestionOnAck, which takes partial and full ACKs, is called by both. Anything else takes
    // the full path. test/tcp/prediction.test.mjs runs transfers with and without it and compares
    // every frame and the sockets' state.
    if (!shortcuts || t.sackCount !== 0 || this.rtxAt >= 0 || (this.flags & (Flag.RtoUndo | Flag.SynAcked)) !== Flag.SynAcked ||
      (n > 0 ? this.ooo.count !== 0 : ack === una)) {
      this.onAck(now, t);
      return this.afterAck(now, t, buf);
    }
    this.stats[TcpStat.Predicted]++;
    const seq = t.seq;
    // Marked dirty below, the socket is visited in this poll and its dispatch re-arms the timers.
    let visit = n > 0;
    // Window update (as onAck).
    if (((seq - this.sndWl1) | 0) > 0 || (seq === this.sndWl1 && ((ack - this.sndWl2) | 0) >= 0)) {
      this.sndWnd = t.window << this.sndShift;
      this.sndWl1 = seq;
      this.sndWl2 = ack;
    }
    if (ack !== una) {
      // New data acknowledged (onAck's acked > 0, congestionOnAck outside recovery).
      const acked = (ack - una) | 0, tx = this.tx;
      tx.consume(acked < tx.length ? acked : tx.length);
      this.sndUna = ack;
      if (this.sacks.count > 0) this.sacks.trim(ack);
      if (((this.sndNxt - ack) | 0) < 0) this.sndNxt = ack;
      // As onAck: a sample, else the backed-off RTO back to the estimate (sample() restores it
      // itself, so it is not done twice).
      const r = this.ts.ok ? this.ts.rtt(t, now) : -1;
      if (r >= 0) this.rtt.sample(r, expectedSamples(seqDiff(this.sndMax, ack) + acked, this.sndMss));
      else if (!this.ts.ok && this.rttTime >= 0 && seqGe(ack, this.rttSeq)) {
        this.rtt.sample(now - this.rttTime);
        this.rttTime = -1;
      } else if (this.retries > 0 || this.sndWnd > 0) this.rtt.restore();
      this.retries = 0;
      this.congestionOnAck(acked);
      this.flags &= seqGe(ack, this.tlpSeq) ? ~(Flag.TlpDone | Flag.TlpNew) : ~Flag.TlpDone; // as onAck
      this.armTimer(now);
      this.persistAt = -1;
      if (tx.length > 0) {
        this.set!.markDirty(this);
        visit = true;
      }
    }
    if (this.ts.ok) this.ts.seen(t, now);
    if (n > 0) {
      // In-order data, room checked by process() (onData with nothing to trim or reassemble).
      this.rx.write(buf, t.payloadOff, n);
      this.rcvNxt = seqAdd(seq, n);
      if (n >= this.sndMss) this.fullSegs++;
      if (this.ackDelayMs === 0 || this.fullSegs >= 2) {
        this.flags |= Flag.AckNow;
        if (this.fullSegs >= 2) this.sendControl(TcpFlag.Ack, this.sndNxt);
      } else if (this.ackAt < 0) this.ackAt = now + this.ackDelayMs;
      this.set!.markDirty(this);
    }
    this.idleAt = this.idleMs > 0 ? now + this.idleMs : -1;
    this.probes = 0;
    if (!visit) this.afterChange(now);
    return 0;
  }

  /** The address a listener was bound to (0: all), kept while it serves its connection (the
   *  interface reads it to tell a busy backlog from a port nobody listens on at that address). */
  listenAddr: number;

  private onListen(now: number, ip: Ipv4Repr, t: TcpRepr): number {
    const fl = t.flags;
    if (fl & TcpFlag.Rst) return DROP;
    if (fl & TcpFlag.Ack) {
      // An ACK to a listener: RST (the interface would also send one; here the socket owns it).
      this.remoteAddr = ip.src;
      this.remotePort = t.srcPort;
      const la = this.localAddr;
      this.localAddr = ip.dst;
      this.sendRstFor(t);
      this.localAddr = la;
      this.remoteAddr = 0;
      this.remotePort = 0;
      return DROP;
    }
    if (!(fl & TcpFlag.Syn)) return DROP;
    const set = this.set!;
    this.listenAddr = this.localAddr;
    this.localAddr = ip.dst;
    this.remoteAddr = ip.src;
    this.remotePort = t.srcPort;
    if (set.rekey(this, TableKind.TcpTuple) < 0) {
      // Cannot happen (the interface found no socket with this tuple), but never leave it half-set.
      this.localAddr = this.listenAddr;
      this.remoteAddr = 0;
      this.remotePort = 0;
      set.rekey(this, TableKind.TcpListen);
      return DROP;
    }
    this.initSend(now);
    this.synOptions(t, now);
    this.irs = t.seq;
    this.rcvNxt = seqAdd(t.seq, 1);
    this.sndWnd = t.window; // unscaled in a SYN
    this.sndWl1 = t.seq;
    this.state = TcpState.SynReceived;
    set.markDirty(this);
    return 0;
  }

  /** MSS, SACK, timestamps and window scale from the peer's SYN. */
  private synOptions(t: TcpRepr, now: number): void {
    const ours = this.ourMss();
    const theirs = t.mss > 0 ? t.mss : 536;
    this.sndMss = theirs < ours ? theirs : ours;
    this.sackOk = t.sackPermitted;
    this.ts.onSyn(t, now);
    // sndMss is what a full segment carries: the MSS less the option every segment now has (not
    // below one byte when a peer announces an MSS smaller than the option).
    if (this.ts.ok && this.sndMss > TS_OPTION_BYTES) this.sndMss -= TS_OPTION_BYTES;
    if (t.wscale >= 0) {
      this.sndShift = t.wscale;
    } else {
      // Window scaling needs both sides' option (RFC 7323 1.3).
      this.sndShift = 0;
      this.rcvShift = 0;
      this.flags |= Flag.PeerNoScale;
    }
  }

  private onSynSent(now: number, t: TcpRepr, buf: Uint8Array): number {
    const fl = t.flags;
    if (fl & TcpFlag.Ack) {
      if (seqLe(t.ack, this.iss) || seqGt(t.ack, this.sndMax)) {
        if (!(fl & TcpFlag.Rst)) this.sendRstFor(t);
        return DROP;
      }
    }
    if (fl & TcpFlag.Rst) {
      if (fl & TcpFlag.Ack) this.toClosed(SocketError.Reset);
      return fl & TcpFlag.Ack ? 0 : DROP;
    }
    if (!(fl & TcpFlag.Syn)) return DROP;
    this.synOptions(t, now);
    this.irs = t.seq;
    this.rcvNxt = seqAdd(t.seq, 1);
    this.sndWl1 = t.seq;
    this.sndWl2 = t.ack;
    if (fl & TcpFlag.Ack) {
      this.sndWnd = t.window << this.sndShift;
      this.onAck(now, t);
      this.state = TcpState.Established;
      this.established(now);
      this.flags |= Flag.AckNow;
    } else {
      // Simultaneous open: our SYN crossed theirs.
      this.sndWnd = t.window;
      this.state = TcpState.SynReceived;
      this.flags |= Flag.AckNow;
      this.sndNxt = this.iss; // the SYN goes again, now with an ACK
    }
    this.afterChange(now);
    return 0;
  }

  private established(now: number): void {
    // RFC 6928 initial window: min(10 MSS, max(2 MSS, 14600)), as common stacks use (RFC 5681's
    // 3-4 MSS costs a short transfer several round trips).
    const m = this.sndMss;
    this.cwnd = 10 * m < 14600 ? 10 * m : 2 * m > 14600 ? 2 * m : 14600;
    this.ssthresh = 0x7fffffff;
    this.idleAt = this.idleMs > 0 ? now + this.idleMs : -1;
  }

  private sendRstFor(t: TcpRepr): void {
    if (t.flags & TcpFlag.Ack) this.sendControl(TcpFlag.Rst, t.ack);
    else {
      const save = this.rcvNxt;
      this.rcvNxt = seqAdd(t.seq, t.payloadLen + (t.flags & TcpFlag.Syn ? 1 : 0) + (t.flags & TcpFlag.Fin ? 1 : 0));
      this.sendControl(TcpFlag.Rst | TcpFlag.Ack, 0);
      this.rcvNxt = save;
    }
  }

  /** ACK processing for synchronized states: window, acknowledged data, RTT, congestion. */
  private onAck(now: number, t: TcpRepr): void {
    const ack = t.ack;
    const acked = seqDiff(ack, this.sndUna);
    // An ACK that SACKs bytes not SACKed before is a duplicate whatever its window (RFC 6675 2):
    // Linux grows the window it advertises on nearly every ACK while its buffer autotunes, so RFC
    // 5681's "window unchanged" test alone let no duplicate count, and each loss waited for the
    // RTO (14 timeouts in a 10 MiB upload). One with the window unchanged still counts (RFC 5681).
    let sackNew = false;
    if (this.sackOk && t.sackCount > 0) {
      // A D-SACK (RFC 2883 4): the first block below the cumulative ACK, or inside the second.
      const b = t.sackBlocks;
      if ((seqLt(b[0], ack) || (t.sackCount > 1 && seqGe(b[0], b[2]) && seqLe(b[1], b[3]))) && this.sacks.dsack(b[0], b[1])) this.undoRecovery();
      const had = this.sacks.below(this.sndUna, this.sndMax);
      this.onSack(t);
      sackNew = this.sacks.below(this.sndUna, this.sndMax) > had;
      // A lost retransmission (the idea of RACK, RFC 8985): data sent after the retransmission at
      // sndUna was SACKed while sndUna stays. The holes are retransmitted again from sndUna.
      if (this.inRecovery && seqGt(this.highRxt, this.sndUna) && ack === this.sndUna && seqGt(this.sacks.high(ack), this.rtxMark)) {
        this.highRxt = this.sndUna;
        this.rtxMark = this.sndMax;
      }
    }
    // Window update (RFC 9293 3.10.7.4, fifth check).
    const wndBefore = this.sndWnd;
    if (seqLt(this.sndWl1, t.seq) || (this.sndWl1 === t.seq && seqLe(this.sndWl2, ack))) {
      this.sndWnd = (t.flags & TcpFlag.Syn) ? t.window : t.window << this.sndShift;
      this.sndWl1 = t.seq;
      this.sndWl2 = ack;
    }
    if (acked > 0) {
      // The SYN and FIN take a sequence number but no byte of the ring.
      let bytes = acked;
      const ofSyn = !(this.flags & Flag.SynAcked);
      if (ofSyn) {
        this.flags |= Flag.SynAcked;
        bytes--;
      }
      // A FIN takes a sequence number but no byte: what covers it covers every byte, hence the clamp.
      if (bytes > this.tx.length) bytes = this.tx.length;
      if (bytes > 0) this.tx.consume(bytes);
      if (this.rtxAt >= 0 && seqGe(ack, this.rtxEnd)) this.spuriousCheck(t, now);
      this.sndUna = ack;
      this.sacks.trim(ack);
      if (seqLt(this.sndNxt, ack)) this.sndNxt = ack;
      // RTT sample: with timestamps from the echo of every ACK of new data (RFC 7323 4), else
      // one segment at a time, never a retransmitted one (Karn). Not from the ACK of a SYN: when
      // a SYN or SYN-ACK was lost the echo may be of one sent a timeout earlier, and a first
      // sample seconds long would hold the RTO up for many round trips.
      if (this.ts.ok) {
        const r = ofSyn ? -1 : this.ts.rtt(t, now);
        if (r >= 0) this.rtt.sample(r, expectedSamples(seqDiff(this.sndMax, ack) + acked, this.sndMss));
      } else if (this.rttTime >= 0 && seqGe(ack, this.rttSeq)) {
        this.rtt.sample(now - this.rttTime);
        this.rttTime = -1;
      }
      // New data acknowledged: the backed-off RTO goes back to the estimate (RFC 6298 5.7 allows
      // it; waiting for a new sample would keep every later loss slow), after persist probes too
      // once the window is open again; while it stays closed the probe interval keeps backing off
      // (RFC 1122 4.2.2.17), however many probe bytes the peer takes.
      if (this.retries > 0 || this.sndWnd > 0) this.rtt.restore();
      this.retries = 0;
      if (this.flags & Flag.RtoUndo) {
        this.flags &= ~Flag.RtoUndo;
        if (this.ts.spurious(t, this.ts.rtxTs)) this.undoTimeout();
      }
      this.congestionOnAck(acked);
      this.flags &= seqGe(ack, this.tlpSeq) ? ~(Flag.TlpDone | Flag.TlpNew) : ~Flag.TlpDone;
      this.armTimer(now);
      this.persistAt = -1;
      this.probes = 0;
      // Our FIN acknowledged?
      if (this.finSeq >= 0 && seqGt(ack, this.finSeq)) {
        if (this.state === TcpState.FinWait1) this.state = TcpState.FinWait2;
        else if (this.state === TcpState.Closing) this.enterTimeWait(now);
        else if (this.state === TcpState.LastAck) {
          this.toClosed(0);
          return;
        }
      }
    } else if (acked === 0 && t.payloadLen === 0 && !(t.flags & (TcpFlag.Syn | TcpFlag.Fin)) &&
      (sackNew || this.sndWnd === wndBefore) && this.sndWnd > 0 && seqDiff(this.sndMax, this.sndUna) > 0) {
      this.onDupAck();
    }
    if (t.sackCount > 0 && this.sackOk && !this.inRecovery && this.synchronized()) this.sackShowsLoss();
    if (this.tx.length > 0 || (this.flags & Flag.FinQueued)) this.set!.markDirty(this);
  }

  /** A timeout proved spurious (the ACK is for the original transmission): the Eifel response
   *  (RFC 4015) resumes with new data instead of sending the flight again, and cwnd and ssthresh
   *  go back to what they were, as Linux's undo does (RFC 4015 restores ssthresh and lets slow
   *  start bring cwnd back; a board's window is too small for the burst to matter). */
  private undoTimeout(): void {
    this.cwnd = this.priorCwnd;
    this.ssthresh = this.priorSsthresh;
    this.sndNxt = this.sndMax;
    if (this.finSeq >= 0 && seqGt(this.sndMax, this.finSeq)) this.flags |= Flag.FinSent;
    // Losses in what is still in flight may start fast recovery again.
    this.recover = this.sndUna;
    this.stats[TcpStat.Undos]++;
  }

  /** When the fast retransmission at sndUna went (-1: none timed, -2: about to go), and its end. */
  private rtxAt: number;
  private rtxEnd: number;

  /**
   * The ACK covers the fast retransmission. Sooner than 3/4 of the smallest RTT seen after it
   * went, it answers the original segment, which was only delayed (an ACK cannot answer a
   * segment faster than the path's round trip: RFC 8985 6.2 reasons so): when that was the only
   * retransmission, the recovery was spurious and cwnd and ssthresh go back (the Eifel response,
   * RFC 4015, without timestamps). With timestamps the echo tells at any time (Eifel detection,
   * RFC 3522, which covers fast retransmits too): a receiver takes TS.Recent from the segment that
   * fills a hole, so an echo older than the retransmission's timestamp answers the original.
   * Reordering made a third of our fast retransmits spurious against Linux under the interop
   * faults, each cutting cwnd to 0.7 until a D-SACK, a round trip later, undid it.
   */
  private spuriousCheck(t: TcpRepr, now: number): void {
    const min = this.rtt.minRtt;
    if (this.inRecovery && !seqGt(this.highRxt, this.rtxEnd) &&
      ((min > 0 && (now - this.rtxAt) * 4 < min * 3) || (this.ts.ok && this.ts.spurious(t, this.ts.clock(this.rtxAt))))) this.undoRecovery();
    this.rtxAt = -1;
  }

  /** The last fast recovery was spurious: cwnd and ssthresh go back to what they were (or stay,
   *  if they grew since), and a recovery still under way ends. */
  private undoRecovery(): void {
    this.sacks.rtxN = -1;
    this.rtxAt = -1;
    if (this.cwnd < this.priorCwnd) this.cwnd = this.priorCwnd;
    if (this.ssthresh < this.priorSsthresh) this.ssthresh = this.priorSsthresh;
    if (this.inRecovery) {
      this.inRecovery = false;
      this.dupAcks = 0;
      // Losses in what is still in flight may start fast recovery again.
      this.recover = this.sndUna;
    }
    this.stats[TcpStat.Undos]++;
  }

  /** Records the SACK blocks of an ACK that fall within what is in flight. */
  private onSack(t: TcpRepr): void {
    const b = t.sackBlocks;
    for (let k = 0; k < t.sackCount; k++) {
      let l = b[k << 1];
      const r = b[(k << 1) + 1];
      if (!seqGt(r, this.sndUna) || seqGt(r, this.sndMax) || !seqLt(l, r)) continue; // D-SACK or bogus
      if (seqLt(l, this.sndUna)) l = this.sndUna;
      this.sacks.add(l, r);
    }
  }

  /** RFC 6675 pipe: bytes in flight not SACKed and not taken as lost, plus lost ones sent again.
   *  Above the retransmissions, the holes from the first one that is not lost (IsLost, as
   *  nextHole judges it; the SACKed bytes above a hole only fall from one hole to the next) are
   *  still in flight: reordering opened them, and taking them as gone let one segment more go. */
  private pipe(): number {
    const una = this.sndUna, sacks = this.sacks, high = sacks.high(una), mss = this.sndMss;
    let p = seqDiff(this.sndMax, high);
    const r = this.highRxt, x = seqLt(r, una) ? una : seqLt(r, high) ? r : high; // nothing below sndUna is in flight (a partial ACK may pass highRxt)
    if (seqGt(x, una)) p += seqDiff(x, una) - sacks.below(una, x);
    for (let h = sacks.hole(x); h >= 0; h = sacks.hole(sacks.holeEnd)) {
      const above = sacks.below(h, high);
      if (above <= 2 * mss && !this.probeShows(h, high)) return p + seqDiff(high, h) - above;
    }
    return p;
  }

  /** Arms the retransmission timer for what is in flight (off when nothing is): the tail loss
   *  probe first when an RTT is known, the probe of this flight has not gone, and it comes before
   *  the RTO (RFC 8985 7.2); else the RTO. Unlike RFC 8985, a SACK recovery has its probe too:
   *  with a board's send ring the whole ring is often in flight and SACKed but for the hole, so
   *  a lost retransmission can show only by time: the RTO (200 ms or more, some 15 round trips
   *  against Linux) made three of the four timeouts of a 10 MiB upload under the interop faults. */
  private armTimer(now: number): void {
    const flight = seqDiff(this.sndMax, this.sndUna);
    this.flags &= ~Flag.TlpArmed;
    if (flight <= 0) {
      this.rtoAt = -1;
      return;
    }
    if ((!this.inRecovery || this.sackOk) && !(this.flags & Flag.TlpDone) && this.rtt.srtt > 0 && this.synchronized()) {
      const pto = probeTimeout(this.rtt.srtt, flight, this.sndMss, this.rtt.rto);
      if (pto > 0) {
        this.rtoAt = now + pto;
        this.flags |= Flag.TlpArmed;
        return;
      }
    }
    this.rtoAt = now + this.rtt.rto;
  }

  /** Where the new data of the last loss probe starts (TlpNew). */
  private tlpSeq: number;

  /** sndMax when the segment at sndUna was last retransmitted: SACKs beyond it show it lost. */
  private rtxMark: number;

  /** End of the last segment sent short of a full one (Minshall's Nagle). */
  private sndSml: number;

  /** Start of the last segment of new data sent (the tail loss probe sends it again). */
  private lastSeq: number;

  private congestionOnAck(acked: number): void {
    const mss = this.sndMss;
    if (this.inRecovery) {
      if (seqGe(this.sndUna, this.recover)) {
        // Full acknowledgment: leave recovery with cwnd = ssthresh (RFC 6582 3.2 step 3, first
        // option). The other option, flight + MSS, restarts from 2 MSS when the ACK covers the
        // whole flight, which a small window makes the common case.
        this.inRecovery = false;
        this.cwnd = this.ssthresh;
        this.dupAcks = 0;
      } else {
        // Partial acknowledgment: retransmit the next hole (with SACK, unless sent already; the
        // scoreboard finds the others), deflate by what was acked (without SACK: no inflation).
        if (!this.sackOk) this.cwnd = this.cwnd > acked ? this.cwnd - acked + mss : mss;
        if (!this.sackOk || !seqGt(this.highRxt, this.sndUna)) {
          this.sndNxt = this.sndUna;
          this.retransmitOne = true;
        }
      }
      return;
    }
    this.dupAcks = 0;
    // Marks the ACKs leave behind read as ahead again 2^31 bytes on (sequence numbers compare
    // modulo 2^32): recover would block fast retransmit, sndSml hold back every short tail,
    // cwndUsed let cwnd grow. Once recover is 16 MiB behind, it and those two come up to where
    // this ACK starts (still behind: nothing else changes).
    const from = seqAdd(this.sndUna, -acked);
    if (seqDiff(from, this.recover) > 0x1000000) {
      this.recover = from;
      if (seqLt(this.sndSml, from)) this.sndSml = from;
      if (seqLt(this.cwndUsed, from)) this.cwndUsed = from;
    }
    // cwnd grows only while it limits the sender (RFC 9438 5.8, RFC 7661): for ACKs of data sent
    // before the sender last stopped at cwnd with more to send (cwndUsed). A sender held by the
    // peer's window or by the application would otherwise grow cwnd without bound, and the
    // reduction at a loss, taken from cwnd, would mean nothing.
    if (!seqLt(from, this.cwndUsed)) return;
    // Appropriate byte counting (RFC 3465): slow start grows by what was acknowledged (at most
    // 2 MSS an ACK), congestion avoidance by one MSS for each cwnd of bytes acknowledged, so that a
    // receiver acknowledging every second segment does not halve the growth.
    if (this.cwnd < this.ssthresh) this.cwnd += acked < 2 * mss ? acked : 2 * mss;
    else {
      this.ackedBytes += acked;
      if (this.ackedBytes >= this.cwnd) {
        this.ackedBytes -= this.cwnd;
        this.cwnd += mss;
      }
    }
  }

  /** sndMax when the sender last stopped at cwnd with data waiting that the peer's window allowed. */
  private cwndUsed: number;

  /** Bytes acknowledged in congestion avoidance since cwnd last grew (RFC 3465). */
  private ackedBytes: number;

  /** Sequence number of our FIN once sent (-1: not yet). */
  finSeq: number;

  /** Set by fast retransmit and partial ACKs: send exactly one segment at sndUna next. */
  private retransmitOne: boolean;

  private onDupAck(): void {
    this.dupAcks++;
    const mss = this.sndMss;
    if (this.inRecovery) {
      if (!this.sackOk) this.cwnd += mss; // NewReno inflation; with SACK the pipe counts instead
      this.set!.markDirty(this);
      return;
    }
    // `recover` holds sndMax (one past the highest sequence sent, RFC 6582's recover): an ACK
    // reaching it covers the previous recovery's flight.
    const thresh = this.dupThresh();
    if (this.dupAcks === thresh && seqGe(this.sndUna, this.recover)) this.fastRetransmit(thresh);
    // Limited transmit (RFC 3042) lets the first two duplicates each send one new segment.
    this.set!.markDirty(this);
  }

  /** New data could go now as far as the peer's window goes (RFC 6675 NextSeg rule 2). */
  private canSendNew(): boolean {
    const flight = seqDiff(this.sndMax, this.sndUna), unsent = this.tx.length - flight;
    return unsent > 0 && this.sndWnd - flight >= (unsent < this.sndMss ? unsent : this.sndMss);
  }

  /** The loss probe's new data was SACKed (it reached the peer) while the hole at h, sent at
   *  least a probe timeout (2 SRTT) before it, did not: h is lost, whatever the count of SACKed
   *  segments (RFC 8985's time-based reasoning, with the probe as the later segment). Without it,
   *  a flight of four or more with its first two lost waited for the RTO. */
  private probeShows(h: number, high: number): boolean {
    return (this.flags & Flag.TlpNew) !== 0 && seqLt(h, this.tlpSeq) && seqGt(high, this.tlpSeq);
  }

  /** Duplicates that show a loss: 3, fewer for a small flight (early retransmit, RFC 5827). */
  private dupThresh(): number {
    return dupThreshold(seqDiff(this.sndMax, this.sndUna), this.sndMss, !this.canSendNew());
  }

  /** SACK loss detection (RFC 6675 5, IsLost(HighACK + 1)): more than thresh - 1 segments' worth
   *  SACKed above sndUna shows the segment at sndUna lost, though the duplicate ACKs that
   *  carried the blocks were lost, or came on ACKs that also moved sndUna and did not count; so
   *  does a SACK of the loss probe's new data (probeShows). */
  private sackShowsLoss(): void {
    const una = this.sndUna, thresh = this.dupThresh(), high = this.sacks.high(una);
    if (seqGe(una, this.recover) && (this.sacks.below(una, high) > (thresh - 1) * this.sndMss || this.probeShows(una, high))) {
      this.fastRetransmit(thresh);
      this.set!.markDirty(this);
    }
  }

  private fastRetransmit(thresh: number): void {
    const mss = this.sndMss, flight = seqDiff(this.sndMax, this.sndUna);
    // Fast retransmit and NewReno recovery (RFC 6582 3.2 step 2), with RFC 9438's (CUBIC)
    // reduction to 0.7 rather than Reno's half: growth stays Reno's one MSS a round trip, which
    // in a board's few-segment window makes each loss cost less. 0.7 of cwnd (which grows only
    // while it limits the sender) or of the flight if larger: a window-limited flight has shrunk
    // by the ACKs ahead of the hole by the time the duplicates come.
    this.priorCwnd = this.cwnd;
    this.priorSsthresh = this.ssthresh;
    this.rtxAt = -2; // the retransmission at sndUna is timed when it goes (spuriousCheck)
    this.ssthresh = Math.max(Math.floor((flight > this.cwnd ? flight : this.cwnd) * 0.7), 2 * mss);
    this.cwnd = this.sackOk ? this.ssthresh : this.ssthresh + thresh * mss;
    this.highRxt = this.sndUna;
    this.recover = this.sndMax;
    this.inRecovery = true;
    this.sacks.rtxN = this.sacks.rtxSeen = 0; // D-SACKs of its retransmissions may undo it
    this.rttTime = -1;
    this.sndNxt = this.sndUna; // the retransmission starts at the first unacknowledged byte
    this.retransmitOne = true;
    this.stats[TcpStat.FastRetransmits]++;
    // The recovery has its own probe, though the flight's tail loss probe went already.
    this.flags &= ~(Flag.TlpArmed | Flag.TlpDone);
    this.rtoAt = -1;
    this.armTimer(this.set!.iface.now);
  }

  private onData(now: number, t: TcpRepr, buf: Uint8Array): void {
    let seq = t.seq, off = t.payloadOff, n = t.payloadLen;
    const fin = (t.flags & TcpFlag.Fin) !== 0;
    // Trim what we already have.
    const dup = seqDiff(this.rcvNxt, seq);
    if (dup > 0) {
      if (dup >= n) {
        n = 0;
      } else {
        off += dup;
        n -= dup;
      }
      seq = this.rcvNxt;
    }
    const room = this.rx.free();
    let finOk = fin;
    if (seqDiff(seq, this.rcvNxt) + n > room) {
      n = room - seqDiff(seq, this.rcvNxt);
      if (n < 0) n = 0;
      finOk = false; // the FIN lies beyond what we can take
    }
    if (seq === this.rcvNxt) {
      if (n > 0) {
        this.rx.write(buf, off, n);
        this.rcvNxt = seqAdd(this.rcvNxt, n);
        this.ooo.trim(this.rcvNxt);
        const more = this.ooo.takeFront(this.rcvNxt);
        if (more > 0) {
          this.rx.commit(more);
          this.rcvNxt = seqAdd(this.rcvNxt, more);
          this.flags |= Flag.AckNow; // a hole filled: tell the sender at once
        }
        if (n >= this.sndMss) this.fullSegs++;
        if (this.ackDelayMs === 0 || this.fullSegs >= 2 || this.ooo.count > 0) {
          // At least every second full segment is acknowledged as it comes (RFC 5681 4.2), not
          // once per poll: a poll may take many, and a sender counting bytes per ACK (RFC 3465)
          // would grow by two segments a round trip instead of doubling.
          this.flags |= Flag.AckNow;
          if (this.fullSegs >= 2) this.sendControl(TcpFlag.Ack, this.sndNxt);
        } else if (this.ackAt < 0) this.ackAt = now + this.ackDelayMs;
      }
      if (finOk && this.ooo.count === 0) this.onFin(now);
    } else {
      // Out of order: keep it in the ring ahead of the gap if the bounded range set allows.
      if (n > 0) {
        const ahead = seqDiff(seq, this.rcvNxt);
        this.lastOoo = seq;
        if (this.ooo.add(seq, seqAdd(seq, n))) this.rx.writeAhead(ahead, buf, off, n);
      }
      // One duplicate ACK per out-of-order segment, at once (RFC 5681 4.2): several arrive in one
      // poll, and the sender's fast retransmit counts them.
      this.flags |= Flag.AckNow;
      this.sendControl(TcpFlag.Ack, this.sndNxt);
    }
    this.set!.markDirty(this);
  }

  private onFin(now: number): void {
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    this.flags |= Flag.AckNow;
    if (this.state === TcpState.Established) this.state = TcpState.CloseWait;
    else if (this.state === TcpState.FinWait1) {
      // Our FIN not yet acknowledged: simultaneous close.
      this.state = TcpState.Closing;
    } else if (this.state === TcpState.FinWait2) this.enterTimeWait(now);
  }

  private enterTimeWait(now: number): void {
    this.state = TcpState.TimeWait;
    this.rtoAt = this.persistAt = this.idleAt = -1;
    this.waitAt = now + this.timeWaitMs;
  }

  /** Asks for a visit if something is owed now, else re-arms the earliest timer with the set (a
   *  visit's dispatch re-arms it, in this poll: the set visits every dirty socket). */
  private afterChange(now: number): void {
    const set = this.set;
    if (set === null) return;
    if (this.flags & (Flag.AckNow | Flag.WinUpdate)) set.markDirty(this);
    else set.schedule(this, this.nextTimer());
  }

  /** The earliest armed timer, -1 for none (compares in line: a call per pair costs on the interpreter). */
  private nextTimer(): number {
    let t = this.rtoAt;
    const a = this.ackAt, p = this.persistAt, i = this.idleAt, w = this.waitAt;
    if (a >= 0 && (t < 0 || a < t)) t = a;
    if (p >= 0 && (t < 0 || p < t)) t = p;
    if (i >= 0 && (t < 0 || i < t)) t = i;
    if (w >= 0 && (t < 0 || w < t)) t = w;
    return t;
  }

  // ---- egress ------------------------------------------------------------------------------

  dispatch(now: number): void {
    const s = this.state;
    if (s === TcpState.Closed || s === TcpState.Listen) return;
    if (s === TcpState.TimeWait) {
      if (this.waitAt >= 0 && now >= this.waitAt) {
        this.toClosed(0);
        return;
      }
      const sent = this.flags & Flag.AckNow ? this.sendControl(TcpFlag.Ack, this.sndNxt) : 0; // refused: tried again at the next poll, as elsewhere
      this.set!.schedule(this, sent !== 0 && sent !== SocketError.NeighborPending ? now : this.waitAt);
      return;
    }
    // A loss probe or the retransmission timeout is due (in a method: on Espruino the text of a
    // skipped block is still read, and this one is skipped nearly always).
    if (this.rtoAt >= 0 && now >= this.rtoAt && this.timerDue(now)) return;
    if (s === TcpState.SynSent || (s === TcpState.SynReceived && this.sndNxt === this.iss)) {
      const flags = s === TcpState.SynSent ? TcpFlag.Syn : TcpFlag.Syn | TcpFlag.Ack;
      if (this.sndNxt === this.iss) {
        if (this.emit(flags, this.iss, 0, 0) === 0) {
          this.sndNxt = seqAdd(this.iss, 1);
          if (seqGt(this.sndNxt, this.sndMax)) this.sndMax = this.sndNxt;
        }
      }
      if (this.rtoAt < 0) this.rtoAt = now + this.rtt.rto;
      this.set!.schedule(this, this.nextTimer());
      return;
    }
    // Nothing queued and no FIN: nothing in flight either (every byte sent is in the ring until
    // acknowledged), so sendData would find nothing to send. A receiver's ACK comes here for every
    // segment, and Espruino reads all of sendData's text at each call, even past an early return.
    if (this.tx.length !== 0 || (this.flags & Flag.FinQueued)) this.sendData(now);
    // Delayed ACK due, or an ACK / window update owed that no data segment carried.
    if (this.ackAt >= 0 && now >= this.ackAt) this.flags |= Flag.AckNow;
    if ((this.flags & (Flag.AckNow | Flag.WinUpdate)) && this.state !== TcpState.SynReceived) {
      // An ACK the device refused is still owed: tried again at the next poll, as a refused
      // delayed ACK is (its ackAt stays due); a parked socket is woken when the neighbour resolves.
      const r = this.sendControl(TcpFlag.Ack, this.sndNxt);
      if (r !== 0 && r !== SocketError.NeighborPending) this.ackAt = now; // even if armed.
    }
    // Keep-alive: a segment one below sndUna makes the peer answer with an ACK. Only in
    // ESTABLISHED: elsewhere the idle timer, once due, is off (left due, it held every poll).
    if (this.idleAt >= 0 && now >= this.idleAt) {
      if (this.state !== TcpState.Established) this.idleAt = -1;
      else if (++this.probes > this.idleProbes) this.toClosed(SocketError.TimedOut); // then nextTimer() is -1
      else {
        this.sendControl(TcpFlag.Ack, seqAdd(this.sndUna, -1));
        this.idleAt = now + this.idleEveryMs;
      }
    }
    this.set!.schedule(this, this.nextTimer());
  }

  /** The timer at rtoAt fired: the tail loss probe when armed, else the retransmission timeout
   *  (go back to sndUna with cwnd at one segment). True when the connection gave up (closed). */
  private timerDue(now: number): boolean {
    if (this.flags & Flag.TlpArmed) {
      // The probe timeout fired (RFC 8985 7.3): send one segment that makes the receiver answer,
      // new data when the peer's window allows, else the last segment sent again; in recovery,
      // the retransmission at sndUna again (unanswered for two round trips, it was lost). The RTO
      // follows, later than now: no timeout in this visit.
      this.flags = (this.flags & ~Flag.TlpArmed) | Flag.TlpDone;
      this.stats[TcpStat.Probes]++;
      if (this.inRecovery) {
        this.sndNxt = this.sndUna;
      } else if (this.canSendNew()) {
        this.sndNxt = this.tlpSeq = this.sndMax;
        this.flags |= Flag.TlpNew;
      } else {
        const last = this.lastSeq;
        this.sndNxt = seqGe(last, this.sndUna) && seqLt(last, this.sndMax) ? last : this.sndUna;
        this.rttTime = -1; // Karn: the timed segment may be the one sent again
      }
      this.retransmitOne = true;
      this.rtoAt = now + this.rtt.rto;
      return false;
    }
    if (++this.retries > this.retryLimit) {
      this.toClosed(SocketError.TimedOut);
      return true;
    }
    this.rtt.backoff();
    this.rttTime = -1;
    this.stats[TcpStat.Timeouts]++;
    if (this.ts.ok && !(this.flags & Flag.RtoUndo) && this.synchronized()) {
      // Eifel detection (RFC 3522): remember the retransmission's timestamp and what the
      // timeout is about to reduce (only for the first timeout of this flight).
      this.ts.rtxTs = this.ts.clock(now);
      this.priorCwnd = this.cwnd;
      this.priorSsthresh = this.ssthresh;
      this.flags |= Flag.RtoUndo;
    }
    this.rtxAt = -1;
    const flight = seqDiff(this.sndMax, this.sndUna);
    this.ssthresh = Math.max(flight >> 1, 2 * this.sndMss);
    this.cwnd = this.sndMss;
    this.inRecovery = false;
    this.dupAcks = 0;
    this.recover = this.sndMax;
    this.sacks.clear(); // go-back-N resends all; what the peer holds it acknowledges at once
    this.sndNxt = this.sndUna; // go back: everything in flight is sent again
    if (this.flags & Flag.FinSent) this.flags &= ~Flag.FinSent;
    // A fast retransmission still pending (its send failed) is part of the go-back: left set, it
    // would jump sndNxt past a FIN that the go-back has not sent yet.
    this.retransmitOne = false;
    this.rtoAt = -1;
    this.flags &= ~Flag.TlpDone;
    return false;
  }

  /** Sends what the windows allow: data from the ring, then the FIN; arms RTO and persist. */
  private sendData(now: number): void {
    const s = this.state;
    // The plain case, most calls: new data, no FIN queued (none is in ESTABLISHED or CLOSE-WAIT:
    // close() moves the socket on with it, and a FIN queued in SYN-RECEIVED goes to FIN-WAIT-1),
    // no loss being repaired (no recovery, no retransmission pending, no duplicate ACK). sendAny's
    // loop with those terms left out: on Espruino a loop's whole text is read at every iteration.
    // test/tcp/prediction.test.mjs compares the two (setTcpShortcuts).
    if ((s === TcpState.Established || s === TcpState.CloseWait) &&
      !this.inRecovery && !this.retransmitOne && this.dupAcks === 0 && shortcuts) {
      this.stats[TcpStat.PlainSends]++;
      const mss = this.sndMss;
      for (let guard = 0; guard < 64; guard++) {
        const sent = seqDiff(this.sndNxt, this.sndUna);
        const unsent = this.tx.length - sent;
        const cw = this.cwnd, sw = this.sndWnd;
        const room = (sw < cw ? sw : cw) - sent;
        let n = unsent < mss ? unsent : mss;
        if (n > room) n = room > 0 ? room : 0;
        if (n < mss && n < unsent && cw < sw) this.cwndUsed = this.sndMax;
        if (n <= 0) {
          if (sw === 0) this.windowClosed(now);
          return;
        }
        if (n < mss && sent > 0 && (n === unsent ? this.useNagle && seqGt(this.sndSml, this.sndUna) : sw >= cw || n < (sw >> 2))) return;
        const seq = this.sndNxt;
        const r = this.emit(n === unsent ? TcpFlag.Ack | TcpFlag.Psh : TcpFlag.Ack, seq, sent, n);
        if (r !== 0) {
          if (r !== SocketError.NeighborPending && this.rtoAt < 0) this.rtoAt = now + this.rtt.rto;
          return;
        }
        if (this.rttTime < 0 && seqGe(seq, this.sndMax)) {
          this.rttSeq = seqAdd(seq, n);
          this.rttTime = now;
        }
        this.sndNxt = seqAdd(seq, n);
        if (seqGt(this.sndNxt, this.sndMax)) {
          this.sndMax = this.sndNxt;
          this.lastSeq = seq;
          if (n < mss) this.sndSml = this.sndNxt;
          if (this.flags & Flag.TlpArmed) this.rtoAt = -1;
        }
        if (this.rtoAt < 0) this.armTimer(now);
        this.persistAt = -1;
      }
      return;
    }
    this.sendAny(now);
  }

  /** sendData's general case: SACK recovery's holes, a retransmission, limited transmit, the FIN. */
  private sendAny(now: number): void {
    const s = this.state;
    if (s !== TcpState.Established && s !== TcpState.CloseWait && s !== TcpState.FinWait1 &&
      s !== TcpState.Closing && s !== TcpState.LastAck && s !== TcpState.SynReceived) return;
    if (s === TcpState.SynReceived) return; // data waits for the handshake to finish
    const mss = this.sndMss;
    for (let guard = 0; guard < 64; guard++) {
      // SACK recovery's next hole first (nextHole), else new data.
      const sackRec = this.sackOk && this.inRecovery;
      const holeLen = sackRec && !this.retransmitOne ? this.nextHole() : mss;
      const sent = seqDiff(this.sndNxt, this.sndUna);
      const queued = this.tx.length;
      const unsent = queued - sent;
      // Limited transmit: one new segment beyond cwnd per duplicate ACK, for the first two (RFC 3042).
      const cw = this.cwnd + (!this.inRecovery && this.dupAcks > 0 && this.dupAcks < 3 ? this.dupAcks * mss : 0);
      const wnd = this.sndWnd < cw ? this.sndWnd : cw;
      let room = wnd - sent;
      let cwndBound = cw < this.sndWnd;
      // In SACK recovery the pipe, not the flight, is what cwnd bounds (RFC 6675 5).
      if (sackRec) {
        room = this.sndWnd - sent;
        const byPipe = this.cwnd - this.pipe();
        cwndBound = byPipe < room;
        if (cwndBound) room = byPipe;
      }
      // A retransmission is one segment (or the hole), never past what was sent before.
      if (this.retransmitOne) {
        room = holeLen < mss ? holeLen : mss;
        const out = seqDiff(this.sndMax, this.sndNxt);
        if (out > 0 && out < room) room = out;
      }
      let n = unsent < mss ? unsent : mss;
      if (n > room) n = room > 0 ? room : 0;
      // A retransmission that reaches the end of the queue carries the FIN again (a loss probe of a
      // lone FIN, the last segment sent again): without it the FIN waited for the RTO.
      const finPending = (this.flags & Flag.FinQueued) !== 0 && (!(this.flags & Flag.FinSent) || this.retransmitOne);
      const finNow = finPending && n === unsent;
      // cwnd holds it back: what goes until then counts for cwnd's growth (recovery included: its
      // sending is bounded by cwnd too, and leaving it out cost each recovery a round trip of growth).
      // Only where cwnd cuts new data short: a full segment with more behind it is not held (a ring
      // that cwnd never fills is a limit of its own, and counting it let cwnd grow to the peer's
      // window), nor is a retransmission, whose one segment is not cwnd's room.
      if (n < mss && n < unsent && cwndBound && !this.retransmitOne) this.cwndUsed = this.sndMax;
      if (n <= 0 && !finNow) {
        if (this.sndWnd === 0) this.windowClosed(now);
        break;
      }
      // A small segment waits while a small one is unacknowledged: Nagle's rule as Minshall
      // refined it (and Linux keeps it) for the tail of the queue (unless it ends the stream), so
      // a transfer's tail goes with its last full segment instead of an ACK later (and a lost ACK
      // costs a two-segment flight's probe, not a one-segment one's). A segment cut short by cwnd
      // waits for a full one; one cut short by the peer's window goes when it is a quarter of that window (sender SWS avoidance, RFC
      // 9293 3.8.6.2.1, which a board's 2 KB window would otherwise hold to one segment per RTT).
      if (n < mss && sent > 0 && !finNow && !this.retransmitOne) {
        if (n === unsent ? this.useNagle && seqGt(this.sndSml, this.sndUna) : this.sndWnd >= cw || n < (this.sndWnd >> 2)) break;
      }
      let flags = TcpFlag.Ack;
      if (n > 0 && n === unsent) flags |= TcpFlag.Psh;
      if (finNow) flags |= TcpFlag.Fin;
      const seq = this.sndNxt;
      const r = this.emit(flags, seq, sent, n);
      if (r !== 0) {
        // Regenerated on the next visit: when the neighbour resolves (the socket is parked), else
        // (device busy, link down, no route) at the retransmission timeout, which must be armed.
        if (r !== SocketError.NeighborPending && this.rtoAt < 0) this.rtoAt = now + this.rtt.rto;
        break;
      }
      if (this.rttTime < 0 && n > 0 && seqGe(seq, this.sndMax)) {
        this.rttSeq = seqAdd(seq, n);
        this.rttTime = now;
      }
      this.sndNxt = seqAdd(seq, n + (finNow ? 1 : 0));
      if (finNow) {
        this.flags |= Flag.FinSent;
        this.finSeq = seqAdd(seq, n);
      }
      if (seqGt(this.sndNxt, this.sndMax)) {
        this.sndMax = this.sndNxt;
        this.lastSeq = seq;
        if (n < mss) this.sndSml = this.sndNxt;
        // New data: the probe timeout counts from the last transmission (RFC 8985 7.2).
        if (this.flags & Flag.TlpArmed) this.rtoAt = -1;
      }
      if (this.rtoAt < 0) this.armTimer(now);
      this.persistAt = -1;
      if (this.retransmitOne) this.retransmitted(now, seq, n);
      if (finNow) break;
    }
  }

  // sendData's rare parts, each in a method of its own: Espruino reads the whole text of a
  // function at every call, skipped branches included, and sendData's loop at every iteration.

  /** SACK recovery's next segment (RFC 6675 NextSeg) while the pipe is below cwnd: the next hole
   *  below the highest SACKed byte that is lost (IsLost: more than DupThresh - 1 segments SACKed
   *  above it), else new data, else (rule 3) the next hole though not yet shown lost. A hole that
   *  reordering opened fills before enough SACKs come above it: retransmitting every hole at once
   *  made 40 % of our retransmissions duplicates under the interop faults. A hole chosen becomes
   *  the retransmission (sndNxt, retransmitOne); returns its length, else the MSS. */
  private nextHole(): number {
    const from = seqGt(this.highRxt, this.sndUna) ? this.highRxt : this.sndUna;
    const high = this.sacks.high(this.sndUna);
    const h = seqLt(from, high) ? this.sacks.hole(from) : -1;
    // The hole goes anyway when no new data can go (rule 3), else only once lost (IsLost; DupThresh
    // is 3 while new data can go, see dupThreshold; or the loss probe shows it).
    if (h >= 0 && this.pipe() < this.cwnd && (!this.canSendNew() || this.sacks.below(h, high) > 2 * this.sndMss || this.probeShows(h, high))) {
      this.sndNxt = h;
      this.retransmitOne = true;
      return seqDiff(this.sacks.holeEnd, h);
    }
    return this.sndMss;
  }

  /** The window closed with data waiting: the persist timer alone probes it, first one RTO on
   *  (RFC 9293 3.8.6.1, SHLD-29). The retransmission timer stops and data sent beyond the closed
   *  window goes again once it opens, as BSD's output does: left running, its expiry found the
   *  window closed, sent nothing and put the first probe two RTOs later still. */
  private windowClosed(now: number): void {
    if (this.persistAt < 0 && this.tx.length > 0) {
      this.rtoAt = -1;
      this.sndNxt = this.sndUna;
      this.flags &= ~(Flag.FinSent | Flag.TlpArmed);
      this.persistAt = now + this.rtt.rto;
    }
    const sent = seqDiff(this.sndNxt, this.sndUna);
    if (this.persistAt >= 0 && now >= this.persistAt && this.tx.length > sent) {
      // Probes nobody answers give up as retransmissions do; any segment accepted resets the
      // count, so a peer that answers with its window still closed is kept (RFC 9293 3.8.6.1).
      if (++this.probes > this.retryLimit) {
        this.toClosed(SocketError.TimedOut);
        return;
      }
      // Zero-window probe: one byte beyond the window.
      if (this.emit(TcpFlag.Ack, this.sndNxt, sent, 1) === 0) {
        // The probe byte is sent data: its acknowledgment must be acceptable.
        if (seqGt(seqAdd(this.sndNxt, 1), this.sndMax)) this.sndMax = seqAdd(this.sndNxt, 1);
        this.rtt.backoff();
        this.persistAt = now + this.rtt.rto;
      }
    }
  }

  /** Bookkeeping after a retransmission [seq, seq + n) went: its timing for the spurious test,
   *  the scoreboard, and new data next from sndMax. */
  private retransmitted(now: number, seq: number, n: number): void {
    this.retransmitOne = false;
    if (this.rtxAt === -2 && seq === this.sndUna) {
      this.rtxAt = now;
      this.rtxEnd = seqAdd(seq, n);
    }
    if (this.inRecovery) {
      // In recovery a single segment is always a retransmission (new data needs no flag).
      this.sacks.retransmitted(seq);
      if (seqGt(seqAdd(seq, n), this.highRxt)) this.highRxt = seqAdd(seq, n);
    }
    if (seq === this.sndUna) {
      this.rtxMark = this.sndMax;
      // The recovery probe waits two round trips from this retransmission.
      if (this.flags & Flag.TlpArmed) this.armTimer(now);
    }
    // Continue new data from the highest sequence sent.
    this.sndNxt = this.sndMax;
  }
}

