// DHCPv4 messages (RFC 2131, options RFC 2132): the fixed BOOTP part, the magic cookie and the
// options a host needs. The repr holds numbers only; the client's host name is written from a string
// the caller keeps (configuration, not the packet path).
import { WireError } from './codes';
import { get16, get32, put16, put32 } from './bytes';
import { readMac, writeMac } from './mac';

export const DHCP_SERVER_PORT = 67;
export const DHCP_CLIENT_PORT = 68;
/** Fixed part (236) and magic cookie (4). */
export const DHCP_FIXED_LEN = 240;
const MAGIC = 0x63825363;
/** DNS servers kept from one message. */
export const DHCP_MAX_DNS = 3;

export const enum DhcpOp { Request = 1, Reply = 2 }
export const enum DhcpType { Discover = 1, Offer = 2, Request = 3, Decline = 4, Ack = 5, Nak = 6, Release = 7, Inform = 8 }
const enum Opt {
  Pad = 0, SubnetMask = 1, Router = 3, Dns = 6, HostName = 12, RequestedIp = 50, LeaseTime = 51, Overload = 52,
  MessageType = 53, ServerId = 54, ParamList = 55, MaxSize = 57, Renewal = 58, Rebinding = 59, ClientId = 61, End = 255,
}

export interface DhcpRepr {
  op: number;
  xid: number;
  secs: number;
  /** The BROADCAST flag: replies to us go to the broadcast address (we have none yet). */
  broadcast: boolean;
  ciaddr: number;
  yiaddr: number;
  siaddr: number;
  giaddr: number;
  chaddr: number;
  /** Option 53; 0 when absent. */
  msgType: number;
  /** Options below: 0 (or -1 for the times) when absent. Times are in seconds. */
  serverId: number;
  requestedIp: number;
  subnetMask: number;
  hasSubnetMask: boolean;
  router: number;
  dns: number[];
  dnsCount: number;
  leaseTime: number;
  renewalTime: number;
  rebindingTime: number;
  /** Option 12 (emit only: parse leaves it alone) and whether a parameter request list is there. */
  hostName: string;
  askParams: boolean;
}

export function createDhcpRepr(): DhcpRepr {
  const dns: number[] = [];
  for (let i = 0; i < DHCP_MAX_DNS; i++) dns.push(0);
  return {
    op: 0, xid: 0, secs: 0, broadcast: false, ciaddr: 0, yiaddr: 0, siaddr: 0, giaddr: 0, chaddr: 0, msgType: 0,
    serverId: 0, requestedIp: 0, subnetMask: 0, hasSubnetMask: false, router: 0, dns: dns, dnsCount: 0,
    leaseTime: -1, renewalTime: -1, rebindingTime: -1, hostName: '', askParams: false,
  };
}

/** Parses a BOOTP/DHCP message (the UDP payload). Truncated, Unsupported (not Ethernet addresses),
 *  Malformed (bad op, cookie, option layout or missing message type). */
export function parseDhcp(buf: Uint8Array, off: number, len: number, r: DhcpRepr): number {
  if (len < DHCP_FIXED_LEN) return WireError.Truncated;
  const op = buf[off];
  if (op !== DhcpOp.Request && op !== DhcpOp.Reply) return WireError.Malformed;
  if (buf[off + 1] !== 1 || buf[off + 2] !== 6) return WireError.Unsupported;
  if (get32(buf, off + 236) !== MAGIC) return WireError.Malformed;
  r.op = op;
  r.xid = get32(buf, off + 4);
  r.secs = get16(buf, off + 8);
  r.broadcast = (buf[off + 10] & 0x80) !== 0;
  r.ciaddr = get32(buf, off + 12);
  r.yiaddr = get32(buf, off + 16);
  r.siaddr = get32(buf, off + 20);
  r.giaddr = get32(buf, off + 24);
  r.chaddr = readMac(buf, off + 28);
  r.msgType = 0;
  r.serverId = r.requestedIp = r.subnetMask = r.router = 0;
  r.hasSubnetMask = false;
  r.askParams = false;
  r.dnsCount = 0;
  r.leaseTime = r.renewalTime = r.rebindingTime = -1;
  const end = off + len;
  let p = off + DHCP_FIXED_LEN;
  while (p < end) {
    const code = buf[p];
    if (code === Opt.Pad) { p++; continue; }
    if (code === Opt.End) break;
    if (p + 2 > end) return WireError.Malformed;
    const n = buf[p + 1], v = p + 2;
    if (v + n > end) return WireError.Malformed;
    switch (code) {
      case Opt.MessageType:
        if (n !== 1) return WireError.Malformed;
        r.msgType = buf[v];
        break;
      case Opt.SubnetMask:
        if (n !== 4) return WireError.Malformed;
        r.subnetMask = get32(buf, v);
        r.hasSubnetMask = true;
        break;
      case Opt.Router:
        if (n < 4 || (n & 3) !== 0) return WireError.Malformed;
        r.router = get32(buf, v);
        break;
      case Opt.Dns:
        if (n < 4 || (n & 3) !== 0) return WireError.Malformed;
        for (let k = 0; k < n && r.dnsCount < DHCP_MAX_DNS; k += 4) r.dns[r.dnsCount++] = get32(buf, v + k);
        break;
      case Opt.ServerId:
        if (n !== 4) return WireError.Malformed;
        r.serverId = get32(buf, v);
        break;
      case Opt.RequestedIp:
        if (n !== 4) return WireError.Malformed;
        r.requestedIp = get32(buf, v);
        break;
      case Opt.LeaseTime:
      case Opt.Renewal:
      case Opt.Rebinding: {
        if (n !== 4) return WireError.Malformed;
        const t = get32(buf, v);
        if (code === Opt.LeaseTime) r.leaseTime = t;
        else if (code === Opt.Renewal) r.renewalTime = t;
        else r.rebindingTime = t;
        break;
      }
      case Opt.ParamList:
        r.askParams = true;
        break;
      default:
        break; // options we do not use (the sname/file overload included) are skipped
    }
    p = v + n;
  }
  if (r.msgType < DhcpType.Discover || r.msgType > DhcpType.Inform) return WireError.Malformed;
  return WireError.Ok;
}

