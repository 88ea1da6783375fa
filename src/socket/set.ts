import { Socket, TableKind } from './socket';
import { SocketError } from './errors';

// One row of buckets per TableKind from Udp (1) to Icmp (5): row kind - 1 (None has none).
const TABLES = 5;

/** NO_ALLOC: the earliest of a set's deadlines, or -1 (a removed socket's is -1: remove cancels
 *  it). A function, not a method: the default build, which never calls it, leaves it out. */
function earliestDeadline(deadline: Float64Array, capacity: number): number {
  let t = -1;
  for (let i = 0; i < capacity; i++) {
    const d = deadline[i];
    if (d >= 0 && (t < 0 || d < t)) t = d;
  }
  return t;
}

/**
 * The sockets of one interface, in slots. Handles carry a generation (handle = gen * 65536 + slot)
 * so that a handle kept after its socket was removed is refused, never aliased to the slot's next
 * occupant. The set also owns:
 * - the dispatch tables (default build): chained hash tables whose links live in one Int32Array,
 *   since a socket is in at most one table; NO_ALLOC build: a linear scan over the slots;
 * - the dirty ring: slots with something to send now, visited once each per poll in FIFO order;
 * - the deadline queue: a binary min-heap of (time, slot) (NO_ALLOC: a scan of the deadline array).
 * Egress visits only dirty or due sockets, in round-robin order.
 */
export class SocketSet {
  capacity: number;
  readonly growable: boolean;
  sockets: (Socket | null)[];
  gen: Uint16Array;
  /** Link to the next socket of the same hash bucket, -1 at the end. */
  link: Int32Array;
  /** The bucket each slot was linked into: sockets change their endpoint before calling rekey, so
   *  the old key cannot be recomputed from the socket. */
  bucketOf: Int32Array;
  heads: Int32Array;
  mask: number;
  count = 0;
  dirty: Uint8Array;
  ring: Int32Array;
  ringHead = 0;
  /** Sockets dirty (the default build's ring holds them in order). */
  ringLen = 0;
  deadline: Float64Array;
  heap: Int32Array;
  heapPos: Int32Array;
  heapLen = 0;
  /** NO_ALLOC: no deadline comes before this one (-1: none). It may be earlier than every
   *  deadline (one was cancelled or moved on), never later; an egress after it makes it exact.
   *  (Made by the constructor of that build only.) */
  soonest!: number;
  /** Sockets waiting for a neighbour to resolve (visited again when ARP answers or retries). */
  parked: Uint8Array;
  parkedCount = 0;
  /** Sockets in the raw table (nextRaw answers at once when there are none). */
  /** Raw sockets on the tables (the interface skips the raw lookup when there are none). */
  rawCount = 0;
  /** The socket being visited by egress or fed by ingress (so the interface can park it). */
  current: Socket | null = null;
  /** Scratch list of the slots one egress visits (default build). */
  visit: Int32Array;
  /** Where the next round-robin visit starts (both builds). */
  scanFrom = 0;
  /** The interface these sockets send through (set by the Interface). */
  iface: any = null;

  constructor(capacity: number, growable: boolean) {
    if (!(capacity >= 1 && capacity <= 65536)) throw new Error('socket capacity must be 1..65536');
    this.capacity = 0;
    this.growable = growable && !NO_ALLOC;
    this.sockets = [];
    this.gen = new Uint16Array(0);
    this.link = new Int32Array(0);
    this.bucketOf = new Int32Array(0);
    this.heads = new Int32Array(0);
    this.mask = 0;
    this.dirty = new Uint8Array(0);
    this.ring = new Int32Array(0);
    this.deadline = new Float64Array(0);
    this.heap = new Int32Array(0);
    this.heapPos = new Int32Array(0);
    this.parked = new Uint8Array(0);
    this.visit = new Int32Array(0);
    if (NO_ALLOC) this.soonest = -1;
    this.resize(capacity);
  }

