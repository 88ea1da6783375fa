// The Espruino board shims, run from the built board bundles inside a fake Espruino environment
// (SPIx.setup/send/write, digitalWrite chip select, setWatch, setInterval, getTime, E.sum) whose
// SPI bus is wired to the chip emulators: the same driver code path a board runs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { distDir } from '../helpers/bundles.mjs';
import { Enc28j60Emu } from '../emu/enc28j60.mjs';
import { W5500Emu } from '../emu/w5500.mjs';
import { makeFrame } from '../emu/crc32.mjs';
import { sameBytes } from './util.mjs';
import { cable } from '../emu/index.mjs';
import { DhcpServer } from '../app/servers.mjs';
import { EspruinoNet } from '../app/espruino-net.mjs';

const PIN_NAMES = ['A0', 'A1', 'A4', 'A5', 'A6', 'A7', 'A8', 'B0', 'B1', 'B6', 'B10', 'B13', 'B14', 'B15', 'D4', 'D5', 'D18', 'D19', 'D22', 'D23'];
const BOARDS = {
  'espruino-esp32': { spi: 'SPI2', sck: 'D18', miso: 'D19', mosi: 'D23', cs: 'D5', int: 'D4', reset: 'D22' },
  'espruino-pico': { spi: 'SPI2', sck: 'B13', miso: 'B14', mosi: 'B15', cs: 'B10', int: 'B1', reset: 'A8' },
  'espruino-wifi': { spi: 'SPI2', sck: 'B13', miso: 'B14', mosi: 'B15', cs: 'B10', int: 'B1', reset: 'B0' },
  'espruino-original': { spi: 'SPI1', sck: 'A5', miso: 'A6', mosi: 'A7', cs: 'A4', int: 'A1', reset: 'A0' },
};

function fakeEspruino(chip, csPin) {
  let t = 100;
  const rec = { setup: {}, watches: [], intervals: [], cleared: [], modes: {}, writes: 0, transactions: 0, resetPulses: 0 };
  const toArr = (r) => Uint8Array.from(r);
  function spiObject(name) {
    return {
      setup(o) { rec.setup[name] = o; },
      send(data, cs) {
        if (cs !== undefined) { assert.equal(cs, csPin, 'send with the CS pin'); chip.select(); rec.transactions++; }
        let out;
        if (typeof data === 'number') out = chip.exchange(data);
        else if (data && data.count !== undefined) { out = new Uint8Array(data.count); for (let i = 0; i < data.count; i++) out[i] = chip.exchange(data.data); }
        else out = toArr(Array.from(data, (x) => chip.exchange(x)));
        if (cs !== undefined) chip.deselect();
        return out;
      },
      write(data) {
        rec.writes++;
        if (typeof data === 'number') chip.exchange(data); else for (const x of data) chip.exchange(x);
      },
    };
  }
  const env = {
    SPI1: spiObject('SPI1'), SPI2: spiObject('SPI2'), SPI3: spiObject('SPI3'),
    getTime: () => (t += 0.0001),
    getSerial: () => '33ffd405-41573033-15630843',
    digitalWrite(pin, v) {
      if (pin === csPin) { if (v) chip.deselect(); else { chip.select(); rec.transactions++; } }
      if (pin === rec.resetPin && !v) rec.resetPulses++;
    },
    digitalRead: () => 1,
    pinMode(pin, mode) { rec.modes[pin] = mode; if (mode === 'output' && pin !== csPin) rec.resetPin = pin; },
    setWatch(fn, pin, opts) { rec.watches.push({ fn, pin, opts }); return rec.watches.length; },
    clearWatch(id) { rec.cleared.push('w' + id); },
    setInterval(fn, ms) { rec.intervals.push({ fn, ms }); return 7; },
    setTimeout(fn, ms) { rec.timeouts = (rec.timeouts || 0) + 1; return 9; },
    clearTimeout() {},
    clearInterval(id) { rec.cleared.push('i' + id); },
    E: { sum: (arr) => { let s = 0; for (let i = 0; i < arr.length; i++) s += arr[i]; return s; } },
  };
  for (const p of PIN_NAMES) env[p] = p;
  return { env, rec };
}

function loadBoard(file, env) {
  const src = fs.readFileSync(path.join(distDir, file), 'utf8');
  const ctx = { ...env, module: { exports: {} } };
  ctx.exports = ctx.module.exports;
  vm.runInNewContext('(function (exports, module) {\n' + src + '\n})(exports, module);', ctx);
  return ctx.module.exports;
}

