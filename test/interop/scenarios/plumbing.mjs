// Plumbing check without the stack's Interface: the kernel pings 10.0.0.2 through the TAP; a
// hand-made responder on lib.wire answers its ARP request and echo requests; a UDP datagram from
// the kernel is echoed back. Everything is recorded to a pcap.
import path from 'node:path';
import dgram from 'node:dgram';
import { scenario, loadLib, run } from './kit.mjs';
import { settled } from './setup.mjs';
import { startTap } from '../../../boards/node-sim/tap-device.mjs';
import { recordDevice } from '../../../boards/node-sim/recording-device.mjs';
import { wireResponder } from '../../../boards/node-sim/wire-responder.mjs';
import { chipOnPort } from '../../../boards/node-sim/chip-tap.mjs';

scenario(async (args) => {
  const lib = loadLib(args.build);
  const ip = lib.wire.parseIpv4Address('10.0.0.2');
  const tap = await startTap({ name: 'tapplumb0', kernelAddr: '10.0.0.1', prefix: 24, mac: 0x020000000002 });

  const mac = 0x020000000002;
  // The recording sits where the stack meets its device: frames as the stack sees them.
  let rec;
  let responder;
  let chipStats = null;
  let timer = null;
  let chip = null;
  if (args.chip) {
    chip = chipOnPort(lib, args.chip, mac, tap.device, { onChipFrame: () => setImmediate(() => responder.poll()) });
    rec = recordDevice(chip.dev);
    chipStats = chip.stats;
    timer = setInterval(() => responder.poll(), 20);
  } else {
    rec = recordDevice(tap.device);
    tap.device.onFrame = () => setImmediate(() => responder.poll());
  }
  responder = wireResponder(lib, rec.device, { ip, udpEchoPort: 7 });
  try {
    const ping = await run('ping', ['-c', '3', '-i', '0.2', '-W', '2', '10.0.0.2']);
    // UDP echo from a kernel socket.
    const s = dgram.createSocket('udp4');
    const msg = Buffer.from('hello over the tap');
    const echoed = await new Promise((resolve) => {
      const t = setTimeout(() => resolve(null), 2000);
      s.on('message', (m) => { clearTimeout(t); resolve(m); });
      s.send(msg, 7, '10.0.0.2');
    });
    s.close();
    // Before the recording is saved: no frame still on its way either way (was a fixed 50 ms).
    await settled(tap, chip);
    const pcap = path.join(args.outDir, `plumbing-${args.chip || 'tap'}.pcap`);
    rec.save(pcap);
    return {
      path: args.chip ? `lib.wire hand responder -> ${args.chip} driver -> emulated ${args.chip} -> TapDevice -> socat -> TAP` : 'lib.wire hand responder -> TapDevice -> socat -> TAP',
      chipStats,
      pingCode: ping.code,
      pingOut: ping.stdout.trim().split('\n').slice(-2).join(' | '),
      udpEchoOk: echoed !== null && echoed.equals(msg),
      seen: responder.seen,
      device: tap.device.counters,
      recorded: rec.pcap.count,
      pcap,
    };
  } finally {
    if (timer) clearInterval(timer);
    tap.close();
  }
});