  /** Sizes every per-slot array to n slots (start-up, and growth in the default build). */
  private resize(n: number): void {
    const old = this.capacity;
    // Views of one buffer, widest elements first (so that each starts on a multiple of its size):
    // on Espruino they cost fewer blocks than ten typed arrays of their own (14 fewer at 11 slots).
    const b = new ArrayBuffer(n * 36);
    const deadline = new Float64Array(b, 0, n);
    const link = new Int32Array(b, n * 8, n), ring = new Int32Array(b, n * 12, n), heap = new Int32Array(b, n * 16, n);
    const heapPos = new Int32Array(b, n * 20, n), bucketOf = new Int32Array(b, n * 24, n), visit = new Int32Array(b, n * 28, n);
    const gen = new Uint16Array(b, n * 32, n), dirty = new Uint8Array(b, n * 34, n), parked = new Uint8Array(b, n * 35, n);
    gen.set(this.gen);
    dirty.set(this.dirty);
    deadline.set(this.deadline);
    heap.set(this.heap);
    heapPos.set(this.heapPos);
    parked.set(this.parked);
    for (let i = old; i < n; i++) {
      this.sockets.push(null);
      deadline[i] = -1;
      heapPos[i] = -1;
    }
    // The ring is unrolled into the new array in FIFO order.
    for (let k = 0; k < this.ringLen; k++) ring[k] = this.ring[(this.ringHead + k) % old];
    this.ringHead = 0;
    this.gen = gen; this.link = link; this.dirty = dirty; this.ring = ring; this.parked = parked;
    this.deadline = deadline; this.heap = heap; this.heapPos = heapPos; this.bucketOf = bucketOf; this.visit = visit;
    this.capacity = n;
    if (!NO_ALLOC) {
      let nb = 16;
      // At most one socket a bucket on average: on a board every 4 bytes of buckets is a third of a block.
      while (nb < n) nb <<= 1;
      this.mask = nb - 1;
      this.heads = new Int32Array(TABLES * nb);
      for (let i = 0; i < this.heads.length; i++) this.heads[i] = -1;
      for (let i = 0; i < n; i++) {
        const s = this.sockets[i];
        if (s !== null && s.table !== TableKind.None) this.link_(s);
      }
    }
  }

  /** Adds a socket; returns its handle, or Exhausted when every slot is taken and the set cannot grow. */
  add(sock: Socket): number {
    if (sock.set !== null) throw new Error('socket is already in a set: remove it first');
    let slot = -1;
    for (let i = 0; i < this.capacity; i++) {
      if (this.sockets[i] === null) { slot = i; break; }
    }
    if (slot < 0) {
      if (!this.growable) return SocketError.Exhausted;
      slot = this.capacity;
      this.resize(this.capacity * 2 > 65536 ? 65536 : this.capacity * 2);
      if (slot >= this.capacity) return SocketError.Exhausted;
    }
    this.sockets[slot] = sock;
    sock.slot = slot;
    sock.set = this;
    sock.table = TableKind.None;
    sock.handle = this.gen[slot] * 65536 + slot;
    this.count++;
    return sock.handle;
  }

  /** The socket behind a handle, or null when the handle is stale or out of range. */
  get(handle: number): Socket | null {
    if (typeof handle !== 'number' || handle < 0) return null;
    const slot = handle & 0xffff;
    if (slot >= this.capacity) return null;
    const s = this.sockets[slot];
    return s !== null && s.handle === handle ? s : null;
  }

  /** Removes the socket behind a handle: 0, or StaleHandle. The slot's generation moves on. */
  remove(handle: number): number {
    const s = this.get(handle);
    if (s === null) return SocketError.StaleHandle;
    this.rekey(s, TableKind.None);
    this.schedule(s, -1);
    const slot = s.slot;
    if (this.dirty[slot]) {
      // Out of the dirty ring, the others keeping their order.
      this.dirty[slot] = 0;
      if (NO_ALLOC) {
        this.ringLen--;
      } else {
        const cap = this.capacity;
        let w = 0;
        for (let k = 0; k < this.ringLen; k++) {
          const v = this.ring[(this.ringHead + k) % cap];
          if (v !== slot) this.ring[(this.ringHead + w++) % cap] = v;
        }
        this.ringLen = w;
      }
    }
    if (this.parked[slot]) {
      this.parked[slot] = 0;
      this.parkedCount--;
    }
    this.sockets[slot] = null;
    this.gen[slot] = (this.gen[slot] + 1) & 0x7fff;
    s.slot = -1;
    s.handle = -1;
    s.set = null;
    this.count--;
    return 0;
  }

  // ---- dispatch tables -------------------------------------------------------------------

  private bucket(kind: number, s: Socket): number {
    return (kind - 1) * (this.mask + 1) + hash(kind, s.localPort, s.remoteAddr, s.remotePort, this.mask);
  }

  private link_(s: Socket): void {
    const b = this.bucket(s.table, s);
    this.bucketOf[s.slot] = b;
    this.link[s.slot] = this.heads[b];
    this.heads[b] = s.slot;
  }

  private unlink(s: Socket): void {
    const b = this.bucketOf[s.slot];
    let i = this.heads[b];
    if (i === s.slot) {
      this.heads[b] = this.link[i];
      return;
    }
    while (i >= 0) {
      const n = this.link[i];
      if (n === s.slot) {
        this.link[i] = this.link[n];
        return;
      }
      i = n;
    }
  }

