/** A two-column list of labelled values; rows whose value is missing are left out. */
import type { ReactNode } from 'react';

export type FieldRow = readonly [label: string, value: ReactNode | null | undefined];

export function Fields(props: { rows: readonly FieldRow[] }) {
  const rows = props.rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (rows.length === 0) return null;
  return (
    <dl className="fields">
      {rows.map(([label, value]) => (
        <div className="field" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A block of monospace text (log bodies, previews, errors), wrapped, selectable. */
export function Mono(props: { children: ReactNode; tone?: 'error' | 'warn' }) {
  return <pre className={`mono-block${props.tone ? ` tone-text-${props.tone}` : ''}`}>{props.children}</pre>;
}

export function Section(props: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3>{props.title}</h3>
      {props.children}
    </section>
  );
}
