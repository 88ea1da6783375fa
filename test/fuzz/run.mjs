// The long fuzz campaign: npm run fuzz -- --frames 1000000 [--seed N] [--build default|noalloc]
// Prints the figures of each build (frames, steps, API calls, drop reasons hit, TCP states reached,
// time) as text and, with --json, as one JSON line per build.
import { builds } from '../helpers/bundles.mjs';
import { runCampaign } from './campaign.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1] : dflt;
};
const frames = Number(opt('frames', 1000000));
const seed = Number(opt('seed', 1));
const which = opt('build', 'both');
const json = args.includes('--json');
let failed = false;
for (const b of builds) {
  if (which !== 'both' && which !== b.name) continue;
  try {
    const s = runCampaign(b.lib, { seed, frames, log: (m) => console.error(m) });
    if (json) console.log(JSON.stringify(s));
    else print(s);
  } catch (e) {
    failed = true;
    console.error(e.stack);
  }
}
process.exitCode = failed ? 1 : 0;

export function print(s) {
  const rate = Math.round(s.frames / (s.ms / 1000));
  console.log(`== ${s.build} build, seed ${s.seed}: ${s.frames} frames into the fuzzed interface (${s.framesPeer} into the peer), ` +
    `${s.steps} steps, ${s.episodes} episodes, ${s.apiCalls} API calls, ${(s.ms / 1000).toFixed(1)} s (${rate} frames/s)`);
  console.log(`   frame sources: ${JSON.stringify(s.sources)}; mutated ${s.mutated} (checksums recomputed on ${s.checksumsFixed})`);
  console.log(`   drop reasons hit (${s.dropReasons.length}): ${s.dropReasons.join(' ')}`);
  if (s.dropReasonsMissed.length) console.log(`   drop reasons never hit: ${s.dropReasonsMissed.join(' ')}`);
  console.log(`   results: ${JSON.stringify(s.results)}`);
  console.log(`   packets handed to sockets: ${JSON.stringify(s.deliveredTo)}`);
  console.log(`   TCP segments by the receiving socket's state: ${JSON.stringify(s.tcpSegmentsInState)}`);
  console.log(`   TCP states reached (${s.tcpStatesReached.length}): ${s.tcpStatesReached.join(' ')}; distinct transitions ${s.tcpTransitions}`);
  console.log(`   API results: ${JSON.stringify(s.apiResults)}`);
}
