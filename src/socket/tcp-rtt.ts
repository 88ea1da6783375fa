/**
 * Retransmission timeout per RFC 6298: SRTT and RTTVAR from samples (never from a retransmitted
 * segment: Karn's rule is the caller's, which times one unretransmitted segment at a time), RTO =
 * SRTT + max(G, 4 RTTVAR) within [min, max], doubled on each expiry (backoff) until a new sample.
 */
export class RttEstimator {
  srtt = 0;
  rttvar = 0;
  /** The smallest sample (ms; 0: none yet): no ACK can answer a segment sooner. */
  minRtt = 0;
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
    this.srtt = 0;
    this.rttvar = 0;
    this.minRtt = 0;
    this.sampled = false;
  }

  sample(r: number): void {
    if (r < 0) return;
    if (this.minRtt === 0 || r < this.minRtt) this.minRtt = r;
    if (!this.sampled) {
      this.srtt = r;
      this.rttvar = r / 2;
      this.sampled = true;
    } else {
      const d = this.srtt - r;
      this.rttvar = 0.75 * this.rttvar + 0.25 * (d < 0 ? -d : d);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    // Clock granularity G: 1 ms here (times are in ms).
    const v = 4 * this.rttvar;
    this.clamp(this.srtt + (v > 1 ? v : 1));
  }

  /** Back to the estimate after a backoff (no-op before the first sample). */
  restore(): void {
    if (this.sampled) {
      const v = 4 * this.rttvar;
      this.clamp(this.srtt + (v > 1 ? v : 1));
    }
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
