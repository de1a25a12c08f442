/** Copies a value to the clipboard (async clipboard API, with a selection fallback for locked-down hosts). */
import { useState } from 'react';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through: the desktop host denies permissions by default.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  try {
    document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export function CopyButton(props: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = () => {
    copyText(props.text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="btn btn-small" onClick={onClick} aria-label={`Copy ${props.label ?? 'value'}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/**
 * An external address shown as text with a copy button, never as a link: the desktop host
 * denies navigation, and an incident commander should see exactly where a link points.
 */
export function ExternalRef(props: { url: string }) {
  return (
    <span className="external-ref">
      <code className="wrap-anywhere">{props.url}</code> <CopyButton text={props.url} label="link" />
    </span>
  );
}
