/**
 * When two entity refs are about the same thing: a service and the workload of the same name, a
 * pod and its workload, a GPU and its node; plus co-location learnt from metric labels (a pod's
 * series that also name its node).
 */
import { kindOf, nameOf } from './entities';
import { podWorkload, statefulSetOf } from './workload';

export function keysOf(r: string): string[] {
  const kind = kindOf(r);
  const name = nameOf(r);
  switch (kind) {
    case 'service':
    case 'workload':
      return [`svc:${name}`];
    case 'pod': {
      const w = podWorkload(name);
      const set = w === name ? statefulSetOf(name) : null;
      return [`pod:${name}`, `svc:${w}`, ...(set !== null ? [`svc:${set}`] : [])];
    }
    case 'endpoint':
      return [`svc:${name.split(' ')[0] ?? name}`, `endpoint:${name}`];
    case 'gpu':
      return [`gpu:${name}`, `node:${name.split('/')[0] ?? name}`];
    default:
      return [`${kind}:${name}`];
  }
}

export class Relations {
  /** node key → workload keys seen on it, and back. */
  private readonly coloc = new Map<string, Set<string>>();

  /** Learns co-location from one label set's refs (node + pod/workload in the same series). */
  learn(refs: readonly string[]): void {
    const keys = refs.flatMap(keysOf);
    const nodes = keys.filter((k) => k.startsWith('node:'));
    const svcs = keys.filter((k) => k.startsWith('svc:'));
    for (const n of nodes)
      for (const s of svcs) {
        (this.coloc.get(n) ?? this.coloc.set(n, new Set()).get(n))?.add(s);
        (this.coloc.get(s) ?? this.coloc.set(s, new Set()).get(s))?.add(n);
      }
  }

  /** Keys of refs, optionally widened with what is co-located with them. */
  keys(refs: readonly string[], widen = false): Set<string> {
    const out = new Set(refs.flatMap(keysOf));
    if (widen) for (const k of [...out]) for (const c of this.coloc.get(k) ?? []) out.add(c);
    return out;
  }

  related(a: readonly string[], b: readonly string[], widen = false): boolean {
    const ka = this.keys(a, widen);
    for (const k of this.keys(b)) if (ka.has(k)) return true;
    return false;
  }

  /** Workload keys running on a node key. */
  onNode(nodeKey: string): string[] {
    return [...(this.coloc.get(nodeKey) ?? [])].filter((k) => k.startsWith('svc:')).sort();
  }
}
