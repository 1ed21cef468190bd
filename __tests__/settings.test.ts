import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../src/errors.js';
import { DEFAULT_PLATFORMS, type Settings, readSettings } from '../src/settings.js';

/** Settings from a Record of action.yml inputs; unset inputs read as '' like core.getInput. */
function settings(inputs: Readonly<Record<string, string>>): Settings {
  return readSettings((name) => inputs[name] ?? '');
}

describe('defaults', () => {
  it('reads every input as unset', () => {
    expect(settings({})).toEqual({
      images: [],
      latest: 'auto',
      extraTags: [],
      labels: [],
      annotations: [],
      buildArgs: [],
      platforms: [...DEFAULT_PLATFORMS],
      dryRun: false,
      githubToken: '',
      engine: 'buildx',
      context: '.',
      secrets: [],
      cache: 'gha',
      push: 'auto',
      overwrite: false,
      release: 'auto',
    });
  });

  it('leaves version, tag-prefix and stage out when unset', () => {
    const s = settings({});
    expect('version' in s).toBe(false);
    expect('tagPrefix' in s).toBe(false);
    expect('stage' in s).toBe(false);
  });

  it('keeps version, tag-prefix and stage when set', () => {
    const s = settings({ version: 'v1.2.3', 'tag-prefix': 'server-v', stage: 'rmoa-client' });
    expect(s).toMatchObject({ version: 'v1.2.3', tagPrefix: 'server-v', stage: 'rmoa-client' });
  });
});

describe('lists separated by newlines and commas', () => {
  it.each([
    ['commas', 'ghcr.io/acme/a,ghcr.io/acme/b', ['ghcr.io/acme/a', 'ghcr.io/acme/b']],
    ['newlines', 'ghcr.io/acme/a\nghcr.io/acme/b\n', ['ghcr.io/acme/a', 'ghcr.io/acme/b']],
    ['CRLF', 'ghcr.io/acme/a\r\nghcr.io/acme/b\r\n', ['ghcr.io/acme/a', 'ghcr.io/acme/b']],
    [
      'both, with spaces and empty items',
      '  ghcr.io/acme/a ,, ghcr.io/acme/b ,\n docker.io/acme/c ',
      ['ghcr.io/acme/a', 'ghcr.io/acme/b', 'docker.io/acme/c'],
    ],
    [
      'blank lines and # comments',
      '# the main registry\nghcr.io/acme/a\n\n   \n  # a mirror\ndocker.io/acme/a',
      ['ghcr.io/acme/a', 'docker.io/acme/a'],
    ],
    [
      'duplicates',
      'ghcr.io/acme/a\nghcr.io/acme/b, ghcr.io/acme/a\nghcr.io/acme/b',
      ['ghcr.io/acme/a', 'ghcr.io/acme/b'],
    ],
  ])('images: %s', (_, images, expected) => {
    expect(settings({ images }).images).toEqual(expected);
  });

  it.each([
    ['commas', 'edge,stable', ['edge', 'stable']],
    ['newlines and commas', 'edge\nstable, nightly\n', ['edge', 'stable', 'nightly']],
    ['blank lines and # comments', '# preview\n\nedge\n#stable\n', ['edge']],
    ['duplicates', 'edge, stable\nedge\nstable,edge', ['edge', 'stable']],
    ['only separators', ' , \n,', []],
  ])('extra-tags: %s', (_, extraTags, expected) => {
    expect(settings({ 'extra-tags': extraTags }).extraTags).toEqual(expected);
  });

  it.each([
    ['commas', 'linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    [
      'newlines and commas',
      'linux/amd64\nlinux/arm64, linux/arm/v7',
      ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
    ],
    ['blank lines and # comments', '# x86 only for now\n\nlinux/amd64\n', ['linux/amd64']],
    ['duplicates', 'linux/amd64, linux/amd64\nlinux/amd64', ['linux/amd64']],
  ])('platforms: %s', (_, platforms, expected) => {
    expect(settings({ platforms }).platforms).toEqual(expected);
  });

  it('platforms: a list with no entry is an error', () => {
    expect(() => settings({ platforms: ' , ' })).toThrow(
      /^platforms: the list is empty; expected os\/arch\[\/variant\]/,
    );
  });
});

describe('KEY=value lists separated by newlines only', () => {
  it.each(['labels', 'build-args'] as const)('%s: commas and = stay in the value', (input) => {
    const value = [
      'org.opencontainers.image.vendor=Acme, Inc.',
      '',
      '# a comment',
      '   ',
      'QUERY=a=1&b=2,c=3',
      '  EMPTY=  ',
      'HASH=b # not a comment',
    ].join('\n');
    const read = settings({ [input]: value });
    expect(input === 'labels' ? read.labels : read.buildArgs).toEqual([
      { key: 'org.opencontainers.image.vendor', value: 'Acme, Inc.' },
      { key: 'QUERY', value: 'a=1&b=2,c=3' },
      { key: 'EMPTY', value: '' },
      { key: 'HASH', value: 'b # not a comment' },
    ]);
  });

  it('a repeated key is kept in order, so that the later line wins in the plan', () => {
    expect(settings({ labels: 'a=1\nb=2\na=3' }).labels).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'a', value: '3' },
    ]);
  });

  it('annotations: optional level prefixes, commas and = in values', () => {
    const annotations = [
      'org.opencontainers.image.description=Says hello, politely',
      '# a comment',
      'index:com.example.team=platform',
      'manifest,index:com.example.x=a=b',
      'manifest-descriptor:com.example.d=1',
      'index-descriptor,manifest:com.example.e=2',
      '',
      'com.example.url=https://example.com/a?b=c',
    ].join('\r\n');
    expect(settings({ annotations }).annotations).toEqual([
      { key: 'org.opencontainers.image.description', value: 'Says hello, politely' },
      { key: 'com.example.team', value: 'platform', levels: ['index'] },
      { key: 'com.example.x', value: 'a=b', levels: ['manifest', 'index'] },
      { key: 'com.example.d', value: '1', levels: ['manifest-descriptor'] },
      { key: 'com.example.e', value: '2', levels: ['index-descriptor', 'manifest'] },
      { key: 'com.example.url', value: 'https://example.com/a?b=c' },
    ]);
  });
});

