/** Kubernetes API paths and headers shared by the Kubernetes actions. */
import { urlOf } from './request';
import { secretRef } from './secrets';
import type { K8sTarget } from './targets';

export const MAX_REPLICAS = 50;
/** The most replicas one scale may add or remove. */
export const MAX_REPLICA_STEP = 20;
export const MAX_EVICTIONS = 30;

export const WORKLOAD_RESOURCE = { deployment: 'deployments', statefulset: 'statefulsets', daemonset: 'daemonsets' } as const;

export const auth = (t: K8sTarget): Record<string, string> => ({ authorization: `Bearer ${secretRef(t.token_secret)}` });

export const dryRunQuery = (dryRun: boolean): Record<string, string> => (dryRun ? { dryRun: 'All' } : {});

export const workloadUrl = (t: K8sTarget, namespace: string, resource: string, name: string, sub: readonly string[] = [], query: Record<string, string> = {}): string =>
  urlOf(t.api_server, ['apis', 'apps', 'v1', 'namespaces', namespace, resource, name, ...sub], query);

export const nodeUrl = (t: K8sTarget, node: string, query: Record<string, string> = {}): string => urlOf(t.api_server, ['api', 'v1', 'nodes', node], query);
