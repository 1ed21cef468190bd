/**
 * An error a user can fix: `where` names the input or part of the event that is wrong, the
 * message says what was found and what is expected. Anything else thrown is a bug.
 */
export class UsageError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'UsageError';
  }
}
