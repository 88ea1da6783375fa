/**
 * Retransmission timeout per RFC 6298: SRTT and RTTVAR from samples (never from a retransmitted
 * segment: Karn's rule is the caller's, which times one unretransmitted segment at a time), RTO =
 * SRTT + max(G, 4 RTTVAR) within [min, max], doubled on each expiry (backoff) until a new sample.
 * Kept as integers scaled by 8 and 4 (the gains 1/8 and 1/4 become shifts), as BSD and Linux do:
 * every value stays a small integer, which V8 never boxes and the interpreter adds cheaply.
 */
export class RttEstimator {
  /** SRTT in whole milliseconds, rounded up (0 before the first sample). */
  srtt = 0;
  /** SRTT x 8 and RTTVAR x 4, in milliseconds. */
  srtt8 = 0;
  rttvar4 = 0;
  rto: number;
  readonly minRto: number;
  readonly maxRto: number;
  private initial: number;
  private sampled = false;

  constructor(initialRto: number, minRto: number, maxRto: number) {
    this.initial = initialRto;
    this.rto = initialRto;
    this.minRto = minRto;
    this.maxRto = maxRto;
  }

  reset(): void {
    this.rto = this.initial;
    this.srtt = this.srtt8 = this.rttvar4 = 0;
    this.sampled = false;
  }

  /** One measured round trip of r ms (a whole number). */
  sample(r: number): void {
    if (r < 0) return;
    r = r | 0;
    if (!this.sampled) {
      this.srtt8 = r << 3; // SRTT = R
      this.rttvar4 = r << 1; // RTTVAR = R / 2
      this.sampled = true;
    } else {
      let err = r - (this.srtt8 >> 3);
      this.srtt8 += err; // SRTT += (R - SRTT) / 8
      if (err < 0) err = -err;
      this.rttvar4 += err - (this.rttvar4 >> 2); // RTTVAR += (|SRTT - R| - RTTVAR) / 4
    }
    this.srtt = (this.srtt8 + 7) >> 3;
    this.restore();
  }

  /** Back to the estimate after a backoff (no-op before the first sample). */
  restore(): void {
    // Clock granularity G: 1 ms here (times are in ms).
    if (this.sampled) this.clamp(this.srtt + (this.rttvar4 > 1 ? this.rttvar4 : 1));
  }

  /** The timer expired: double the RTO (RFC 6298 5.5). */
  backoff(): void {
    this.clamp(this.rto * 2);
  }

  /** Whole milliseconds: timer times stay small integers, which V8 passes around unboxed. */
  private clamp(x: number): void {
    x = Math.ceil(x);
    this.rto = x < this.minRto ? this.minRto : x > this.maxRto ? this.maxRto : x;
  }
}
