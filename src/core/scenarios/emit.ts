/**
 * Where scenario events come from: source-shaped records (OTLP spans and log records, Kubernetes
 * Events and Pods, Argo CD Applications, GitHub deployments, Alertmanager webhooks, DCGM Xid
 * samples) passed through the project's own connector mappers, so the store holds exactly what
 * the real connectors would write. Events are held in a time heap and released in time order.
 */
import type { ChangeEvent, EventInput } from '../../shared/events';
import { parseAlertmanagerWebhook } from '../connectors/alerts/parse/alertmanager';
import { mapApplication } from '../connectors/argocd/application';
import { DEFAULT_PRICES } from '../connectors/common/prices';
import { mapDeployment } from '../connectors/github/parse';
import { mapEvent } from '../connectors/kubernetes/events';
import { mapPod } from '../connectors/kubernetes/pods';
import { xidEvents } from '../connectors/prometheus/dcgm';
import { TimeHeap } from '../demo/heap';
import type { Rng } from '../demo/prng';
import { mapSpan } from '../otlp/genai/map-span';
import { mapLogs } from '../otlp/logs';
import type { SpanKindName } from '../otlp/model';
import type { Svc, World } from './world';

const iso = (t: number): string => new Date(t).toISOString();
const nanos = (t: number): string => `${Math.round(t)}000000`;
const SEVERITY_NUMBER = { debug: 5, info: 9, warn: 13, error: 17, fatal: 21 } as const;

export interface SpanSpec {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  start: number;
  durMs: number;
  error?: boolean;
  statusMessage?: string;
  attrs: Record<string, unknown>;
  scope?: string;
}

export interface LogSpec {
  service: string;
  ts: number;
  severity: keyof typeof SEVERITY_NUMBER;
  body: string;
  traceId?: string;
  spanId?: string;
  attrs?: Record<string, string | number | boolean>;
}

export interface AlertSpec {
  name: string;
  severity: 'critical' | 'warning' | 'info';
  labels: Record<string, string>;
  summary: string;
  startsAt: number;
  /** When it resolved, if it did inside the window. */
  endsAt?: number;
  runbook?: string;
}

export class Emitter {
  readonly heap = new TimeHeap<EventInput>();
  private readonly prices = { prices: DEFAULT_PRICES };
  private k8sSeq = 0;

  constructor(
    readonly world: World,
    readonly rng: Rng,
  ) {}

  event(e: EventInput): void {
    this.heap.push(e);
  }

  /** One span through the OTLP GenAI mapper (LLM call, tool execution or plain span). */
  span(s: SpanSpec): void {
    this.event(
      mapSpan(
        {
          service: s.service,
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          name: s.name,
          kind: s.kind,
          startMs: s.start,
          durMs: s.durMs,
          statusError: s.error === true,
          statusMessage: s.statusMessage ?? '',
          attrs: s.attrs,
          events: [],
          linkCount: 0,
          scope: s.scope ?? 'opentelemetry.instrumentation',
        },
        this.prices,
      ),
    );
  }

