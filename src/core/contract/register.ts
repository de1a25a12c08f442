/**
 * THE registration loop: both hosts (Electron IPC, the browser host) and the tests serve the
 * contract through this one function, over a seam shaped like ipcMain.handle.
 */
import { CHANNELS, type Channel } from '../../shared/contract';
import type { Envelope } from '../../shared/envelope';
import type { Dispatch } from './dispatcher';
import type { SenderInfo } from './handlers';

export type SeamHandler = (raw: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>;

export interface ContractSeam {
  handle(channel: Channel, fn: SeamHandler): void;
}

export function registerContract(seam: ContractSeam, dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    seam.handle(channel, (raw, sender) => dispatch(channel, raw, sender));
  }
}
