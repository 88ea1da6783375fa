// Loss-detection thresholds for small flights, where three duplicate ACKs may never come: early
// retransmit (RFC 5827) and the tail loss probe timeout (RFC 8985 7.2). Pure functions of what the
// sender knows, so that tcp.ts only decides when to ask.

/** Duplicate ACKs that start fast retransmit: 3, or one less than the segments outstanding when
 *  fewer than 4 are and no new data can go out to make more duplicates (RFC 5827 3.1). */
export function dupThreshold(flight: number, mss: number, newDataBlocked: boolean): number {
  if (!newDataBlocked) return 3;
  const segs = Math.ceil(flight / mss);
  return segs >= 4 ? 3 : segs > 1 ? segs - 1 : 1;
}

/** Extra wait for an ACK that a receiver delays when only one segment is outstanding (RFC 8985
 *  7.2 says 200 ms, the worst delayed ACK allowed; common stacks delay at most 40-50 ms, and a
 *  probe sent early costs one segment). */
const DELAYED_ACK_ALLOWANCE = 50;

/** The probe timeout: 2 SRTT (plus the delayed-ACK allowance for a one-segment flight), or -1
 *  when it would not come before the RTO, which then stays the only timer. */
export function probeTimeout(srtt: number, flight: number, mss: number, rto: number): number {
  let pto = 2 * srtt;
  if (flight <= mss) pto += DELAYED_ACK_ALLOWANCE;
  if (pto < 10) pto = 10;
  pto = Math.ceil(pto);
  return pto < rto ? pto : -1;
}
