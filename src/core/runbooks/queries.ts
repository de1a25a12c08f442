/**
 * The read-only query kinds diagnostic and verification steps run (`uses:`). None of them can
 * change anything: PromQL and LogQL go to query APIs, store queries to the local store,
 * `k8s_get` to Kubernetes GET endpoints of an allowlisted set of resources (never secrets).
 */
import { z } from 'zod';
import { EVENT_KINDS } from '../../shared/events';
import { Duration } from './duration';

const Query = z.string().min(1).max(4096);
const Window = Duration(60_000, 7 * 24 * 3_600_000);
const Field = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]{0,127}$/, 'a field name (e.g. tool, status, attrs.gen_ai.request.model)');
const K8sName = z.string().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a Kubernetes name');

export interface QueryKind {
  id: string;
  description: string;
  params: z.ZodObject;
  /** Checks across fields and of the query text, after templates are checked. Messages with their param path. */
  check: (params: Readonly<Record<string, unknown>>) => { path: readonly string[]; message: string }[];
}

/** Brackets and quotes must pair up (outside quoted strings): catches most hand-edit slips in PromQL and LogQL. */
export function unbalanced(q: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < q.length; i++) {
    const c = q[i] ?? '';
    if (c === '"' || c === '`' || c === "'") {
      const end = q.indexOf(c, i + 1);
      if (end < 0) return `unclosed ${c} at character ${i + 1}`;
      i = c === '`' ? end : skipEscaped(q, i, c);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return `unmatched "${c}" at character ${i + 1}`;
    }
  }
  return stack.length > 0 ? `unclosed "${stack[stack.length - 1] ?? ''}"` : null;
}

function skipEscaped(q: string, start: number, quote: string): number {
  for (let i = start + 1; i < q.length; i++) {
    if (q[i] === '\\') i++;
    else if (q[i] === quote) return i;
  }
  return q.length;
}

const queryText = (p: Readonly<Record<string, unknown>>): { path: readonly string[]; message: string }[] => {
  const q = typeof p.query === 'string' ? p.query.replace(/\{\{[^}]*\}\}/g, 'x').replace(/\\\{\{/g, '') : '';
  const bad = unbalanced(q);
  return bad === null ? [] : [{ path: ['query'], message: bad }];
};

export const QUERY_KINDS: Readonly<Record<string, QueryKind>> = {
  promql: {
    id: 'promql',
    description: 'a PromQL query over the incident window (instant at its end, or a range query when `range` is given)',
    params: z.object({ query: Query, range: Window.optional(), step: Duration(1_000, 3_600_000).optional() }).strict(),
    check: queryText,
  },
  logql: {
    id: 'logql',
    description: 'a LogQL query over the incident window (log lines or a metric query)',
    params: z.object({ query: Query, range: Window.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    check: (p) => [...queryText(p), ...(typeof p.query === 'string' && !p.query.includes('{') ? [{ path: ['query'], message: 'a LogQL query needs a stream selector {…}' }] : [])],
  },
  store_query: {
    id: 'store_query',
    description: "a query of Sitrep's local store: events of one kind, filtered, measured and grouped",
    params: z
      .object({
        events: z.enum(EVENT_KINDS),
        where: z.record(Field, z.union([z.string().max(512), z.number(), z.boolean()])).optional(),
        measure: z.enum(['count', 'error_rate', 'sum', 'p95', 'distinct', 'samples']),
        field: Field.optional(),
        group_by: z.array(Field).max(3).optional(),
        range: Window.optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    check: (p) => {
      const out: { path: readonly string[]; message: string }[] = [];
      const m = p.measure;
      if ((m === 'sum' || m === 'p95' || m === 'distinct') && p.field === undefined) out.push({ path: ['field'], message: `measure "${String(m)}" needs a field` });
      if (p.where !== undefined && typeof p.where === 'object' && p.where !== null && Object.keys(p.where).length > 8) out.push({ path: ['where'], message: 'at most 8 conditions' });
      return out;
    },
  },
  k8s_get: {
    id: 'k8s_get',
    description: 'a Kubernetes GET (list or one object) of an allowlisted resource kind',
    params: z
      .object({
        resource: z.enum(['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'nodes', 'events', 'poddisruptionbudgets', 'certificates.cert-manager.io']),
        namespace: z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace').optional(),
        name: K8sName.optional(),
        label_selector: z.string().max(512).optional(),
        field_selector: z.string().max(512).optional(),
      })
      .strict(),
    check: (p) => (p.resource === 'nodes' && p.namespace !== undefined ? [{ path: ['namespace'], message: 'nodes have no namespace' }] : []),
  },
};

export const QUERY_KIND_IDS = Object.keys(QUERY_KINDS);
