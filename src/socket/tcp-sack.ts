import { Assembler } from './tcp-assembler';
import { seqDiff, seqGe, seqGt, seqLt } from './tcp-seq';

/** Retransmissions one recovery can account for by D-SACK; a recovery with more is never undone. */
const RTX_SLOTS = 8;

/**
 * The sender's SACK scoreboard (RFC 6675): the ranges above sndUna that the peer reported holding,
 * kept like the receiver's out-of-order ranges (sorted, merged, a fixed number; a block that does
 * not fit is forgotten, which only costs a retransmission). Arrays carved at construction.
 *
 * It also tells a spurious recovery by D-SACK (RFC 2883, RFC 3708): the starts of the segments
 * retransmitted in the last fast recovery, each crossed off when the receiver reports it received
 * twice. Once every one is crossed off, nothing was lost (reordering delayed the originals) and
 * the window reduction can be undone, as Linux does. Under the interop faults (10 % reordering)
 * Linux reported about 40 % of our retransmissions as duplicates, and the timing test of
 * TcpSocket.spuriousCheck caught a fifth of them. A D-SACK may come after the recovery ended: the
 * record stays open until the next recovery, a timeout (clear) or an undo.
 */
export class SackBoard extends Assembler {
  private rtxSeqs = new Uint32Array(RTX_SLOTS);
  /** Retransmissions recorded, or -1: closed (nothing to undo, or too many to account for). */
  rtxN = -1;
  /** Bit i: rtxSeqs[i] reported received twice. Set both to 0 when a recovery starts. */
  rtxSeen = 0;

  clear(): void {
    super.clear();
    this.rtxN = -1;
  }

  /** The segment at seq was retransmitted in the recovery. A second retransmission of one segment,
   *  or more than RTX_SLOTS, closes the record: the D-SACKs could no longer tell the copies apart. */
  retransmitted(seq: number): void {
    const n = this.rtxN;
    if (n < 0) return;
    for (let i = 0; i < n; i++) {
      if (this.rtxSeqs[i] === seq) {
        this.rtxN = -1;
        return;
      }
    }
    if (n === RTX_SLOTS) {
      this.rtxN = -1;
      return;
    }
    this.rtxSeqs[n] = seq;
    this.rtxN = n + 1;
  }

  /** The receiver reported [l, r) received twice. True when that completes the proof: every
   *  retransmission of the recovery was a duplicate (then the record closes). */
  dsack(l: number, r: number): boolean {
    const n = this.rtxN;
    if (n <= 0) return false;
    for (let i = 0; i < n; i++) {
      const s = this.rtxSeqs[i];
      if (seqGe(s, l) && seqLt(s, r)) this.rtxSeen |= 1 << i;
    }
    if (this.rtxSeen !== (1 << n) - 1) return false;
    this.rtxN = -1;
    return true;
  }

  /** The end of the highest SACKed range, or `una` when there is none above it. */
  high(una: number): number {
    return this.count > 0 && seqGt(this.end[this.count - 1], una) ? this.end[this.count - 1] : una;
  }

  /** SACKed bytes between una and x. */
  below(una: number, x: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const s = seqLt(this.start[i], una) ? una : this.start[i];
      const e = seqLt(this.end[i], x) ? this.end[i] : x;
      if (seqGt(e, s)) n += seqDiff(e, s);
    }
    return n;
  }

  /** The first byte at or after `from` that is not SACKed and lies below the highest SACKed byte
   *  (a hole, taken as lost: RFC 6675's IsLost with the reordering allowance left to the duplicate
   *  ACK count that started recovery), or -1. holeLen() is its length. */
  hole(from: number): number {
    for (let i = 0; i < this.count; i++) {
      if (seqLt(from, this.start[i])) {
        this.holeEnd = this.start[i];
        return from;
      }
      if (seqLt(from, this.end[i])) from = this.end[i];
    }
    return -1;
  }

  /** End of the hole hole() found last. */
  holeEnd = 0;
}
