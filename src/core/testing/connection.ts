/** For client tests: a Connection as the connections store would hand it over. */
import { ConnectionInput, type Connection, type ConnectionInput as Input } from '../../shared/connections';

export function testConnection(input: Omit<Input, 'name'> & { name?: string }): Connection {
  return { ...ConnectionInput.parse({ name: 'test', ...input }), id: 'c1', createdAt: 0 };
}
