/**
 * The contract of our OCI distribution client (src/registry/client.ts implements it). The
 * publish step (src/publish/) is written against this interface only.
 */
import type { Readable } from 'node:stream';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** The Accept list sent for every manifest GET/HEAD (Debian's registry 2.8 needs one). */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.dockerManifest,
] as const;

export function isIndexType(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;
}

/** A parsed image reference, with Docker Hub's defaults applied. */
export interface ImageReference {
  /** The registry as written in Docker's config and in image names: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  readonly registry: string;
  /** Host (and port) the HTTP API is reached at: `registry-1.docker.io` for Docker Hub. */
  readonly apiHost: string;
  /** `library/alpine`, `acme/app`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** `http:` for loopback registries (as Docker does), `https:` for every other. */
  readonly scheme: 'http:' | 'https:';
}

/** A content descriptor as in the OCI image spec. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: {
    readonly os: string;
    readonly architecture: string;
    readonly variant?: string;
  };
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A manifest or index exactly as the registry served it: `bytes` hash to `digest`. */
export interface RawManifest {
  readonly mediaType: string;
  readonly digest: string;
  readonly bytes: Uint8Array;
}

/** What a HEAD on a manifest tells. */
export interface ManifestHead {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

/** One repository on one registry; every method retries transient failures itself. */
export interface Repository {
  readonly ref: ImageReference;
  /** undefined when the tag or digest does not exist (404). */
  headManifest(reference: string): Promise<ManifestHead | undefined>;
  /** undefined on 404. The digest is checked against the bytes (and against a digest reference). */
  getManifest(reference: string): Promise<RawManifest | undefined>;
  /** PUT under a tag or under its own digest; returns the digest of `bytes`. */
  putManifest(
    reference: string,
    manifest: { mediaType: string; bytes: Uint8Array },
  ): Promise<string>;
  hasBlob(digest: string): Promise<boolean>;
  /** Streams a blob; the caller must consume or destroy the stream. The digest is verified at the end. */
  getBlob(digest: string): Promise<Readable>;
  /**
   * Asks the registry to mount a blob from another repository of the same registry. true when
   * mounted; false when the registry declined (the caller then uploads).
   */
  mountBlob(digest: string, fromRepository: string): Promise<boolean>;
  /**
   * Uploads a blob, streamed from `open()` (called again for each retry). Monolithic when
   * `size` ≤ chunkSize, else chunked PATCHes. A blob already present is not uploaded again.
   */
  uploadBlob(digest: string, size: number, open: () => Readable): Promise<void>;
  /** Every tag, following `Link` pagination. [] when the repository does not exist. */
  listTags(): Promise<string[]>;
}

/** Counts of what went over the wire, for benchmarks and the log. */
export interface TransferStats {
  requests: number;
  blobBytesSent: number;
}

export interface RegistryLog {
  debug(message: string): void;
  warning(message: string): void;
}
