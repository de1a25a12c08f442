// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useUi } from '../state/ui';
import { runAppCommand } from './appCommands';
import { useBundleUi } from './bundle/state';
import { usePostmortemUi } from './postmortem/state';
import { resetUi } from './testUtils';

afterEach(() => {
  resetUi();
  useBundleUi.setState({ openDialog: false, exportFor: null, journalFor: null, dropped: null });
});

describe('the desktop menu commands', () => {
  it('open the bundle dialog; export the open incident, and only when one is open', () => {
    expect(runAppCommand('bundle.open')).toBe(true);
    expect(useBundleUi.getState().openDialog).toBe(true);
    expect(runAppCommand('bundle.export')).toBe(false);
    expect(useBundleUi.getState().exportFor).toBeNull();
    useUi.getState().openIncident('INC-1', { from: 0, to: 60_000 });
    expect(runAppCommand('bundle.export')).toBe(true);
    expect(useBundleUi.getState().exportFor).toBe('INC-1');
  });

  it('the postmortem and the help do what their keys do', () => {
    expect(runAppCommand('postmortem')).toBe(false);
    useUi.getState().openIncident('INC-1', { from: 0, to: 60_000 });
    expect(runAppCommand('postmortem')).toBe(true);
    expect(usePostmortemUi.getState().openFor).toBe('INC-1');
    usePostmortemUi.setState({ openFor: null });
    expect(runAppCommand('help')).toBe(true);
    expect(useUi.getState().helpOpen).toBe(true);
  });
});
