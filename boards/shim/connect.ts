// connect() for the Espruino boards: starts the chip, builds the Interface with its DNS client, runs
// DHCP unless a static address is given, registers the NetworkJS driver (so that require("net"),
// require("http") and require("dgram") use the stack), and polls it on the chip's interrupt, when a
// socket has something to send, and at the stack's next deadline (pollAt); otherwise the board
// sleeps. A slow fallback timer catches a missed interrupt edge.
import { Interface } from '../../src/iface/interface';
import { DnsClient } from '../../src/app/dns';
import { DhcpClient, DhcpOptions } from '../../src/app/dhcp';
import { NetworkDriver } from '../../src/app/networkjs';
import { formatIpv4Address, parseIpv4Address, prefixFromMask } from '../../src/wire/ipv4';
import { BoardDeviceOptions, BoardDevice } from './espruino-device';
import { nativeBytesToString, nativeStringToBytes } from './native-strings';

/** Options of a board's connect(): the chip and pins (see startDevice) and the network. */
export interface ConnectOptions extends BoardDeviceOptions {
  /** Static IPv4 address, prefix length (or subnet mask) and gateway; absent: DHCP. */
  ip?: string;
  prefix?: number;
  subnet?: string;
  gateway?: string;
  /** DNS server (static configuration; DHCP brings its own). */
  dns?: string;
  /** Name sent to the DHCP server. */
  hostname?: string;
  /** Calls back with an error when DHCP has no lease after this long (ms, default 30000); it
   *  keeps trying. */
  dhcpTimeout?: number;
  /** DHCP client timing (ARP probe and announcement counts and waits, retransmissions...): see
   *  DhcpOptions. */
  dhcp?: DhcpOptions;
  mtu?: number;
  /** Socket slots of the interface (NO_ALLOC: the fixed pool). */
  sockets?: number;
  arpCacheSize?: number;
  /** Sockets of the NetworkJS driver (defaults 4 TCP, 2 UDP) and their ring sizes. */
  tcpSockets?: number;
  udpSockets?: number;
  txBytes?: number;
  rxBytes?: number;
  /** Ring size of each UDP socket of the driver, each way. */
  udpBytes?: number;
  /** Names resolved at once at most (each holds a UDP socket). */
  dnsQueries?: number;
  /** false: do not register with require("NetworkJS"). */
  networkJs?: boolean;
}

/** What getIP() reports (the shape of Espruino's own network modules). */
export interface IpInfo { ip: string; subnet: string; gateway: string; dns: string; mac: string; dhcp: boolean }

/** The running stack: interface, device, the clients, the driver; getIP / setIP; stop(). */
export interface Stack {
  iface: Interface;
  device: BoardDevice;
  dns: DnsClient;
  dhcp: DhcpClient | null;
  driver: NetworkDriver;
  getIP: () => IpInfo;
  setIP: (options: any, callback?: (err: any) => void) => void;
  /** Polls now and re-arms the deadline timer (the board calls it by itself). */
  poll: () => void;
  stop: () => void;
}

function prefixOf(o: any): number {
  if (o.prefix !== undefined) return o.prefix;
  if (o.subnet === undefined) return 24;
  const m = parseIpv4Address(o.subnet);
  if (m < 0) throw new Error('subnet must be a dotted mask such as "255.255.255.0": got ' + o.subnet);
  return prefixFromMask(m);
}

function macString(mac: number): string {
  let s = '';
  for (let i = 5; i >= 0; i--) {
    const b = Math.floor(mac / Math.pow(256, i)) & 255;
    s += (b < 16 ? '0' : '') + b.toString(16) + (i > 0 ? ':' : '');
  }
  return s;
}

/** A board's defaults for the driver's pools (its memory decides them). */
export interface PoolDefaults { tcpSockets: number; udpSockets: number; txBytes: number; rxBytes: number; udpBytes: number; dnsQueries: number }

