/** The registry client's public face: import from here, not from the parts. */
export {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistryStats,
} from './client.js';
export { type RegistryCredentials, type UserPassword } from './credentials.js';
export { isDigest, digestOf } from './digest.js';
export { BlobSourceError, RegistryError } from './errors.js';
export {
  InvalidReferenceError,
  formatReference,
  isLoopback,
  parseReference,
  registryKey,
  repositoryName,
} from './reference.js';
export type { RetryOptions } from './retry.js';
export * from './types.js';
