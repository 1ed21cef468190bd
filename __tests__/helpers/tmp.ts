import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary directories made by one test file; each file removes its own in `afterAll`. */
const made = new Set<string>();

/** A fresh, empty directory (its real path, so that git and node agree on it). */
export function makeTempDir(prefix = 'image-release-e2e-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

export function removeTempDirs(): void {
  for (const dir of [...made]) removeTempDir(dir);
}
