import type { EventKind } from '../../../shared/events';

export const KIND_LABEL: Record<EventKind, string> = {
  llm_call: 'LLM call',
  agent_action: 'Tool call',
  span: 'Span',
  log: 'Log',
  alert: 'Alert',
  change: 'Change',
};
