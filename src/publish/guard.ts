import {
  isIndexType,
  type Descriptor,
  type RawManifest,
  type Repository,
} from '../registry/types.js';

const REVISION = 'org.opencontainers.image.revision';
const VERSION = 'org.opencontainers.image.version';

/** What an image says of itself: the commit and the version it was built as. */
export interface ImageOrigin {
  readonly revision?: string;
  readonly version?: string;
}

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
 * The commit and version an image was built as: the `org.opencontainers.image.*` labels of the
 * first platform's config, else the index or manifest annotations. Empty when it carries none.
 */
export async function originOf(
  repo: Repository,
  digest: string,
  /** The manifest of `digest` when the caller has it already: one request fewer. */
  known?: RawManifest,
): Promise<ImageOrigin> {
  const m = known?.digest === digest ? known : await repo.getManifest(digest);
  if (!m) return {};
  const json = JSON.parse(Buffer.from(m.bytes).toString('utf8')) as {
    annotations?: Record<string, string>;
    manifests?: Descriptor[];
    config?: Descriptor;
  };
  const annotated: ImageOrigin = {
    ...(json.annotations?.[REVISION] !== undefined && { revision: json.annotations[REVISION] }),
    ...(json.annotations?.[VERSION] !== undefined && { version: json.annotations[VERSION] }),
  };
  // Multi-platform builds annotate the index with both: no need to read a config blob.
  if (annotated.revision !== undefined && annotated.version !== undefined) return annotated;
  let labels: Record<string, string> | undefined;
  if (isIndexType(m.mediaType) || json.manifests !== undefined) {
    // Attestation manifests (unknown/unknown) carry no config labels: take a real platform.
    const child = (json.manifests ?? []).find((d) => d.platform?.os !== 'unknown');
    const inner = child ? await originOf(repo, child.digest) : {};
    return { ...annotated, ...inner };
  }
  if (json.config) {
    const config = (await readJson(repo, json.config.digest)) as
      { config?: { Labels?: Record<string, string> } } | undefined;
    labels = config?.config?.Labels;
  }
  return {
    ...annotated,
    ...(labels?.[REVISION] !== undefined && { revision: labels[REVISION] }),
    ...(labels?.[VERSION] !== undefined && { version: labels[VERSION] }),
  };
}

/** The commit an image was built from, or undefined when it does not say. */
export async function revisionOf(repo: Repository, digest: string): Promise<string | undefined> {
  return (await originOf(repo, digest)).revision;
}

/** What to check an image's guarded tags against. */
export type Expected =
  /** A build of this commit as this version: existing tags must be of the same. */
  | { readonly kind: 'build'; readonly sha: string; readonly version: string }
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

/** A guarded tag and whether it names a version (`1.2.3`, a git tag) or a commit (`<stage>-<sha7>`). */
export interface GuardedTag {
  readonly name: string;
  readonly names: 'version' | 'commit';
}

/**
 * The guard run before anything is built or pushed. When promoting, every guarded tag must be
 * absent or already on the promoted digest. When building:
 * - a version tag that exists must hold an image of this commit built as this version; then it
 *   is this release, half-done or done, and the run completes its tags on that digest instead of
 *   building again (re-runs are idempotent even when builds are not reproducible);
 * - a commit tag (`<stage>-<sha7>`) that exists must hold an image of this commit; it then moves
 *   to this build, since a branch build and a version build of one commit share it.
 * Anything else fails the run, unless `overwrite`.
 */
export async function guardTags(
  repo: Repository,
  imageName: string,
  guarded: readonly GuardedTag[],
  expected: Expected,
  overwrite: boolean,
): Promise<GuardResult> {
  const existing = await headTags(
    repo,
    guarded.map((g) => g.name),
  );
  const present = guarded
    .map((g) => [g, existing.get(g.name)] as const)
    .filter((e): e is readonly [GuardedTag, string] => e[1] !== undefined);
  if (present.length === 0 || overwrite) return { existing };
  const howTo =
    'Published tags are never replaced by accident: release a new version, delete the tag in the registry, or set overwrite: true to replace it.';
  const listOf = (entries: readonly (readonly [GuardedTag, string])[]) =>
    entries.map(([g, d]) => `${imageName}:${g.name} (${short(d)})`).join(', ');
  const exist = (n: number) => (n === 1 ? 'exists' : 'exist');

  if (expected.kind === 'digest') {
    const other = present.filter(([, d]) => d !== expected.digest);
    if (other.length === 0) return { existing, published: expected.digest };
    throw new TagConflictError(
      `${listOf(other)} already ${exist(other.length)} on other content than the promoted ${short(expected.digest)}. ${howTo}`,
    );
  }

  const origins = new Map<string, ImageOrigin>();
  const origin = async (digest: string) => {
    let o = origins.get(digest);
    if (o === undefined) {
      o = await originOf(repo, digest);
      origins.set(digest, o);
    }
    return o;
  };
  const commit = (o: ImageOrigin) =>
    o.revision === undefined
      ? 'an image with no revision label'
      : `commit ${o.revision.slice(0, 7)}`;
  const wanted = `commit ${expected.sha.slice(0, 7)} as ${expected.version}`;

  for (const [g, d] of present.filter(([g]) => g.names === 'commit')) {
    const o = await origin(d);
    if (o.revision !== expected.sha) {
      throw new TagConflictError(
        `${imageName}:${g.name} (${short(d)}) already exists, built from ${commit(o)}, and this run builds ${wanted}. ${howTo}`,
      );
    }
  }
  const versions = present.filter(([g]) => g.names === 'version');
  if (versions.length === 0) return { existing };
  const digests = [...new Set(versions.map(([, d]) => d))];
  const only = digests.length === 1 ? (digests[0] as string) : undefined;
  if (only !== undefined) {
    const o = await origin(only);
    if (o.revision === expected.sha && o.version === expected.version) {
      return { existing, published: only };
    }
    throw new TagConflictError(
      `${listOf(versions)} already ${exist(versions.length)}, built from ${commit(o)}${o.version !== undefined ? ` as ${o.version}` : ''}, and this run builds ${wanted}. ${howTo}`,
    );
  }
  throw new TagConflictError(
    `${listOf(versions)} already exist on different images, and this run builds ${wanted}. ${howTo}`,
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
