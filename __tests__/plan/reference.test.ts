import { describe, expect, it } from '@jest/globals';
import { imageNameProblem, isValidTag, sanitizeTag } from '../../src/plan/reference.js';

describe('image names', () => {
  it.each([
    'ghcr.io/acme/app',
    'alpine',
    'library/alpine',
    'localhost:5000/app',
    '127.0.0.1:5000/team/app',
    'registry.example.com:443/a/b/c',
    'acme/my_app__x.y-z',
    'REGISTRY.Example.com/acme/app',
  ])('accepts %s', (name) => expect(imageNameProblem(name)).toBeUndefined());

  it.each([
    ['ghcr.io/acme/my app', /white space/],
    ['ghcr.io/Acme/App', /uppercase.*'acme\/app'/],
    ['ghcr.io/acme/app:1.0', /contains a tag/],
    ['ghcr.io/acme/app@sha256:abc', /digest/],
    ['ghcr.io//app', /empty path component/],
    ['ghcr.io/acme/-app', /path component '-app'/],
    ['', /empty/],
  ])('rejects %s', (name, why) => expect(imageNameProblem(name)).toMatch(why));
});

describe('tags', () => {
  it('follows the tag grammar', () => {
    expect(isValidTag('1.2.3')).toBe(true);
    expect(isValidTag('_x')).toBe(true);
    expect(isValidTag('.x')).toBe(false);
    expect(isValidTag('-x')).toBe(false);
    expect(isValidTag('a'.repeat(128))).toBe(true);
    expect(isValidTag('a'.repeat(129))).toBe(false);
  });
  it('sanitizes', () => {
    expect(sanitizeTag('feature/new thing')).toBe('feature-new-thing');
    expect(sanitizeTag('..x')).toBe('x');
    expect(sanitizeTag('///')).toBe('');
  });
});
