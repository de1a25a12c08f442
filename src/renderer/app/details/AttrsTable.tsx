/** Key/value table for attributes and labels, sorted by key. */
import type { AttrValue } from '../../../shared/events';

function show(v: AttrValue): string {
  if (v === null) return 'null';
  return typeof v === 'string' ? v : String(v);
}

export function AttrsTable(props: { attrs: Readonly<Record<string, AttrValue>> | undefined; caption: string }) {
  const entries = Object.entries(props.attrs ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <table className="attrs">
      <caption>{props.caption}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{show(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
