// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostmortemSection } from '../../../shared/postmortem';
import { SectionEditor } from './SectionEditor';

afterEach(cleanup);

const section = (extra: Partial<PostmortemSection> = {}): PostmortemSection => ({
  key: 'summary',
  title: 'Summary',
  generated: 'Drafted text.',
  edited: null,
  editedBy: null,
  editedAt: null,
  generatedChanged: false,
  ...extra,
});

describe('a postmortem section', () => {
  it('saves on leaving the field, only when the text changed', () => {
    const onSave = vi.fn();
    render(<SectionEditor section={section()} state={null} readOnly={false} onSave={onSave} />);
    const field = screen.getByTestId('pm-text-summary');
    fireEvent.focus(field);
    fireEvent.blur(field);
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'Our words.' } });
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledWith('Our words.');
  });

  it('saves on Ctrl+Enter and on Cmd+Enter, not on a plain Enter', () => {
    const onSave = vi.fn();
    render(<SectionEditor section={section()} state={null} readOnly={false} onSave={onSave} />);
    const field = screen.getByTestId('pm-text-summary');
    fireEvent.change(field, { target: { value: 'Line one' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(field, { key: 'Enter', metaKey: true });
    expect(onSave.mock.calls).toEqual([['Line one'], ['Line one']]);
  });

  it('shows who edited it, goes back to the generated text on request, and warns when the data under the edit changed', () => {
    const onSave = vi.fn();
    render(<SectionEditor section={section({ edited: 'Ours.', editedBy: 'ana', editedAt: Date.UTC(2026, 2, 14, 4, 0), generatedChanged: true })} state={{ kind: 'saved', note: 'journal #4' }} readOnly={false} onSave={onSave} />);
    expect(screen.getByTestId('pm-text-summary')).toHaveProperty('value', 'Ours.');
    expect(screen.getByTestId('pm-edited-summary').textContent).toBe('edited by ana, 2026-03-14 04:00:00 UTC');
    expect(screen.getByTestId('pm-state-summary').textContent).toBe('Saved · journal #4');
    expect(screen.getByText(/The data changed since this section was edited/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show the new draft' }));
    expect(screen.getByText('Drafted text.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to generated' }));
    expect(onSave).toHaveBeenCalledWith(null);
  });

  it('new text from the core replaces the field, unless the field is being edited', () => {
    const { rerender } = render(<SectionEditor section={section()} state={null} readOnly={false} onSave={() => undefined} />);
    const field = screen.getByTestId('pm-text-summary');
    rerender(<SectionEditor section={section({ generated: 'Regenerated.' })} state={null} readOnly={false} onSave={() => undefined} />);
    expect(field).toHaveProperty('value', 'Regenerated.');
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'typing…' } });
    rerender(<SectionEditor section={section({ generated: 'Again.' })} state={null} readOnly={false} onSave={() => undefined} />);
    expect(field).toHaveProperty('value', 'typing…');
  });

  it('a read-only store shows the text without a way to change it', () => {
    render(<SectionEditor section={section({ edited: 'Ours.', editedBy: 'ana', editedAt: 1 })} state={{ kind: 'error', message: 'read-only' }} readOnly onSave={() => undefined} />);
    expect(screen.getByTestId('pm-text-summary')).toHaveProperty('readOnly', true);
    expect(screen.queryByRole('button', { name: 'Back to generated' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Not saved: read-only');
  });
});
