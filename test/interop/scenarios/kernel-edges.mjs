// What the kernel can send that a small stack may not expect: an echo request carrying the IP
// Record Route option, fragmented echo requests (the stack does not reassemble: it must drop and
// count them), a broadcast ping, a UDP datagram without checksum (SO_NO_CHECK), and a TTL=1 ping.
// The result says what happened; the test decides what is required.
import { scenario, loadLib, run } from './kit.mjs';
import { stackOnTap, STACK_IP } from './setup.mjs';

scenario(async (args) => {
  const lib = loadLib(args.build);
  const s = await stackOnTap(lib, { ...args, tapName: 'tapedge0' });
  const R = lib.iface.RESULTS;
  const c = s.board.iface.counters;
  const snap = () => Object.fromEntries(lib.iface.RESULT_NAMES.map((n, i) => [n, c[i]]));
  const delta = (a, b) => Object.fromEntries(Object.keys(b).filter((k) => b[k] !== a[k]).map((k) => [k, b[k] - a[k]]));
  const out = { path: s.path };
  const step = async (name, fn) => {
    const a = snap();
    const r = await fn();
    // The stack's counters are read once every frame of the step reached it (was a fixed 50 ms).
    await s.settled();
    out[name] = { ...r, stack: delta(a, snap()) };
  };
  try {
    await step('recordRoute', async () => {
      const p = await run('ping', ['-c', '2', '-i', '0.1', '-W', '1', '-R', STACK_IP]);
      return { code: p.code, summary: p.stdout.trim().split('\n').slice(-2).join(' | ') };
    });
    await step('fragmented', async () => {
      const p = await run('ping', ['-c', '2', '-i', '0.2', '-W', '1', '-s', '3000', STACK_IP]);
      return { code: p.code, summary: p.stdout.trim().split('\n').slice(-2).join(' | ') };
    });
    await step('broadcast', async () => {
      const p = await run('ping', ['-c', '2', '-i', '0.2', '-W', '1', '-b', '10.0.0.255']);
      return { code: p.code, summary: p.stdout.trim().split('\n').slice(-2).join(' | ') };
    });
    await step('ttl1', async () => {
      const p = await run('ping', ['-c', '1', '-W', '1', '-t', '1', STACK_IP]);
      return { code: p.code };
    });
    await step('udpNoChecksum', async () => {
      const py = [
        'import socket',
        's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
        's.setsockopt(socket.SOL_SOCKET, 11, 1)  # SO_NO_CHECK',
        's.settimeout(1.0)',
        `s.sendto(b"no checksum here", ("${STACK_IP}", 7))`,
        'print(s.recvfrom(2048)[0].decode())',
      ].join('\n');
      const p = await run('python3', ['-c', py]);
      return { code: p.code, echoed: p.stdout.trim(), err: p.stderr.trim().split('\n').pop() };
    });
    out.counters = s.board.status().iface;
    out.pcap = `${args.outDir}/kernel-edges-${args.build}.pcap`;
    out.recorded = s.rec.pcap.count;
    s.rec.save(out.pcap);
    return out;
  } finally {
    s.close();
  }
});
