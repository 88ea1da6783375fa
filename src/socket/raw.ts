import { Socket, SocketKind, TableKind } from './socket';
import { SocketError } from './errors';
import { Meta, PacketRing } from '../storage/packet-ring';
import { DatagramBuffers } from './udp';

/**
 * A raw IPv4 socket for one IP protocol. Every raw socket of a protocol receives a copy of each
 * packet of that protocol addressed to us (the whole IP packet, header included); send queues an
 * IP payload that the interface wraps in an IPv4 header of that protocol.
 */
export class RawSocket extends Socket {
  rx: PacketRing;
  tx: PacketRing;
  /** IP version (4) and protocol this socket is bound to. */
  ipVersion = 4;
  protocol = 0;
  fromAddr = 0;
  rxDropped = 0;

  constructor(b?: DatagramBuffers) {
    super(SocketKind.Raw);
    const o = b || {};
    this.rx = new PacketRing(o.rxPackets || 4, o.rxBytes || 2048);
    this.tx = new PacketRing(o.txPackets || 4, o.txBytes || 2048);
  }

  reset(): void {
    super.reset();
    this.rx.clear();
    this.tx.clear();
    this.protocol = 0;
    this.rxDropped = 0;
  }

  /** Binds to (IP version, protocol). Only IPv4 exists here: another version is Unaddressable. */
  bind(ipVersion: number, protocol: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (ipVersion !== 4) return SocketError.Unaddressable;
    if (!(protocol >= 0 && protocol <= 255)) return SocketError.BadArgument;
    this.ipVersion = ipVersion;
    this.protocol = protocol;
    this.localPort = protocol; // the table key
    return set.rekey(this, TableKind.Raw);
  }

  /** Queues an IP payload of len bytes for dst. len, or NotBound, TooLarge, BufferFull. */
  send(buf: Uint8Array, off: number, len: number, dst: number): number {
    const set = this.set;
    if (set === null) return SocketError.InvalidState;
    if (this.table !== TableKind.Raw) return SocketError.NotBound;
    if (len + 20 > set.iface.mtu || len > this.tx.bytes) return SocketError.TooLarge;
    if (this.tx.push(buf, off, len, dst >>> 0, 0, 0) < 0) return SocketError.BufferFull;
    set.markDirty(this);
    return len;
  }

  /** Copies the oldest received IP packet (header included) into buf; its length, or Empty. */
  recv(buf: Uint8Array, off: number, max: number): number {
    const i = this.rx.peek();
    if (i < 0) return SocketError.Empty;
    const n = this.rx.copyOut(i, buf, off, max);
    this.fromAddr = this.rx.meta[i + Meta.Addr] >>> 0;
    this.rx.pop();
    return n;
  }

  canRecv(): boolean {
    return this.rx.count > 0;
  }

  deliver(buf: Uint8Array, off: number, len: number, src: number): boolean {
    if (this.rx.push(buf, off, len, src, 0, 0) < 0) {
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
      const n = this.tx.length(i);
      this.tx.copyOut(i, iface.txBuf, iface.l4Offset, n);
      const r = iface.sendIp(iface.ipAddr, this.tx.meta[i + Meta.Addr] >>> 0, this.protocol, n);
      if (this.mustWait(r, now)) return; // retried later
      this.tx.pop();
    }
  }
}
