// Shared set-up of the stack scenarios: TAP + (optionally) the emulated chip + recording + board
// + runner, inside the namespace. Addresses: kernel 10.0.0.1/24, stack 10.0.0.2.
import { spawnSync } from 'node:child_process';
import { startTap } from '../../../boards/node-sim/tap-device.mjs';
import { recordDevice } from '../../../boards/node-sim/recording-device.mjs';
import { chipOnPort } from '../../../boards/node-sim/chip-tap.mjs';
import { createSimBoard } from '../../../boards/node-sim/sim-board.mjs';
import { Runner } from '../../../boards/node-sim/runner.mjs';
import { waitFor } from '../../../boards/node-sim/wait.mjs';

/** Frames the emulated chip (if any) took from the wire that its driver has not read yet: ''
 *  when none. (Counted, not read from the chip: the W5500 driver gives read bytes back in batches,
 *  so the chip's RSR still counts frames already read.) Driver counters 0..3: frames received,
 *  dropped for CRC, length, status (src/phy/counters.ts). */
export function chipBacklog(chip) {
  if (!chip) return '';
  const c = chip.dev.counters;
  const n = chip.stats.toChip - (c[0] + c[1] + c[2] + c[3]);
  return n > 0 ? `the chip holds ${n} frames its driver has not read` : '';
}

/**
 * Waits until no frame is on its way between the kernel and the stack, either way: all the kernel
 * sent on the TAP was read by the stack (device queue and chip buffer empty) and all the stack sent
 * reached the kernel. Replaces fixed "let it arrive" sleeps. Not for runs with TapDevice faults.
 */
export function settled(tap, chip, timeoutMs = 3000) {
  let left = '';
  return waitFor(() => {
    left = [tap.inFlight(), chipBacklog(chip)].filter(Boolean).join('; ');
    return !left;
  }, timeoutMs, () => `the frames between the kernel and the stack to settle (${left})`);
}

export const KERNEL_IP = '10.0.0.1';
export const STACK_IP = '10.0.0.2';
export const STACK_MAC = 0x020000000002;

/** { lib, tap, board, runner, rec, chip, path, close() } for args { build, chip, tapName }. */
export async function stackOnTap(lib, args, { queueLimit } = {}) {
  // IPv6 off in the namespace (args.ipv6 keeps it): the stack ignores it anyway, and its router
  // solicitations and MLD reports would blur exact frame accounting.
  if (!args.ipv6) spawnSync('sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
  const tap = await startTap({ name: args.tapName || 'tapstk0', kernelAddr: KERNEL_IP, prefix: 24, mac: STACK_MAC, queueLimit });
  let runner = null;
  const kick = () => { if (runner) runner.kick(); };
  let dev;
  let chip = null;
  if (args.chip) {
    chip = chipOnPort(lib, args.chip, STACK_MAC, tap.device, { onChipFrame: kick });
    dev = chip.dev;
  } else {
    dev = tap.device;
    tap.device.onFrame = kick;
  }
  const rec = recordDevice(dev);
  const board = createSimBoard(lib, rec.device, { ip: STACK_IP, prefix: 24, name: `node-sim/${args.chip || 'tap'}` });
  runner = new Runner([board.iface], { apps: [board.app] });
  const path = `stack (${lib.noAlloc ? 'noalloc' : 'default'} build) -> ${args.chip ? `${args.chip} driver -> emulated ${args.chip} -> ` : ''}TapDevice -> socat -> TAP`;
  return {
    tap, board, runner, rec, chip, path,
    settled: (timeoutMs) => settled(tap, chip, timeoutMs),
    close() { runner.stop(); return tap.close(); },
  };
}

/** Kernel-side SNMP counters of this namespace (/proc/net/snmp) as { 'Icmp.InDestUnreachs': n, ... }. */
export async function snmp() {
  const fs = await import('node:fs');
  const lines = fs.readFileSync('/proc/net/snmp', 'utf8').trim().split('\n');
  const o = {};
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [p, ...names] = lines[i].split(/\s+/);
    const vals = lines[i + 1].split(/\s+/).slice(1);
    names.forEach((n, k) => { o[p.replace(':', '') + '.' + n] = Number(vals[k]); });
  }
  return o;
}
