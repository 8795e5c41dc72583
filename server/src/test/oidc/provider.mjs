// A real OpenID Connect provider (panva/node-oidc-provider 8.8.1) for the server's identity tests.
// Started and stopped by dev.microworks.testsupport.OidcProvider; not for anything else.
//
//   node provider.mjs <port> <config.json>
//
// <port> 0 picks a free port. The provider listens on 127.0.0.1 only; its issuer is
// http://127.0.0.1:<port>. When it listens it prints one line "ready <issuer>" to stdout.
// It exits on SIGTERM and when its stdin closes (the JVM that started it has gone).
//
// config.json, written by the Java launcher:
//   {
//     "client": { "client_id", "client_secret", "redirect_uris": [...],
//                 "post_logout_redirect_uris": [...] },
//     "jwks": { "keys": [ <private RS256 JWK with kid> ] },   -- static, so tests can forge tokens
//     "cookieKeys": [ "<random>" ],
//     "users": { "<login>": { "password": "...", "claims": { "sub", "email", "email_verified",
//                "name", "preferred_username", "groups": [...] } } }
//   }
//
// The browser part of a login, without a browser (see BrowserlessLogin.java):
//   1. GET  /auth?response_type=code&client_id&redirect_uri&scope&state&nonce&code_challenge...
//      -> 303 to /interaction/<uid>, setting the _interaction cookie (path /interaction/<uid>).
//   2. GET  /interaction/<uid>  -> 200, an HTML form (POST /interaction/<uid>/login) with fields
//      "login" and "password". (If the provider already has a session for the user and only
//      consent is missing, this step grants it and answers 303 at once.)
//   3. POST /interaction/<uid>/login  login=...&password=...
//      - wrong login or password: 200, the same form again with an error paragraph (id="error");
//      - right: the login is finished AND consent is granted for every scope and claim requested
//        (no consent screen), -> 303 to /auth/<uid> (the resume endpoint).
//   4. GET  /auth/<uid>  -> 303 to <redirect_uri>?code=...&state=...&iss=...
//   The relying party then exchanges the code at /token (client_secret_basic + code_verifier).

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [portArgument, configPath] = process.argv.slice(2);
if (portArgument === undefined || configPath === undefined) {
  console.error('usage: node provider.mjs <port> <config.json>');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const users = config.users;

let provider;
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  if (path.startsWith('/interaction/')) {
    interaction(req, res, path).catch((err) => {
      console.error('interaction failed:', err);
      if (!res.headersSent) {
        send(res, 500, 'text/plain', `interaction failed: ${err.message}`);
      }
    });
  } else {
    provider.callback()(req, res);
  }
});

server.listen(Number(portArgument), '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, configuration());
  // oidc-provider checks a static client only when it is first used; check it now, so a bad
  // redirect URI stops the start (with the reason in the output) instead of failing a login.
  try {
    await provider.Client.find(config.client.client_id);
  } catch (err) {
    const why = err.error_description ? `: ${err.error_description}` : '';
    console.error(`invalid client configuration: ${err.message}${why}`);
    process.exit(1);
  }
  // Why a request was refused, for OidcProvider.output(): the HTTP answer only says e.g.
  // "grant request is invalid", the detail ("PKCE verification failed") is logged here.
  for (const event of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error']) {
    provider.on(event, (ctx, err) => console.error(
      `${event}: ${err.message}${err.error_detail ? ` (${err.error_detail})` : ''}`));
  }
  console.log(`ready ${issuer}`);
});

process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

function configuration() {
  return {
    clients: [{
      ...config.client,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    }],
    jwks: config.jwks,
    cookies: {
      keys: config.cookieKeys,
      long: { signed: true },
      short: { signed: true },
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    // Scope-requested claims in the ID token too, not only from userinfo (the default of
    // OIDC Core for response_type=code): the tests read email, name and groups off the ID token.
    conformIdTokenClaims: false,
    pkce: { methods: ['S256'], required: () => true },
    // Explicit lifetimes (seconds), which also keeps the provider's "default ttl" notices quiet.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      RefreshToken: 3600,
      Session: 3600,
    },
    features: {
      devInteractions: { enabled: false },
    },
    interactions: {
      url: (ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    async findAccount(ctx, accountId) {
      const user = Object.hasOwn(users, accountId) ? users[accountId] : undefined;
      if (!user) {
        return undefined;
      }
      return {
        accountId,
        async claims() {
          return { sub: accountId, ...user.claims };
        },
      };
    },
  };
}

async function interaction(req, res, path) {
  const match = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(path);
  if (!match) {
    return send(res, 404, 'text/plain', 'no such interaction route');
  }
  const [, uid, action] = match;
  const details = await provider.interactionDetails(req, res);

  if (req.method === 'GET' && action === undefined) {
    if (details.prompt.name === 'login') {
      return send(res, 200, 'text/html', loginForm(uid, details.params.login_hint ?? '', ''));
    }
    if (details.prompt.name === 'consent') {
      const grantId = await grantEverythingRequested(details, details.session.accountId);
      return provider.interactionFinished(req, res, { consent: { grantId } },
        { mergeWithLastSubmission: true });
    }
    return send(res, 501, 'text/plain', `prompt ${details.prompt.name} is not implemented`);
  }

  if (req.method === 'GET' && action === '/abort') {
    return provider.interactionFinished(req, res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false });
  }

  if (req.method === 'POST' && action === '/login') {
    const form = new URLSearchParams(await body(req));
    const login = form.get('login') ?? '';
    const user = Object.hasOwn(users, login) ? users[login] : undefined;
    if (!user || user.password !== form.get('password')) {
      return send(res, 200, 'text/html', loginForm(uid, login, 'Invalid login or password.'));
    }
    const grantId = await grantEverythingRequested(details, login);
    return provider.interactionFinished(req, res,
      { login: { accountId: login }, consent: { grantId } },
      { mergeWithLastSubmission: false });
  }

  return send(res, 405, 'text/plain', `${req.method} ${path} is not allowed`);
}

// Consent without a screen: a grant for every scope and claim the authorization request asked for.
async function grantEverythingRequested(details, accountId) {
  const { params } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  if (params.claims) {
    const requested = JSON.parse(params.claims);
    const names = [requested.id_token, requested.userinfo]
      .flatMap((claims) => Object.keys(claims ?? {}));
    if (names.length > 0) {
      grant.addOIDCClaims(names);
    }
  }
  return grant.save();
}

function loginForm(uid, login, error) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign-in</title></head>
<body>
<h1>Sign-in</h1>
${error ? `<p id="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<input name="login" value="${escape(login)}" autofocus>
<input name="password" type="password">
<button type="submit">Sign-in</button>
</form>
<a href="/interaction/${escape(uid)}/abort">Cancel</a>
</body></html>
`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res, status, type, text) {
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function body(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
