import { describe, expect, it } from 'vitest';
import { deploymentOfReplicaSet, workloadOf } from './workload';

describe('workloadOf', () => {
  it.each([
    ['vllm-llama70b-6d9f7c5b8-x2x9q', 'vllm-llama70b'],
    ['px-5d567cc74c-ss4lb', 'px'],
    ['px-7df978b9bf-jm22q', 'px'],
    ['px-5d567cc74c', 'px'],
    ['db-0', 'db'],
    ['kafka-broker-12', 'kafka-broker'],
    ['dcgm-exporter-abcde', 'dcgm-exporter'],
    ['payments-api', 'payments-api'],
    ['worker', 'worker'],
    ['support-agent-server', 'support-agent-server'],
  ])('%s → %s', (pod, want) => {
    expect(workloadOf(pod)).toBe(want);
  });

  it('uses the pod-template-hash label for a ReplicaSet when known', () => {
    expect(deploymentOfReplicaSet('px-5d567cc74c', '5d567cc74c')).toBe('px');
    expect(deploymentOfReplicaSet('my-app-abc', 'zzz')).toBe('my-app-abc');
  });
});
