// The constant tables the wire namespace exports carry the protocols' assigned numbers (RFC 9293
// TCP flags, IEEE EtherTypes, IANA protocol numbers, RFC 792 ICMP types, RFC 2132 DHCP message
// types, RFC 1035 DNS RCODEs, RFC 826 ARP operations), and WIRE_ERRORS names the codes the parsers
// return. Both builds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builds } from '../helpers/bundles.mjs';

for (const { name, lib } of builds) {
  const w = lib.wire;
  describe(`${name}: exported wire constants`, () => {
    test('assigned numbers', () => {
      assert.deepEqual({ ...w.TCP_FLAGS }, { Fin: 1, Syn: 2, Rst: 4, Psh: 8, Ack: 16, Urg: 32, Ece: 64, Cwr: 128 });
      assert.deepEqual({ ...w.ETHER_TYPES }, { Ipv4: 0x0800, Arp: 0x0806, Ipv6: 0x86dd });
      assert.deepEqual({ ...w.IP_PROTOCOLS }, { Icmp: 1, Tcp: 6, Udp: 17 });
      assert.deepEqual({ ...w.ICMP_TYPES }, { EchoReply: 0, DestUnreachable: 3, EchoRequest: 8, TimeExceeded: 11 });
      assert.deepEqual({ ...w.DHCP_TYPES }, { Discover: 1, Offer: 2, Request: 3, Decline: 4, Ack: 5, Nak: 6, Release: 7, Inform: 8 });
      assert.deepEqual({ ...w.DNS_RCODES }, { NoError: 0, FormErr: 1, ServFail: 2, NxDomain: 3, NotImp: 4, Refused: 5 });
      assert.deepEqual({ ...w.ARP_OPS }, { Request: 1, Reply: 2 });
    });

    test('WIRE_ERRORS: distinct codes, Ok is 0, and the codes the parsers return', () => {
      const E = w.WIRE_ERRORS;
      assert.equal(E.Ok, 0);
      assert.equal(new Set(Object.values(E)).size, Object.keys(E).length, 'distinct');
      const b = new Uint8Array(64);
      assert.equal(w.parseEthernet(b, 0, 13, w.createEthernetRepr()), E.Truncated);
      assert.equal(w.parseEthernet(b, 0, 14, w.createEthernetRepr()), E.Unsupported, 'type 0: an 802.3 length');
      assert.equal(w.parseUdp(Uint8Array.of(0, 1, 0, 2, 0, 7, 0, 0), 0, 8, 1, 2, w.createUdpRepr()), E.BadLength);
      assert.equal(w.parseUdp(Uint8Array.of(0, 1, 0, 2, 0, 8, 1, 2), 0, 8, 1, 2, w.createUdpRepr()), E.BadChecksum);
      assert.equal(w.parseUdp(Uint8Array.of(0, 1, 0, 0, 0, 8, 0, 0), 0, 8, 1, 2, w.createUdpRepr()), E.Malformed);
      const ip = new Uint8Array(20);
      ip[0] = 0x65; // version 6
      assert.equal(w.parseIpv4(ip, 0, 20, w.createIpv4Repr()), E.UnknownVersion);
      ip[0] = 0x44; // header length 16 bytes
      assert.equal(w.parseIpv4(ip, 0, 20, w.createIpv4Repr()), E.BadHeaderLength);
    });
  });
}
