/**
 * What each process* function returns, and the interface's counters: one counter per result, so that
 * every delivery and every drop is counted under its reason. Ok results are < DropFirst.
 */
export const enum Rx {
  /** Frames taken from the device. */
  Frames = 0,
  ArpRequestAnswered, ArpReplyLearned, IcmpEchoAnswered, IcmpDelivered, UdpDelivered,
  TcpDelivered, RawDelivered,
  /** First drop reason. */
  EthTruncated, EthNotForUs, EthUnknownType,
  ArpMalformed, ArpUnsupported, ArpNotForUs,
  IpMalformed, IpBadChecksum, IpNotForUs, IpFragment, IpBadSource, IpUnknownProtocol,
  IcmpMalformed, IcmpBadChecksum, IcmpUnhandled, IcmpNoSocket,
  UdpMalformed, UdpBadChecksum, UdpNoSocket, UdpSocketFull,
  TcpMalformed, TcpBadChecksum, TcpNoSocket, TcpListenFull, TcpRejected,
  // Egress
  TxFrames, TxNeighborPending, TxNoRoute, TxDeviceError, TxTooLarge, ArpRequestSent, IcmpErrorSent,
  IcmpRateLimited,
  Count,
}

/** First drop reason: process* results at or above it are drops. */
export const DROP_FIRST = Rx.EthTruncated;

/** Names of the counters / results, in order (for tests, the demo and diagnostics). */
export var RESULT_NAMES = [
  'Frames', 'ArpRequestAnswered', 'ArpReplyLearned', 'IcmpEchoAnswered', 'IcmpDelivered', 'UdpDelivered',
  'TcpDelivered', 'RawDelivered',
  'EthTruncated', 'EthNotForUs', 'EthUnknownType',
  'ArpMalformed', 'ArpUnsupported', 'ArpNotForUs',
  'IpMalformed', 'IpBadChecksum', 'IpNotForUs', 'IpFragment', 'IpBadSource', 'IpUnknownProtocol',
  'IcmpMalformed', 'IcmpBadChecksum', 'IcmpUnhandled', 'IcmpNoSocket',
  'UdpMalformed', 'UdpBadChecksum', 'UdpNoSocket', 'UdpSocketFull',
  'TcpMalformed', 'TcpBadChecksum', 'TcpNoSocket', 'TcpListenFull', 'TcpRejected',
  'TxFrames', 'TxNeighborPending', 'TxNoRoute', 'TxDeviceError', 'TxTooLarge', 'ArpRequestSent', 'IcmpErrorSent',
  'IcmpRateLimited',
];

/** RESULT_NAMES as an object name -> code, for tests. */
export var RESULTS: { [name: string]: number } = (function () {
  const o: { [name: string]: number } = {};
  for (let i = 0; i < RESULT_NAMES.length; i++) o[RESULT_NAMES[i]] = i;
  return o;
})();
