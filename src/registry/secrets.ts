/**
 * Every secret the client learns (passwords, identity tokens, bearer tokens) goes through one
 * SecretMask: it is reported to the caller once (so the action can `core.setSecret` it before
 * anything is printed) and scrubbed from every message the client builds, including text the
 * registry sent back, which may echo what it was given.
 */
export class SecretMask {
  private readonly secrets = new Set<string>();

  constructor(private readonly onSecret?: (secret: string) => void) {}

  add(secret: string | undefined): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.onSecret?.(secret);
  }

  /** `text` with every known secret replaced by `***`, longest first so no tail survives. */
  redact(text: string): string {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('***');
    }
    return out;
  }
}
