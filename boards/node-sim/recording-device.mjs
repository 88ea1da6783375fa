// Wraps any Device so that every frame received and transmitted is also written to a pcap (test/
// helpers/pcap.mjs PcapWriter). Node-only. Frames are recorded as they cross the device boundary:
// what the stack saw arrive and what it handed to the device.
import { PcapWriter } from '../../test/helpers/pcap.mjs';

/**
 * Returns { device, pcap, save(path) }: `device` has the inner device's contract (and its other
 * fields, reachable as device.inner); `pcap` is the PcapWriter; timestamps are ms since the wrap.
 */
export function recordDevice(inner, pcap = new PcapWriter(), now = () => performance.now()) {
  const t0 = now();
  const device = {
    inner,
    mac: inner.mac,
    maxFrame: inner.maxFrame,
    // What the stack sizes itself by must pass through: TCP keeps its window within rxCapacity
    // (without it, the TAP demo advertised 16 KB into the ENC28J60's 6.5 KB ring and overflowed it).
    rxCapacity: inner.rxCapacity,
    counters: inner.counters,
    receive(buf, off) {
      const n = inner.receive(buf, off);
      if (n > 0) pcap.add(buf, off, n, now() - t0);
      return n;
    },
    transmit(buf, off, len) {
      const r = inner.transmit(buf, off, len);
      // Only frames the device accepted went on the wire.
      if (r === 0) pcap.add(buf, off, len, now() - t0);
      return r;
    },
    linkUp() {
      return inner.linkUp();
    },
  };
  return { device, pcap, save: (path) => pcap.save(path) };
}
