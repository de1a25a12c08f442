/** Parameter building blocks shared by the actions: Kubernetes names, short labels, free text. */
import { z } from 'zod';

/** RFC 1123 subdomain (deployments, nodes, pods, Argo CD applications). */
export const K8sName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'a Kubernetes name: lower-case letters, digits, "-" and "."');

/** RFC 1123 label (namespaces). */
export const K8sNamespace = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace: lower-case letters, digits and "-"');

/** An identifier in another system: a flag key, tool, route, provider. */
export const Key = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/, 'letters, digits, "_", ".", ":", "/" or "-"');

export const Text = (max: number) => z.string().min(1).max(max);
