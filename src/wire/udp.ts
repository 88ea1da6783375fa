// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
export const UDP_HEADER_LEN = 8;
export interface UdpRepr { srcPort: number; dstPort: number; payloadOff: number; payloadLen: number }
export function createUdpRepr(): UdpRepr { return { srcPort: 0, dstPort: 0, payloadOff: 0, payloadLen: 0 }; }
/** Parses the datagram occupying buf[off..off+len) (the IP payload); checks the length field and the
 *  checksum with the pseudo-header of src/dst (a zero checksum means none was sent). Port 0 as the
 *  destination is Malformed. */
export function parseUdp(buf: Uint8Array, off: number, len: number, src: number, dst: number, r: UdpRepr): number { return 1; }
/** Writes the header at off and the checksum over the pseudo-header, header and r.payloadLen bytes
 *  the caller has ALREADY placed at off+8 (a computed 0 is sent as 0xffff). Returns 8 + payloadLen. */
export function emitUdp(r: UdpRepr, buf: Uint8Array, off: number, src: number, dst: number): number { return 0; }
