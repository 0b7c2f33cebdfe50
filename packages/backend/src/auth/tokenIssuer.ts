import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { sql } from 'kysely';
import { AuthenticationError } from '../api/errors.js';
import { migrateFrameworkTables } from '../database/frameworkTables.js';
import type { Config, Credentials, RootDatabaseService } from '../api/services.js';

const ISSUER = 'atrium';
const USER_TOKEN_TTL_S = 60 * 60;
const SERVICE_TOKEN_TTL_S = 10 * 60;

/**
 * Signs and verifies the backend's tokens (HS256). The key comes from `backend.auth.secret`, or is
 * generated once and kept in the database so that every instance sharing it accepts the same tokens.
 * This is the seam where sign-in providers and service-to-service keys plug in later.
 */
export class TokenIssuer {
  /** A key object made once: given raw bytes, jose imports the key again on every sign and verify. */
  private readonly key: KeyObject;
  /** Tokens verified recently, until they expire: most requests repeat the token of the last one. */
  private readonly verified = new Map<string, { credentials: Credentials; expiresAt: number }>();

  private constructor(secret: Uint8Array) {
    this.key = createSecretKey(secret);
  }

  static async create(config: Config, db: RootDatabaseService): Promise<TokenIssuer> {
    const configured = config.getOptionalString('backend.auth.secret');
    if (configured) return new TokenIssuer(Buffer.from(configured, "utf8"));
    // Migrations take a lock, so instances starting together create the table once; the first
    // insert wins and every instance reads the same key.
    await migrateFrameworkTables(db, 'auth', {
      '0001_auth_keys': {
        up: (k) => k.schema.createTable('auth_keys')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
          .execute(),
      },
    });
    const kdb = db.getRootClient();
    await sql`INSERT INTO atrium_backend.auth_keys (id, secret) VALUES (1, ${randomBytes(32).toString('base64url')}) ON CONFLICT (id) DO NOTHING`.execute(kdb);
    const { rows } = await sql<{ secret: string }>`SELECT secret FROM atrium_backend.auth_keys WHERE id = 1`.execute(kdb);
    return new TokenIssuer(Buffer.from(rows[0]!.secret, "utf8"));
  }

  async issueUser(user: { userEntityRef: string; ownershipEntityRefs?: string[] }) {
    const exp = Math.floor(Date.now() / 1000) + USER_TOKEN_TTL_S;
    const token = await new SignJWT({ typ: 'user', ent: user.ownershipEntityRefs ?? [user.userEntityRef] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(user.userEntityRef)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  async issueService(subject: string) {
    const token = await new SignJWT({ typ: 'service' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${SERVICE_TOKEN_TTL_S}s`)
      .sign(this.key);
    return { token };
  }

  async verify(token: string): Promise<Credentials> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.credentials;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub) throw new AuthenticationError('Token has no subject');
      let credentials: Credentials;
      if (payload.typ === 'user') {
        const ent = Array.isArray(payload.ent) ? payload.ent.filter((e): e is string => typeof e === 'string') : [];
        credentials = { principal: { type: 'user', userEntityRef: payload.sub, ownershipEntityRefs: ent } };
      } else if (payload.typ === 'service') {
        credentials = { principal: { type: 'service', subject: payload.sub } };
      } else {
        throw new AuthenticationError('Token has an unknown type');
      }
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, { credentials, expiresAt: (payload.exp ?? 0) * 1000 });
      return credentials;
    } catch (e) {
      if (e instanceof AuthenticationError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new AuthenticationError('Token expired; sign in again');
      throw new AuthenticationError('Invalid token');
    }
  }
}
