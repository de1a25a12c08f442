/**
 * Always mounted in the commander's window: keeps the presentation flag (zustand, <html> class)
 * in step with the core, installs the toggle the `p` key runs, and shows the settings dialog.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { PresentationState } from '../../../shared/contract-presentation';
import { useUi } from '../../state/ui';
import { describeError } from '../ErrorBanner';
import { PresentationSettingsDialog } from './PresentationSettingsDialog';
import { presentationKey, usePresentation, useSetPresentation } from './queries';
import { usePresentationUi } from './state';
import './presentation.css';

/** Mirrors the core's mode into the UI store and onto <html> (the CSS and the canvas read it). */
export function usePresentationSync(): PresentationState | undefined {
  const state = usePresentation().data;
  const on = state?.on ?? false;
  useEffect(() => {
    useUi.getState().setPresenting(on);
    document.documentElement.classList.toggle('presenting', on);
  }, [on]);
  useEffect(() => () => document.documentElement.classList.remove('presenting'), []);
  return state;
}

export function PresentationLayer() {
  usePresentationSync();
  const client = useQueryClient();
  const set = useSetPresentation();
  const open = usePresentationUi((s) => s.settingsOpen);
  const setOpen = usePresentationUi((s) => s.setSettingsOpen);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useRef(false);
  const mutate = useRef(set.mutate);
  mutate.current = set.mutate;

  useEffect(() => {
    const toggle = (): void => {
      if (pending.current) return;
      const current = client.getQueryData<PresentationState>(presentationKey)?.on ?? useUi.getState().presenting;
      pending.current = true;
      setProblem(null);
      mutate.current(
        { on: !current },
        {
          onError: (err) => setProblem(describeError(err)),
          onSettled: () => {
            pending.current = false;
          },
        },
      );
    };
    usePresentationUi.getState().setToggle(toggle);
    return () => usePresentationUi.getState().setToggle(null);
  }, [client]);

  return (
    <>
      {problem ? (
        <div className="presentation-problem banner banner-error" role="alert" data-testid="presentation-problem">
          <span className="banner-text">Presentation mode could not be switched: {problem}</span>
          <button type="button" className="btn" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {open ? <PresentationSettingsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
