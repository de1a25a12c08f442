/**
 * Server-sent events, as OpenAI-compatible servers stream chat completions: lines of
 * `data: …` separated by blank lines. Fed raw chunks; yields each event's data.
 */
export function createSseParser(onData: (data: string) => void): { push(chunk: string): void; end(): void } {
  let buf = '';
  let data: string[] = [];
  const line = (l: string): void => {
    if (l === '') {
      if (data.length > 0) onData(data.join('\n'));
      data = [];
      return;
    }
    if (l.startsWith(':')) return; // comment / keep-alive
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
  };
  return {
    push(chunk) {
      buf += chunk;
      let i: number;
      while ((i = buf.search(/\r\n|\r|\n/)) >= 0) {
        const sep = buf.startsWith('\r\n', i) ? 2 : 1;
        line(buf.slice(0, i));
        buf = buf.slice(i + sep);
      }
    },
    end() {
      if (buf.length > 0) line(buf);
      buf = '';
      line('');
    },
  };
}
