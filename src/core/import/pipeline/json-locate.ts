/**
 * Where a JSON text stops being valid (V8's JSON.parse messages do not always carry a position):
 * an iterative scanner over the grammar, no recursion, no allocation per value. Returns the
 * UTF-16 index of the first offending character (text.length for a premature end), or -1.
 */
const WS = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function jsonErrorIndex(text: string): number {
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  let i = 0;
  // expect: 'value' | 'key' | 'after' (after a value: , ] } or end)
  let expect: 'value' | 'key' | 'after' | 'colon' = 'value';
  let first = false; // just after [ or {: the closing bracket is allowed
  const skip = (): void => {
    while (i < text.length && WS(text.charCodeAt(i))) i++;
  };
  for (;;) {
    skip();
    if (i >= text.length) return expect === 'after' && stack.length === 0 ? -1 : text.length;
    const c = text.charCodeAt(i);
    if (expect === 'after') {
      if (stack.length === 0) return i;
      const top = stack[stack.length - 1];
      if (c === 0x2c) {
        i++;
        expect = top === 0x7b ? 'key' : 'value';
        first = false;
      } else if ((c === 0x5d && top === 0x5b) || (c === 0x7d && top === 0x7b)) {
        i++;
        stack.pop();
      } else return i;
      continue;
    }
    if (expect === 'colon') {
      if (c !== 0x3a) return i;
      i++;
      expect = 'value';
      continue;
    }
    if (first && ((c === 0x5d && stack[stack.length - 1] === 0x5b) || (c === 0x7d && stack[stack.length - 1] === 0x7b))) {
      i++;
      stack.pop();
      first = false;
      expect = 'after';
      continue;
    }
    first = false;
    if (expect === 'key') {
      STRING.lastIndex = i;
      if (!STRING.test(text)) return i;
      i = STRING.lastIndex;
      expect = 'colon';
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      stack.push(c);
      i++;
      first = true;
      expect = c === 0x7b ? 'key' : 'value';
      continue;
    }
    const re = c === 0x22 ? STRING : NUMBER;
    if (c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      re.lastIndex = i;
      if (!re.test(text)) return i;
      i = re.lastIndex;
    } else {
      const word = text.startsWith('true', i) ? 4 : text.startsWith('null', i) ? 4 : text.startsWith('false', i) ? 5 : 0;
      if (word === 0) return i;
      i += word;
    }
    expect = 'after';
  }
}
