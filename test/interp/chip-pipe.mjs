// The Node side of scenarios/chip-pipe.js: answers the interpreter's SPI operations from an
// ENC28J60 emulator, through two named pipes in the run's working directory, and runs the far side
// of the memory scenario here, out of the interpreter's memory: a second host (the node-sim
// bundle on a second emulated chip, cabled to the first) with a DHCP server, a DNS server and a TCP
// client that GETs the board's HTTP server once the scenario says go.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Enc28j60Emu } from '../emu/enc28j60.mjs';
import { MockSpi } from '../emu/mock-spi.mjs';
import { DhcpServer, DnsServer, dnsResponse } from '../app/servers.mjs';
import { loadBundle } from '../helpers/bundles.mjs';

const FAR_IP = '10.0.0.1';
export const BOARD_IP = '10.0.0.50';
export const DNS_NAME = 'far.test';

/**
 * Makes the pipes in dir and serves them until stop(). Returns { stop(), far } where far is
 * { done, ok, error, got, head, dhcp (messages seen), dns (queries seen), spiTrips }.
 */
export function serveChip(dir) {
  const req = path.join(dir, 'chip.req'), rep = path.join(dir, 'chip.rep');
  execFileSync('mkfifo', [req, rep]);
  const lib = loadBundle('node-sim.js');
  const chip = new Enc28j60Emu(), farChip = new Enc28j60Emu();
  let edge = 0;
  chip.onIrq = () => { edge = 1; };
  chip.onTransmit = (f) => { chip.sent.splice(0); farChip.inject(f); };
  farChip.onTransmit = (f) => { farChip.sent.splice(0); chip.inject(f); };
  const dev = lib.startDevice({ chip: 'enc28j60', spi: new MockSpi(farChip), mac: 0x020000000a01 });
  const ifc = new lib.iface.Interface({ device: dev, sockets: 8, ip: FAR_IP, prefix: 24, arpCacheSize: 4 });
  const dhcp = new DhcpServer(lib, ifc, { pool: BOARD_IP, router: FAR_IP, dns: [FAR_IP] });
  const dnsSrv = new DnsServer(lib, ifc, (q) => dnsResponse(q, { answers: [{ name: '@', type: 'A', data: FAR_IP, ttl: 60 }] }));
  const far = { done: false, ok: false, error: '', got: 0, head: '', dhcp: dhcp.seen, dns: dnsSrv.seen, spiTrips: 0, started: false };
  let sock = null, sent = false;
  const buf = new Uint8Array(1500);
  function startGet(cfg) {
    far.started = true;
    sock = new lib.socket.TcpSocket({ txBytes: 256, rxBytes: 2048 });
    ifc.add(sock);
    ifc.now = Date.now();
    const r = sock.connect(lib.wire.parseIpv4Address(cfg.ip || BOARD_IP), cfg.port || 80);
    if (r < 0) { far.done = true; far.error = 'connect: ' + r; }
  }
  function farPoll() {
    ifc.poll(Date.now());
    if (!sock || far.done) return;
    if (!sent && sock.canSend()) {
      const get = Buffer.from('GET / HTTP/1.0\r\nHost: ' + BOARD_IP + '\r\n\r\n');
      sock.send(new Uint8Array(get), 0, get.length);
      sent = true;
    }
    let n;
    while ((n = sock.recv(buf, 0, buf.length)) > 0) {
      far.got += n;
      if (far.head.length < 64) far.head += Buffer.from(buf.subarray(0, n)).toString('latin1').slice(0, 64 - far.head.length);
    }
    if (n < 0) {
      sock.close();
      ifc.poll(Date.now());
      far.done = true;
      far.ok = /^HTTP\/1\.[01] 200/.test(far.head);
      if (!far.ok) far.error = 'far side got ' + JSON.stringify(far.head) + ' (' + far.got + ' bytes, recv ' + n + ')';
    }
  }
  const timer = setInterval(farPoll, 2);

  // One request: records in order; X, F and I append to the reply.
  function answer(m) {
    const out = [];
    let i = 0;
    while (i + 3 <= m.length) {
      const op = String.fromCharCode(m[i]), n = m[i + 1] | (m[i + 2] << 8), d = m.subarray(i + 3, i + 3 + n);
      i += 3 + n;
      if (op === 'S') chip.select();
      else if (op === 'D') chip.deselect();
      else if (op === 'W' || op === 'X') {
        const o = new Uint8Array(n);
        chip.exchangeBlock(d, 0, n, o);
        if (op === 'X') out.push(o);
      } else if (op === 'F') {
        const c = d[1] | (d[2] << 8), o = new Uint8Array(c);
        chip.exchangeBlock(null, d[0], c, o);
        out.push(o);
      } else if (op === 'I') out.push(Uint8Array.of(chip.irqLow ? 0 : 1));
      else if (op === 'G') startGet(JSON.parse(Buffer.from(d).toString('latin1')));
    }
    const flags = edge | (far.done ? (far.ok ? 2 : 6) : 0);
    edge = 0;
    return Buffer.concat([Uint8Array.of(flags), ...out]);
  }

  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const m = await fs.promises.readFile(req);
      if (stopped || m.length === 0) break;
      far.spiTrips++;
      const r = answer(m);
      try { await fs.promises.writeFile(rep, r); } catch (e) { break; }
      farPoll();
    }
  })();
  return {
    far,
    /** Ends the loop once the interpreter has exited (unblocks a pending open of either pipe). */
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const [p, flag] of [[req, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK], [rep, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK]]) {
        try { fs.closeSync(fs.openSync(p, flag)); } catch (e) { /* no one waits on it */ }
      }
      await loop.catch(() => {});
    },
  };
}
