import type { SocketSet } from './set';
import { SocketError } from './errors';

export const enum SocketKind { Udp = 1, Tcp = 2, Raw = 3, Icmp = 4 }

/** Which dispatch table a socket is registered in, derived from its state by the socket itself. */
export const enum TableKind {
  None = 0,
  /** UDP by (localAddr or 0, localPort). */
  Udp = 1,
  /** TCP LISTEN by (localAddr or 0, localPort); several sockets per endpoint form the backlog. */
  TcpListen = 2,
  /** TCP by exact 4-tuple (localAddr, localPort, remoteAddr, remotePort). */
  TcpTuple = 3,
  /** Raw by IP protocol (localPort holds the protocol number). */
  Raw = 4,
  /** ICMP echo by identifier (localPort holds the identifier). */
  Icmp = 5,
}

/**
 * What every socket shares: its place in the SocketSet (slot, handle), its endpoint as the dispatch
 * tables see it, and the egress hook. A socket never registers itself in a table by hand: it sets
 * its endpoint fields and calls `this.set.rekey(this, kind)`, and the set moves it between tables.
 * To be visited by poll it calls `this.set.markDirty(this)` (something to send now) or
 * `this.set.schedule(this, at)` (a timer; -1 cancels).
 */
export class Socket {
  /** SocketKind. */
  readonly kind: number;
  /** Slot index in the set; -1 when not in a set. */
  slot = -1;
  /** generation * 65536 + slot; -1 when not in a set. */
  handle = -1;
  /** The set (and through it the interface) this socket lives in. */
  set: SocketSet | null = null;
  /** Endpoint fields read by the dispatch tables (addresses as uint32, 0 = wildcard). */
  localAddr = 0;
  localPort = 0;
  remoteAddr = 0;
  remotePort = 0;
  /** TCP: the port of the LISTEN endpoint this connection came from (0: none). Lets the interface
   *  tell "all listeners busy" (drop) from "nobody listens" (RST). */
  listenPort = 0;
  /** TableKind the socket is registered in (maintained by SocketSet.rekey). */
  table = 0;

  constructor(kind: number) {
    this.kind = kind;
  }

  /** Egress: emit what is due (data, ACKs, retransmissions, timers). Called by poll only for sockets
   *  that are dirty or whose deadline has passed. */
  dispatch(now: number): void {}

  /** After iface.sendIp answered r for a queued datagram: true when it must stay queued. A socket
   *  waiting for a neighbour is parked (the answer wakes it); one refused by a busy device is
   *  visited again in 1 ms, since no event would come to retry it. */
  protected mustWait(r: number, now: number): boolean {
    if (r === SocketError.DeviceError) {
      this.set!.schedule(this, now + 1);
      return true;
    }
    return r === SocketError.NeighborPending;
  }

  /** The interface lost address addr (a DHCP lease ended): a socket tied to it lets go. */
  addressGone(addr: number): void {}

  /** Back to the freshly created state, buffers kept (the slot is being reused). */
  reset(): void {
    this.localAddr = 0;
    this.localPort = 0;
    this.remoteAddr = 0;
    this.remotePort = 0;
    this.listenPort = 0;
  }
}