  /** The socket (other than s) that already holds s's endpoint in table `kind`, if any. */
  private clash(s: Socket, kind: number): Socket | null {
    if (kind === TableKind.TcpListen || kind === TableKind.Raw || kind === TableKind.None) return null;
    const tuple = kind === TableKind.TcpTuple;
    if (NO_ALLOC) {
      for (let i = 0; i < this.capacity; i++) {
        const o = this.sockets[i];
        if (o !== null && o !== s && o.table === kind && o.localPort === s.localPort && o.localAddr === s.localAddr &&
          (!tuple || (o.remoteAddr === s.remoteAddr && o.remotePort === s.remotePort))) return o;
      }
      return null;
    }
    let i = this.heads[(kind - 1) * (this.mask + 1) + hash(kind, s.localPort, s.remoteAddr, s.remotePort, this.mask)];
    while (i >= 0) {
      const o = this.sockets[i] as Socket;
      if (o !== s && o.localPort === s.localPort && o.localAddr === s.localAddr &&
        (!tuple || (o.remoteAddr === s.remoteAddr && o.remotePort === s.remotePort))) return o;
      i = this.link[i];
    }
    return null;
  }

  /**
   * Moves a socket into table `kind` under its current endpoint fields (TableKind.None: out of every
   * table). Sockets call this after changing their endpoint or state. Returns 0, or AlreadyInUse when
   * another socket holds the same UDP endpoint, the same TCP 4-tuple or the same ICMP identifier; the
   * socket is then in no table.
   */
  rekey(s: Socket, kind: number): number {
    if (s.set !== this) throw new Error('socket is not in this set');
    if (!NO_ALLOC && s.table !== TableKind.None) this.unlink(s);
    if (s.table === TableKind.Raw) this.rawCount--;
    s.table = TableKind.None;
    if (kind === TableKind.None) return 0;
    if (this.clash(s, kind) !== null) return SocketError.AlreadyInUse;
    s.table = kind;
    if (kind === TableKind.Raw) this.rawCount++;
    if (!NO_ALLOC) this.link_(s);
    return 0;
  }

  /** Would s, with its current fields, clash with another socket in table `kind`? */
  inUse(s: Socket, kind: number): boolean {
    return this.clash(s, kind) !== null;
  }

  /** UDP: the socket bound to (addr, port), else the one bound to (0, port); null when none. */
  findUdp(addr: number, port: number): Socket | null {
    return this.findEndpoint(TableKind.Udp, addr, port);
  }

  /** TCP: a LISTEN socket on (addr, port), else on (0, port): the lowest slot, so both builds agree. */
  findListener(addr: number, port: number): Socket | null {
    return this.findEndpoint(TableKind.TcpListen, addr, port);
  }

  private findEndpoint(kind: number, addr: number, port: number): Socket | null {
    let exact: Socket | null = null, wild: Socket | null = null;
    if (NO_ALLOC) {
      for (let i = 0; i < this.capacity; i++) {
        const o = this.sockets[i];
        if (o === null || o.table !== kind || o.localPort !== port) continue;
        if (o.localAddr === addr) return o;
        if (o.localAddr === 0 && wild === null) wild = o;
      }
      return wild;
    }
    let i = this.heads[(kind - 1) * (this.mask + 1) + hash(kind, port, 0, 0, this.mask)];
    while (i >= 0) {
      const o = this.sockets[i] as Socket;
      if (o.localPort === port) {
        if (o.localAddr === addr) {
          if (exact === null || o.slot < exact.slot) exact = o;
        } else if (o.localAddr === 0) {
          if (wild === null || o.slot < wild.slot) wild = o;
        }
      }
      i = this.link[i];
    }
    return exact !== null ? exact : wild;
  }

  /** TCP: the socket whose 4-tuple matches exactly, or null. */
  findTcp(localAddr: number, localPort: number, remoteAddr: number, remotePort: number): Socket | null {
    if (NO_ALLOC) {
      for (let i = 0; i < this.capacity; i++) {
        const o = this.sockets[i];
        if (o !== null && o.table === TableKind.TcpTuple && o.localPort === localPort && o.remotePort === remotePort &&
          o.remoteAddr === remoteAddr && o.localAddr === localAddr) return o;
      }
      return null;
    }
    // hash(TableKind.TcpTuple, ...) in line: every TCP segment looks up its socket here.
    let h = ((localPort * 31 + remotePort) ^ remoteAddr ^ (remoteAddr >>> 13) ^ (remoteAddr >>> 23)) >>> 0;
    h ^= (h >>> 16) ^ (h >>> 7);
    let i = this.heads[(TableKind.TcpTuple - 1) * (this.mask + 1) + (h & this.mask)];
    while (i >= 0) {
      const o = this.sockets[i] as Socket;
      if (o.localPort === localPort && o.remotePort === remotePort && o.remoteAddr === remoteAddr && o.localAddr === localAddr) return o;
      i = this.link[i];
    }
    return null;
  }

