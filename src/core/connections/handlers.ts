/** Contract handlers of the Connections feature: check the role, call the service, map errors. */
import type { connectionChannels } from '../../shared/contract-connections';
import { ContractFailure, type ErrorCode } from '../../shared/envelope';
import type { CoreContext, CoreModule } from '../app/context';
import type { Handler, SenderInfo } from '../contract/handlers';
import { ConnectionError, connectionServiceFor, type ConnectionErrorCode } from './service';
import { VaultFileError } from './storage';
import { VaultError, type VaultErrorCode } from './vault';

export type ConnectionHandlers = { [C in keyof typeof connectionChannels]: Handler<C> };

function vaultCode(code: VaultErrorCode): ErrorCode {
  switch (code) {
    case 'locked':
    case 'wrong_passphrase':
      return 'unauthorized';
    case 'already_initialised':
      return 'forbidden';
    case 'weak_passphrase':
      return 'bad_input';
    case 'damaged':
      return 'internal';
  }
}

function connectionCode(code: ConnectionErrorCode): ErrorCode {
  switch (code) {
    case 'not_found':
      return 'not_found';
    case 'duplicate':
    case 'invalid':
      return 'bad_input';
    case 'tampered':
      return 'internal';
  }
}

/** Expected failures become contract errors with their message; anything else stays internal. */
async function mapped<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof VaultError) throw new ContractFailure(vaultCode(err.code), err.message);
    if (err instanceof ConnectionError) throw new ContractFailure(connectionCode(err.code), err.message);
    if (err instanceof VaultFileError) throw new ContractFailure('internal', err.message);
    throw err;
  }
}

function operatorOnly(sender: SenderInfo): void {
  if (sender.role === 'viewer') throw new ContractFailure('forbidden', 'Viewers cannot change connections or the vault');
}

export function createConnectionsModule(ctx: CoreContext): CoreModule<ConnectionHandlers> {
  const service = () => connectionServiceFor(ctx);
  return {
    handlers: {
      'connections.list': () => mapped(() => service().list()),
      'connections.add': (input, sender) => {
        operatorOnly(sender);
        return mapped(() => service().add(input));
      },
      'connections.remove': ({ id }, sender) => {
        operatorOnly(sender);
        return mapped(() => ({ removed: service().remove(id) }));
      },
      'connections.test': ({ id }, sender) => {
        operatorOnly(sender);
        return mapped(() => service().test(id));
      },
      'vault.status': () => mapped(() => service().vault.status()),
      'vault.unlock': ({ passphrase }, sender) => {
        operatorOnly(sender);
        return mapped(() => service().vault.unlock(passphrase));
      },
      'vault.init': ({ passphrase }, sender) => {
        operatorOnly(sender);
        return mapped(() => service().vault.init(passphrase));
      },
    },
  };
}
