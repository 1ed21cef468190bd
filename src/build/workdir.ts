import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Secret } from './types.js';

/** What a secret id may be: it ends up inside buildx's CSV and buildah's comma-split options. */
const SECRET_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function checkSecretIds(secrets: readonly Secret[]): void {
  const seen = new Set<string>();
  for (const { id } of secrets) {
    if (!SECRET_ID.test(id)) {
      throw new UsageError(
        'secrets',
        `the secret id '${id}' may contain only letters, digits, '_', '.' and '-' (it is what RUN --mount=type=secret,id=… names)`,
      );
    }
    if (seen.has(id)) throw new UsageError('secrets', `the secret id '${id}' is given twice`);
    seen.add(id);
  }
}

export interface SecretFile {
  readonly id: string;
  readonly path: string;
}

/** A private directory (0700) for one build's files, removed with everything in it at the end. */
export interface WorkDir {
  readonly path: string;
  /** Writes each secret to its own 0600 file; the engines read secrets from files. */
  writeSecrets(secrets: readonly Secret[]): Promise<SecretFile[]>;
  remove(): Promise<void>;
}

export async function makeWorkDir(tempDir: string, prefix: string): Promise<WorkDir> {
  const base = resolve(tempDir);
  await mkdir(base, { recursive: true });
  // mkdtemp creates the directory 0700: other users on a self-hosted runner cannot list it.
  const path = await mkdtemp(join(base, prefix));
  return {
    path,
    async writeSecrets(secrets) {
      checkSecretIds(secrets);
      const files: SecretFile[] = [];
      for (const [i, { id, value }] of secrets.entries()) {
        // Numbered rather than named after the id, so that no id can make a path.
        const file = join(path, `secret-${i}`);
        await writeFile(file, value, { mode: 0o600, flag: 'wx' });
        files.push({ id, path: file });
      }
      return files;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
