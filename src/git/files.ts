import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/*
 * Reading git's own files for the two facts a plan needs (tag names, a commit's time) instead of
 * starting git: a process start costs more than the whole plan (bench/dry-run.mjs). Every reader
 * returns undefined for a layout it does not know, and the caller asks git itself.
 */

/** The directory holding objects and refs, following a `.git` file and `commondir`. */
function commonGitDir(cwd: string): string | undefined {
  const dotGit = join(cwd, '.git');
  let gitDir: string;
  try {
    if (statSync(dotGit).isDirectory()) gitDir = dotGit;
    else {
      const m = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!m) return undefined;
      gitDir = resolve(cwd, (m[1] as string).trim());
    }
    const common = join(gitDir, 'commondir');
    if (existsSync(common)) {
      const c = readFileSync(common, 'utf8').trim();
      gitDir = isAbsolute(c) ? c : resolve(gitDir, c);
    }
  } catch {
    return undefined;
  }
  return gitDir;
}

/** Tag names from `packed-refs` and `refs/tags/`, which is what `git tag` reads too. */
export function readTagFiles(cwd: string): string[] | undefined {
  const gitDir = commonGitDir(cwd);
  // The reftable format keeps refs in binary tables; leave those to git itself.
  if (gitDir === undefined || existsSync(join(gitDir, 'reftable'))) return undefined;
  const names = new Set<string>();
  try {
    const packed = join(gitDir, 'packed-refs');
    if (existsSync(packed)) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const m = /^[0-9a-f]{40,64} refs\/tags\/(.+)$/.exec(line);
        if (m) names.add(m[1] as string);
      }
    }
    const walk = (dir: string, prefix: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else if (entry.isFile() && !entry.name.endsWith('.lock'))
          names.add(`${prefix}${entry.name}`);
      }
    };
    const loose = join(gitDir, 'refs', 'tags');
    if (existsSync(loose)) walk(loose, '');
  } catch {
    return undefined;
  }
  return [...names].sort();
}

/** zlib, loaded when an object is first read: most plans never need it. */
function inflate(data: Buffer): Buffer {
  return process.getBuiltinModule('node:zlib').inflateSync(data);
}

/** `committer Name <mail> 1700000000 +0100` → the instant in ISO 8601 (UTC). */
function committerTime(commit: string): string | undefined {
  const m = /^committer .* (\d+) [+-]\d{4}$/m.exec(commit);
  return m ? new Date(Number(m[1]) * 1000).toISOString() : undefined;
}

/** A loose object: zlib of `commit <size>\0<body>`. */
function looseCommit(gitDir: string, sha: string): string | undefined {
  const file = join(gitDir, 'objects', sha.slice(0, 2), sha.slice(2));
  if (!existsSync(file)) return undefined;
  const raw = inflate(readFileSync(file)).toString('utf8');
  return raw.startsWith('commit ') ? raw.slice(raw.indexOf('\0') + 1) : undefined;
}

/**
 * Where `sha` is in the pack whose index is `idx` (pack index version 2: a fan-out table, the
 * sorted names, CRCs, 31-bit offsets, then 64-bit offsets for the large ones).
 */
function packOffset(idx: Buffer, sha: Buffer): number | undefined {
  if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return undefined;
  const fanout = (i: number) => (i < 0 ? 0 : idx.readUInt32BE(8 + i * 4));
  const count = fanout(255);
  const names = 8 + 256 * 4;
  const first = sha[0] as number;
  let lo = fanout(first - 1);
  let hi = fanout(first);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = idx.compare(sha, 0, 20, names + mid * 20, names + mid * 20 + 20) * -1;
    if (cmp === 0) {
      const offsets = names + count * 24;
      const small = idx.readUInt32BE(offsets + mid * 4);
      if ((small & 0x80000000) === 0) return small;
      const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
      return Number(idx.readBigUInt64BE(large));
    }
    if (cmp < 0) hi = mid;
    else lo = mid + 1;
  }
  return undefined;
}

/**
 * A commit stored whole in a pack. A deltified one (rare for commits) is left to git, which
 * knows how to rebuild it.
 */
function packedCommit(gitDir: string, sha: string): string | undefined {
  const packDir = join(gitDir, 'objects', 'pack');
  if (!existsSync(packDir)) return undefined;
  const name = Buffer.from(sha, 'hex');
  for (const file of readdirSync(packDir)) {
    if (!file.endsWith('.idx')) continue;
    const offset = packOffset(readFileSync(join(packDir, file)), name);
    if (offset === undefined) continue;
    const fd = openSync(join(packDir, file.replace(/\.idx$/, '.pack')), 'r');
    try {
      const head = Buffer.alloc(16);
      readSync(fd, head, 0, head.length, offset);
      let byte = head[0] as number;
      const type = (byte >> 4) & 7;
      let size = byte & 15;
      let i = 1;
      for (let shift = 4; byte & 0x80; shift += 7, i++) {
        byte = head[i] as number;
        size += (byte & 0x7f) * 2 ** shift;
      }
      if (type !== 1) return undefined;
      // Deflate never grows data by more than a few bytes per 16 KiB block, plus its header.
      const data = Buffer.alloc(size + 64 + Math.ceil(size / 1000));
      const got = readSync(fd, data, 0, data.length, offset + i);
      return inflate(data.subarray(0, got)).subarray(0, size).toString('utf8');
    } finally {
      closeSync(fd);
    }
  }
  return undefined;
}

/** The committer time of the commit `sha` (full, SHA-1), from the object files. */
export function readCommitTime(cwd: string, sha: string): string | undefined {
  if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
  const gitDir = commonGitDir(cwd);
  if (gitDir === undefined) return undefined;
  try {
    const commit = looseCommit(gitDir, sha) ?? packedCommit(gitDir, sha);
    return commit === undefined ? undefined : committerTime(commit);
  } catch {
    return undefined;
  }
}
