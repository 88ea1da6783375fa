// The simulated board's application: the stack's Interface on a Device, with the services the demo
// and the interop tests talk to: UDP echo (port 7), a UDP status service (port 8080: any datagram
// gets the board's counters as JSON) and, once the TCP socket exists, HTTP. Node-only, never
// bundled: what a user would write on the board, here in plain JS over the bundle's API.
import { HttpExchange } from './http-responder.mjs';
import { createTcpServer } from './tcp-conn.mjs';

export const ECHO_PORT = 7;
export const HTTP_PORT = 80;
export const STATUS_PORT = 8080;

/** Non-zero counters of an interface as { name: value }. */
export function ifaceCounters(lib, iface) {
  const o = {};
  const names = lib.iface.RESULT_NAMES;
  for (let i = 0; i < names.length; i++) if (iface.counters[i]) o[names[i]] = iface.counters[i];
  return o;
}

/**
 * createSimBoard(lib, dev, { ip, prefix, gateway, name }) -> { iface, app(now), status(), ... }.
 * Run it with a Runner (runner.mjs): new Runner([board.iface], { apps: [board.app] }).
 */
export function createSimBoard(lib, dev, { ip, prefix = 24, gateway, name = 'node-sim', sockets = 16 }) {
  const iface = new lib.iface.Interface({ device: dev, ip, prefix, gateway, sockets });
  const t0 = performance.now();
  const buffers = { rxPackets: 8, txPackets: 8, rxBytes: 8192, txBytes: 8192 };
  const echo = new lib.socket.UdpSocket(buffers);
  const status = new lib.socket.UdpSocket(buffers);
  iface.add(echo);
  iface.add(status);
  if (echo.bind(ECHO_PORT) !== 0 || status.bind(STATUS_PORT) !== 0) throw new Error('createSimBoard: could not bind the UDP services');
  const buf = new Uint8Array(2048);
  const served = { echo: 0, echoSendFailed: 0, status: 0, http: 0, httpClosed: 0 };
  // Loss recovery of the closed HTTP connections, summed (TcpSocket.stats: timeouts, fast
  // retransmits, loss probes, spurious-timeout undos).
  const tcpRecovery = { timeouts: 0, fastRetransmits: 0, probes: 0, undos: 0 };
  const apps = [];
  const board = {
    iface,
    ip,
    name,
    served,
    stackLabel: `the stack's Interface (${lib.noAlloc ? 'no-allocation' : 'default'} build): ARP, ICMP, UDP${lib.socket.TcpSocket ? ', TCP' : ''}`,
    http: false,
    /** Adds fn(now) -> did-something to what runs after each poll (clients in tests, the demo). */
    addApp(fn) { apps.push(fn); },
    status() {
      const s = { board: name, build: lib.noAlloc ? 'noalloc' : 'default', uptimeMs: Math.round(performance.now() - t0), served, tcpRecovery, iface: ifaceCounters(lib, iface) };
      const c = dev.counters || (dev.inner && dev.inner.counters);
      if (c) s.device = c instanceof Uint32Array ? lib.phy.countersObject(c) : { ...c };
      return s;
    },
    /** The board's services: run after each poll; true when it did something. */
    app() {
      let did = false;
      let n;
      while ((n = echo.recvFrom(buf, 0, buf.length)) >= 0) {
        served.echo++;
        if (echo.sendTo(buf, 0, n, echo.fromAddr, echo.fromPort) < 0) served.echoSendFailed++;
        did = true;
      }
      while (status.recvFrom(buf, 0, buf.length) >= 0) {
        served.status++;
        const out = Buffer.from(JSON.stringify(board.status()));
        status.sendTo(out, 0, out.length, status.fromAddr, status.fromPort);
        did = true;
      }
      if (http) {
        if (http.step()) did = true;
        for (let i = exchanges.length - 1; i >= 0; i--) {
          if (exchanges[i].step()) did = true;
          if (exchanges[i].state === 'done') exchanges.splice(i, 1);
        }
      }
      for (let i = apps.length - 1; i >= 0; i--) if (apps[i]()) did = true;
      return did;
    },
  };
  // HTTP on port 80 when the bundle has the TCP socket.
  const exchanges = [];
  let http = null;
  if (lib.socket.TcpSocket) {
    http = createTcpServer(lib, iface, HTTP_PORT, (conn) => {
      served.http++;
      exchanges.push(new HttpExchange(conn, { name, status: () => board.status() }));
    }, {
      onClosed: (conn) => {
        const st = conn.sock.stats;
        served.httpClosed++;
        tcpRecovery.timeouts += st[0];
        tcpRecovery.fastRetransmits += st[1];
        tcpRecovery.probes += st[2];
        tcpRecovery.undos += st[3];
      },
    });
    board.http = true;
  }
  return board;
}
