/**
 * Every importable format, in detection order: the first whose `detect` claims a file parses it.
 * Sitrep's own format first (it has a version key no other format carries), then the sources.
 *
 * WIRED: sitrep, otlp (traces/logs/metrics, Langfuse/GenAI), prometheus (exposition, OpenMetrics,
 * API JSON), alerts, loki, datadog, kubernetes, argocd, github. A new family: one import and one
 * spread below, before any format whose `detect` would also claim its files.
 */
import { alertFormats } from '../../connectors/alerts/formats';
import { argocdFormats } from '../../connectors/argocd/formats';
import { datadogFormats } from '../../connectors/datadog/formats';
import { githubFormats } from '../../connectors/github/formats';
import { kubernetesFormats } from '../../connectors/kubernetes/formats';
import { lokiFormats } from '../../connectors/loki/formats';
import { prometheusFormats } from '../../connectors/prometheus/formats';
import { otlpFormats } from '../../otlp/formats';
import { sitrepFormats } from './sitrep';
import type { ImportFormat } from './types';

export const importFormats: readonly ImportFormat[] = [
  ...sitrepFormats,
  ...otlpFormats,
  ...prometheusFormats,
  ...alertFormats,
  ...lokiFormats,
  ...datadogFormats,
  ...kubernetesFormats,
  ...argocdFormats,
  ...githubFormats,
];
