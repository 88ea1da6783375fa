// Runs one or more Interfaces in real time in Node: polls them when a frame arrives (kick(), wired
// to the device's frame signal), when a socket was given work (kick() again), and at the deadline
// pollAt() names; a slow tick covers drivers' periodic health checks. Time is ms since start.
// `apps` are functions run after every poll round (the board's services read their sockets there).
export class Runner {
  constructor(ifaces, { apps = [], idleMs = 50, extraPolls = [] } = {}) {
    this.ifaces = ifaces;
    this.apps = apps;
    this.idleMs = idleMs;
    this.extraPolls = extraPolls; // e.g. a wire-level peer's poll()
    this.t0 = performance.now();
    this.timer = null;
    this.queued = false;
    this.stopped = false;
    this.rounds = 0;
    this.kick = () => {
      if (this.queued || this.stopped) return;
      this.queued = true;
      setImmediate(() => this.round());
    };
    this.kick();
  }

  now() {
    return performance.now() - this.t0;
  }

  round() {
    this.queued = false;
    if (this.stopped) return;
    this.rounds++;
    let busy = true;
    // Poll until nothing moves (bounded, so timers and I/O callbacks still run).
    for (let k = 0; k < 64 && busy; k++) {
      busy = false;
      const now = this.now();
      for (const p of this.extraPolls) p();
      for (const i of this.ifaces) if (i.poll(now)) busy = true;
      for (const a of this.apps) if (a(now)) busy = true;
    }
    if (busy) { this.kick(); return; }
    const now = this.now();
    let next = now + this.idleMs;
    for (const i of this.ifaces) {
      const at = i.pollAt(now);
      if (at >= 0 && at < next) next = at;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.kick(); }, Math.max(0, next - now));
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Waits until cond() is true (checked every ms), or ms pass; resolves to cond()'s last value. */
export async function until(cond, ms = 2000) {
  const end = performance.now() + ms;
  for (;;) {
    const v = cond();
    if (v || performance.now() > end) return v;
    await new Promise((r) => setTimeout(r, 1));
  }
}
