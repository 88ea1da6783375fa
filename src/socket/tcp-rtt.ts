/**
 * Retransmission timeout per RFC 6298: SRTT and RTTVAR from samples (never from a retransmitted
 * segment: Karn's rule is the caller's), RTO = SRTT + max(G, 4 RTTVAR) within [min, max], doubled
 * on each expiry (backoff) until a new sample. SRTT and RTTVAR are kept as integers in 1/256 ms
 * (fixed point, as BSD and Linux keep them scaled): every value stays a small integer, which V8
 * never boxes and the interpreter adds cheaply, and a gain divided by the samples of a flight
 * (timestamps) still moves them.
 */
export class RttEstimator {
  /** SRTT in whole milliseconds, rounded up (0 before the first sample). */
  srtt = 0;
  /** SRTT and RTTVAR in 1/256 ms. */
  srttF = 0;
  rttvarF = 0;
  /** The smallest sample (whole ms; 0: none yet): no ACK can answer a segment sooner. */
  minRtt = 0;
  rto: number;
  /** The RTO's bounds (TcpOptions minRto and maxRto, under private names: see TcpSocket's options). */
  private rtoMin: number;
  private rtoMax: number;
  private initial: number;
  private sampled = false;

  constructor(initialRto: number, minRto: number, maxRto: number) {
    this.initial = initialRto;
    this.rto = initialRto;
    this.rtoMin = minRto;
    this.rtoMax = maxRto;
  }

  reset(): void {
    this.rto = this.initial;
    this.srtt = this.srttF = this.rttvarF = this.minRtt = 0;
    this.sampled = false;
  }

  /** A sample r (ms); n: samples expected per round trip (timestamps give one per ACK), which
   *  divides the gains 1/4 and 1/8 (RFC 7323 appendix G). */
  sample(r: number, n?: number): void {
    if (r < 0) return;
    if (this.minRtt === 0 || r < this.minRtt) this.minRtt = r | 0;
    r = (r * 256) | 0;
    if (!this.sampled) {
      this.srttF = r; // SRTT = R
      this.rttvarF = r >> 1; // RTTVAR = R / 2
      this.sampled = true;
    } else {
      const k = n && n > 1 ? n : 1;
      let err = r - this.srttF;
      this.srttF += (err / (8 * k)) | 0; // SRTT += (R - SRTT) / 8
      if (err < 0) err = -err;
      this.rttvarF += ((err - this.rttvarF) / (4 * k)) | 0; // RTTVAR += (|SRTT - R| - RTTVAR) / 4
    }
    this.srtt = (this.srttF + 255) >> 8;
    this.restore();
  }

  /** Back to the estimate after a backoff (no-op before the first sample). */
  restore(): void {
    if (!this.sampled) return;
    // Clock granularity G: 1 ms here (times are in ms). clamp() in line, without its Math.ceil
    // (x is whole): restore runs for every ACK of new data.
    const v = this.rttvarF * 4;
    const x = (this.srttF + (v > 256 ? v : 256) + 255) >> 8;
    this.rto = x < this.rtoMin ? this.rtoMin : x > this.rtoMax ? this.rtoMax : x;
  }

  /** The timer expired: double the RTO (RFC 6298 5.5). */
  backoff(): void {
    this.clamp(this.rto * 2);
  }

  /** Whole milliseconds: timer times stay small integers, which V8 passes around unboxed. */
  private clamp(x: number): void {
    x = Math.ceil(x);
    this.rto = x < this.rtoMin ? this.rtoMin : x > this.rtoMax ? this.rtoMax : x;
  }
}
