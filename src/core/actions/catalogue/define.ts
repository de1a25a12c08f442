/** Builds an ActionDefinition from typed parts: params and target are parsed before anything is rendered. */
import type { z } from 'zod';
import { Target, type TargetByKind } from './targets';
import type { ActionDefinition, Check, ParamIssue, RenderedRequest, RenderOptions, RenderResult, TargetKind } from './types';

export interface Rendered {
  requests: readonly RenderedRequest[];
  preconditions: readonly Check[];
  verification: readonly Check[];
}

export interface ActionSpec<S extends z.ZodObject, K extends TargetKind> extends Omit<ActionDefinition, 'params' | 'targetKind' | 'checkParams' | 'renderRequest'> {
  targetKind: K;
  params: S;
  /** Checks across fields, on parsed params. */
  check?: (p: z.infer<S>) => ParamIssue[];
  render: (p: z.infer<S>, t: TargetByKind[K], o: { dryRun: boolean; now: number }) => Rendered;
}

export function issuesOf(err: z.ZodError, prefix: readonly (string | number)[] = []): ParamIssue[] {
  return err.issues.flatMap((i) => {
    const path = [...prefix, ...i.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...path, k], message: 'unknown field' }));
    return [{ path, message: i.message }];
  });
}

export function defineAction<S extends z.ZodObject, K extends TargetKind>(spec: ActionSpec<S, K>): ActionDefinition {
  const { check, render, ...rest } = spec;
  const checkParams = (raw: unknown): ParamIssue[] => {
    const p = spec.params.safeParse(raw);
    if (!p.success) return issuesOf(p.error);
    return check ? check(p.data) : [];
  };
  const renderRequest = (rawParams: unknown, rawTarget: unknown, options: RenderOptions = {}): RenderResult => {
    const p = spec.params.safeParse(rawParams);
    if (!p.success) return { ok: false, issues: issuesOf(p.error) };
    const cross = check ? check(p.data) : [];
    if (cross.length > 0) return { ok: false, issues: cross };
    const t = Target.safeParse(rawTarget);
    if (!t.success) return { ok: false, issues: issuesOf(t.error, ['target']) };
    if (t.data.kind !== spec.targetKind) return { ok: false, issues: [{ path: ['target', 'kind'], message: `${spec.id} needs a ${spec.targetKind} target, not ${t.data.kind}` }] };
    if (options.dryRun === true && !spec.dryRun) return { ok: false, issues: [{ path: [], message: `${spec.id}: the target API has no dry run` }] };
    const now = options.now ?? Date.now();
    try {
      return { ok: true, ...render(p.data, t.data as TargetByKind[K], { dryRun: options.dryRun === true, now }) };
    } catch (e) {
      if (e instanceof RenderRefusal) return { ok: false, issues: [{ path: e.path, message: e.message }] };
      throw e;
    }
  };
  return { ...rest, checkParams, renderRequest };
}

/** Thrown by a renderer when the target and params together cannot make a request (e.g. a bad template). */
export class RenderRefusal extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
  ) {
    super(message);
  }
}
