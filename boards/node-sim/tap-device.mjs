// A Linux TAP interface as a Device (the src/phy/device.ts contract) for Node: socat moves each
// frame between the TAP and one UDP datagram on 127.0.0.1, and this side is a dgram socket with a
// bounded receive queue. Node-only, never bundled. The caller must run inside the network
// namespace that holds the TAP (see netns.mjs and test/interop/harness.mjs), so that socat and
// this socket meet on that namespace's loopback.
import dgram from 'node:dgram';
import fs from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { waitFor, waitForExit, linkInfo } from './wait.mjs';

const MAX_FRAME = 1514;

/** Device over a UDP socket that carries one Ethernet frame per datagram. */
export class UdpFrameDevice {
  constructor(socket, peerPort, mac, options = {}) {
    this.socket = socket;
    this.peerPort = peerPort;
    this.mac = mac;
    this.maxFrame = options.maxFrame || MAX_FRAME;
    this.queueLimit = options.queueLimit || 512;
    this.queue = [];
    this.closed = false;
    this.counters = {
      rxFrames: 0, rxQueueDrops: 0, rxTooLong: 0, txFrames: 0, txTooLong: 0, txErrors: 0,
      txLost: 0, txDuplicated: 0, txReordered: 0, rxLost: 0, rxDuplicated: 0, rxReordered: 0,
    };
    this.setFaults(options.faults || null, options.rxFaults || null);
    /** Called (no argument) when a frame was queued: lets a poll loop sleep until there is work. */
    this.onFrame = null;
    socket.on('message', (msg) => {
      if (msg.length > this.maxFrame) { this.counters.rxTooLong++; return; }
      if (this.rxFaults) this.impair(this.rxFaults, 'rx', msg, (m) => this.enqueue(m));
      else this.enqueue(msg);
    });
  }

  enqueue(msg) {
    if (this.closed) return;
    // Bounded like a chip's receive buffer: a full queue drops the new frame.
    if (this.queue.length >= this.queueLimit) { this.counters.rxQueueDrops++; return; }
    this.queue.push(msg);
    if (this.onFrame) this.onFrame();
  }

  receive(buf, off) {
    const f = this.queue.shift();
    if (!f) return 0;
    buf.set(f, off);
    this.counters.rxFrames++;
    return f.length;
  }

  transmit(buf, off, len) {
    if (this.closed) return -2; // LinkDown
    if (len > this.maxFrame) { this.counters.txTooLong++; return -4; } // TooLong
    // dgram sends later: copy now, the caller reuses its buffer at once.
    const copy = Buffer.from(buf.subarray(off, off + len));
    this.counters.txFrames++;
    if (this.faults) this.impair(this.faults, 'tx', copy, (b) => this.send(b));
    else this.send(copy);
    return 0;
  }

  // Loss, duplication, reordering (a longer delay for some frames) and delay, seeded.
  impair(f, dir, bytes, deliver) {
    const r = this.random;
    const c = this.counters;
    if (f.loss && r() < f.loss) { c[dir + 'Lost']++; return; }
    const copies = f.duplicate && r() < f.duplicate ? 2 : 1;
    if (copies === 2) c[dir + 'Duplicated']++;
    for (let k = 0; k < copies; k++) {
      let delay = f.delayMs || 0;
      if (f.reorder && r() < f.reorder) { delay += 1 + r() * (f.reorderMs || 5); c[dir + 'Reordered']++; }
      if (delay > 0) setTimeout(() => deliver(bytes), delay);
      else deliver(bytes);
    }
  }

  send(bytes) {
    if (this.closed) return;
    this.socket.send(bytes, this.peerPort, '127.0.0.1', (err) => { if (err) this.counters.txErrors++; });
  }

