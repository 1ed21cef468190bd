import { buildahBuilder } from './buildah.js';
import { buildxBuilder } from './buildx.js';
import type { Builder, BuilderDeps, Engine } from './types.js';

/** The one real Builder of each engine; the orchestration picks by the `engine` setting. */
export function createBuilder(engine: Engine, deps: BuilderDeps): Builder {
  return engine === 'buildah' ? buildahBuilder(deps) : buildxBuilder(deps);
}