function refSum(buf, off, len, initial) {
  let s = initial;
  for (let i = 0; i + 1 < len; i += 2) s += (buf[off + i] << 8) | buf[off + i + 1];
  if (len & 1) s += buf[off + len - 1] << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

for (const [boardName, wiring] of Object.entries(BOARDS)) {
  for (const flavour of ['', '.noalloc']) {
    const file = boardName + flavour + '.js';
    describe(file, () => {
      for (const [chipName, Emu] of [['enc28j60', Enc28j60Emu], ['w5500', W5500Emu]]) {
        test(chipName + ' with the default wiring: SPI set-up, CS framing, interrupt watch, traffic', () => {
          const emu = new Emu();
          const { env, rec } = fakeEspruino(emu, wiring.cs);
          const lib = loadBoard(file, env);
          let wakes = 0;
          const dev = lib.startDevice({ chip: chipName, onWake: () => wakes++ });
          const setup = rec.setup[wiring.spi];
          assert.ok(setup, wiring.spi + '.setup called');
          assert.equal(setup.sck, wiring.sck); assert.equal(setup.miso, wiring.miso); assert.equal(setup.mosi, wiring.mosi);
          assert.equal(rec.modes[wiring.cs], 'output');
          assert.equal(rec.modes[wiring.int], 'input_pullup');
          assert.ok(rec.resetPulses >= 1, 'reset line pulsed');
          assert.equal(rec.watches.length, 1);
          assert.equal(rec.watches[0].pin, wiring.int);
          assert.equal(rec.watches[0].opts.edge, 'falling');
          assert.equal(rec.intervals.length, 1, 'timer fallback');
          rec.watches[0].fn(); rec.intervals[0].fn();
          assert.equal(wakes, 2);
          assert.equal(Math.floor(dev.mac / 1099511627776), 2, 'MAC from the serial: locally administered');
          const mac = dev.mac, peer = 0x02000000aaaa;
          const f = makeFrame(mac, peer, 1514, 3);
          assert.ok(emu.inject(f));
          const buf = new Uint8Array(1514);
          assert.equal(dev.receive(buf, 0), 1514);
          assert.ok(sameBytes(buf, f));
          const g = makeFrame(peer, mac, 300, 4);
          const big = new Uint8Array(400); big.set(g, 50);
          assert.equal(dev.transmit(big, 50, 300), 0);
          assert.ok(sameBytes(emu.sent[emu.sent.length - 1].subarray(0, 300), g));
          assert.deepEqual(emu.violations, []);
          dev.stop();
          assert.deepEqual(rec.cleared.sort(), ['i7', 'w1']);
        });
      }

      test('pins and MAC can be overridden; a missing chip is a clear Error', () => {
        const emu = new Enc28j60Emu();
        const { env, rec } = fakeEspruino(emu, 'B6');
        const lib = loadBoard(file, env);
        const dev = lib.startDevice({ chip: 'enc28j60', cs: 'B6', int: null, reset: null, mac: 0x020000000077, baud: 4000000 });
        assert.equal(dev.mac, 0x020000000077);
        assert.equal(rec.setup[wiring.spi].baud, 4000000);
        assert.equal(rec.watches.length, 0);
        emu.fault.absent = 0xff;
        assert.throws(() => lib.startDevice({ chip: 'enc28j60', cs: 'B6', int: null, reset: null, mac: 0x020000000077 }), /ENC28J60 not responding/);
      });

      test('nativeSum16 (E.sum) equals the plain ones\'-complement sum at any offset and length, also from an unfolded initial sum', () => {
        const { env } = fakeEspruino(new W5500Emu(), 'B6');
        const lib = loadBoard(file, env);
        const sum = lib.nativeSum16();
        assert.equal(typeof sum, 'function');
        const buf = new Uint8Array(1500);
        for (let i = 0; i < buf.length; i++) buf[i] = (i * 97 + 13) & 255;
        for (const [off, len, init] of [[0, 1460, 0], [14, 20, 0x1234], [15, 33, 7], [2, 1, 0], [0, 0, 5], [34, 1465, 0xffff], [34, 1460, 0x3fff5], [35, 61, 0x2a7f3]]) {
          assert.equal(sum(buf, off, len, init), refSum(buf, off, len, init), off + '/' + len);
        }
        const bare = loadBoard(file, { ...env, E: {} });
        assert.equal(bare.nativeSum16(), null, 'no E.sum: null');
      });
    });
  }
}

// Two real board bundles, one on each chip, brought up with connect() and joined by a cable between
// their emulated chips: ARP, ping and UDP through the whole firmware path of each board.
for (const flavour of ['', '.noalloc']) {
  test('connect(): ESP32 + ENC28J60 and Pico + W5500 ping and exchange UDP' + (flavour ? ' (noalloc)' : ''), () => {
    const encEmu = new Enc28j60Emu(), wizEmu = new W5500Emu();
    cable(encEmu, wizEmu);
    const a = fakeEspruino(encEmu, BOARDS['espruino-esp32'].cs);
    const b = fakeEspruino(wizEmu, BOARDS['espruino-pico'].cs);
    const esp = loadBoard('espruino-esp32' + flavour + '.js', a.env);
    const pico = loadBoard('espruino-pico' + flavour + '.js', b.env);
    const A = esp.connect({ chip: 'enc28j60', ip: '192.168.7.10', prefix: 24, mac: 0x020000000a0a });
    const B = pico.connect({ chip: 'w5500', ip: '192.168.7.20', prefix: 24, mac: 0x020000000b0b });
    const spin = () => { for (let i = 0; i < 20; i++) { A.poll(); B.poll(); } };
    const ping = new esp.IcmpSocket();
    A.iface.add(ping);
    assert.equal(ping.bind(99), 0);
    const data = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    assert.equal(ping.sendEcho(esp.wire.parseIpv4Address('192.168.7.20'), 1, data, 0, 8), 8);
    assert.ok(a.rec.timeouts > 0, 'queuing a ping asked the board for a poll');
    spin();
    const out = new Uint8Array(16);
    assert.equal(ping.recv(out, 0, 16), 8, 'echo reply came back');
    assert.ok(sameBytes(out.subarray(0, 8), data));
    const u = new pico.UdpSocket(), v = new esp.UdpSocket();
    B.iface.add(u); A.iface.add(v);
    assert.equal(u.bind(5000), 0);
    const msg = new Uint8Array(1400).map((_, i) => i & 255);
    assert.equal(v.sendTo(msg, 0, msg.length, esp.wire.parseIpv4Address('192.168.7.20'), 5000), 1400);
    spin();
    const got = new Uint8Array(2000);
    assert.equal(u.recvFrom(got, 0, 2000), 1400);
    assert.ok(sameBytes(got.subarray(0, 1400), msg));
    assert.deepEqual(encEmu.violations, []);
    assert.deepEqual(wizEmu.violations, []);
    A.stop(); B.stop();
  });
}

// connect(options, callback) without an address: DHCP from a scripted server on the other board (ARP
// probes with short waits), the callback with the lease, getIP(), and the NetworkJS driver registered
// with require("NetworkJS") serving a TCP connection from the other board; then setIP to a static
// address RELEASEs the lease from the leased address first, and stop() releases a second lease.
for (const flavour of ['', '.noalloc']) {
  test('connect() with DHCP and NetworkJS: Pico + W5500 leases an address and serves TCP' + (flavour ? ' (noalloc)' : ''), () => {
    const encEmu = new Enc28j60Emu(), wizEmu = new W5500Emu();
    cable(encEmu, wizEmu);
    const a = fakeEspruino(encEmu, BOARDS['espruino-esp32'].cs);
    const b = fakeEspruino(wizEmu, BOARDS['espruino-pico'].cs);
    let registered = null;
    b.env.require = (name) => {
      assert.equal(name, 'NetworkJS');
      return { create: (drv) => (registered = drv) };
    };
    const esp = loadBoard('espruino-esp32' + flavour + '.js', a.env);
    const pico = loadBoard('espruino-pico' + flavour + '.js', b.env);
    const A = esp.connect({ chip: 'enc28j60', ip: '192.168.7.1', prefix: 24, mac: 0x020000000a0a, networkJs: false });
    const server = new DhcpServer({ socket: { UdpSocket: esp.UdpSocket }, wire: esp.wire }, A.iface,
      { pool: '192.168.7.50', router: '192.168.7.1', dns: ['192.168.7.1'], mask: '255.255.255.0', lease: 600 });
    let called = null;
    const fast = { probeWaitMs: 0, probeMinMs: 0, probeMaxMs: 0, announceWaitMs: 0, announceIntervalMs: 0 };
    const B = pico.connect({ chip: 'w5500', mac: 0x020000000b0b, hostname: 'pico', dhcp: fast }, (err, stack) => (called = [err, stack]));
    const spin = (n = 20) => { for (let i = 0; i < n; i++) { A.poll(); B.poll(); } };
    spin(40);
    assert.equal(B.dhcp.probes, 3);
    assert.ok(called, 'callback after the lease');
    assert.equal(called[0], null);
    assert.equal(called[1], B);
    assert.deepEqual(JSON.parse(JSON.stringify(B.getIP())), { ip: '192.168.7.50', subnet: '255.255.255.0', gateway: '192.168.7.1', dns: '192.168.7.1', mac: '02:00:00:00:0b:0b', dhcp: true });
    assert.equal(server.seen[0].hostName, 'pico');
    assert.equal(typeof registered.create, 'function');
    // Espruino's side: an HTTP-type server on port 80 through the registered driver.
    const net = new EspruinoNet(registered);
    const conns = [];
    net.listen(80, 1, (c) => conns.push(c));
    const t = new esp.TcpSocket();
    A.iface.add(t);
    assert.equal(t.connect(esp.wire.parseIpv4Address('192.168.7.50'), 80), 0);
    const req = Uint8Array.from(Buffer.from('GET / HTTP/1.0\r\n\r\n'));
    for (let i = 0; i < 50 && !(conns.length && conns[0].received.length === req.length); i++) {
      if (t.state === 4 /* Established */ && !t.sent) { t.sent = true; t.send(req, 0, req.length); }
      spin(2);
      net.tick();
    }
    assert.equal(conns.length, 1);
    assert.equal(conns[0].received, 'GET / HTTP/1.0\r\n\r\n');
    net.write(conns[0], 'HTTP/1.0 200 OK\r\n\r\nhi');
    net.end(conns[0]);
    const got = new Uint8Array(100);
    let text = '';
    for (let i = 0; i < 50 && !text.endsWith('hi'); i++) {
      net.tick();
      spin(2);
      const n = t.recv(got, 0, 100);
      if (n > 0) text += Buffer.from(got.subarray(0, n)).toString();
    }
    assert.equal(text, 'HTTP/1.0 200 OK\r\n\r\nhi');
    // To a static address: the lease is released from 192.168.7.50, then the address changes.
    const T = esp.wire.DHCP_TYPES, addr = esp.wire.parseIpv4Address;
    B.setIP({ ip: '192.168.7.60', subnet: '255.255.255.0', gateway: '192.168.7.1' });
    spin(10);
    const rel = server.seen.filter((m) => m.type === T.Release);
    assert.equal(rel.length, 1);
    assert.equal(rel[0].from, addr('192.168.7.50'), 'sent while the leased address still works');
    assert.equal(rel[0].ciaddr, addr('192.168.7.50'));
    assert.equal(rel[0].serverId, addr('192.168.7.1'));
    assert.equal(B.getIP().ip, '192.168.7.60');
    assert.equal(B.getIP().dhcp, false);
    // Back to DHCP, then stop(): the second lease is released too.
    B.setIP({});
    spin(40);
    assert.equal(B.getIP().ip, '192.168.7.50');
    B.stop();
    spin(10);
    assert.deepEqual(server.released, [addr('192.168.7.50'), addr('192.168.7.50')]);
    assert.equal(B.dhcp.releases, 2);
    assert.deepEqual(wizEmu.violations, []);
    A.stop(); B.stop();
  });
}

// The lean bundles of the Pico and the Original take a static address only (STATIC_ONLY in
// rollup.config.mjs: their boards run connect() only without the DHCP and DNS clients). Without
// options.ip connect() says so; with one, the board answers a ping from a full bundle's board.
for (const board of ['espruino-pico', 'espruino-original']) {
  for (const flavour of ['', '.noalloc']) {
    const file = board + '-enc28j60' + flavour + '.js';
    test(file + ': static address only, a clear error without options.ip', () => {
      const lone = fakeEspruino(new Enc28j60Emu(), BOARDS[board].cs);
      const lib = loadBoard(file, lone.env);
      assert.equal(lib.DhcpClient, undefined, 'no DHCP client exported');
      assert.equal(lib.DnsClient, undefined, 'no DNS client exported');
      assert.throws(() => lib.connect({ chip: 'enc28j60', mac: 0x020000000c0c }), /this bundle has no DHCP client: give connect\(\) options\.ip/);

      const encEmu = new Enc28j60Emu(), farEmu = new Enc28j60Emu();
      cable(encEmu, farEmu);
      const a = fakeEspruino(encEmu, BOARDS[board].cs), b = fakeEspruino(farEmu, BOARDS['espruino-esp32'].cs);
      const small = loadBoard(file, a.env), esp = loadBoard('espruino-esp32.js', b.env);
      const A = small.connect({ chip: 'enc28j60', ip: '192.168.7.30', prefix: 24, mac: 0x020000000a0c });
      const B = esp.connect({ chip: 'enc28j60', ip: '192.168.7.10', prefix: 24, mac: 0x020000000a0a });
      assert.equal(A.getIP().ip, '192.168.7.30');
      assert.equal(A.getIP().dhcp, false);
      assert.equal(A.dns.resolve('far.test', () => {}), -16, 'a name is not found without a DNS client');
      const ping = new esp.IcmpSocket();
      B.iface.add(ping);
      assert.equal(ping.bind(7), 0);
      const data = Uint8Array.of(9, 8, 7, 6);
      assert.equal(ping.sendEcho(esp.wire.parseIpv4Address('192.168.7.30'), 1, data, 0, 4), 4);
      for (let i = 0; i < 20; i++) { A.poll(); B.poll(); }
      const out = new Uint8Array(8);
      assert.equal(ping.recv(out, 0, 8), 4, 'the static-only board answered the ping');
      assert.ok(sameBytes(out.subarray(0, 4), data));
      assert.deepEqual(encEmu.violations, []);
      A.stop(); B.stop();
    });
  }
}
