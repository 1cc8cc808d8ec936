import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's OWASP-aligned defaults (19 MiB, t=2, p=1). */
@Injectable()
export class PasswordHasher {
  /** Verified against when no user matches, so a miss costs as long as a wrong password. */
  private readonly decoy = hash('clockwork-decoy-password');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoy);
    const ok = await verify(target, password).catch(() => false);
    return ok && passwordHash != null;
  }
}