describe('scalars', () => {
  it.each([
    ['', false],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
  ])('dry-run %j', (value, expected) => {
    expect(settings({ 'dry-run': value }).dryRun).toBe(expected);
  });

  it.each([
    ['', 'auto'],
    ['auto', 'auto'],
    ['Auto', 'auto'],
    ['true', 'true'],
    ['False', 'false'],
  ])('latest %j', (value, expected) => {
    expect(settings({ latest: value }).latest).toBe(expected);
  });
});

describe('github-token', () => {
  it('goes to onSecret before any other input is read', () => {
    const log: string[] = [];
    const s = readSettings(
      (name) => {
        log.push(`read ${name}`);
        return name === 'github-token' ? 'ghs_secret' : '';
      },
      (secret) => log.push(`secret ${secret}`),
    );
    expect(log.slice(0, 2)).toEqual(['read github-token', 'secret ghs_secret']);
    expect(log.filter((l) => l.startsWith('secret'))).toEqual(['secret ghs_secret']);
    expect(log.length).toBeGreaterThan(2);
    expect(s.githubToken).toBe('ghs_secret');
  });

  it('goes to onSecret even when a later input is bad', () => {
    const secrets: string[] = [];
    const inputs: Record<string, string> = { 'github-token': 'ghs_secret', latest: 'yes' };
    let error: unknown;
    try {
      readSettings(
        (name) => inputs[name] ?? '',
        (secret) => secrets.push(secret),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).where).toBe('latest');
    expect((error as UsageError).message).not.toContain('ghs_secret');
    expect(secrets).toEqual(['ghs_secret']);
  });
});

describe('build and push inputs', () => {
  it('reads every one of them', () => {
    const s = settings({
      engine: 'BuildAH',
      context: 'server',
      file: 'server/Containerfile',
      target: 'runtime',
      cache: 'none',
      provenance: 'mode=max',
      sbom: 'true',
      push: 'false',
      overwrite: 'true',
      'promote-from': 'dev-a1b2c3d',
      username: 'bot',
      password: 'hunter2',
    });
    expect(s).toMatchObject({
      engine: 'buildah',
      context: 'server',
      file: 'server/Containerfile',
      target: 'runtime',
      cache: 'none',
      provenance: 'mode=max',
      sbom: 'true',
      push: 'false',
      overwrite: true,
      promoteFrom: 'dev-a1b2c3d',
      username: 'bot',
      password: 'hunter2',
    });
  });

  it.each([
    ['sha256:' + 'a'.repeat(64), 'sha256:' + 'a'.repeat(64)],
    ['@sha256:' + 'b'.repeat(64), 'sha256:' + 'b'.repeat(64)],
    ['rmoa-client-a1b2c3d', 'rmoa-client-a1b2c3d'],
  ])('promote-from %s', (value, expected) => {
    expect(settings({ 'promote-from': value }).promoteFrom).toBe(expected);
  });

  it.each<[Record<string, string>, string, RegExp]>([
    [{ engine: 'docker' }, 'engine', /'docker' is not one of buildx, buildah/],
    [{ cache: 'registry' }, 'cache', /not one of gha, none/],
    [{ push: 'yes' }, 'push', /not one of auto, true, false/],
    [{ overwrite: 'maybe' }, 'overwrite', /not a boolean/],
    [{ 'promote-from': 'ghcr.io/acme/app:dev' }, 'promote-from', /neither a tag .* nor a digest/],
    [{ 'promote-from': 'sha256:abc' }, 'promote-from', /neither a tag/],
    [{ username: 'bot' }, 'password', /set both, or neither/],
    [{ password: 'x' }, 'username', /set both, or neither/],
    [{ secrets: 'no-equals-sign' }, 'secrets', /not of the form KEY=value/],
    [{ secrets: 'bad,id=x' }, 'secrets', /may hold only letters/],
  ])('%j fails naming %s', (inputs, where, message) => {
    let error: unknown;
    try {
      settings(inputs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).where).toBe(where);
    expect((error as UsageError).message).toMatch(message);
  });

  it('masks the password and every secret before anything could print them', () => {
    const masked: string[] = [];
    const s = readSettings(
      (name) =>
        ({ username: 'bot', password: 'pw-1', secrets: 'NPM=tok-1\nOTHER=a=b' })[name] ?? '',
      (secret) => masked.push(secret),
    );
    expect(masked).toEqual(expect.arrayContaining(['pw-1', 'tok-1', 'a=b', 'NPM=tok-1']));
    expect(s.secrets).toEqual([
      { key: 'NPM', value: 'tok-1' },
      { key: 'OTHER', value: 'a=b' },
    ]);
  });

  it('masks a malformed secrets line before the error quotes it', () => {
    const masked: string[] = [];
    expect(() =>
      readSettings(
        (name) => (name === 'secrets' ? 'just-a-token-value' : ''),
        (secret) => masked.push(secret),
      ),
    ).toThrow(UsageError);
    expect(masked).toContain('just-a-token-value');
  });
});
