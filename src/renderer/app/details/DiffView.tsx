/** A unified diff with +/- colouring. Text only: the diff is never interpreted as markup. */

export function lineKind(line: string): 'add' | 'del' | 'hunk' | 'meta' | 'ctx' {
  if (line.startsWith('+++') || line.startsWith('---')) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'ctx';
}

export function DiffView(props: { diff: string }) {
  const lines = props.diff.replace(/\r\n/g, '\n').split('\n');
  return (
    <pre className="diff" aria-label="Diff">
      {lines.map((line, i) => (
        <span key={i} className={`diff-line diff-${lineKind(line)}`}>
          {line === '' ? ' ' : line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
