/**
 * The shape of a model's answer: a bounded JSON schema (every string has maxLength and every
 * array maxItems, or a small model runs into its token limit mid-string) and the zod parser that
 * checks it. Local models are held to it by a grammar; remote answers are validated.
 * The order of `hypotheses` is the model's ranking.
 */
import { z } from 'zod';
import { HypothesisCategory } from '../../shared/hypotheses';
import type { JsonSchema } from './client';

export interface OutputLimits {
  summaryChars: number;
  hypotheses: number;
  titleChars: number;
  entities: number;
  entityChars: number;
  claims: number;
  claimChars: number;
  citations: number;
  idChars: number;
}

export const DEFAULT_LIMITS: OutputLimits = {
  summaryChars: 400,
  hypotheses: 5,
  titleChars: 100,
  entities: 3,
  entityChars: 64,
  claims: 2,
  claimChars: 200,
  citations: 3,
  idChars: 40,
};

/** The id a model gives a hypothesis it adds. */
export const NEW_HYPOTHESIS = 'new';

export interface SchemaChoices {
  /** Ids of the hypotheses sent, and of the evidence sent (a grammar can hold the model to them). */
  hypothesisIds?: readonly string[];
  evidenceIds?: readonly string[];
  runbooks: readonly string[];
}

const str = (maxLength: number): JsonSchema => ({ type: 'string', maxLength });
const oneOfOrString = (values: readonly string[] | undefined, maxLength: number): JsonSchema =>
  values && values.length > 0 ? { enum: [...values] } : str(maxLength);

/** The JSON schema of an answer; with `evidenceIds` the grammar can only cite evidence that was sent. */
export function outputJsonSchema(choices: SchemaChoices, limits: OutputLimits = DEFAULT_LIMITS): JsonSchema {
  return {
    type: 'object',
    properties: {
      summary: str(limits.summaryChars),
      hypotheses: {
        type: 'array',
        maxItems: limits.hypotheses,
        items: {
          type: 'object',
          properties: {
            id: oneOfOrString(choices.hypothesisIds ? [...choices.hypothesisIds, NEW_HYPOTHESIS] : undefined, limits.idChars),
            title: str(limits.titleChars),
            category: { enum: [...HypothesisCategory.options] },
            entities: { type: 'array', maxItems: limits.entities, items: str(limits.entityChars) },
            confidence: { type: 'number' },
            claims: {
              type: 'array',
              maxItems: limits.claims,
              items: {
                type: 'object',
                properties: {
                  text: str(limits.claimChars),
                  evidence: { type: 'array', minItems: 1, maxItems: limits.citations, items: oneOfOrString(choices.evidenceIds, limits.idChars) },
                },
                required: ['text', 'evidence'],
                additionalProperties: false,
              },
            },
            runbook: { oneOf: [{ enum: [...choices.runbooks] }, { type: 'null' }] },
          },
          required: ['id', 'title', 'category', 'entities', 'confidence', 'claims', 'runbook'],
          additionalProperties: false,
        },
      },
    },
    required: ['summary', 'hypotheses'],
    additionalProperties: false,
  };
}

/**
 * The parser for answers. It is looser than the schema on purpose (remote models are not held to
 * a grammar): lengths are cut rather than refused, unknown ids and runbooks are kept so that
 * grounding can drop them and say why.
 */
const text = (max: number) => z.string().transform((s) => s.slice(0, max));
export const ModelClaim = z.object({ text: text(2048), evidence: z.array(z.string().max(256)).max(32).default([]) });
export const ModelHypothesis = z.object({
  id: z.string().max(256),
  title: text(256),
  category: HypothesisCategory,
  entities: z.array(z.string().max(512)).max(32).default([]),
  confidence: z.number().finite(),
  claims: z.array(ModelClaim).max(32).default([]),
  runbook: z.string().max(256).nullable().default(null),
});
export type ModelHypothesis = z.infer<typeof ModelHypothesis>;
export const ModelAnswer = z.object({ summary: text(4096), hypotheses: z.array(ModelHypothesis).max(50) });
export type ModelAnswer = z.infer<typeof ModelAnswer>;

export type ParsedAnswer = { ok: true; answer: ModelAnswer } | { ok: false; message: string };

/** Parses a model's text (tolerating a ```json fence around it). */
export function parseAnswer(raw: string): ParsedAnswer {
  const trimmed = raw.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ok: false, message: `the model's answer is not JSON (starts with ${JSON.stringify(trimmed.slice(0, 60))})` };
  }
  const parsed = ModelAnswer.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: `the model's answer does not match the schema: ${first ? `${first.path.join('.') || 'answer'}: ${first.message}` : 'invalid'}` };
  }
  return { ok: true, answer: parsed.data };
}

/** Characters of the longest answer within the limits. */
export function maxOutputChars(limits: OutputLimits = DEFAULT_LIMITS): number {
  const claim = limits.claimChars + limits.citations * (limits.idChars + 4) + 30;
  const hyp = limits.idChars + limits.titleChars + limits.entities * (limits.entityChars + 4) + limits.claims * claim + 120;
  return limits.summaryChars + limits.hypotheses * hyp + 40;
}

/** Tokens to allow for an answer: one per character, the worst case (a model is capped by its context too). */
export function maxOutputTokens(limits: OutputLimits = DEFAULT_LIMITS): number {
  return maxOutputChars(limits);
}

/** Tokens a full-length answer takes from a real model (about three characters a token). */
export function typicalOutputTokens(limits: OutputLimits = DEFAULT_LIMITS): number {
  return Math.ceil(maxOutputChars(limits) / 3);
}

/** No answer asks for more than this (some hosted models refuse larger max_tokens). */
export const MAX_ANSWER_TOKENS = 4096;