  /** One log record through the OTLP logs mapper. */
  log(l: LogSpec): void {
    const attributes = Object.entries(l.attrs ?? {}).map(([key, v]) => ({
      key,
      value: typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : Number.isInteger(v) ? { intValue: v } : { doubleValue: v },
    }));
    const doc = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: l.service } }] },
          scopeLogs: [
            {
              scope: { name: 'app' },
              logRecords: [
                {
                  timeUnixNano: nanos(l.ts),
                  severityNumber: SEVERITY_NUMBER[l.severity],
                  severityText: l.severity.toUpperCase(),
                  body: { stringValue: l.body },
                  attributes,
                  ...(l.traceId ? { traceId: l.traceId } : {}),
                  ...(l.spanId ? { spanId: l.spanId } : {}),
                },
              ],
            },
          ],
        },
      ],
    };
    for (const e of mapLogs(doc).events) this.event(e);
  }

  /** A core/v1 Event about a pod, node or job, through the Kubernetes mapper. */
  k8sEvent(o: { ts: number; kind: string; name: string; namespace: string; reason: string; message: string; type?: 'Normal' | 'Warning'; count?: number; component?: string }): void {
    const uid = `${this.rng.hex(8)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(12)}`;
    const ev = {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: `${o.name}.${(++this.k8sSeq).toString(16).padStart(16, '0')}`, namespace: o.namespace, uid },
      involvedObject: { kind: o.kind, name: o.name, namespace: o.namespace, apiVersion: o.kind === 'Job' ? 'batch/v1' : 'v1' },
      reason: o.reason,
      message: o.message,
      type: o.type ?? 'Warning',
      count: o.count ?? 1,
      firstTimestamp: iso(o.ts),
      lastTimestamp: iso(o.ts),
      source: { component: o.component ?? 'kubelet' },
    };
    for (const e of mapEvent(ev, o.ts)) this.event(e);
  }

  /** A pod's status after a container restart, through the Kubernetes pod mapper. */
  podRestart(o: { ts: number; pod: string; namespace: string; container: string; reason: string; exitCode: number; restarts: number; waiting?: string }): void {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: o.pod, namespace: o.namespace, uid: `${this.rng.hex(8)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(12)}` },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: o.container,
            restartCount: o.restarts,
            ready: false,
            state: o.waiting ? { waiting: { reason: o.waiting } } : { running: { startedAt: iso(o.ts + 1_000) } },
            lastState: { terminated: { reason: o.reason, exitCode: o.exitCode, startedAt: iso(o.ts - 5 * 60_000), finishedAt: iso(o.ts) } },
          },
        ],
      },
    };
    for (const e of mapPod(pod)) this.event(e);
  }

  /** An Argo CD sync of `svc` from one git revision to another, through the Argo CD mapper. */
  argoDeploy(o: { svc: Svc; ts: number; author: string; fromRev: string; toRev: string; durMs?: number }): void {
    const id = this.rng.int(100, 99_999);
    const app = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: o.svc.name, namespace: 'argocd' },
      status: {
        history: [
          { id: id - 1, revision: o.fromRev, deployedAt: iso(o.ts - 3 * 86_400_000), source: { repoURL: 'https://github.com/acme/deploy', path: `apps/${o.svc.name}` } },
          {
            id,
            revision: o.toRev,
            deployStartedAt: iso(o.ts - (o.durMs ?? 60_000)),
            deployedAt: iso(o.ts),
            source: { repoURL: 'https://github.com/acme/deploy', path: `apps/${o.svc.name}` },
            initiatedBy: { username: o.author },
          },
        ],
      },
    };
    // The older history entry is outside every window; keep only the changes at or after the sync start.
    for (const e of mapApplication(app, o.ts, 'scenario')) if (e.ts >= o.ts - 600_000) this.event(e);
  }

  /** A GitHub deployment (a change outside Argo CD, e.g. a service deployed by Actions). */
  githubDeploy(o: { repo: string; ts: number; author: string; sha: string; ref: string; description: string }): void {
    const change = mapDeployment(
      { id: this.rng.int(1e9, 2e9), sha: o.sha, ref: o.ref, task: 'deploy', environment: 'production', description: o.description, creator: { login: o.author }, created_at: iso(o.ts) },
      o.repo,
    );
    if (change) this.event(change);
  }

  /** A change from a source without a connector here (prompt registry, flag service, config repo). */
  change(c: Omit<ChangeEvent, 'kind'>): void {
    this.event({ kind: 'change', ...c });
  }

  /** Alert transitions, as Alertmanager delivers them to a webhook receiver. */
  alert(a: AlertSpec): void {
    const labels = { alertname: a.name, severity: a.severity, ...a.labels };
    const annotations: Record<string, string> = { summary: a.summary, ...(a.runbook ? { runbook_url: a.runbook } : {}) };
    const fingerprint = this.rng.hex(16);
    const payload = (status: 'firing' | 'resolved', endsAt: string) => ({
      version: '4',
      groupKey: `{}:{alertname="${a.name}"}`,
      status,
      receiver: 'sitrep',
      groupLabels: { alertname: a.name },
      commonLabels: labels,
      commonAnnotations: annotations,
      externalURL: 'http://alertmanager.monitoring:9093',
      alerts: [{ status, labels, annotations, startsAt: iso(a.startsAt), endsAt, generatorURL: 'http://prometheus.monitoring:9090/graph', fingerprint }],
    });
    for (const e of parseAlertmanagerWebhook(payload('firing', '0001-01-01T00:00:00Z'), a.startsAt).alerts) this.event(e);
    if (a.endsAt !== undefined) for (const e of parseAlertmanagerWebhook(payload('resolved', iso(a.endsAt)), a.endsAt).alerts) this.event(e);
  }

  /** A GPU's DCGM_FI_DEV_XID_ERRORS samples, turned into Xid log events by the DCGM mapper. */
  xid(labels: Record<string, string>, points: [number, number][]): void {
    for (const e of xidEvents(labels, points)) this.event(e);
  }
}
