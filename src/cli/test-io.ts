/** A CliIo that records output, for tests. */
import type { CliIo } from './io';

export interface TestIo extends CliIo {
  stdout: string;
  stderr: string;
}

export function testIo(env: Record<string, string | undefined> = {}, extra: Partial<CliIo> = {}): TestIo {
  const io: TestIo = {
    stdout: '',
    stderr: '',
    env,
    out: (t) => void (io.stdout += t),
    err: (t) => void (io.stderr += t),
    ...extra,
  };
  return io;
}
