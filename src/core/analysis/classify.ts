/** Failure classes recognised in free text (log templates, alert names, span status messages). */
import type { FailureClass } from './types';

const RULES: readonly [FailureClass, RegExp][] = [
  ['injection', /prompt[ _-]?injection|jailbreak/i],
  ['db_pool', /connection[ _-]?pool|pool (?:is )?exhausted|too many (?:db |database )?connections|remaining connection slots|(?:timed? ?out|timeout) (?:while )?(?:waiting for|acquiring|obtaining|getting) (?:a )?(?:db |database )?connection|could not (?:obtain|acquire|get) (?:a )?(?:db |database )?connection|hikaripool|max_connections|connection(?:s)? (?:limit|slots)|pool_?(?:timeout|wait|pending)/i],
  ['certificate', /certificate (?:has )?expired|cert(?:ificate)?[ _-]?expir|x509|cert_has_expired|certificate verify failed|ssl handshake|tls handshake|unable to verify the first certificate|self[- ]signed certificate|ssl(?:error|_error)|notafter/i],
  ['oom', /oom[ _-]?kill|out of memory|outofmemory|cannot allocate memory|memory limit exceeded|oomkilled|container killed.*memory|exit code 137/i],
  ['gpu', /\bxid\b|nvrm|cuda error|cudaerror|ecc error|fallen off the bus|illegal memory access|nccl (?:error|timeout)|gpu (?:error|fault|lost|unhealthy)/i],
  ['thermal', /thermal|throttl|clock(?:s)? event|overheat|temperature/i],
  ['kv_cache', /kv[ _-]?cache|preempt|out of (?:kv )?blocks|cache_usage|num_requests_waiting|queue(?:d| depth| full)/i],
  ['provider', /rate[ _-]?limit|too many requests|\b429\b|overloaded|insufficient_quota|quota exceeded|apiconnectionerror|model (?:is )?(?:currently )?(?:overloaded|unavailable)|provider (?:error|outage|unavailable)/i],
  ['structured_output', /not valid json|invalid json|jsondecodeerror|failed to parse (?:model )?output|unexpected token|schema validation|structured output|response ?envelope|output failed .*validation/i],
  ['tool', /\btool\b.*(?:rejected|failed|error|denied|invalid)|invalid[ _]arg|function call (?:failed|error)/i],
  ['upstream', /connection refused|econnrefused|econnreset|connection reset|upstream|\b50[234]\b|service unavailable|bad gateway|gateway timeout|no healthy upstream|dial tcp|i\/o timeout|deadline exceeded|enotfound|name resolution|could not resolve|circuit breaker|unreachable|timed? ?out/i],
  ['cost', /budget|spend|cost (?:limit|anomaly|spike)/i],
];

export function classifyText(text: string): FailureClass {
  for (const [cls, re] of RULES) if (re.test(text)) return cls;
  return 'other';
}
