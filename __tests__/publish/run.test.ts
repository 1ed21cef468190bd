/** The gha cache scope: parallel jobs building other images or platforms must not share one. */
import { describe, expect, it } from '@jest/globals';
import { cacheScope } from '../../src/publish/run.js';

describe('cacheScope', () => {
  it('is one scope per image set and platform set, in characters a cache key may hold', () => {
    const scope = (images: string[], platforms: string[]) =>
      cacheScope({ images, platforms } as unknown as Parameters<typeof cacheScope>[0]);
    const a = scope(['ghcr.io/acme/app'], ['linux/amd64', 'linux/arm64']);
    expect(a).toBe('image-release:ghcr.io/acme/app:linux/amd64,linux/arm64');
    expect(scope(['ghcr.io/acme/builder'], ['linux/amd64', 'linux/arm64'])).not.toBe(a);
    expect(scope(['ghcr.io/acme/app'], ['linux/amd64'])).not.toBe(a);
    expect(scope(['127.0.0.1:5000/a b'], ['linux/amd64'])).toBe(
      'image-release:127.0.0.1:5000/a-b:linux/amd64',
    );
  });
});
