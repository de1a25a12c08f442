/** Every route the local receiver serves (one listener: OTLP/HTTP, alert webhooks…). */
import type { CoreContext } from '../app/context';
import { alertWebhookRoutes } from '../connectors/alerts/routes';
import { otlpRoutes } from '../otlp/routes';
import type { ReceiverRoute } from './types';

export function receiverRoutes(ctx: CoreContext): ReceiverRoute[] {
  return [
    ...otlpRoutes(ctx),
    ...alertWebhookRoutes(ctx),
  // more routes: appended by other features
  ];
}
