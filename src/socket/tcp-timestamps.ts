import { TcpRepr } from '../wire/tcp';
import { seqLt, seqLe } from './tcp-seq';

/** Bytes the option takes in every segment once agreed (10, padded to 12 by two NOPs): the
 *  payload of a full segment is the MSS less this (RFC 7323 3.2, RFC 6691). */
export const TS_OPTION_BYTES = 12;

/** TS.Recent older than this (24 days, RFC 7323 5.5) no longer judges arriving segments. */
const PAWS_IDLE_MS = 24 * 24 * 3600 * 1000;

/**
 * One connection's TCP timestamps (RFC 7323): offered in our SYN, used only when the peer's SYN
 * carried them too. Our clock is the interface's millisecond clock plus a per-connection offset;
 * TS.Recent is the peer's clock as last seen in order, echoed in every segment we send and used
 * to drop old duplicates (PAWS). The sender reads RTT samples and spurious timeouts (Eifel
 * detection, RFC 3522) from the echoes. Plain numbers, made once with the socket.
 */
export class TcpTimestamps {
  /** Both SYNs carried the option: every segment carries it from then on. */
  ok = false;
  /** Added to the clock (RFC 7323 5.4: a connection's timestamps reveal nothing of another's). */
  offset = 0;
  /** TS.Recent and the time (ms) it was recorded. */
  recent = 0;
  recentAt = 0;
  /** Last.ACK.sent: rcvNxt as carried by the last ACK we sent. */
  lastAck = 0;
  /** RetransmitTS (RFC 3522): our timestamp on the first retransmission after a timeout. */
  rtxTs = 0;

  /** A new connection: nothing agreed yet. */
  start(offset: number): void {
    this.ok = false;
    this.offset = offset >>> 0;
    this.recent = this.recentAt = this.rtxTs = 0;
  }

  /** Our timestamp clock at interface time now (ms, 0 or more): `>>> 0` drops the fraction as
   *  Math.floor would (the offset is a whole number), without a search for Math on Espruino. */
  clock(now: number): number {
    return (now + this.offset) >>> 0;
  }

  /** The peer's SYN (or SYN-ACK to our offer): the option is used when it carries one. */
  onSyn(t: TcpRepr, now: number): void {
    this.ok = t.hasTimestamp;
    if (this.ok) {
      this.recent = t.tsVal;
      this.recentAt = now;
      this.lastAck = (t.seq + 1) >>> 0; // what our answer to the SYN acknowledges
    }
  }

  /** Fills the option of an outgoing segment: on every segment once agreed, on our SYN as the
   *  offer (TSecr 0 there: nothing to echo yet), never on a RST (RFC 7323 3.2 leaves it free). */
  fill(t: TcpRepr, now: number, offer: boolean): void {
    t.hasTimestamp = this.ok || offer;
    if (t.hasTimestamp) {
      t.tsVal = (now + this.offset) >>> 0; // clock(now), in line: every segment sent
      t.tsEcr = this.ok ? this.recent : 0;
    }
  }

  /** PAWS (RFC 7323 5.3 R1): a segment whose timestamp is older than TS.Recent is an old
   *  duplicate, unless TS.Recent has aged past its validity. */
  old(t: TcpRepr, now: number): boolean {
    return seqLt(t.tsVal, this.recent) && now - this.recentAt < PAWS_IDLE_MS;
  }

  /** An acceptable segment: its timestamp becomes TS.Recent when it is not older and the segment
   *  starts at or before what our last ACK acknowledged (RFC 7323 4.3). Later segments of a
   *  delayed ACK and out-of-order ones leave it, so the echo times the earliest unacknowledged
   *  segment and, when a hole fills, the segment that filled it. */
  seen(t: TcpRepr, now: number): void {
    if (seqLe(t.seq, this.lastAck) && !seqLt(t.tsVal, this.recent)) {
      this.recent = t.tsVal;
      this.recentAt = now;
    }
  }

  /** The round-trip time an ACK's echo measures (ms), or -1 when it has none that can be right
   *  (RFC 7323 4.1: the caller takes it only from ACKs that acknowledge new data; an echo from
   *  the future or of 0 on a peer that sends it blindly is no measure). */
  rtt(t: TcpRepr, now: number): number {
    if (!t.hasTimestamp || t.tsEcr === 0) return -1;
    const r = (((now + this.offset) >>> 0) - t.tsEcr) | 0; // clock(now), in line: every ACK
    return r >= 0 ? r : -1;
  }

  /** Eifel detection (RFC 3522 3.2): the first ACK of new data after a retransmission stamped
   *  `sent` echoes an older timestamp, so it acknowledges the original transmission: the
   *  retransmission was spurious. */
  spurious(t: TcpRepr, sent: number): boolean {
    return t.hasTimestamp && t.tsEcr !== 0 && seqLt(t.tsEcr, sent);
  }
}

/** RTT samples expected in a flight when every ACK gives one and a receiver acknowledges every
 *  second segment: the gains of the RTT filter are divided by it (RFC 7323 appendix G), so that
 *  the estimate moves per round trip as with one sample each. */
export function expectedSamples(flight: number, mss: number): number {
  const n = Math.ceil(flight / (2 * mss));
  return n > 1 ? n : 1;
}
