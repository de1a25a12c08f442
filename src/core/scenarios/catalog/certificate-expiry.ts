/** The internal TLS certificate of the orders API expires (its renewal failed earlier): every caller fails the handshake. */
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { MIN } from '../world';
import { herringDeploy, minutes, svcRefs } from './common';

export const certificateExpiry: ScenarioDef = {
  id: 'certificate-expiry',
  title: 'Certificate expiry: callers of the orders API fail the TLS handshake',
  build(w, rng) {
    const svc = w.orders;
    const expiry = w.t0;
    // Connections already open keep working for a while; new handshakes fail.
    const rise = minutes(rng, 1, 3);
    return {
      label: {
        id: 'certificate-expiry',
        title: `${svc.name}-tls expired`,
        expected: { category: 'infrastructure', runbook: 'certificate-expiry', entities: svcRefs(svc.name) },
      },
      knobs: { certExpired: (name, t) => name === svc.name && t >= expiry && (t - expiry >= rise || ramp(t, expiry, rise) > 0.5) },
      script(emit) {
        herringDeploy(emit, w, w.frontend, rng, [3, 8]);
        emit.log({
          service: 'cert-manager', ts: w.from + 4 * MIN, severity: 'warn', attrs: { 'k8s.namespace.name': svc.namespace },
          body: `Failed to renew certificate ${svc.namespace}/${svc.name}-tls: issuer internal-ca: connect: connection refused; will retry in 1h`,
        });
        emit.alert({
          name: 'SSLCertExpired', severity: 'critical', startsAt: expiry + minutes(rng, 1, 3),
          labels: { instance: `${svc.name}.${svc.namespace}.svc:8443`, job: 'blackbox', service: svc.name }, summary: `SSL certificate for ${svc.name}.${svc.namespace}.svc has expired`,
        });
      },
    };
  },
};