  /** ICMP echo socket bound to an identifier, or null. */
  findIcmp(ident: number): Socket | null {
    return this.findEndpoint(TableKind.Icmp, 0, ident);
  }

  /** Raw sockets for an IP protocol: the first with slot > after (pass -1 to start), or null.
   *  Iterating this way creates nothing on the packet path. */
  nextRaw(protocol: number, after: number): Socket | null {
    // Every IPv4 packet asks; most stacks have no raw socket at all.
    if (this.rawCount === 0) return null;
    let best: Socket | null = null;
    if (NO_ALLOC) {
      for (let i = after + 1; i < this.capacity; i++) {
        const o = this.sockets[i];
        if (o !== null && o.table === TableKind.Raw && o.localPort === protocol) return o;
      }
      return null;
    }
    let i = this.heads[(TableKind.Raw - 1) * (this.mask + 1) + hash(TableKind.Raw, protocol, 0, 0, this.mask)];
    while (i >= 0) {
      const o = this.sockets[i] as Socket;
      if (o.localPort === protocol && o.slot > after && (best === null || o.slot < best.slot)) best = o;
      i = this.link[i];
    }
    return best;
  }

  // ---- egress: the dirty ring and the deadline queue -------------------------------------

  /** Asks poll to visit s: it has something to send now. */
  markDirty(s: Socket): void {
    const slot = s.slot;
    if (slot < 0 || this.dirty[slot]) return;
    this.dirty[slot] = 1;
    const f = this.iface; // f.wake(), in line: a call per segment saved
    if (f !== null && !f.polling && f.onWork !== null) f.onWork();
    if (!NO_ALLOC) this.ring[(this.ringHead + this.ringLen) % this.capacity] = slot;
    this.ringLen++;
  }

  /** Remembers that s waits for a neighbour: wakeParked marks it dirty again. */
  park(s: Socket): void {
    if (s.slot < 0 || this.parked[s.slot]) return;
    this.parked[s.slot] = 1;
    this.parkedCount++;
  }

  /** Marks every parked socket dirty (a neighbour resolved, or it is time to ask again). */
  wakeParked(): void {
    if (this.parkedCount === 0) return;
    for (let i = 0; i < this.capacity; i++) {
      if (!this.parked[i]) continue;
      this.parked[i] = 0;
      const s = this.sockets[i];
      if (s !== null) this.markDirty(s);
    }
    this.parkedCount = 0;
  }

  /** Is port used as a local port by a socket of this kind (ephemeral port choice)? */
  portInUse(kind: number, port: number): boolean {
    for (let i = 0; i < this.capacity; i++) {
      const o = this.sockets[i];
      if (o !== null && o.kind === kind && o.localPort === port && o.table !== TableKind.None) return true;
    }
    return false;
  }

  /** Sets s's deadline to `at` (ms); -1 cancels it. poll visits s once now >= at. */
  schedule(s: Socket, at: number): void {
    const slot = s.slot;
    if (slot < 0) return;
    if (NO_ALLOC) {
      this.deadline[slot] = at;
      if (at >= 0 && (this.soonest < 0 || at < this.soonest)) this.soonest = at;
      return;
    }
    const pos = this.heapPos[slot];
    // Unchanged (the usual case: the same RTO re-armed per segment): no heap work.
    if (at === this.deadline[slot] && (at < 0) === (pos < 0)) return;
    if (at < 0) {
      this.deadline[slot] = -1;
      if (pos >= 0) this.heapRemove(pos);
      return;
    }
    const was = this.deadline[slot];
    this.deadline[slot] = at;
    if (pos < 0) {
      const p = this.heapLen++;
      this.heap[p] = slot;
      this.heapPos[slot] = p;
      this.siftUp(p);
    } else if (at < was) {
      this.siftUp(pos);
    } else {
      this.siftDown(pos);
    }
  }

  /** The time poll must next run: now when a socket is dirty, the earliest deadline, or -1 (none). */
  pollAt(now: number): number {
    if (this.ringLen > 0) return now;
    const t = NO_ALLOC ? earliestDeadline(this.deadline, this.capacity) : this.heapLen === 0 ? -1 : this.deadline[this.heap[0]];
    return t < 0 ? -1 : t < now ? now : t;
  }

