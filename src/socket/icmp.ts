import { Socket, SocketKind, TableKind } from './socket';
import { SocketError } from './errors';
import { Meta, PacketRing } from '../storage/packet-ring';
import { DatagramBuffers } from './udp';
import { ICMP_HEADER_LEN, createIcmpv4Repr, emitIcmpv4 } from '../wire/icmpv4';

const repr = createIcmpv4Repr();

/**
 * An ICMP echo socket: what `ping` needs. Bound to an identifier, it sends echo requests and
 * receives the echo replies carrying that identifier (the interface answers requests itself).
 */
export class IcmpSocket extends Socket {
  rx: PacketRing;
  tx: PacketRing;
  ident = 0;
  /** Source and sequence number of the reply last returned by recv. */
  fromAddr = 0;
  seq = 0;
  rxDropped = 0;

  constructor(b?: DatagramBuffers) {
    super(SocketKind.Icmp);
    const o = b || {};
    this.rx = new PacketRing(o.rxPackets || 4, o.rxBytes || 1024);
    this.tx = new PacketRing(o.txPackets || 4, o.txBytes || 1024);
  }

  reset(): void {
    super.reset();
    this.rx.clear();
    this.tx.clear();
    this.ident = 0;
    this.rxDropped = 0;
  }

  /** Binds to an echo identifier (0..65535): 0, AlreadyInUse, BadArgument. */
  bind(ident: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (!(ident >= 0 && ident <= 65535)) return SocketError.BadArgument;
    this.ident = ident;
    this.localPort = ident;
    return set.rekey(this, TableKind.Icmp);
  }

  /** Queues an echo request to dst with sequence seq and len bytes of data. len, or NotBound,
   *  TooLarge, BufferFull. */
  sendEcho(dst: number, seq: number, buf: Uint8Array, off: number, len: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (this.table !== TableKind.Icmp) return SocketError.NotBound;
    if (len + ICMP_HEADER_LEN + 20 > set.iface.mtu || len > this.tx.bytes) return SocketError.TooLarge;
    if (this.tx.push(buf, off, len, dst >>> 0, 0, seq & 0xffff) < 0) return SocketError.BufferFull;
    set.markDirty(this);
    return len;
  }

  /** Copies the oldest echo reply's data into buf; its length, or Empty (fromAddr, seq set). */
  recv(buf: Uint8Array, off: number, max: number): number {
    const i = this.rx.peek();
    if (i < 0) return SocketError.Empty;
    const n = this.rx.copyOut(i, buf, off, max);
    const m = this.rx.meta;
    this.fromAddr = m[i + Meta.Addr] >>> 0;
    this.seq = m[i + Meta.Extra];
    this.rx.pop();
    return n;
  }

  canRecv(): boolean {
    return this.rx.count > 0;
  }

  deliver(buf: Uint8Array, off: number, len: number, src: number, seq: number): boolean {
    if (this.rx.push(buf, off, len, src, 0, seq) < 0) {
      this.rxDropped++;
      return false;
    }
    return true;
  }

  dispatch(now: number): void {
    const set = this.set;
    if (set === null) return;
    const iface = set.iface;
    let i: number;
    while ((i = this.tx.peek()) >= 0) {
      const l4 = iface.l4Offset;
      const n = this.tx.copyOut(i, iface.txBuf, l4 + ICMP_HEADER_LEN, this.tx.length(i));
      repr.type = 8;
      repr.code = 0;
      repr.ident = this.ident;
      repr.seq = this.tx.meta[i + Meta.Extra];
      repr.payloadLen = n;
      const len = emitIcmpv4(repr, iface.txBuf, l4);
      const r = iface.sendIp(iface.ipAddr, this.tx.meta[i + Meta.Addr] >>> 0, 1, len);
      if (this.mustWait(r, now)) return; // retried later
      this.tx.pop();
    }
  }
}
