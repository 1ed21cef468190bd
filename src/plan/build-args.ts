import type { KeyValue } from './labels.js';

/**
 * The build arguments every image gets. BUILD_TIME and SOURCE_DATE_EPOCH are the commit time,
 * not the wall clock, so that two builds of one commit produce the same image.
 */
export function buildArgs(
  version: string,
  sha: string,
  created: string,
  user: readonly KeyValue[],
): KeyValue[] {
  const epoch = Math.floor(Date.parse(created) / 1000);
  const out = new Map<string, string>([
    ['VERSION', version],
    ['GIT_COMMIT', sha],
    ['BUILD_TIME', created],
    ['SOURCE_DATE_EPOCH', String(epoch)],
  ]);
  // Overrides keep the base order for the standard keys and append new keys in the user's order.
  for (const { key, value } of user) out.set(key, value);
  return [...out].map(([key, value]) => ({ key, value }));
}
