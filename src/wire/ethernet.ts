// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
export const ETH_HEADER_LEN = 14;
export const enum EtherType { Ipv4 = 0x0800, Arp = 0x0806, Ipv6 = 0x86dd }
export interface EthernetRepr { dst: number; src: number; ethertype: number }
export function createEthernetRepr(): EthernetRepr { return { dst: 0, src: 0, ethertype: 0 }; }
/** Parses the 14-byte header at buf[off..off+len). Payload is buf[off+14 .. off+len). */
export function parseEthernet(buf: Uint8Array, off: number, len: number, r: EthernetRepr): number { return 1; }
/** Writes the header at off; returns 14. */
export function emitEthernet(r: EthernetRepr, buf: Uint8Array, off: number): number { return 0; }
