import { Assembler } from './tcp-assembler';
import { seqDiff, seqGt, seqLt } from './tcp-seq';

/**
 * The sender's SACK scoreboard (RFC 6675): the ranges above sndUna that the peer reported holding,
 * kept like the receiver's out-of-order ranges (sorted, merged, a fixed number; a block that does
 * not fit is forgotten, which only costs a retransmission). Arrays carved at construction.
 */
export class SackBoard extends Assembler {
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
