// A real OpenID Provider for Stig's single sign-on tests: panva's certified `oidc-provider`
// on loopback, with one client (authorization code, PKCE required, client_secret_basic) and
// two accounts whose `groups` claim the test maps to roles. Its development login and consent
// forms take any password; the test fills them in like a browser.
//
// Usage: node provider.mjs PORT REDIRECT_URI CLIENT_SECRET
// Prints `ready` once it listens. `GET /test/tamper?mode=payload|foreign-key` makes the next
// token response carry an altered ID token: `payload` writes another subject into the payload
// and keeps the provider's signature; `foreign-key` signs the right claims with a key the
// provider never published, under the provider's key id.
import http from 'node:http';
import { generateKeyPair, exportJWK, SignJWT, decodeJwt } from 'jose';
import Provider from 'oidc-provider';

const [port, redirectUri, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const kid = 'provider-key-1';
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signing = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
const { privateKey: foreignKey } = await generateKeyPair('RS256');

const accounts = {
  kari: { preferred_username: 'kari', email: 'kari@example.no', name: 'Kari Nordmann', groups: ['staff', 'stig-editors'] },
  ola: { preferred_username: 'ola', email: 'ola@example.no', name: 'Ola Nordmann', groups: ['outsiders'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'stig',
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  jwks: { keys: [signing] },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  findAccount: async (_ctx, id) => accounts[id] && {
    accountId: id,
    claims: async () => ({ sub: id, ...accounts[id] }),
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['stig-sso-test-cookie-key'] },
});
provider.on('server_error', (_ctx, err) => console.error('provider error:', err));

let tamper = null;
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route === 'token' && tamper && ctx.body?.id_token) {
    const token = ctx.body.id_token;
    const [header, , signature] = token.split('.');
    const claims = decodeJwt(token);
    let altered;
    if (tamper === 'payload') {
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'ola' })).toString('base64url');
      altered = `${header}.${forged}.${signature}`;
    } else {
      altered = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(foreignKey);
    }
    ctx.body = { ...ctx.body, id_token: altered };
    tamper = null;
  }
});

const handler = provider.callback();
http.createServer((req, res) => {
  if (req.url.startsWith('/test/tamper')) {
    tamper = new URL(req.url, issuer).searchParams.get('mode');
    res.end('ok');
    return;
  }
  handler(req, res);
}).listen(Number(port), '127.0.0.1', () => console.log('ready'));
