import { Socket, SocketKind, TableKind } from './socket';
import { SocketError } from './errors';
import { Meta, PacketRing } from '../storage/packet-ring';
import { UDP_HEADER_LEN, createUdpRepr, emitUdp } from '../wire/udp';

/** Buffer sizes of a datagram socket. */
export interface DatagramBuffers {
  /** Datagrams each direction holds (default 4). */
  rxPackets?: number;
  txPackets?: number;
  /** Payload bytes each direction holds (default 2048). */
  rxBytes?: number;
  txBytes?: number;
}

const repr = createUdpRepr();

/**
 * A UDP socket: bind to a port (and optionally one of our addresses), sendTo queues a datagram that
 * the next poll emits, recvFrom takes the oldest received datagram into the caller's buffer and
 * leaves its source in `fromAddr` / `fromPort`.
 */
export class UdpSocket extends Socket {
  rx: PacketRing;
  tx: PacketRing;
  /** Source of the datagram last returned by recvFrom. */
  fromAddr = 0;
  fromPort = 0;
  /** Datagrams dropped because the receive ring was full. */
  rxDropped = 0;

  constructor(b?: DatagramBuffers) {
    super(SocketKind.Udp);
    const o = b || {};
    this.rx = new PacketRing(o.rxPackets || 4, o.rxBytes || 2048);
    this.tx = new PacketRing(o.txPackets || 4, o.txBytes || 2048);
  }

  reset(): void {
    super.reset();
    this.rx.clear();
    this.tx.clear();
    this.fromAddr = 0;
    this.fromPort = 0;
    this.rxDropped = 0;
  }

  /** Binds to port (1..65535) on addr (0 = every address of the interface). 0, AlreadyInUse,
   *  Unaddressable (port out of range), or InvalidState (not in a set). */
  bind(port: number, addr?: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (!(port >= 1 && port <= 65535) || (port | 0) !== port) return SocketError.Unaddressable;
    const oldAddr = this.localAddr, oldPort = this.localPort, oldTable = this.table;
    this.localAddr = (addr || 0) >>> 0;
    this.localPort = port;
    const r = set.rekey(this, TableKind.Udp);
    if (r < 0) {
      // Keep the previous binding when the new one is taken.
      this.localAddr = oldAddr;
      this.localPort = oldPort;
      if (oldTable !== TableKind.None) set.rekey(this, oldTable);
    }
    return r;
  }

  /** Leaves the UDP table (queued datagrams are dropped). */
  unbind(): void {
    if (this.set !== null) this.set.rekey(this, TableKind.None);
    this.localAddr = 0;
    this.localPort = 0;
    this.tx.clear();
  }

  addressGone(addr: number): void {
    if (this.localAddr === addr && this.table === TableKind.Udp) this.unbind();
  }

  isBound(): boolean {
    return this.table === TableKind.Udp;
  }

  /** Queues len bytes of buf for addr:port. Returns len, or NotBound, Unaddressable, TooLarge,
   *  BufferFull (try after poll). An unbound socket is bound to an ephemeral port first. */
  sendTo(buf: Uint8Array, off: number, len: number, addr: number, port: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (!(port >= 1 && port <= 65535) || addr === 0) return SocketError.Unaddressable;
    if (len > this.tx.bytes || len + UDP_HEADER_LEN + 20 > set.iface.mtu) return SocketError.TooLarge;
    if (this.table !== TableKind.Udp) {
      const p = set.iface.ephemeralPort(17);
      if (p < 0) return SocketError.Exhausted;
      const r = this.bind(p);
      if (r < 0) return r;
    }
    if (this.tx.push(buf, off, len, addr >>> 0, port, 0) < 0) return SocketError.BufferFull;
    set.markDirty(this);
    return len;
  }

  /** Copies the oldest datagram (up to max bytes; the rest of a longer one is discarded) into buf at
   *  off and returns its length, or Empty. Its source is left in fromAddr / fromPort. */
  recvFrom(buf: Uint8Array, off: number, max: number): number {
    const i = this.rx.peek();
    if (i < 0) return SocketError.Empty;
    const n = this.rx.copyOut(i, buf, off, max);
    const m = this.rx.meta;
    this.fromAddr = m[i + Meta.Addr] >>> 0;
    this.fromPort = m[i + Meta.Port];
    this.rx.pop();
    return n;
  }

  /** Length of the next datagram, or -1 when none. */
  peekLength(): number {
    const i = this.rx.peek();
    return i < 0 ? -1 : this.rx.length(i);
  }

  canRecv(): boolean {
    return this.rx.count > 0;
  }

  canSend(len: number): boolean {
    return this.tx.fits(len);
  }

  /** Ingress from the interface: queues the datagram; false when the ring is full. */
  deliver(buf: Uint8Array, off: number, len: number, srcAddr: number, srcPort: number): boolean {
    if (this.rx.push(buf, off, len, srcAddr, srcPort, 0) < 0) {
      this.rxDropped++;
      return false;
    }
    return true;
  }

  /** Egress: emits queued datagrams until one must wait (neighbour unresolved, device busy). */
  dispatch(now: number): void {
    const set = this.set;
    if (set === null) return;
    const iface = set.iface;
    const tx = this.tx;
    let i: number;
    while ((i = tx.peek()) >= 0) {
      const buf: Uint8Array = iface.txBuf;
      const l4 = iface.l4Offset;
      const n = tx.copyOut(i, buf, l4 + UDP_HEADER_LEN, tx.length(i));
      const dst = tx.meta[i + Meta.Addr] >>> 0;
      const src = this.localAddr || iface.ipAddr;
      repr.srcPort = this.localPort;
      repr.dstPort = tx.meta[i + Meta.Port];
      repr.payloadLen = n;
      const len = emitUdp(repr, buf, l4, src, dst);
      const r = iface.sendIp(src, dst, 17, len);
      if (this.mustWait(r, now)) return; // retried later
      tx.pop(); // sent, or refused for good (no route: counted by the interface)
    }
  }
}