  /** Visits every dirty or due socket once, calling its dispatch(now). Returns how many were visited.
   *  A socket marked dirty again during the visit waits for the next poll, so none starves another.
   *  A due timer ends with the visit; a dirty socket keeps one not yet due, which its dispatch
   *  re-arms or cancels in place (no removal and re-insertion per visit). */
  egress(now: number): number {
    let visited = 0;
    if (NO_ALLOC) {
      const cap = this.capacity;
      const start = this.scanFrom;
      // soonest passed: made again from the deadlines left after the visits (else it stays a
      // bound: a dispatch's schedule() lowers it).
      const stale = this.soonest >= 0 && this.soonest <= now;
      for (let k = 0; k < cap; k++) {
        const i = (start + k) % cap;
        const s = this.sockets[i];
        if (s === null) continue;
        const d = this.deadline[i];
        const due = d >= 0 && d <= now;
        if (!this.dirty[i] && !due) continue;
        if (this.dirty[i]) {
          this.dirty[i] = 0;
          this.ringLen--;
        }
        if (due) this.deadline[i] = -1;
        this.current = s;
        s.dispatch(now);
        visited++;
      }
      if (stale) this.soonest = earliestDeadline(this.deadline, this.capacity);
      this.scanFrom = (start + 1) % cap;
      this.current = null;
      return visited;
    }
    // Due timers join the dirty ring; then the ring is visited in slot order from a start that
    // moves by one each poll (the order the NO_ALLOC scan uses, so both builds emit alike).
    while (this.heapLen > 0) {
      const slot = this.heap[0];
      if (this.deadline[slot] > now) break;
      this.heapRemove(0);
      this.deadline[slot] = -1;
      if (!this.dirty[slot]) this.markDirty(this.sockets[slot] as Socket);
    }
    const cap = this.capacity, start = this.scanFrom, visit = this.visit;
    let n = 0;
    for (let k = 0; k < this.ringLen; k++) {
      const slot = this.ring[(this.ringHead + k) % cap];
      const key = (slot - start + cap) % cap;
      let j = n++;
      while (j > 0 && (visit[j - 1] - start + cap) % cap > key) {
        visit[j] = visit[j - 1];
        j--;
      }
      visit[j] = slot;
    }
    this.ringHead = 0;
    this.ringLen = 0;
    this.scanFrom = (start + 1) % cap;
    for (let k = 0; k < n; k++) {
      const slot = visit[k];
      this.dirty[slot] = 0;
      const s = this.sockets[slot];
      if (s === null) continue;
      this.current = s;
      s.dispatch(now);
      visited++;
    }
    this.current = null;
    return visited;
  }

  private heapRemove(pos: number): void {
    const heap = this.heap;
    const slot = heap[pos];
    this.heapPos[slot] = -1;
    const last = --this.heapLen;
    if (pos === last) return;
    heap[pos] = heap[last];
    this.heapPos[heap[pos]] = pos;
    this.siftUp(pos);
    this.siftDown(this.heapPos[heap[pos]] === pos ? pos : this.heapPos[heap[pos]]);
  }

  private siftUp(pos: number): void {
    const heap = this.heap, d = this.deadline, hp = this.heapPos;
    const slot = heap[pos];
    const t = d[slot];
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const ps = heap[parent];
      if (d[ps] <= t) break;
      heap[pos] = ps;
      hp[ps] = pos;
      pos = parent;
    }
    heap[pos] = slot;
    hp[slot] = pos;
  }

  private siftDown(pos: number): void {
    const heap = this.heap, d = this.deadline, hp = this.heapPos, len = this.heapLen;
    const slot = heap[pos];
    const t = d[slot];
    for (;;) {
      let c = pos * 2 + 1;
      if (c >= len) break;
      if (c + 1 < len && d[heap[c + 1]] < d[heap[c]]) c++;
      if (d[heap[c]] >= t) break;
      heap[pos] = heap[c];
      hp[heap[pos]] = pos;
      pos = c;
    }
    heap[pos] = slot;
    hp[slot] = pos;
  }
}

/** Bucket of a key. UDP, listen, raw and ICMP hash the port alone, so that a lookup finds the
 *  specific-address and the wildcard sockets of a port in one bucket. */
function hash(kind: number, port: number, remoteAddr: number, remotePort: number, mask: number): number {
  let h = port;
  if (kind === TableKind.TcpTuple) h = ((h * 31 + remotePort) ^ remoteAddr ^ (remoteAddr >>> 13) ^ (remoteAddr >>> 23)) >>> 0;
  h ^= (h >>> 16) ^ (h >>> 7);
  return h & mask;
}
