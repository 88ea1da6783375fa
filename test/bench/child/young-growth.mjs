// How much the young generation of V8 grows per unit of work (packet, segment) in steady state,
// for the NO_ALLOC build's allocation figures. Run with --expose-gc and a semi-space large enough
// that no scavenge happens inside a window (--max-semi-space-size=512).
//
// Two things made a single long window read above zero for a stack that allocates nothing: each
// window has a fixed cost of its own (reading the heap statistics allocates about 2 KB, calling
// the work a little more), and a rarely taken path that runs for the first time mid-window
// deoptimizes its function, which then runs unoptimized (boxing numbers) until V8 optimizes it
// again. So the figure is a slope: pairs of windows, one with twice the work of the other, and
// (growth of the long one - growth of the short one) / (units of the long one - units of the
// short one), the median over the pairs. A fixed cost cancels; an allocation on the packet path
// shows in every pair, a one-time recompilation in one.
import v8 from 'node:v8';

const newSpace = () => v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space').space_used_size;

function window(work, scale) {
  global.gc();
  const b0 = newSpace();
  const units = work(scale);
  const b1 = newSpace();
  return { bytes: b1 - b0, units, scavenged: b1 < b0 };
}

/** work(scale) does scale times one window's work and returns its units. Returns { perUnit
 *  (median slope over the pairs), pairs ([bytes short, bytes long] each), units (of the long
 *  windows, all together), scavenges }. */
export function youngGrowth(work, pairCount = 6) {
  const slopes = [], pairs = [];
  let units = 0, scavenges = 0;
  for (let p = 0; p < pairCount; p++) {
    const a = window(work, 1), b = window(work, 2);
    if (a.scavenged || b.scavenged) scavenges++;
    slopes.push((b.bytes - a.bytes) / (b.units - a.units));
    pairs.push([a.bytes, b.bytes]);
    units += b.units;
  }
  slopes.sort((x, y) => x - y);
  const mid = slopes.length >> 1;
  const median = slopes.length & 1 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
  return { perUnit: +median.toFixed(3), pairs, units, scavenges };
}
