import { isIndexType, type Descriptor, type Repository } from '../registry/types.js';
import type { ImageSource } from './source.js';

interface ManifestJson {
  readonly manifests?: readonly Descriptor[];
  readonly config?: Descriptor;
  readonly layers?: readonly (Descriptor & { urls?: readonly string[] })[];
}

/**
 * Runs `work` over `items` with at most `limit` at a time, failing with the first error. A
 * failure starts no more work and waits for the work in flight: once the copy has failed,
 * nothing of it runs on (the caller then removes the layout the uploads read from).
 */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (errors.length === 0 && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (e) {
        errors.push(e);
      }
    }
  });
  await Promise.all(workers);
  if (errors.length > 0) throw errors[0];
}

function sameRegistry(a: Repository['ref'], b: Repository['ref'] | undefined): boolean {
  return b !== undefined && a.registry === b.registry && a.apiHost === b.apiHost;
}

/**
 * Makes `digest` (a manifest or an index, with everything it refers to) present in `target`,
 * without tagging it. Children go before their parent because a registry refuses a manifest
 * whose blobs, or an index whose manifests, it does not have (distribution 2.8 does). A manifest
 * already in the target is taken as complete for the same reason, so re-runs upload nothing.
 */
export async function copyImage(
  source: ImageSource,
  digest: string,
  target: Repository,
  options: { parallel?: number } = {},
): Promise<void> {
  const parallel = options.parallel ?? 4;
  const same =
    source.mountFrom !== undefined &&
    sameRegistry(target.ref, source.mountFrom) &&
    source.mountFrom.repository === target.ref.repository;

  // uploadBlob asks first whether the blob is there; a mount needs no such question.
  const copyBlob = async (blob: Descriptor): Promise<void> => {
    const from = source.mountFrom;
    if (from !== undefined && sameRegistry(target.ref, from)) {
      if (await target.mountBlob(blob.digest, from.repository)) return;
    }
    await target.uploadBlob(blob.digest, blob.size, () => source.openBlob(blob.digest));
  };

  const copyManifest = async (d: string): Promise<void> => {
    if (await target.headManifest(d)) return;
    const m = await source.manifest(d);
    const json = JSON.parse(Buffer.from(m.bytes).toString('utf8')) as ManifestJson;
    if (isIndexType(m.mediaType) || json.manifests !== undefined) {
      for (const child of json.manifests ?? []) await copyManifest(child.digest);
    } else {
      // Foreign layers (with `urls`) live elsewhere by design and are never uploaded.
      const blobs = [
        ...(json.config ? [json.config] : []),
        ...(json.layers ?? []).filter((l) => l.urls === undefined || l.urls.length === 0),
      ];
      await inParallel(blobs, parallel, copyBlob);
    }
    await target.putManifest(d, { mediaType: m.mediaType, bytes: m.bytes });
  };

  // Within one repository the content is already there: nothing to copy.
  if (same && (await target.headManifest(digest))) return;
  await copyManifest(digest);
}
