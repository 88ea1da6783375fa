// DHCP and DNS against dnsmasq on the kernel side of the TAP: the board starts without an address,
// leases one, renews it at T1, resolves names dnsmasq serves (an A record, a CNAME, the board's own
// DHCP host name), gets NXDOMAIN for an unknown name, and answers the kernel's ping on its lease.
// The offered address is ARP-probed first (RFC 5227 timing: the kernel has no claim on it, so the
// probes pass and the lease comes 4 to 7 s later), and stop() RELEASEs it: dnsmasq logs the release
// and drops it from its lease file.
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { scenario, loadLib, run, waitFor, boundUdpPorts } from './kit.mjs';
import { stackOnTap, KERNEL_IP } from './setup.mjs';
import { until } from '../../../boards/node-sim/runner.mjs';

scenario(async (args) => {
  const lib = loadLib(args.build);
  const tapName = 'tapdhcp0';
  const s = await stackOnTap(lib, { ...args, tapName });
  const out = { path: s.path };
  const leases = path.join(args.outDir, `dnsmasq-${process.pid}.leases`);
  const dnsmasq = spawn('dnsmasq', [
    '--no-daemon', '--conf-file=/dev/null', `--interface=${tapName}`, '--bind-interfaces', `--listen-address=${KERNEL_IP}`,
    '--dhcp-range=10.0.0.50,10.0.0.60,255.255.255.0,2m', '--dhcp-option=option:router,10.0.0.1',
    `--dhcp-option=option:dns-server,${KERNEL_IP}`, '--dhcp-option=option:T1,8s', '--dhcp-option=option:T2,100s',
    '--no-resolv', '--no-hosts', '--local=/test/', '--domain=test', '--host-record=board.test,10.0.0.77',
    '--cname=alias.test,board.test', `--dhcp-leasefile=${leases}`, '--pid-file', '--log-dhcp', '--log-queries', '--user=root',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  dnsmasq.stdout.on('data', (d) => { log += d; });
  dnsmasq.stderr.on('data', (d) => { log += d; });
  try {
    // Ready when dnsmasq has bound its DHCP (67) and DNS (53) sockets in this namespace
    // (/proc/net/udp); its exit fails the wait at once (was a fixed 300 ms).
    await waitFor(() => {
      if (dnsmasq.exitCode !== null) throw new Error(`dnsmasq exited (code ${dnsmasq.exitCode}) before it was ready: ${log}`);
      const ports = boundUdpPorts();
      return ports.has(67) && ports.has(53);
    }, 10000, () => `dnsmasq to bind UDP ports 67 (DHCP) and 53 (DNS); its log: ${log.trim() || '(empty)'}`, { everyMs: 10 });
    const iface = s.board.iface;
    iface.setAddress(0, 24);
    const dns = new lib.app.DnsClient(iface);
    const dhcp = new lib.app.DhcpClient(iface, { dns, hostName: 'simboard', retryMs: 1000, minRenewRetryMs: 1000 });
    const t0 = performance.now();
    dhcp.start();
    s.runner.kick();
    let probedBeforeUse = true;
    await until(() => {
      // The address is configured only once the probes have passed.
      if (iface.ipAddr !== 0 && dhcp.probes < 3) probedBeforeUse = false;
      return lib.app.DHCP_STATES[dhcp.state] === 'Bound';
    }, 25000);
    out.probe = { probes: dhcp.probes, conflicts: dhcp.conflicts, declines: dhcp.declines, probedBeforeUse };
    out.lease = {
      state: lib.app.DHCP_STATES[dhcp.state], ms: Math.round(performance.now() - t0), address: lib.wire.formatIpv4Address(iface.ipAddr),
      prefix: iface.prefix, gateway: lib.wire.formatIpv4Address(iface.gateway), dns: dns.servers.map(lib.wire.formatIpv4Address),
      leaseMs: dhcp.leaseMs, t1Ms: Math.round(dhcp.t1At - (dhcp.expireAt - dhcp.leaseMs)),
    };
    const resolve = (name) => new Promise((res) => {
      const r = dns.resolve(name, (err, addr) => res(err < 0 ? err : lib.wire.formatIpv4Address(addr)));
      if (r < 0) res(r);
      s.runner.kick();
    });
    out.names = {};
    for (const n of ['board.test', 'alias.test', 'simboard.test', 'simboard', 'nothing.test']) out.names[n] = await resolve(n);
    const ping = await run('ping', ['-c', '3', '-i', '0.1', '-W', '2', out.lease.address]);
    out.kernelPing = { code: ping.code, summary: ping.stdout.trim().split('\n').slice(-2).join(' | ') };
    // Renewal at T1 (8 s after the request): the lease is extended and the address kept.
    const expiry = dhcp.expireAt, requests = dhcp.requests;
    await until(() => dhcp.requests > requests && lib.app.DHCP_STATES[dhcp.state] === 'Bound' && dhcp.expireAt > expiry, 15000);
    out.renewal = { requests: dhcp.requests - requests, state: lib.app.DHCP_STATES[dhcp.state], extendedMs: Math.round(dhcp.expireAt - expiry), address: lib.wire.formatIpv4Address(iface.ipAddr) };
    out.leaseFile = fs.existsSync(leases) ? fs.readFileSync(leases, 'utf8').trim() : '';
    // Both announcements are out (2 s apart after binding), then stop(): the RELEASE goes to
    // dnsmasq from the leased address, then the address leaves.
    await until(() => dhcp.announces >= 2, 5000);
    let stopped = false;
    dhcp.stop(() => { stopped = true; });
    s.runner.kick();
    const released = await until(() => stopped && /DHCPRELEASE/.test(log) && !(fs.existsSync(leases) && fs.readFileSync(leases, 'utf8').includes(out.lease.address)), 10000);
    out.release = {
      released: !!released, stopped, address: lib.wire.formatIpv4Address(iface.ipAddr), releases: dhcp.releases,
      logLine: (log.split('\n').find((l) => /DHCPRELEASE/.test(l)) || '').trim(),
      leaseFile: fs.existsSync(leases) ? fs.readFileSync(leases, 'utf8').trim() : '',
    };
    out.counters = { discovers: dhcp.discovers, requests: dhcp.requests, offers: dhcp.offers, acks: dhcp.acks, naks: dhcp.naks, ignored: dhcp.ignored, probes: dhcp.probes, announces: dhcp.announces, conflicts: dhcp.conflicts, declines: dhcp.declines, releases: dhcp.releases, dnsSent: dns.sent, dnsAnswered: dns.answered, dnsIgnored: dns.ignored };
    out.pcap = path.join(args.outDir, `dhcp-dns-${args.build}-${args.chip || 'tap'}.pcap`);
    s.rec.save(out.pcap);
    out.recorded = s.rec.pcap.count;
  } finally {
    dnsmasq.kill('SIGTERM');
    s.close();
  }
  out.dnsmasqLog = log.split('\n').filter((l) => /DHCP|query|reply|config/.test(l)).slice(0, 40);
  return out;
});