  /** Faults applied to transmitted frames (tx) and to received ones (rx, for when the kernel has
   *  no netem): { loss, duplicate, reorder (fractions), delayMs, reorderMs (extra delay of a
   *  reordered frame), seed }, or null for none. */
  setFaults(f, rx = null) {
    this.faults = f;
    this.rxFaults = rx;
    let a = ((f && f.seed) || (rx && rx.seed) || 1) >>> 0;
    // mulberry32: seeded, so that a failing run can be replayed.
    this.random = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  linkUp() {
    return !this.closed;
  }

  pending() {
    return this.queue.length;
  }
}

function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.on('error', reject);
    s.bind(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/** Formats a 48-bit MAC number as aa:bb:cc:dd:ee:ff. */
export function macToString(mac) {
  const parts = [];
  for (let i = 5; i >= 0; i--) parts.push(Math.floor(mac / 2 ** (8 * i)) % 256);
  return parts.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function macFromString(s) {
  return s.split(':').reduce((acc, h) => acc * 256 + parseInt(h, 16), 0);
}

/**
 * Creates the TAP `name` with the kernel's address `kernelAddr/prefix`, bridged by socat to a
 * UdpFrameDevice whose MAC is `mac` (the stack's). Returns
 * { device, tapName, kernelMac, socatPid, close() }. close() stops socat, which removes the TAP;
 * it returns a promise (never rejected) of { socat: { code, signal, killed? }, tapRemoved } that
 * resolves once socat has exited (SIGKILL after 2 s) and the TAP is gone (deleted if it stayed).
 * A TAP `name` that already exists (left over by an earlier run) is refused with an Error whose
 * `leftover` is true: socat would fail on it while the old interface looked up and ready.
 * onSocatExit(message): socat ended while the device was open (default: printed on stderr).
 */
export async function startTap({ name, kernelAddr, prefix = 24, mac, queueLimit, mtu, ownGroup = false, onSocatExit = null } = {}) {
  if (!name || name.length > 15) throw new Error('startTap: give a TAP name of 1..15 characters');
  if (linkInfo(name)) {
    const e = new Error(`startTap: an interface ${name} already exists (left over by an earlier run?)`);
    e.leftover = true;
    throw e;
  }
  // A large socket buffer so that bursts queue here rather than vanish between socat and us
  // (the kernel caps it at net.core.rmem_max).
  const sock = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20 });
  await new Promise((resolve, reject) => { sock.once('error', reject); sock.bind(0, '127.0.0.1', resolve); });
  const nodePort = sock.address().port;
  const socatPort = await freeUdpPort();
  const args = [
    '-d',
    `TUN:${kernelAddr}/${prefix},tun-type=tap,iff-up,iff-no-pi,tun-name=${name}`,
    `UDP-DATAGRAM:127.0.0.1:${nodePort},bind=127.0.0.1:${socatPort}`,
  ];
  // ownGroup: socat in its own process group, so that a terminal's Ctrl-C reaches only us and we
  // stop socat in order (the --tap demo); close() and the exit hook below still end it.
  const socat = spawn('socat', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: ownGroup });
  let socatErr = '';
  socat.stderr.on('data', (d) => { socatErr += d; });
  let exited = false;
  socat.on('exit', () => { exited = true; });
  const device = new UdpFrameDevice(sock, socatPort, mac, { queueLimit });
  let closing = null;
  const close = () => {
    if (closing) return closing;
    device.closed = true;
    if (!exited) { try { socat.kill('SIGTERM'); } catch (e) { /* gone */ } }
    try { sock.close(); } catch (e) { /* closed */ }
    closing = (async () => {
      const st = await waitForExit(socat, 2000);
      // The kernel removes a non-persistent TAP when socat's descriptor closes; wait for that
      // (bounded), and delete it ourselves if it stayed.
      let tapRemoved = true;
      try {
        await waitFor(() => !linkInfo(name), 2000, `TAP ${name} to go away after socat exited`, { everyMs: 10 });
      } catch (e) {
        spawnSync('ip', ['link', 'del', 'dev', name]);
        tapRemoved = !linkInfo(name);
      }
      return { socat: st, tapRemoved };
    })();
    return closing;
  };
  process.on('exit', () => { if (!exited) { try { socat.kill('SIGKILL'); } catch (e) { /* gone */ } } });
  // Ready when socat's TAP is up with carrier (LOWER_UP: socat holds it open); polled every 20 ms,
  // at most 5 s; socat exiting first (it could not create the TAP) fails at once.
  let info = null;
  try {
    await waitFor(() => {
      if (exited) throw new Error('socat exited');
      info = linkInfo(name);
      return !!info && /LOWER_UP/.test(info);
    }, 5000, `TAP ${name} to come up (LOWER_UP)`, { everyMs: 20 });
  } catch (e) {
    close();
    throw new Error(`startTap: TAP ${name} did not come up (${e.message}; socat ${args.join(' ')}): ${socatErr.trim()}`);
  }
  if (mtu) spawnSync('ip', ['link', 'set', 'dev', name, 'mtu', String(mtu)]);
  const m = /link\/ether ([0-9a-f:]{17})/.exec(info);
  // socat ending while the device is in use (killed, TAP deleted) leaves a silent cable: say so.
  socat.on('exit', (code, sig) => {
    if (device.closed) return;
    const msg = `socat for TAP ${name} exited (${sig || `code ${code}`}) while in use: no more frames. ${socatErr.trim()}`;
    if (onSocatExit) onSocatExit(msg); else console.error(`startTap: ${msg}`);
  });
  const stat = (n) => { try { return Number(fs.readFileSync(`/sys/class/net/${name}/statistics/${n}`, 'utf8')); } catch (e) { return NaN; } };
  /** '' when no frame is between the kernel and this device either way (every frame the kernel
   *  handed to socat was taken from the device's queue or counted as dropped there, and every
   *  frame the device sent reached the kernel), else what is still on its way. Without faults. */
  const inFlight = () => {
    const c = device.counters;
    const kernelTx = stat('tx_packets');
    const seen = c.rxFrames + c.rxQueueDrops + c.rxTooLong;
    const kernelRx = stat('rx_packets') + stat('rx_dropped');
    const sent = c.txFrames - c.txErrors;
    const left = [];
    if (kernelTx !== seen || device.pending()) left.push(`kernel sent ${kernelTx} frames, device took ${seen} (${device.pending()} queued)`);
    if (kernelRx !== sent) left.push(`device sent ${sent} frames, kernel received ${kernelRx}`);
    return left.join('; ');
  };
  return { device, tapName: name, kernelMac: m ? macFromString(m[1]) : 0, close, inFlight, socatArgs: args, socatPid: socat.pid };
}
