/** Negative result codes of socket and interface calls (0 or a positive count means success). */
export const enum SocketError {
  /** The endpoint or 4-tuple is already taken by another socket. */
  AlreadyInUse = -1,
  /** A fixed pool is full (NO_ALLOC build) or a configured limit is reached. */
  Exhausted = -2,
  /** The address cannot be reached or used (no route, not our address, port 0...). */
  Unaddressable = -3,
  /** The handle names a socket that has been removed (its slot may have been reused). */
  StaleHandle = -4,
  /** The buffer has no room: try again after poll. */
  BufferFull = -5,
  /** The socket has no local endpoint: bind, listen or connect first. */
  NotBound = -6,
  /** Nothing to read now. */
  Empty = -7,
  /** The call does not fit the socket's state (send on a closed TCP socket...). */
  InvalidState = -8,
  /** The datagram is larger than the socket's buffer or the MTU. */
  TooLarge = -9,
  /** The link-layer address is being resolved: the frame will be regenerated or sent later. */
  NeighborPending = -10,
  /** The device refused the frame (busy, link down). */
  DeviceError = -11,
  /** An argument is out of range. */
  BadArgument = -12,
  /** The peer closed the connection and everything it sent has been read. */
  Closed = -13,
  /** The connection was reset by the peer. */
  Reset = -14,
  /** The peer stopped answering (retransmissions or keep-alive probes exhausted). */
  TimedOut = -15,
  /** The name does not exist (DNS NXDOMAIN, or no address for it). */
  NotFound = -16,
}

/** The same values for users and tests (a const enum is invisible from the bundle). */
export var SOCKET_ERRORS = {
  AlreadyInUse: -1, Exhausted: -2, Unaddressable: -3, StaleHandle: -4, BufferFull: -5, NotBound: -6,
  Empty: -7, InvalidState: -8, TooLarge: -9, NeighborPending: -10, DeviceError: -11, BadArgument: -12,
  Closed: -13, Reset: -14, TimedOut: -15, NotFound: -16,
};
