// Public surface of src/wire: re-exported by every board (the node-sim board for tests).
export type { Sum16 } from './checksum';
export { setSum16, sum16, pseudoSum, finish } from './checksum';
export * from './mac';
export * from './ethernet';
export * from './arp';
export * from './ipv4';
export * from './icmpv4';
export * from './udp';
export * from './tcp';
export * from './dhcp';
export * from './dns';

// Values tests and applications read (const enums are inlined and invisible from the bundle).
export var WIRE_ERRORS = { Ok: 0, Truncated: 1, BadLength: 2, BadChecksum: 3, BadHeaderLength: 4, UnknownVersion: 5, Unsupported: 6, Malformed: 7, Mismatch: 8 };
export var TCP_FLAGS = { Fin: 1, Syn: 2, Rst: 4, Psh: 8, Ack: 16, Urg: 32, Ece: 64, Cwr: 128 };
export var ETHER_TYPES = { Ipv4: 0x0800, Arp: 0x0806, Ipv6: 0x86dd };
export var IP_PROTOCOLS = { Icmp: 1, Tcp: 6, Udp: 17 };
export var ICMP_TYPES = { EchoReply: 0, DestUnreachable: 3, EchoRequest: 8, TimeExceeded: 11 };
export var DHCP_TYPES = { Discover: 1, Offer: 2, Request: 3, Decline: 4, Ack: 5, Nak: 6, Release: 7, Inform: 8 };
export var DNS_RCODES = { NoError: 0, FormErr: 1, ServFail: 2, NxDomain: 3, NotImp: 4, Refused: 5 };
export var ARP_OPS = { Request: 1, Reply: 2 };
