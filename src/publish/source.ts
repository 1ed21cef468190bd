import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable, pipeline } from 'node:stream';
import type { ImageReference, RawManifest, Repository } from '../registry/types.js';

/** Where the content of an image comes from when it is copied into a repository. */
export interface ImageSource {
  /** For messages: `OCI layout …` or `ghcr.io/acme/app`. */
  readonly description: string;
  manifest(digest: string): Promise<RawManifest>;
  /** Opens the blob afresh; called again when an upload is retried. */
  openBlob(digest: string): Readable;
  /** A repository blobs can be mounted from when the target is on the same registry. */
  readonly mountFrom?: ImageReference;
}

function blobPath(dir: string, digest: string): string {
  const [algorithm, hex] = digest.split(':');
  if (algorithm !== 'sha256' || hex === undefined || !/^[a-f0-9]{64}$/.test(hex)) {
    throw new Error(`the OCI layout ${dir} refers to '${digest}', which is not a sha256 digest`);
  }
  return join(dir, 'blobs', algorithm, hex);
}

/** An OCI image layout on disk, as `buildah manifest push --all oci:<dir>` writes it. */
export function layoutSource(dir: string): ImageSource {
  return {
    description: `the OCI layout ${dir}`,
    manifest(digest) {
      const bytes = readFileSync(blobPath(dir, digest));
      const mediaType = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
      if (typeof mediaType !== 'string') {
        throw new Error(`the manifest ${digest} in the OCI layout ${dir} has no mediaType`);
      }
      return Promise.resolve({ mediaType, digest, bytes: new Uint8Array(bytes) });
    },
    openBlob: (digest) => createReadStream(blobPath(dir, digest)),
  };
}

/** Another repository (promotion): manifests fetched by digest, blobs streamed through. */
export function repositorySource(repo: Repository): ImageSource {
  const name = `${repo.ref.registry}/${repo.ref.repository}`;
  return {
    description: name,
    async manifest(digest) {
      const m = await repo.getManifest(digest);
      if (!m) throw new Error(`${name}@${digest} disappeared while it was being copied`);
      return m;
    },
    openBlob(digest) {
      // Uploads want a stream at once; the GET starts when it is asked for.
      const out = new PassThrough();
      repo.getBlob(digest).then(
        (blob) => {
          // pipeline ties both ends: when the upload gives up on `out` (a retry, a failure),
          // the GET is closed too instead of holding its connection open.
          if (out.destroyed) blob.destroy();
          else pipeline(blob, out, () => {});
        },
        (e: unknown) => out.destroy(e as Error),
      );
      return out;
    },
    mountFrom: repo.ref,
  };
}
