/** The runbooks the project ships (runbooks/ at the root, packaged with the app). */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAction } from '../actions/catalogue';
import { RUNBOOK_IDS } from '../model/catalogue';
import { loadRunbookDir } from './load';

const DIR = resolve(__dirname, '..', '..', '..', 'runbooks');
const loaded = loadRunbookDir(DIR);

describe('shipped runbooks', () => {
  it('all validate', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.runbooks.length).toBe(loaded.files.length);
  });

  it('one per runbook id the hypothesis engine suggests', () => {
    const ids = loaded.runbooks.map((r) => r.runbook.id);
    for (const id of RUNBOOK_IDS) expect(ids, id).toContain(id);
    for (const { file, runbook } of loaded.runbooks) expect(file).toBe(join(DIR, `${runbook.id}.yaml`));
  });

  it('each diagnoses, mitigates through an approved catalogue action, verifies against a threshold and notifies', () => {
    for (const { runbook: r } of loaded.runbooks) {
      const kinds = new Set(r.steps.map((s) => s.action));
      for (const k of ['diagnose', 'mitigate', 'verify_resolution', 'notify'] as const) expect(kinds.has(k), `${r.id} ${k}`).toBe(true);
      for (const s of r.steps.filter((x) => x.action === 'mitigate')) {
        expect(getAction(s.uses)?.mutates, `${r.id}/${s.id}`).toBe(true);
        expect(s.requires_approval, `${r.id}/${s.id}`).toBe(true);
      }
      for (const s of r.steps.filter((x) => x.action === 'verify_resolution')) expect(s.expected.threshold, `${r.id}/${s.id}`).toBeDefined();
    }
  });

  it('GPU and inference runbooks query the DCGM and vLLM metrics the packs collect', () => {
    const text = (id: string): string => JSON.stringify(loaded.runbooks.find((r) => r.runbook.id === id)?.runbook.steps ?? []);
    expect(text('gpu-xid-unhealthy-node')).toContain('DCGM_FI_DEV_XID_ERRORS');
    expect(text('gpu-thermal-throttling')).toContain('DCGM_FI_DEV_GPU_TEMP');
    expect(text('gpu-thermal-throttling')).toContain('DCGM_FI_DEV_CLOCKS_EVENT_REASONS');
    expect(text('kv-cache-saturation')).toContain('vllm:kv_cache_usage_perc');
    expect(text('kv-cache-saturation')).toContain('vllm:num_requests_waiting');
  });
});
