/** Refusals and policy violations of LLM calls: finish reasons, error types, refusal phrases, policy attributes. */

const REFUSAL_FINISH = new Set(['refusal', 'refused']);
const POLICY_FINISH = new Set(['content_filter', 'content_filtered', 'safety', 'blocked', 'prohibited_content', 'spii', 'blocklist', 'guardrail_intervened']);
const REFUSAL_TEXT =
  /\b(?:i['’]?m sorry|i am sorry|i apologi[sz]e|unfortunately),? (?:but )?i (?:can(?:not|['’]t)|am unable to|won['’]t|must decline)|\bi can(?:not|['’]t) (?:help|assist|comply|provide|do that)|\bas an ai(?: language model)?,? i\b|\bi['’]?m (?:not able|unable) to (?:help|assist|comply)|\bi must (?:decline|refuse)/i;
const POLICY_TEXT = /content[ _-]?filter|policy[ _-]?violation|safety[ _-]?(?:block|filter|violation)|moderation|guardrail|responsible ?ai ?policy/i;

export function isRefusal(finishReason: string | null, outputPreview: string | null): boolean {
  if (finishReason !== null && REFUSAL_FINISH.has(finishReason.toLowerCase())) return true;
  return outputPreview !== null && REFUSAL_TEXT.test(outputPreview.slice(0, 400));
}

export function isPolicyViolation(finishReason: string | null, errorType: string | null, attrsJson: string | null): boolean {
  if (finishReason !== null && POLICY_FINISH.has(finishReason.toLowerCase())) return true;
  if (errorType !== null && POLICY_TEXT.test(errorType)) return true;
  if (attrsJson === null) return false;
  let attrs: unknown;
  try {
    attrs = JSON.parse(attrsJson);
  } catch {
    return false;
  }
  if (typeof attrs !== 'object' || attrs === null) return false;
  for (const [k, v] of Object.entries(attrs as Record<string, unknown>)) {
    if (!/policy|guardrail|moderation|safety|content_filter/i.test(k)) continue;
    if (v === true || v === 1) return true;
    if (typeof v === 'string' && /violat|block|flag|denied|refus|intervened|true/i.test(v)) return true;
  }
  return false;
}
