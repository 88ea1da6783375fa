// Public surface of src/socket: the socket set, the datagram sockets and their error codes.
export { Socket } from './socket';
export { SocketSet } from './set';
export { SOCKET_ERRORS } from './errors';
export { UdpSocket } from './udp';
export type { DatagramBuffers } from './udp';
export { RawSocket } from './raw';
export { IcmpSocket } from './icmp';

/** SocketKind and TableKind values (const enums are invisible from the bundle). */
export var SOCKET_KINDS = { Udp: 1, Tcp: 2, Raw: 3, Icmp: 4 };
export var TABLE_KINDS = { None: 0, Udp: 1, TcpListen: 2, TcpTuple: 3, Raw: 4, Icmp: 5 };
export { TcpSocket, TCP_STATES, setTcpShortcuts } from './tcp';
export type { TcpOptions } from './tcp';
export { Assembler } from './tcp-assembler';
export { SackBoard } from './tcp-sack';
export { IsnGenerator } from './tcp-isn';
export { RttEstimator } from './tcp-rtt';