function put4(buf: Uint8Array, p: number, code: number, v: number): number {
  buf[p] = code;
  buf[p + 1] = 4;
  put32(buf, p + 2, v);
  return p + 6;
}

/** Writes r at off: the fixed part, the cookie, then the options present in r (message type;
 *  client id for a client's message; requested address, server id, subnet mask, router, DNS servers,
 *  lease, renewal and rebinding times, host name, parameter request list with maximum size).
 *  Returns the length, padded to the BOOTP minimum of 300 bytes. */
export function emitDhcp(r: DhcpRepr, buf: Uint8Array, off: number): number {
  for (let i = 0; i < DHCP_FIXED_LEN; i++) buf[off + i] = 0;
  const op = r.op || DhcpOp.Request;
  buf[off] = op;
  buf[off + 1] = 1;
  buf[off + 2] = 6;
  put32(buf, off + 4, r.xid);
  put16(buf, off + 8, r.secs);
  buf[off + 10] = r.broadcast ? 0x80 : 0;
  put32(buf, off + 12, r.ciaddr);
  put32(buf, off + 16, r.yiaddr);
  put32(buf, off + 20, r.siaddr);
  put32(buf, off + 24, r.giaddr);
  writeMac(buf, off + 28, r.chaddr);
  put32(buf, off + 236, MAGIC);
  let p = off + DHCP_FIXED_LEN;
  buf[p++] = Opt.MessageType;
  buf[p++] = 1;
  buf[p++] = r.msgType;
  if (op === DhcpOp.Request) {
    buf[p++] = Opt.ClientId;
    buf[p++] = 7;
    buf[p++] = 1;
    writeMac(buf, p, r.chaddr);
    p += 6;
  }
  if (r.requestedIp !== 0) p = put4(buf, p, Opt.RequestedIp, r.requestedIp);
  if (r.serverId !== 0) p = put4(buf, p, Opt.ServerId, r.serverId);
  if (r.hasSubnetMask) p = put4(buf, p, Opt.SubnetMask, r.subnetMask);
  if (r.router !== 0) p = put4(buf, p, Opt.Router, r.router);
  if (r.dnsCount > 0) {
    buf[p++] = Opt.Dns;
    buf[p++] = 4 * r.dnsCount;
    for (let i = 0; i < r.dnsCount; i++, p += 4) put32(buf, p, r.dns[i]);
  }
  if (r.leaseTime >= 0) p = put4(buf, p, Opt.LeaseTime, r.leaseTime);
  if (r.renewalTime >= 0) p = put4(buf, p, Opt.Renewal, r.renewalTime);
  if (r.rebindingTime >= 0) p = put4(buf, p, Opt.Rebinding, r.rebindingTime);
  const name = r.hostName;
  if (name.length > 0) {
    const n = name.length > 63 ? 63 : name.length;
    buf[p++] = Opt.HostName;
    buf[p++] = n;
    for (let i = 0; i < n; i++) buf[p++] = name.charCodeAt(i) & 0x7f;
  }
  if (r.askParams) {
    buf[p++] = Opt.ParamList;
    buf[p++] = 6;
    buf[p++] = Opt.SubnetMask;
    buf[p++] = Opt.Router;
    buf[p++] = Opt.Dns;
    buf[p++] = Opt.LeaseTime;
    buf[p++] = Opt.Renewal;
    buf[p++] = Opt.Rebinding;
    buf[p++] = Opt.MaxSize;
    buf[p++] = 2;
    put16(buf, p, 576);
    p += 2;
  }
  buf[p++] = Opt.End;
  while (p - off < 300) buf[p++] = 0;
  return p - off;
}
