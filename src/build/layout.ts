/**
 * OCI image layouts (https://github.com/opencontainers/image-spec/blob/main/image-layout.md):
 * `index.json` names one image index or manifest, whose children and blobs are files under
 * `blobs/<algorithm>/<hex>`. buildah writes one; the publish step reads it and uploads blobs,
 * then manifests, then the index, each by digest.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Descriptor, MEDIA_TYPES, isIndexType } from '../registry/types.js';
import { normalizePlatform, platformString } from './platforms.js';

export interface LayoutBlob {
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
  /** The file holding the blob. */
  readonly path: string;
}

export interface LayoutManifest {
  /** The descriptor the index gives (with its platform), or index.json's for a lone manifest. */
  readonly descriptor: Descriptor;
  /** Exactly the bytes of the manifest: they hash to descriptor.digest. */
  readonly bytes: Uint8Array;
  readonly config: LayoutBlob;
  readonly layers: readonly LayoutBlob[];
}

export interface OciLayout {
  readonly dir: string;
  /** The descriptor in index.json: the image index (or the lone manifest) to push. */
  readonly descriptor: Descriptor;
  /** The raw bytes of that index or manifest. */
  readonly bytes: Uint8Array;
  /** The platform manifests; for a lone manifest, that one. */
  readonly manifests: readonly LayoutManifest[];
  /** Every config and layer, each once, in the order they were found. */
  readonly blobs: readonly LayoutBlob[];
}

const DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The path of a blob in a layout; the digest is checked first, so it cannot leave `blobs/`. */
export function blobPath(dir: string, digest: string): string {
  const m = DIGEST.exec(digest);
  if (!m) throw new Error(`OCI layout '${dir}': '${digest}' is not a digest`);
  return join(dir, 'blobs', m[1] as string, m[2] as string);
}

function fail(dir: string, message: string): never {
  throw new Error(`OCI layout '${dir}': ${message}`);
}

function asDescriptor(dir: string, value: unknown, where: string): Descriptor {
  const d = value as Partial<Descriptor> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    typeof d.mediaType !== 'string' ||
    typeof d.digest !== 'string' ||
    !DIGEST.test(d.digest) ||
    typeof d.size !== 'number'
  ) {
    fail(dir, `${where} is not a descriptor (mediaType, digest, size)`);
  }
  return d as Descriptor;
}

