// CONTRACT STUB: the wire helper implements the bodies; signatures are shared with other layers.
export const TCP_HEADER_LEN = 20;
export const enum TcpFlag { Fin = 1, Syn = 2, Rst = 4, Psh = 8, Ack = 16, Urg = 32, Ece = 64, Cwr = 128 }
export interface TcpRepr {
  srcPort: number; dstPort: number;
  /** Unsigned 32-bit. */ seq: number; ack: number;
  /** TcpFlag bits. */ flags: number;
  /** Raw 16-bit window field (unscaled). */ window: number;
  urgent: number;
  /** Header length in bytes, options included (parse fills; emit computes, see tcpHeaderLen). */
  headerLen: number;
  payloadOff: number; payloadLen: number;
  /** Options. mss 0 = absent; wscale -1 = absent; hasTimestamp false = absent. */
  mss: number; wscale: number; sackPermitted: boolean;
  hasTimestamp: boolean; tsVal: number; tsEcr: number;
  /** SACK blocks: sackCount pairs (left, right) in sackBlocks[0..2*sackCount), at most 4 blocks. */
  sackCount: number; sackBlocks: Uint32Array;
}
export function createTcpRepr(): TcpRepr {
  return { srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, window: 0, urgent: 0, headerLen: 20, payloadOff: 0, payloadLen: 0,
    mss: 0, wscale: -1, sackPermitted: false, hasTimestamp: false, tsVal: 0, tsEcr: 0, sackCount: 0, sackBlocks: new Uint32Array(8) };
}
/** Parses the segment occupying buf[off..off+len) (the IP payload) with the pseudo-header checksum of
 *  src/dst. Options: MSS, window scale, SACK-permitted, SACK, timestamps, NOP/EOL; unknown options
 *  skipped by their length; a malformed option list is Malformed. */
export function parseTcp(buf: Uint8Array, off: number, len: number, src: number, dst: number, r: TcpRepr): number { return 1; }
/** Header length (20 + options, padded to 4) that emitTcp will write for r. */
export function tcpHeaderLen(r: TcpRepr): number { return 20; }
/** Writes the header and options at off, and the checksum over pseudo-header, header and the
 *  r.payloadLen bytes the caller has ALREADY placed at off+tcpHeaderLen(r). Returns header + payload length. */
export function emitTcp(r: TcpRepr, buf: Uint8Array, off: number, src: number, dst: number): number { return 0; }
