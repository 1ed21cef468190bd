/**
 * The contract between the orchestration and the two build engines. A request says what to
 * build; the result says where the built image is: already in the registries under its digest
 * (buildx pushes by digest itself), or in an OCI image layout on disk that the publish step
 * uploads with our registry client (buildah). Neither engine ever pushes a tag: tags are the
 * publish step's, after its guards.
 */
import type { Exec } from '../exec.js';
import type { KeyValue } from '../plan/labels.js';

export type Engine = 'buildx' | 'buildah';
export const ENGINES: readonly Engine[] = ['buildx', 'buildah'];

export interface Secret {
  /** What the Dockerfile names in `RUN --mount=type=secret,id=…`: letters, digits, `_.-`. */
  readonly id: string;
  readonly value: string;
}

export interface BuildRequest {
  /** The build context directory, relative to the builder's working directory (the workspace). */
  readonly context: string;
  /** The Dockerfile; the engine's default (`<context>/Dockerfile`) when undefined. */
  readonly file?: string;
  /** The stage to build; the last one when undefined. */
  readonly target?: string;
  /** `os/arch[/variant]`, already checked by the planner. */
  readonly platforms: readonly string[];
  readonly buildArgs: readonly KeyValue[];
  readonly labels: readonly KeyValue[];
  /**
   * `level:key=value` lines as `annotationLines` (src/plan/labels.ts) makes them; the levels are
   * `manifest`, `index`, `manifest-descriptor` and `index-descriptor`. A line without a level is
   * a manifest annotation, as for buildx.
   */
  readonly annotations: readonly string[];
  readonly secrets: readonly Secret[];
  /** `gha`: the GitHub Actions cache (buildx only; buildah has no remote layer cache). */
  readonly cache: 'gha' | 'none';
  /**
   * The gha cache scope. One per image and platform set: jobs that build different images in
   * parallel under one scope overwrite each other's cache index and both lose it.
   */
  readonly cacheScope: string;
  /** buildx `--provenance` as given (`false`, `mode=max`); buildah makes no attestations. */
  readonly provenance?: string;
  /** buildx `--sbom` as given; buildah makes no attestations. */
  readonly sbom?: string;
  /** buildx: push the result by digest to every image. buildah never pushes (see BuildResult). */
  readonly push: boolean;
  /** Image names without tag or digest, e.g. `ghcr.io/acme/app`. */
  readonly images: readonly string[];
  /**
   * Seconds since the epoch: image creation times and file times inside layers are set to it,
   * so that the same sources rebuilt give the same digests.
   */
  readonly sourceDateEpoch?: string;
  /**
   * Where the build's own files go: the metadata file, the secret files (0600, removed after the
   * build) and buildah's OCI layout. RUNNER_TEMP in Actions, which the runner wipes after the job.
   */
  readonly tempDir: string;
}

/** buildx's result: the image exists in the registries (or, without push, only in the builder). */
export interface RegistryResult {
  readonly kind: 'registry';
  /** Digest of the pushed index (several platforms or attestations) or manifest. */
  readonly digest: string;
  /** The media type of that index or manifest, when buildx reports it. */
  readonly mediaType?: string;
  /** false: built only, nothing left the builder. */
  readonly pushed: boolean;
}

/**
 * buildah's result: an OCI image layout directory (index.json, oci-layout, blobs/) holding the
 * image index, its platform manifests and every blob. Read it with `readLayout` (layout.ts). It
 * lives under the request's tempDir; the caller removes it when published.
 */
export interface LayoutResult {
  readonly kind: 'layout';
  readonly dir: string;
  /** Digest of the image index inside the layout: what the publish step pushes and tags. */
  readonly digest: string;
  readonly mediaType: string;
}

export type BuildResult = RegistryResult | LayoutResult;

export interface BuildLog {
  info(message: string): void;
  warning(message: string): void;
  /**
   * One line the engine printed. Build output echoes Dockerfile text and RUN output: the runner
   * must not take a line of it for a workflow command.
   */
  output(line: string): void;
}

export interface Builder {
  readonly engine: Engine;
  /**
   * Fails with how to fix it when the engine is missing. Run before any registry is asked,
   * so that a runner without the engine fails on that, and at once.
   */
  check(): Promise<void>;
  build(request: BuildRequest, log: BuildLog): Promise<BuildResult>;
}

export interface BuilderDeps {
  readonly exec: Exec;
  /**
   * The environment the engines run with, whole: buildx's gha cache reads ACTIONS_RUNTIME_TOKEN
   * and ACTIONS_RESULTS_URL from it, buildah reads STORAGE_DRIVER and BUILDAH_ISOLATION.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory context and file are relative to (GITHUB_WORKSPACE). */
  readonly cwd: string;
}