export function connectBoard(options: ConnectOptions, start: (o: BoardDeviceOptions) => BoardDevice, pools: PoolDefaults, callback?: (err: any, stack?: Stack) => void): Stack {
  const o: any = {};
  for (const k in options || {}) o[k] = (options as any)[k];
  for (const k in pools) if (o[k] === undefined) o[k] = (pools as any)[k];
  let iface: Interface | null = null;
  let timer = -1, soon = -1;
  function run(): void {
    soon = -1;
    const f = iface;
    if (f === null) return;
    const now = getTime() * 1000;
    f.poll(now);
    if (iface === null) return; // stopped during the poll (the DHCP release went out)
    const at = f.pollAt(now);
    if (timer !== -1) clearTimeout(timer);
    timer = at < 0 ? -1 : setTimeout(run, at > now ? at - now : 0);
  }
  const devOptions: any = {};
  for (const k in o) devOptions[k] = o[k];
  devOptions.onWake = run;
  devOptions.pollMs = o.pollMs || 1000;
  const device = start(devOptions);
  // Slots for the driver's pools, the DNS queries, the DHCP client and two of the program's own (a
  // NO_ALLOC set never grows: pass options.sockets for more).
  const slots = o.sockets || o.tcpSockets + o.udpSockets + o.dnsQueries + 3;
  const ifc = new Interface({ device: device, mtu: o.mtu, sockets: slots, arpCacheSize: o.arpCacheSize || 4 });
  iface = ifc;
  ifc.now = getTime() * 1000;
  // A socket or client that queues work outside poll asks for a poll on the next tick.
  ifc.onWork = function () {
    if (soon === -1) soon = setTimeout(run, 0);
  };
  const dns = new DnsClient(ifc, { servers: o.dns ? [o.dns] : [], pending: o.dnsQueries });
  const driver = new NetworkDriver(ifc, dns, {
    tcpSockets: o.tcpSockets, udpSockets: o.udpSockets, txBytes: o.txBytes, rxBytes: o.rxBytes, udpBytes: o.udpBytes,
    bytesToString: nativeBytesToString() || undefined, stringToBytes: nativeStringToBytes() || undefined,
  });
  let waiting: ((err: any) => void) | null = null;
  let giveUp = -1;
  function settle(err: any): void {
    if (giveUp !== -1) clearTimeout(giveUp);
    giveUp = -1;
    const cb = waiting;
    waiting = null;
    if (cb) cb(err);
  }
  const dOpts: any = {};
  for (const k in o.dhcp || {}) dOpts[k] = o.dhcp[k];
  dOpts.hostName = o.hostname;
  dOpts.dns = dns;
  dOpts.onChange = function (bound: boolean) {
    if (bound) settle(null);
  };
  const dhcp = new DhcpClient(ifc, dOpts);
  function setIP(opts: any, cb?: (err: any) => void): void {
    const p: any = opts || {};
    waiting = cb || null;
    if (p.ip) {
      // A lease is released first, from the leased address; then the static one is set.
      dhcp.stop(function () {
        try {
          ifc.setAddress(p.ip, prefixOf(p), p.gateway);
          if (p.dns) dns.setServers([p.dns]);
        } catch (e) {
          setTimeout(function () { settle(e); }, 0);
          return;
        }
        setTimeout(function () { settle(null); }, 0);
      });
    } else {
      dhcp.start();
      giveUp = setTimeout(function () {
        giveUp = -1;
        settle(new Error('DHCP: no lease yet (still trying); check the cable and the DHCP server'));
      }, p.dhcpTimeout || o.dhcpTimeout || 30000);
    }
  }
  const stack: Stack = {
    iface: ifc,
    device: device,
    dns: dns,
    dhcp: dhcp,
    driver: driver,
    getIP: function (): IpInfo {
      const mask = ifc.netmask;
      return {
        ip: formatIpv4Address(ifc.ipAddr), subnet: formatIpv4Address(mask), gateway: formatIpv4Address(ifc.gateway),
        dns: dns.servers.length > 0 ? formatIpv4Address(dns.servers[0]) : '0.0.0.0', mac: macString(ifc.mac),
        dhcp: dhcp.state !== 0,
      };
    },
    setIP: setIP,
    poll: run,
    stop: function () {
      // The chip stops once a lease is released (at once, or after the polls that send it).
      dhcp.stop(function () {
        device.stop();
        if (timer !== -1) clearTimeout(timer);
        if (soon !== -1) clearTimeout(soon);
        if (giveUp !== -1) clearTimeout(giveUp);
        timer = soon = giveUp = -1;
        iface = null;
      });
    },
  };
  if (o.networkJs !== false) {
    // Espruino's NetworkJS module: from now on net/http/dgram go through the driver.
    let nj: any = null;
    try { nj = require('NetworkJS'); } catch (e) { nj = null; }
    // The driver itself: Espruino calls its create, close, accept, recv and send as methods (this =
    // the object given), so no object of forwarding functions is needed.
    if (nj && typeof nj.create === 'function') nj.create(driver);
  }
  setIP(o.ip ? o : {}, callback ? function (err: any) { callback(err, stack); } : undefined);
  run();
  return stack;
}
