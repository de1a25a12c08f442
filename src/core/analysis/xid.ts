/**
 * NVIDIA Xid catalogue: what a code means, what to do, and whether it points at the GPU/node
 * (hardware, firmware, driver) or at the application that was running (from NVIDIA's Xid
 * documentation, abridged).
 */
export type XidOrigin = 'hardware' | 'driver' | 'application';

export interface XidInfo {
  meaning: string;
  action: string;
  origin: XidOrigin;
}

const X = (meaning: string, action: string, origin: XidOrigin): XidInfo => ({ meaning, action, origin });
const RESET = 'drain the node’s GPU workloads and reset the GPU; if it recurs, run DCGM diagnostics (level 3) and open a hardware case';

export const XID_CATALOGUE: Readonly<Record<number, XidInfo>> = {
  8: X('GPU stopped responding (timeout)', 'check the application for hangs; if several apps hit it, reset the GPU', 'driver'),
  13: X('graphics engine exception (illegal address or instruction in a kernel)', 'debug the application (compute-sanitizer); if it repeats across applications, run GPU diagnostics', 'application'),
  31: X('GPU memory page fault (MMU fault: an invalid address was accessed)', 'debug the application; if unrelated applications fault, suspect the driver or the GPU', 'application'),
  32: X('invalid or corrupted push buffer stream (PCIe or driver)', 'check PCIe link health and driver version; reset the GPU', 'driver'),
  38: X('driver firmware error', 'update the driver; reset the GPU', 'driver'),
  43: X('GPU stopped processing: a channel was reset after an application fault', 'restart the application; no action on the GPU unless it repeats with other Xids', 'application'),
  45: X('preemptive cleanup of a channel after an earlier error', 'look at the Xid that preceded it; restart the affected application', 'application'),
  48: X('double-bit ECC error (uncorrectable memory error)', RESET, 'hardware'),
  56: X('display engine error', 'reset the GPU; update the driver', 'driver'),
  57: X('error programming video memory interface', RESET, 'hardware'),
  61: X('internal micro-controller breakpoint or warning', 'reset the GPU; update driver and firmware', 'driver'),
  62: X('internal micro-controller halt', RESET, 'hardware'),
  63: X('ECC page retirement or row remapping recorded', 'reset the GPU (when its workloads allow) so the remapping takes effect', 'hardware'),
  64: X('ECC page retirement or row remapping failed', 'take the GPU out of service and open a hardware case', 'hardware'),
  68: X('video processor (NVDEC) exception', 'restart the application; reset the GPU if it repeats', 'driver'),
  69: X('graphics engine class error', 'restart the application; update the driver if it repeats', 'application'),
  74: X('NVLink error', 'check the NVLink topology (nvidia-smi nvlink -s), reset the GPUs on the link, then run diagnostics', 'hardware'),
  79: X('GPU has fallen off the bus (no longer reachable over PCIe)', 'cordon and drain the node, power-cycle it, check PCIe seating, power and temperatures; open a hardware case if it recurs', 'hardware'),
  92: X('high single-bit ECC error rate', 'schedule the GPU for diagnostics and possible replacement', 'hardware'),
  94: X('contained ECC error (only the affected application was hit)', 'restart the affected application; reset the GPU when convenient', 'hardware'),
  95: X('uncontained ECC error', RESET, 'hardware'),
  109: X('context switch timeout', 'restart the application; reset the GPU if it repeats', 'driver'),
  119: X('GSP RPC timeout (GPU System Processor not responding)', 'reset the GPU; update the driver; drain the node if it repeats', 'hardware'),
  120: X('GSP error', 'reset the GPU; update the driver and firmware', 'hardware'),
  121: X('C2C (chip-to-chip) link error', RESET, 'hardware'),
  140: X('unrecovered ECC error', RESET, 'hardware'),
  154: X('GPU recovery action changed (reset or reboot required)', 'follow the recovery action reported (GPU reset, node reboot or drain)', 'hardware'),
};

export function xidInfo(code: number): XidInfo {
  return XID_CATALOGUE[code] ?? X(`Xid ${code} (not in the catalogue)`, 'look the code up in NVIDIA’s Xid catalogue; run DCGM diagnostics', 'driver');
}

/** The Xid code in a log line (`Xid 79`, `NVRM: Xid (PCI:0000:3b:00): 79, pid=…`), or null. */
export function xidInText(text: string): number | null {
  const m = /\bxid\b(?:\s*\((?:pci:)?[^)]{0,40}\))?\s*[:=#]?\s*(\d{1,3})\b/i.exec(text);
  if (m?.[1] === undefined) return null;
  const code = Number(m[1]);
  return code > 0 ? code : null;
}
