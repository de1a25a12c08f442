/** A CoreContext over a real in-memory store, recording pushes (for this folder's tests). */
import type { PushEvent } from '../../../shared/contract';
import type { CoreContext } from '../../app/context';
import { openStore } from '../../store/store';

export function testContext(dataDir: string | null = null): CoreContext & { pushes: [PushEvent, unknown][] } {
  const pushes: [PushEvent, unknown][] = [];
  return {
    store: openStore(':memory:'),
    host: 'test',
    version: 'test',
    readOnly: false,
    dataDir,
    emit: (event, payload) => pushes.push([event, payload]),
    log: () => undefined,
    pushes,
  };
}
