/** Reference parsing: the distribution grammar, Docker Hub's defaults, loopback schemes. */
import { describe, expect, it } from '@jest/globals';
import {
  InvalidReferenceError,
  formatReference,
  isLoopback,
  parseReference,
  registryKey,
} from '../../src/registry/reference.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    [
      'alpine',
      'docker.io',
      'registry-1.docker.io',
      'library/alpine',
      undefined,
      undefined,
      'https:',
    ],
    [
      'alpine:3.20',
      'docker.io',
      'registry-1.docker.io',
      'library/alpine',
      '3.20',
      undefined,
      'https:',
    ],
    [
      'library/alpine',
      'docker.io',
      'registry-1.docker.io',
      'library/alpine',
      undefined,
      undefined,
      'https:',
    ],
    ['acme/app', 'docker.io', 'registry-1.docker.io', 'acme/app', undefined, undefined, 'https:'],
    [
      'docker.io/alpine',
      'docker.io',
      'registry-1.docker.io',
      'library/alpine',
      undefined,
      undefined,
      'https:',
    ],
    [
      'index.docker.io/alpine',
      'docker.io',
      'registry-1.docker.io',
      'library/alpine',
      undefined,
      undefined,
      'https:',
    ],
    [
      'index.docker.io/acme/app:1',
      'docker.io',
      'registry-1.docker.io',
      'acme/app',
      '1',
      undefined,
      'https:',
    ],
    ['ghcr.io/acme/app', 'ghcr.io', 'ghcr.io', 'acme/app', undefined, undefined, 'https:'],
    [
      'ghcr.io/acme/team/app:1.2.3',
      'ghcr.io',
      'ghcr.io',
      'acme/team/app',
      '1.2.3',
      undefined,
      'https:',
    ],
    [`ghcr.io/acme/app@${D}`, 'ghcr.io', 'ghcr.io', 'acme/app', undefined, D, 'https:'],
    [`ghcr.io/acme/app:1.2.3@${D}`, 'ghcr.io', 'ghcr.io', 'acme/app', '1.2.3', D, 'https:'],
    [`alpine@${D}`, 'docker.io', 'registry-1.docker.io', 'library/alpine', undefined, D, 'https:'],
    [
      'REGISTRY.Example.com/acme/app',
      'registry.example.com',
      'registry.example.com',
      'acme/app',
      undefined,
      undefined,
      'https:',
    ],
    [
      'registry.example.com:443/a/b',
      'registry.example.com:443',
      'registry.example.com:443',
      'a/b',
      undefined,
      undefined,
      'https:',
    ],
    ['localhost/app', 'localhost', 'localhost', 'app', undefined, undefined, 'http:'],
    [
      'localhost:5000/app:dev',
      'localhost:5000',
      'localhost:5000',
      'app',
      'dev',
      undefined,
      'http:',
    ],
    [
      '127.0.0.1:5000/acme/app',
      '127.0.0.1:5000',
      '127.0.0.1:5000',
      'acme/app',
      undefined,
      undefined,
      'http:',
    ],
    ['127.8.9.10/acme/app', '127.8.9.10', '127.8.9.10', 'acme/app', undefined, undefined, 'http:'],
    ['[::1]:5000/acme/app', '[::1]:5000', '[::1]:5000', 'acme/app', undefined, undefined, 'http:'],
    ['[::1]/acme/app', '[::1]', '[::1]', 'acme/app', undefined, undefined, 'http:'],
    [
      '[2001:db8::1]:5000/acme/app',
      '[2001:db8::1]:5000',
      '[2001:db8::1]:5000',
      'acme/app',
      undefined,
      undefined,
      'https:',
    ],
    [
      '128.0.0.1:5000/acme/app',
      '128.0.0.1:5000',
      '128.0.0.1:5000',
      'acme/app',
      undefined,
      undefined,
      'https:',
    ],
    [
      'localhost.example.com/app',
      'localhost.example.com',
      'localhost.example.com',
      'app',
      undefined,
      undefined,
      'https:',
    ],
    // Not a registry: a first component without '.', ':' or 'localhost' is a path on Docker Hub.
    [
      'localhost:5000',
      'docker.io',
      'registry-1.docker.io',
      'library/localhost',
      '5000',
      undefined,
      'https:',
    ],
    [
      'my_org/app__x.y-z',
      'docker.io',
      'registry-1.docker.io',
      'my_org/app__x.y-z',
      undefined,
      undefined,
      'https:',
    ],
  ])('%s', (text, registry, apiHost, repository, tag, digest, scheme) => {
    const ref = parseReference(text);
    expect(ref).toEqual({
      registry,
      apiHost,
      repository,
      scheme,
      ...(tag !== undefined && { tag }),
      ...(digest !== undefined && { digest }),
    });
  });

  it.each([
    ['', /is empty/],
    ['ghcr.io/Acme/app', /uppercase.*'acme\/app'/],
    ['ghcr.io/acme/app:', /the tag '' does not match/],
    ['ghcr.io/acme/app:-x', /the tag '-x' does not match/],
    [`ghcr.io/acme/app:${'a'.repeat(129)}`, /does not match/],
    ['ghcr.io/acme/app@sha256:abc', /'sha256:abc' is not a digest/],
    [`ghcr.io/acme/app@md5:${'a'.repeat(32)}`, /is not a digest/],
    [`ghcr.io/acme/app@sha256:${'A'.repeat(64)}`, /is not a digest/],
    ['ghcr.io//app', /empty path component/],
    ['ghcr.io/acme/app/', /empty path component/],
    ['ghcr.io/acme/my app', /white space/],
    ['ghcr.io/acme/-app', /path component '-app'/],
    ['bad_host.io:x/app', /not a valid registry host/],
    [`ghcr.io/${'a'.repeat(300)}`, /longer than 255/],
  ])('rejects %j', (text, why) => {
    let error: unknown;
    try {
      parseReference(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toContain(`'${text}' is not a valid image reference`);
    expect((error as Error).message).toContain('Expected [registry/]name[:tag][@digest]');
  });

  it('formats back', () => {
    expect(formatReference(parseReference('alpine:3'))).toBe('docker.io/library/alpine:3');
    expect(formatReference(parseReference(`ghcr.io/a/b:1@${D}`))).toBe(`ghcr.io/a/b:1@${D}`);
  });
});

describe('isLoopback', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1', true],
    ['127.255.0.9:80', true],
    ['[::1]', true],
    ['[::1]:5000', true],
    ['[0:0:0:0:0:0:0:1]:5000', true],
    ['[::2]', false],
    ['10.0.0.1:5000', false],
    ['localhost.example.com', false],
    ['ghcr.io', false],
  ])('%s → %s', (host, loopback) => expect(isLoopback(host)).toBe(loopback));
});

describe('registryKey', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['https://ghcr.io', 'ghcr.io'],
    ['GHCR.IO', 'ghcr.io'],
    ['http://127.0.0.1:5000/v2/', '127.0.0.1:5000'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
  ])('%s → %s', (key, registry) => expect(registryKey(key)).toBe(registry));
});
