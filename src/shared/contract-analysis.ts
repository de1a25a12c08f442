/**
 * Contract channels of root-cause analysis (declared here, spread into ../contract.ts): run the
 * deterministic engine over an incident's window, read the latest result, and record the
 * commander's verdict on a hypothesis (accepted or rejected, with why).
 */
import { z } from 'zod';
import { AnalysisResult } from './hypotheses';

const IncidentId = z.string().min(1).max(128);

export const analysisChannels = {
  /** Runs the engine over the incident's window and stores the result. */
  'analysis.run': { input: z.object({ incidentId: IncidentId }).strict(), output: AnalysisResult },
  /** The most recent stored result for the incident, or null when none was run yet. */
  'analysis.latest': { input: z.object({ incidentId: IncidentId }).strict(), output: AnalysisResult.nullable() },
  /** The commander accepts or rejects a hypothesis (rejected ones are kept, with the reason). */
  'analysis.decide': {
    input: z
      .object({
        analysisId: z.string().min(1).max(64),
        hypothesisId: z.string().min(1).max(64),
        decision: z.enum(['accepted', 'rejected', 'proposed']),
        reason: z.string().max(1024).nullable(),
      })
      .strict()
      .refine((i) => i.decision !== 'rejected' || (i.reason !== null && i.reason.trim() !== ''), {
        message: 'say why a hypothesis is rejected',
        path: ['reason'],
      }),
    output: AnalysisResult,
  },
} as const;
