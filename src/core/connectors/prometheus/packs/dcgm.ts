/** NVIDIA dcgm-exporter (names as in its default-counters.csv and real scrapes). */
import type { MetricPack } from './types';

export const dcgmPack: MetricPack = {
  id: 'dcgm',
  label: 'NVIDIA GPUs (dcgm-exporter)',
  queries: [
    { id: 'dcgm.gpu_util', promql: 'DCGM_FI_DEV_GPU_UTIL', name: 'DCGM_FI_DEV_GPU_UTIL', lane: 'gpu', unit: '%', value: 'dcgm' },
    { id: 'dcgm.fb_used', promql: 'DCGM_FI_DEV_FB_USED', name: 'DCGM_FI_DEV_FB_USED', lane: 'gpu', unit: 'MiB', value: 'dcgm' },
    { id: 'dcgm.fb_free', promql: 'DCGM_FI_DEV_FB_FREE', name: 'DCGM_FI_DEV_FB_FREE', lane: 'gpu', unit: 'MiB', value: 'dcgm' },
    { id: 'dcgm.gpu_temp', promql: 'DCGM_FI_DEV_GPU_TEMP', name: 'DCGM_FI_DEV_GPU_TEMP', lane: 'gpu', unit: '°C', value: 'dcgm' },
    { id: 'dcgm.power', promql: 'DCGM_FI_DEV_POWER_USAGE', name: 'DCGM_FI_DEV_POWER_USAGE', lane: 'gpu', unit: 'W', value: 'dcgm' },
    { id: 'dcgm.sm_clock', promql: 'DCGM_FI_DEV_SM_CLOCK', name: 'DCGM_FI_DEV_SM_CLOCK', lane: 'gpu', unit: 'MHz', value: 'dcgm' },
    {
      // Renamed in DCGM 3.2 (CLOCK_THROTTLE_REASONS → CLOCKS_EVENT_REASONS): both, stored under the old, widely deployed name.
      id: 'dcgm.clock_events',
      promql: '{__name__=~"DCGM_FI_DEV_CLOCK_THROTTLE_REASONS|DCGM_FI_DEV_CLOCKS_EVENT_REASONS"}',
      name: 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS',
      lane: 'gpu',
      unit: 'bitmask',
      value: 'bitmask',
    },
    { id: 'dcgm.xid', promql: 'DCGM_FI_DEV_XID_ERRORS', name: 'DCGM_FI_DEV_XID_ERRORS', lane: 'gpu', value: 'xid' },
  ],
};
