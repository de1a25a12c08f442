/**
 * The incident's onset: the first clear user-facing symptom that is either strong on its own or
 * joined by another one soon after (a lone weak early blip does not set it). Alerts only as a
 * fallback: they lag the onset.
 */
import type { Signal } from './types';

export function globalOnset(signals: readonly Signal[], bucketMs: number): number | null {
  const symptoms = signals.filter((s) => s.symptom && s.kind !== 'alert' && s.strength >= 0.2);
  if (symptoms.length > 0) {
    const max = Math.max(...symptoms.map((s) => s.strength));
    const clear = symptoms.filter((s) => s.strength >= Math.max(0.2, 0.35 * max)).sort((a, b) => a.at - b.at);
    for (const s of clear) {
      if (s.strength >= 0.45) return s.at;
      // Joined: another clear symptom soon after, on the same service (two weak blips in unrelated
      // services are coincidence, not an onset). Symptoms that name no service join any.
      if (clear.some((t) => t !== s && t.at >= s.at && t.at - s.at <= 5 * bucketMs && sameService(s, t))) return s.at;
    }
    return clear[0]?.at ?? null;
  }
  const alerts = signals.filter((s) => s.kind === 'alert' && s.strength >= 0.4);
  return alerts.length > 0 ? Math.min(...alerts.map((s) => s.at)) : null;
}

/** The services a signal is about: `service:NAME`, and the service of an `endpoint:NAME …`. */
function servicesOf(s: Signal): Set<string> {
  const out = new Set<string>();
  for (const e of s.entities) {
    if (e.startsWith('service:')) out.add(e.slice('service:'.length));
    else if (e.startsWith('endpoint:')) out.add(e.slice('endpoint:'.length).split(' ')[0] ?? '');
  }
  out.delete('');
  return out;
}

function sameService(a: Signal, b: Signal): boolean {
  const x = servicesOf(a);
  const y = servicesOf(b);
  if (x.size === 0 || y.size === 0) return true;
  for (const v of x) if (y.has(v)) return true;
  return false;
}
