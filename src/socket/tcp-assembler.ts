import { seqLt, seqLe, seqGt, seqDiff } from './tcp-seq';

/**
 * Out-of-order ranges of a TCP receive stream: at most `max` disjoint [start, end) sequence ranges,
 * kept sorted and merged. When a new range would need one more slot than there is, it is refused
 * (the segment is dropped and will be retransmitted): memory stays bounded.
 */
export class Assembler {
  readonly max: number;
  start: Float64Array;
  end: Float64Array;
  count = 0;

  constructor(max: number) {
    this.max = max;
    this.start = new Float64Array(max);
    this.end = new Float64Array(max);
  }

  clear(): void {
    this.count = 0;
  }

  /** Records [s, e); false when it does not fit in the bounded set. */
  add(s: number, e: number): boolean {
    const st = this.start, en = this.end;
    let i = 0;
    while (i < this.count && seqLt(en[i], s)) i++;
    // i: first range that ends at or after s. Merge every range that touches [s, e).
    let j = i;
    while (j < this.count && seqLe(st[j], e)) j++;
    if (j > i) {
      if (seqLt(st[i], s)) s = st[i];
      if (seqGt(en[j - 1], e)) e = en[j - 1];
      st[i] = s;
      en[i] = e;
      const gone = j - i - 1;
      for (let k = i + 1; k + gone < this.count; k++) {
        st[k] = st[k + gone];
        en[k] = en[k + gone];
      }
      this.count -= gone;
      return true;
    }
    if (this.count === this.max) return false;
    for (let k = this.count; k > i; k--) {
      st[k] = st[k - 1];
      en[k] = en[k - 1];
    }
    st[i] = s;
    en[i] = e;
    this.count++;
    return true;
  }

  /** If the first range starts at or before next, removes it and returns how far past `next` its
   *  end reaches (the bytes that became contiguous); else 0. */
  takeFront(next: number): number {
    if (this.count === 0 || seqGt(this.start[0], next)) return 0;
    const n = seqDiff(this.end[0], next);
    for (let k = 1; k < this.count; k++) {
      this.start[k - 1] = this.start[k];
      this.end[k - 1] = this.end[k];
    }
    this.count--;
    return n > 0 ? n : 0;
  }

  /** Drops ranges wholly before next (already delivered by an in-order segment). */
  trim(next: number): void {
    while (this.count > 0 && seqLe(this.end[0], next)) {
      for (let k = 1; k < this.count; k++) {
        this.start[k - 1] = this.start[k];
        this.end[k - 1] = this.end[k];
      }
      this.count--;
    }
  }
}