async function readJsonFile(dir: string, path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (e) {
    fail(dir, `cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Reads a blob that must hash to its descriptor: manifests and indexes are small. */
async function readVerified(dir: string, d: Descriptor): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(blobPath(dir, d.digest));
  } catch (e) {
    fail(dir, `the blob ${d.digest} is missing (${(e as Error).message})`);
  }
  if (bytes.length !== d.size) {
    fail(dir, `the blob ${d.digest} has ${bytes.length} bytes, its descriptor says ${d.size}`);
  }
  if (d.digest.startsWith('sha256:') && sha256Digest(bytes) !== d.digest) {
    fail(dir, `the blob ${d.digest} does not hash to its digest`);
  }
  return bytes;
}

function parseJson(dir: string, bytes: Uint8Array, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  fail(dir, `${what} is not a JSON object`);
}

/** The one descriptor index.json names; a layout with several images is not ours. */
async function topDescriptor(
  dir: string,
): Promise<{ index: Record<string, unknown>; top: Descriptor }> {
  const index = (await readJsonFile(dir, join(dir, 'index.json'))) as Record<
    string,
    unknown
  > | null;
  const manifests = index?.manifests;
  if (!Array.isArray(manifests) || manifests.length !== 1) {
    fail(
      dir,
      `index.json must name exactly one image (it names ${Array.isArray(manifests) ? manifests.length : 'none'})`,
    );
  }
  return {
    index: index as Record<string, unknown>,
    top: asDescriptor(dir, manifests[0], 'index.json manifests[0]'),
  };
}

async function readManifest(dir: string, descriptor: Descriptor, bytes: Uint8Array) {
  const m = parseJson(dir, bytes, `the manifest ${descriptor.digest}`);
  const config = asDescriptor(dir, m.config, `the config of ${descriptor.digest}`);
  const layers = Array.isArray(m.layers) ? m.layers : [];
  const blob = async (d: Descriptor): Promise<LayoutBlob> => {
    const path = blobPath(dir, d.digest);
    const s = await stat(path).catch((e: unknown) =>
      fail(
        dir,
        `the blob ${d.digest} of ${descriptor.digest} is missing (${(e as Error).message})`,
      ),
    );
    if (s.size !== d.size) {
      fail(dir, `the blob ${d.digest} has ${s.size} bytes, its descriptor says ${d.size}`);
    }
    return { digest: d.digest, size: d.size, mediaType: d.mediaType, path };
  };
  return {
    descriptor,
    bytes,
    config: await blob(config),
    layers: await Promise.all(
      layers.map((l, i) => blob(asDescriptor(dir, l, `layer ${i} of ${descriptor.digest}`))),
    ),
  };
}

/**
 * Reads a layout: the index (or lone manifest) index.json names, its platform manifests, and
 * where each blob is. Indexes and manifests are checked against their digests; layers only for
 * presence and size (the registry checks their digests on upload).
 */
export async function readLayout(dir: string): Promise<OciLayout> {
  const { top } = await topDescriptor(dir);
  const bytes = await readVerified(dir, top);
  const manifests: LayoutManifest[] = [];
  if (isIndexType(top.mediaType)) {
    const index = parseJson(dir, bytes, `the index ${top.digest}`);
    const children = Array.isArray(index.manifests) ? index.manifests : [];
    for (const [i, child] of children.entries()) {
      const d = asDescriptor(dir, child, `manifests[${i}] of the index`);
      if (isIndexType(d.mediaType)) fail(dir, `nested indexes are not supported (${d.digest})`);
      manifests.push(await readManifest(dir, d, await readVerified(dir, d)));
    }
  } else {
    manifests.push(await readManifest(dir, top, bytes));
  }
  const blobs = new Map<string, LayoutBlob>();
  for (const m of manifests) for (const b of [m.config, ...m.layers]) blobs.set(b.digest, b);
  return { dir, descriptor: top, bytes, manifests, blobs: [...blobs.values()] };
}

export interface IndexEdit {
  /**
   * Platforms in the order the children are to be listed. buildah builds platforms in parallel
   * and lists them in the order they finish, so without this the same build gives different
   * index digests.
   */
  readonly platformOrder?: readonly string[];
  /** Set on the index itself (`index` annotations). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Set on every child descriptor in the index (`manifest-descriptor` annotations). */
  readonly childAnnotations?: Readonly<Record<string, string>>;
  /** Set on the descriptor in index.json (`index-descriptor` annotations). */
  readonly descriptorAnnotations?: Readonly<Record<string, string>>;
}

const withAnnotations = (
  obj: Record<string, unknown>,
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> => {
  if (!extra || Object.keys(extra).length === 0) return obj;
  const old = (obj.annotations ?? {}) as Record<string, string>;
  return { ...obj, annotations: { ...old, ...extra } };
};

/**
 * Rewrites the image index of a layout: children in a fixed platform order, annotations added.
 * The new index is written as a new blob under its own digest and index.json is pointed at it,
 * so the layout stays consistent; the children and their blobs are untouched. Returns the new
 * descriptor (the same one when nothing changed).
 */
export async function editLayoutIndex(dir: string, edit: IndexEdit): Promise<Descriptor> {
  const { index: layoutIndex, top } = await topDescriptor(dir);
  if (!isIndexType(top.mediaType))
    fail(dir, `index.json names ${top.mediaType}, not an image index`);
  const oldBytes = await readVerified(dir, top);
  const index = parseJson(dir, oldBytes, `the index ${top.digest}`);
  let children = (Array.isArray(index.manifests) ? index.manifests : []) as Record<
    string,
    unknown
  >[];
  if (edit.platformOrder) {
    const rank = new Map(edit.platformOrder.map((p, i) => [normalizePlatform(p), i]));
    const key = (c: Record<string, unknown>) => {
      const p = c.platform as Descriptor['platform'];
      return p ? (rank.get(platformString(p)) ?? rank.size) : rank.size;
    };
    children = children
      .map((c, i) => ({ c, i }))
      .sort((a, b) => key(a.c) - key(b.c) || a.i - b.i)
      .map(({ c }) => c);
  }
  children = children.map((c) => withAnnotations(c, edit.childAnnotations));
  const edited = withAnnotations({ ...index, manifests: children }, edit.annotations);
  const bytes = Buffer.from(JSON.stringify(edited), 'utf8');
  const digest = sha256Digest(bytes);
  const mediaType = typeof edited.mediaType === 'string' ? edited.mediaType : MEDIA_TYPES.ociIndex;
  const descriptor = withAnnotations(
    { ...(top as unknown as Record<string, unknown>), mediaType, digest, size: bytes.length },
    edit.descriptorAnnotations,
  ) as unknown as Descriptor;
  if (digest === top.digest && JSON.stringify(descriptor) === JSON.stringify(top)) return top;

  if (digest !== top.digest) await writeFile(blobPath(dir, digest), bytes);
  // Renamed into place: a reader never sees half an index.json.
  const tmp = join(dir, 'index.json.tmp');
  await writeFile(tmp, JSON.stringify({ ...layoutIndex, manifests: [descriptor] }), 'utf8');
  await rename(tmp, join(dir, 'index.json'));
  // Only index.json named the old index, so its blob is garbage now.
  if (digest !== top.digest) await rm(blobPath(dir, top.digest), { force: true });
  return descriptor;
}
