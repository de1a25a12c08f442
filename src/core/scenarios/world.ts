/**
 * The system a scenario happens in, drawn per seed: services and their pods on nodes, the hosted
 * and self-hosted models, the agent's tools, GPUs, the database and an external upstream. Names
 * come from pools so that the suite is not one fixed picture.
 */
import { createRng, type Rng } from '../demo/prng';
import {
  AGENTS, AUTHORS, BILLING, DATABASES, EVERYDAY_TOOLS, FRONTENDS, GATEWAYS, GPU_MODELS, HOSTED, ORDERS, PAYMENTS, RAG_APPS, RISKY_TOOLS,
  SEARCH, SELF_HOSTED, UPSTREAMS, gpuUuid, nodeNames, podName, replicaSetHash,
} from './names';

export const MIN = 60_000;

export interface PodInfo {
  name: string;
  workload: string;
  namespace: string;
  container: string;
  node: string;
  /** Working-set memory at rest, bytes; and the container limit. */
  memBase: number;
  memLimit: number;
  cpuBase: number;
}

export interface Svc {
  name: string;
  namespace: string;
  pods: PodInfo[];
  rsHash: string;
}

export interface Gpu {
  node: string;
  index: number;
  uuid: string;
  model: string;
}

export interface HostedModel {
  provider: string;
  model: string;
  host: string;
}

export interface World {
  seed: number;
  /** The fault's anchor: triggers and onset are placed relative to it. */
  t0: number;
  from: number;
  to: number;
  users: string[];
  authors: readonly string[];
  nodes: { gpu: string[]; cpu: string[] };
  gpus: Gpu[];
  agent: Svc & { agentName: string; tools: string[]; everyday: string[]; promptTarget: string; promptVersion: string; llm: HostedModel };
  rag: Svc & { embed: HostedModel };
  vllm: Svc & { model: string; gateway: Svc; podGpus: Record<string, Gpu[]> };
  frontend: Svc;
  orders: Svc;
  payments: Svc;
  search: Svc;
  billing: Svc;
  db: { name: string; host: string; dbName: string };
  upstream: { peer: string; host: string; route: string };
  /** Every pod, for the infra metrics. */
  pods: PodInfo[];
}

const pickN = <T>(rng: Rng, items: readonly T[], n: number): T[] => {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
};

function svc(rng: Rng, name: string, namespace: string, replicas: number, nodes: string[], container: string, mem: number, cpu: number): Svc {
  const rsHash = replicaSetHash(rng);
  const pods = Array.from({ length: replicas }, (_, i) => ({
    name: podName(name, rsHash, rng),
    workload: name,
    namespace,
    container,
    node: nodes[(i + rng.int(0, nodes.length - 1)) % nodes.length] ?? 'node',
    memBase: Math.round(mem * rng.range(0.9, 1.1)),
    memLimit: Math.round(mem * 2),
    cpuBase: cpu * rng.range(0.85, 1.15),
  }));
  return { name, namespace, pods, rsHash };
}

export interface WorldOptions {
  seed: number;
  /** Minutes of healthy history before t0, and of incident after it. */
  beforeMin?: number;
  afterMin?: number;
}

export function createWorld(opts: WorldOptions): World {
  const rng = createRng((opts.seed * 2654435761) ^ 0x51a7e);
  const t0 = Date.UTC(2026, 3, 7, 1, 0, 0) + rng.int(0, 240) * MIN + rng.int(0, 59) * 1000;
  const before = (opts.beforeMin ?? rng.int(40, 50)) * MIN;
  const after = (opts.afterMin ?? rng.int(26, 34)) * MIN;
  const gpuNodes = nodeNames(rng, 'gpu', rng.int(2, 3));
  const cpuNodes = nodeNames(rng, 'cpu', rng.int(3, 4));
  const gpuModel = rng.pick(GPU_MODELS);
  const gpus = gpuNodes.flatMap((node) => Array.from({ length: 4 }, (_, index) => ({ node, index, uuid: gpuUuid(rng), model: gpuModel })));

  const hosted = rng.pick(HOSTED);
  const llm: HostedModel = { provider: hosted.provider, model: rng.pick(hosted.models), host: hosted.host };
  const embed: HostedModel =
    hosted.provider === 'openai'
      ? { provider: 'cohere', model: 'embed-english-v3.0', host: 'api.cohere.com' }
      : { provider: 'openai', model: 'text-embedding-3-small', host: 'api.openai.com' };
  const self = rng.pick(SELF_HOSTED);

  const agentName = rng.pick(AGENTS);
  const everyday = pickN(rng, EVERYDAY_TOOLS, rng.int(4, 5));
  const agentSvc = svc(rng, agentName, 'ai-apps', 3, cpuNodes, agentName, 1.1e9, 0.35);
  const ragSvc = svc(rng, rng.pick(RAG_APPS), 'ai-apps', 2, cpuNodes, 'app', 9e8, 0.25);
  const vllmSvc = svc(rng, self.workload, 'inference', gpuNodes.length, gpuNodes, 'vllm', 2.2e10, 3.4);
  vllmSvc.pods.forEach((p, i) => (p.node = gpuNodes[i] ?? p.node));
  const podGpus: Record<string, Gpu[]> = {};
  for (const p of vllmSvc.pods) podGpus[p.name] = gpus.filter((g) => g.node === p.node);
  const gateway = svc(rng, rng.pick(GATEWAYS), 'inference', 2, cpuNodes, 'gateway', 3e8, 0.2);

  const frontend = svc(rng, rng.pick(FRONTENDS), 'web', 3, cpuNodes, 'web', 5e8, 0.3);
  const orders = svc(rng, rng.pick(ORDERS), 'orders', 3, cpuNodes, 'api', 7e8, 0.3);
  const payments = svc(rng, rng.pick(PAYMENTS), 'payments', 2, cpuNodes, 'api', 6.4e8, 0.22);
  const search = svc(rng, rng.pick(SEARCH), 'search', 3, cpuNodes, 'search', 8e8, 0.4);
  const billing = svc(rng, rng.pick(BILLING), 'payments', 2, cpuNodes, 'worker', 5e8, 0.15);
  const dbName = rng.pick(DATABASES);
  const upstream = rng.pick(UPSTREAMS);
  const users = Array.from({ length: 600 }, () => `u-${rng.hex(8)}`);
  const all = [agentSvc, ragSvc, vllmSvc, gateway, frontend, orders, payments, search, billing];

  return {
    seed: opts.seed,
    t0,
    from: t0 - before,
    to: t0 + after,
    users,
    authors: AUTHORS,
    nodes: { gpu: gpuNodes, cpu: cpuNodes },
    gpus,
    agent: {
      ...agentSvc,
      agentName,
      tools: [...everyday, ...RISKY_TOOLS],
      everyday,
      promptTarget: `${agentName}/system-prompt`,
      promptVersion: `v${rng.int(12, 57)}`,
      llm,
    },
    rag: { ...ragSvc, embed },
    vllm: { ...vllmSvc, model: self.model, gateway, podGpus },
    frontend,
    orders,
    payments,
    search,
    billing,
    db: { name: dbName, host: `${dbName}.db.svc.cluster.local`, dbName: 'orders' },
    upstream: { ...upstream },
    pods: all.flatMap((s) => s.pods),
  };
}

/** `v41` → `v42`. */
export function nextVersion(v: string): string {
  const n = Number(v.replace(/^v/, ''));
  return Number.isFinite(n) ? `v${n + 1}` : `${v}-next`;
}
