// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUi } from '../state/ui';
import { actionForKey, handleKeyDown, isTypingTarget, SHORTCUTS } from './shortcuts';
import { resetUi } from './testUtils';

const key = (k: string, extra: Partial<KeyboardEventInit> = {}) =>
  new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra });

function press(target: EventTarget, k: string, extra: Partial<KeyboardEventInit> = {}): KeyboardEvent {
  const e = key(k, extra);
  target.addEventListener('keydown', (ev) => handleKeyDown(ev as KeyboardEvent), { once: true });
  target.dispatchEvent(e);
  return e;
}

beforeEach(() => {
  resetUi();
  document.body.innerHTML = '';
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('shortcuts', () => {
  it('maps keys to actions, with shift for far pans', () => {
    const t = document.body;
    const k = (key: string, shiftKey = false) => actionForKey({ key, shiftKey, ctrlKey: false, metaKey: false, altKey: false, target: t });
    expect(k('+')).toBe('zoomIn');
    expect(k('=')).toBe('zoomIn');
    expect(k('-')).toBe('zoomOut');
    expect(k('0')).toBe('zoomReset');
    expect(k('ArrowLeft')).toBe('panLeft');
    expect(k('ArrowRight', true)).toBe('panRightFar');
    expect(k(']')).toBe('nextEvent');
    expect(k('[')).toBe('prevEvent');
    expect(k('t')).toBe('toggleTheme');
    expect(k('?')).toBe('toggleHelp');
    expect(k('l')).toBe('focusLogs');
    expect(k('Backspace')).toBe('back');
    expect(k('x')).toBeNull();
    expect(actionForKey({ key: 't', shiftKey: false, ctrlKey: true, metaKey: false, altKey: false, target: t })).toBeNull();
  });

  it('ignores keys typed into text fields, but not on checkboxes', () => {
    const text = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    const area = document.createElement('textarea');
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(area)).toBe(true);
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);

    document.body.append(text);
    const before = useUi.getState().theme;
    const e = press(text, 't');
    expect(useUi.getState().theme).toBe(before);
    expect(e.defaultPrevented).toBe(false);
    useUi.getState().openIncident('i', { from: 0, to: 10_000 });
    press(text, 'Backspace');
    expect(useUi.getState().incidentId).toBe('i');
  });

  it('Esc in a text field leaves the field', () => {
    const text = document.createElement('input');
    document.body.append(text);
    text.focus();
    expect(document.activeElement).toBe(text);
    press(text, 'Escape');
    expect(document.activeElement).not.toBe(text);
  });

  it('toggles theme and help; Esc closes help first, then clears the brush', () => {
    press(document.body, 't');
    expect(useUi.getState().theme).toBe('light');
    useUi.getState().openIncident('i', { from: 0, to: 100_000 });
    useUi.getState().setBrush({ from: 10, to: 20_000 });
    press(document.body, '?');
    expect(useUi.getState().helpOpen).toBe(true);
    press(document.body, 'Escape');
    expect(useUi.getState().helpOpen).toBe(false);
    expect(useUi.getState().brush).not.toBeNull();
    press(document.body, 'Escape');
    expect(useUi.getState().brush).toBeNull();
  });

  it('zooms and pans the open incident, and Backspace goes back', () => {
    useUi.getState().openIncident('i', { from: 100_000, to: 200_000 });
    const e = press(document.body, '+');
    expect(e.defaultPrevented).toBe(true);
    const zoomed = useUi.getState().view!;
    expect(zoomed.to - zoomed.from).toBe(50_000);
    press(document.body, 'ArrowRight');
    expect(useUi.getState().view!.from).toBe(zoomed.from + 5_000);
    press(document.body, '0');
    expect(useUi.getState().view).toEqual({ from: 100_000, to: 200_000 });
    press(document.body, 'Backspace');
    expect(useUi.getState().incidentId).toBeNull();
  });

  it('view keys do nothing on the incident list (and do not swallow the key)', () => {
    const e = press(document.body, '+');
    expect(e.defaultPrevented).toBe(false);
    expect(useUi.getState().view).toBeNull();
  });

  it('focuses the logs filter with l', () => {
    const filter = document.createElement('input');
    filter.id = 'logs-filter';
    document.body.append(filter);
    const e = press(document.body, 'l');
    expect(document.activeElement).toBe(filter);
    expect(e.defaultPrevented).toBe(true);
  });

  it('documents every action in the help table', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    for (const k of ['+', '-', '0', '←', '→', ']', '[', 'Esc', 'l', 't', '?', 'Backspace']) expect(keys).toContain(k);
  });
});
