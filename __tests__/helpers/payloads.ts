import { type Json, examplePayload as example } from '../fixtures/payloads.js';

export { example };

/** The object at `key` of a payload, for adapting nested fields. */
export function field(payload: Json, key: string): Json {
  const value = payload[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`payload has no object '${key}'`);
  return value as Json;
}

/** The repository of every recorded example: Codertocat/Hello-World. */
export const EXAMPLE_OWNER = 'Codertocat';
export const EXAMPLE_REPO = 'Hello-World';
export const EXAMPLE_IMAGE = 'ghcr.io/codertocat/hello-world';

/** A push of `ref` at `sha`; `timestamp` becomes head_commit.timestamp, or there is no head_commit. */
export function pushPayload(ref: string, sha: string, timestamp?: string): Json {
  const payload = example('push');
  payload.ref = ref;
  payload.after = sha;
  payload.created = true;
  if (timestamp === undefined) payload.head_commit = null;
  else Object.assign(field(payload, 'head_commit'), { id: sha, timestamp });
  return payload;
}

/** The recorded `opened` pull_request payload, as PR `number` whose head is `headSha`. */
export function pullRequestPayload(number: number, headSha: string): Json {
  const payload = example('pull_request', { action: 'opened' });
  payload.number = number;
  const pr = field(payload, 'pull_request');
  pr.number = number;
  field(pr, 'head').sha = headSha;
  return payload;
}

/** A workflow_dispatch payload with the dispatch's own inputs. */
export function dispatchPayload(inputs: Record<string, unknown> = {}): Json {
  const payload = example('workflow_dispatch');
  payload.inputs = inputs;
  return payload;
}
