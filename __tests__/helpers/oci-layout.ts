/**
 * Small OCI image layouts written by hand: an index of one manifest per platform, each with a
 * config (carrying the revision and version labels) and one layer. Fast to make, distinct per
 * `content`, and shaped as `buildah manifest push --all oci:` leaves them, so the publish code
 * can push them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface TestLayout {
  readonly dir: string;
  readonly digest: string;
  /** Every blob and manifest digest in the layout, index last. */
  readonly digests: readonly string[];
}

export function writeLayout(
  dir: string,
  options: { content: string; revision: string; version?: string; platforms?: readonly string[] },
): TestLayout {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const digests: string[] = [];
  const put = (bytes: Buffer): { digest: string; size: number } => {
    const digest = sha256(bytes);
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
    digests.push(digest);
    return { digest, size: bytes.length };
  };
  const manifests = (options.platforms ?? ['linux/amd64', 'linux/arm64']).map((platform) => {
    const [os, architecture] = platform.split('/') as [string, string];
    // Not a real tar, which no registry checks: what matters is distinct bytes per platform.
    const layer = put(Buffer.from(`${options.content} for ${platform}\n`));
    const config = put(
      Buffer.from(
        JSON.stringify({
          architecture,
          os,
          config: {
            Labels: {
              'org.opencontainers.image.revision': options.revision,
              ...(options.version !== undefined && {
                'org.opencontainers.image.version': options.version,
              }),
            },
          },
          rootfs: { type: 'layers', diff_ids: [layer.digest] },
        }),
      ),
    );
    const manifest = put(
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
        }),
      ),
    );
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...manifest,
      platform: { os, architecture },
    };
  });
  const index = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests,
      }),
    ),
  );
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...index }],
    }),
  );
  return { dir, digest: index.digest, digests };
}
