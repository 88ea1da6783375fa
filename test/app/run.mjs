// Advances virtual time by exactly ms, polling every interface whenever a frame arrives or a
// deadline falls due (like runUntilIdle, for stacks that never go idle: DHCP checks the link).
export function advance(wire, ifaces, ms) {
  const end = wire.now + ms;
  for (let guard = 0; guard < 1e6; guard++) {
    let busy = true;
    for (let k = 0; busy && k < 1000; k++) {
      busy = false;
      for (const i of ifaces) if (i.poll(wire.now)) busy = true;
    }
    let t = wire.nextArrival();
    for (const i of ifaces) {
      const d = i.pollAt(wire.now);
      if (d >= 0 && (t < 0 || d < t)) t = d;
    }
    if (t < 0 || t > end) break;
    wire.now = t > wire.now ? t : wire.now + 0.5; // due now but not done: let time pass a little
  }
  wire.now = end;
  for (const i of ifaces) i.poll(wire.now);
}

/** Espruino's idle loop on each EspruinoNet (espruino-net.mjs), then 1 ms of virtual time, until
 *  cond() holds or ms have passed; returns cond(). */
export function tickUntil(nets, wire, ifaces, cond, ms) {
  for (let i = 0; i < ms && !cond(); i++) {
    for (const n of nets) n.tick();
    advance(wire, ifaces, 1);
  }
  return cond();
}
