// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
export const ARP_LEN = 28;
export const enum ArpOp { Request = 1, Reply = 2 }
/** Ethernet/IPv4 ARP only (htype 1, ptype 0x0800, hlen 6, plen 4); anything else is Unsupported. */
export interface ArpRepr { op: number; senderMac: number; senderIp: number; targetMac: number; targetIp: number }
export function createArpRepr(): ArpRepr { return { op: 0, senderMac: 0, senderIp: 0, targetMac: 0, targetIp: 0 }; }
export function parseArp(buf: Uint8Array, off: number, len: number, r: ArpRepr): number { return 1; }
/** Writes 28 bytes at off; returns 28. */
export function emitArp(r: ArpRepr, buf: Uint8Array, off: number): number { return 0; }
