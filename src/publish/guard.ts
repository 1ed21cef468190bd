import { isIndexType, type Descriptor, type Repository } from '../registry/types.js';

const REVISION = 'org.opencontainers.image.revision';

/** Publishing would move a guarded tag; the message says what exists and how to proceed. */
export class TagConflictError extends Error {
  override readonly name = 'TagConflictError';
}

function short(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

async function readJson(repo: Repository, digest: string): Promise<unknown> {
  const stream = await repo.getBlob(digest);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // An image config is a few KB; anything huge is not one and is not worth reading.
    if (size > 4 * 1024 * 1024) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The commit an image was built from: the `org.opencontainers.image.revision` annotation of the
 * index or manifest, else the label in the first platform's config. undefined when it carries none.
 */
export async function revisionOf(repo: Repository, digest: string): Promise<string | undefined> {
  const m = await repo.getManifest(digest);
  if (!m) return undefined;
  const json = JSON.parse(Buffer.from(m.bytes).toString('utf8')) as {
    annotations?: Record<string, string>;
    manifests?: Descriptor[];
    config?: Descriptor;
  };
  const annotated = json.annotations?.[REVISION];
  if (annotated !== undefined) return annotated;
  if (isIndexType(m.mediaType) || json.manifests !== undefined) {
    // Attestation manifests (unknown/unknown) carry no config labels: take a real platform.
    const child = (json.manifests ?? []).find((d) => d.platform?.os !== 'unknown');
    return child ? revisionOf(repo, child.digest) : undefined;
  }
  if (!json.config) return undefined;
  const config = (await readJson(repo, json.config.digest)) as
    { config?: { Labels?: Record<string, string> } } | undefined;
  return config?.config?.Labels?.[REVISION];
}

/** What to check an image's guarded tags against. */
export type Expected =
  /** A build of this commit: existing tags must come from the same commit. */
  | { readonly kind: 'build'; readonly sha: string }
  /** A promotion: existing tags must already be this digest. */
  | { readonly kind: 'digest'; readonly digest: string };

export interface GuardResult {
  /** Each guarded tag's digest now; undefined when the tag does not exist. */
  readonly existing: ReadonlyMap<string, string | undefined>;
  /**
   * Set when the guarded tags already hold this release (same commit, or the promoted digest):
   * the run completes the tags on that digest instead of replacing it with a new build.
   */
  readonly published?: string;
}

export async function headTags(
  repo: Repository,
  tags: readonly string[],
): Promise<Map<string, string | undefined>> {
  const heads = await Promise.all(tags.map((t) => repo.headManifest(t)));
  return new Map(tags.map((t, i) => [t, heads[i]?.digest]));
}

/**
 * The guard run before anything is built or pushed: a guarded tag that exists on content of
 * another commit (or, when promoting, another digest) fails the run, unless `overwrite`.
 */
export async function guardTags(
  repo: Repository,
  imageName: string,
  guarded: readonly string[],
  expected: Expected,
  overwrite: boolean,
): Promise<GuardResult> {
  const existing = await headTags(repo, guarded);
  const present = [...existing].filter((e): e is [string, string] => e[1] !== undefined);
  if (present.length === 0 || overwrite) return { existing };
  const digests = [...new Set(present.map(([, d]) => d))];
  const list = present.map(([t, d]) => `${imageName}:${t} (${short(d)})`).join(', ');
  const howTo =
    'Published tags are never replaced by accident: release a new version, delete the tag in the registry, or set overwrite: true to replace it.';
  if (expected.kind === 'digest') {
    if (digests.length === 1 && digests[0] === expected.digest)
      return { existing, published: expected.digest };
    throw new TagConflictError(
      `${list} already exist${present.length === 1 ? 's' : ''} on other content than the promoted ${short(expected.digest)}. ${howTo}`,
    );
  }
  const only = digests.length === 1 ? digests[0] : undefined;
  const revision = only !== undefined ? await revisionOf(repo, only) : undefined;
  if (only !== undefined && revision === expected.sha) return { existing, published: only };
  const from =
    only === undefined
      ? 'on different images'
      : revision === undefined
        ? 'on an image with no revision label'
        : `built from commit ${revision.slice(0, 7)}`;
  throw new TagConflictError(
    `${list} already exist${present.length === 1 ? 's' : ''} ${from}, and this run builds commit ${expected.sha.slice(0, 7)}. ${howTo}`,
  );
}

/**
 * Right before tagging: a guarded tag must still be where the guard saw it, or on the digest
 * about to be tagged (a re-run of this very step), else another run got there first.
 */
export async function recheckTags(
  repo: Repository,
  imageName: string,
  before: ReadonlyMap<string, string | undefined>,
  digest: string,
  overwrite: boolean,
): Promise<void> {
  if (overwrite) return;
  const now = await headTags(repo, [...before.keys()]);
  for (const [tag, d] of now) {
    if (d === undefined || d === digest || d === before.get(tag)) continue;
    throw new TagConflictError(
      `${imageName}:${tag} was pushed by someone else while this run was building (it now holds ${short(d)}); nothing was tagged. Re-run to judge again, or set overwrite: true.`,
    );
  }
}
