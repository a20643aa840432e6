// A Sigstore stand-in for tests, on 127.0.0.1 only: an OIDC issuer answering the GitHub Actions
// ID-token request, Fulcio (gRPC, as sigstore-java speaks it), Rekor v1 and a timestamp authority,
// with the trusted root and signing config that describe them. Every run makes its own keys.
//
// Fulcio, Rekor and the TSA are @sigstore/mock's handlers (built for nock) mounted on one HTTPS
// port: HTTP/2 for gRPC, HTTP/1.1 for the rest. sigstore-java's KeylessSigner talks to Fulcio over
// gRPC with TLS only (no plaintext switch reaches its Fulcio client), so the port speaks TLS with
// the certificate and key given on the command line.
//
// Usage: node sigstore-standin.mjs --tls-cert server.pem --tls-key server.key --dir <out>
//        [--claims '{"ref":"refs/heads/main",...}']
// When ready it prints one JSON line on stdout: {"url":..., "trustedRoot":..., ...}; the request
// token it names is the default job's, whose ID tokens carry --claims.
// Each JSON line {"claims":{...}} read on stdin adds a job, as GitHub gives each job of a run its own
// ACTIONS_ID_TOKEN_REQUEST_TOKEN: the answer is one line {"requestToken":"..."} on stdout, and the
// ID tokens asked with that request token carry those claims (over the defaults below).
// Every request is appended to <out>/requests.log just before it is answered: "METHOD path status", where
// a failed gRPC call shows its grpc-status (never a header, a token or a body).
// It runs until stdin closes or it gets SIGTERM.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http2 from 'node:http2';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import mock from '@sigstore/mock';
import * as pkijs from 'pkijs';

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const FULCIO_GRPC_PATH = '/dev.sigstore.fulcio.v2.CA/CreateSigningCertificate';
const TOKEN_PATH = '/actions-id-token';

const { values: args } = parseArgs({
  options: {
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    dir: { type: 'string' },
    claims: { type: 'string', default: '{}' },
  },
});
for (const required of ['tls-cert', 'tls-key', 'dir']) {
  if (!args[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}

fs.mkdirSync(args.dir, { recursive: true });
const requestsLog = path.resolve(args.dir, 'requests.log');
fs.writeFileSync(requestsLog, '');

const keyPair = () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const spki = (publicKey) => publicKey.export({ format: 'der', type: 'spki' });
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

// ---- OIDC issuer: GitHub's claims, an ES256 token, a per-run request token
const oidcKey = keyPair();
const repository = 'octo-org/octo-repo';
const ref = 'refs/tags/v1.2.3';
const baseClaims = {
  iss: GITHUB_ISSUER,
  aud: 'sigstore',
  sub: `repo:${repository}:ref:${ref}`,
  repository,
  repository_owner: 'octo-org',
  repository_id: '123456',
  repository_owner_id: '654321',
  repository_visibility: 'public',
  ref,
  ref_type: 'tag',
  sha: 'a'.repeat(40),
  workflow: 'release',
  workflow_ref: `${repository}/.github/workflows/release.yml@${ref}`,
  workflow_sha: 'a'.repeat(40),
  job_workflow_ref: `${repository}/.github/workflows/release.yml@${ref}`,
  job_workflow_sha: 'a'.repeat(40),
  event_name: 'push',
  run_id: '42',
  run_attempt: '1',
  runner_environment: 'github-hosted',
};
// request token -> the claims of that job's ID tokens
const jobs = new Map();
function addJob(claims) {
  const requestToken = crypto.randomBytes(24).toString('hex');
  jobs.set(requestToken, { ...baseClaims, ...claims, iss: GITHUB_ISSUER });
  return requestToken;
}
const requestToken = addJob(JSON.parse(args.claims));
const claims = jobs.get(requestToken);

function issueIdToken(claims, audience) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES256', typ: 'JWT', kid: 'standin' };
  const payload = { ...claims, aud: audience, iat: now, nbf: now - 5, exp: now + 300 };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = crypto.sign('sha256', Buffer.from(input), {
    key: oidcKey.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${b64url(signature)}`;
}

// What real Fulcio checks before it issues: our signature, our issuer, audience sigstore, not
// expired. Returns the claims, or throws.
function verifyIdToken(token) {
  const [header, payload, signature] = token.split('.');
  const ok = crypto.verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: oidcKey.publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature ?? '', 'base64url'),
  );
  if (!ok) throw new Error('the identity token is not signed by this issuer');
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (body.iss !== GITHUB_ISSUER) throw new Error(`unexpected issuer ${body.iss}`);
  if (body.aud !== 'sigstore') throw new Error(`unexpected audience ${body.aud}`);
  if (body.exp < Date.now() / 1000) throw new Error('the identity token expired');
  return body;
}

// An unsigned token carrying the claims plus the SAN real Fulcio derives for GitHub Actions
// (https://github.com/ + job_workflow_ref): @sigstore/mock takes the SAN from one claim.
function tokenForMock(body) {
  const withSan = { ...body, fulcio_san: `https://github.com/${body.job_workflow_ref}` };
  return `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(withSan))}.`;
}

// @sigstore/mock 0.10.0's CT log returns a truncated SCT (its SCT list does not parse, neither in
// sigstore-js nor in sigstore-java), so the stand-in makes the SCT itself (RFC 6962 3.2 and 3.3)
// and hands the CA a SerializedSCT (length-prefixed), which the CA wraps into the SCT list.
const u16 = (n) => Buffer.from([n >> 8, n & 0xff]);
async function serializedSct(preCertificate, issuerKeyHash) {
  const tbs = Buffer.from(pkijs.Certificate.fromBER(preCertificate).encodeTBS().toBER());
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(Date.now()));
  const signed = Buffer.concat([
    Buffer.from([0, 0]), // v1, certificate_timestamp
    time,
    u16(1), // precert_entry
    Buffer.from(issuerKeyHash),
    Buffer.from([tbs.length >> 16, (tbs.length >> 8) & 0xff, tbs.length & 0xff]),
    tbs,
    u16(0), // no extensions
  ]);
  const signature = crypto.sign('sha256', signed, ctKey.privateKey);
  const sct = Buffer.concat([
    Buffer.from([0]),
    sha256(spki(ctKey.publicKey)),
    time,
    u16(0),
    Buffer.from([4, 3]), // sha256, ecdsa
    u16(signature.length),
    signature,
  ]);
  return Buffer.concat([u16(sct.length), sct]);
}

// @sigstore/mock 0.10.0 proves each entry as the only leaf of a one-leaf tree: log index 0 and no
// hashes, which sigstore-java's bundle writer rejects as unset protobuf fields. The stand-in keeps
// a real append-only RFC 6962 Merkle tree instead (starting with one filler leaf, so every proof
// has a hash), and re-signs the SET and the checkpoint for the entry's place in it.
const LOG_ORIGIN = '127.0.0.1'; // sigstore-java: the log's baseUrl host, without the port
const treeId = crypto.randomInt(2 ** 48 - 1);
const leafHash = (data) => sha256(Buffer.concat([Buffer.from([0]), data]));
const nodeHash = (left, right) => sha256(Buffer.concat([Buffer.from([1]), left, right]));
const split = (n) => 2 ** Math.floor(Math.log2(n - 1)); // largest power of two below n
const merkleRoot = (leaves) =>
  leaves.length === 1
    ? leaves[0]
    : nodeHash(merkleRoot(leaves.slice(0, split(leaves.length))), merkleRoot(leaves.slice(split(leaves.length))));
function auditPath(index, leaves) {
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...auditPath(index, leaves.slice(0, k)), merkleRoot(leaves.slice(k))]
    : [...auditPath(index - k, leaves.slice(k)), merkleRoot(leaves.slice(0, k))];
}
const logLeaves = [leafHash(crypto.randomBytes(32))];
function checkpoint(size, root) {
  const note = `${LOG_ORIGIN} - ${treeId}\n${size}\n${b64(root)}\n`;
  const signature = crypto.sign('sha256', Buffer.from(note), rekorKey.privateKey);
  const hint = sha256(spki(rekorKey.publicKey)).subarray(0, 4);
  return `${note}\n\u2014 ${LOG_ORIGIN} ${b64(Buffer.concat([hint, signature]))}\n`;
}
function appendToLog(mockLog) {
  return async (proposedEntry) => {
    const result = await mockLog(proposedEntry);
    const entry = Object.values(result)[0];
    const body = Buffer.from(entry.body, 'base64');
    const index = logLeaves.length;
    logLeaves.push(leafHash(body));
    const root = merkleRoot(logLeaves);
    entry.logIndex = index;
    entry.verification.signedEntryTimestamp = tlog
      .calculateSET({
        body,
        timestamp: entry.integratedTime,
        logIndex: index,
        logID: Buffer.from(entry.logID, 'hex'),
      })
      .toString('base64');
    entry.verification.inclusionProof = {
      logIndex: index,
      treeSize: logLeaves.length,
      rootHash: root.toString('hex'),
      hashes: auditPath(index, logLeaves).map((hash) => hash.toString('hex')),
      checkpoint: checkpoint(logLeaves.length, root),
    };
    return result;
  };
}

// ---- Fulcio, Rekor v1, TSA from @sigstore/mock
const caKey = keyPair();
const ctKey = keyPair();
const rekorKey = keyPair();
const tsaKey = keyPair();
const ctlog = await mock.initializeCTLog(ctKey);
ctlog.log = serializedSct;
const ca = await mock.initializeCA(caKey, ctlog);
const fulcio = mock.fulcioHandler(ca, { subjectClaim: 'fulcio_san' });
// The checkpoint's signer name is this host; sigstore-java matches it against the host of the
// log's baseUrl without the port (java.net.URI#getHost), so the port is left out here.
const tlog = await mock.initializeTLog(`https://${LOG_ORIGIN}`, rekorKey);
tlog.log = appendToLog(tlog.log.bind(tlog));
const rekor = mock.rekorHandler(tlog);
const tsa = await mock.initializeTSA(tsaKey);
const TSA_PATH = '/api/v1/timestamp';

// ---- minimal protobuf for the two Fulcio messages
function readVarint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}
function decodeFields(buf) {
  const fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = readVarint(buf, pos);
    const number = Math.floor(key / 8);
    const wire = key & 7;
    let value;
    if (wire === 0) {
      [value, pos] = readVarint(buf, pos);
    } else if (wire === 2) {
      let length;
      [length, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + length);
      pos += length;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
    fields.set(number, [...(fields.get(number) ?? []), value]);
  }
  return fields;
}
const field = (buf, ...numbers) =>
  numbers.reduce((b, n) => (b ? decodeFields(b).get(n)?.[0] : undefined), buf);
function varint(n) {
  const bytes = [];
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}
const lengthDelimited = (number, bytes) =>
  Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);

async function createSigningCertificate(message) {
  const token = field(message, 1, 1)?.toString('utf8');
  const publicKey = field(message, 2, 1, 2)?.toString('utf8');
  if (!token || !publicKey) throw new Error('credentials and public_key_request are required');
  const body = verifyIdToken(token);
  const request = {
    credentials: { oidcIdentityToken: tokenForMock(body) },
    publicKeyRequest: { publicKey: { content: publicKey } },
  };
  const { statusCode, response } = await fulcio.fn(JSON.stringify(request));
  if (statusCode !== 201) throw new Error(String(response));
  const chain = JSON.parse(response).signedCertificateEmbeddedSct.chain.certificates;
  // SigningCertificate { signed_certificate_embedded_sct = 2 { chain = 1 { certificates = 1 } } }
  const certificates = Buffer.concat(chain.map((pem) => lengthDelimited(1, Buffer.from(pem))));
  return lengthDelimited(2, lengthDelimited(1, certificates));
}

// sigstore-java sends an RFC 3161 TimeStampReq (DER), where @sigstore/mock's handler reads
// sigstore-js' JSON form, and its nonce is 64 bits, where the mock's TSTInfo takes a JS number:
// the stand-in parses the request and hands the mock TSA the nonce as the request's ASN.1 integer.
// Whole seconds: pkijs writes a GeneralizedTime of 1 or 2 fraction digits when the milliseconds end
// in 0 (DER drops trailing zeros), which @sigstore/core 3.2 refuses ("invalid time": it expects
// none or exactly 3).
tsa.getCurrentTime = () => new Date(Math.floor(Date.now() / 1000) * 1000);
const mockTstInfo = tsa.tstInfo.bind(tsa);
tsa.tstInfo = (req) => {
  const info = mockTstInfo({ ...req, nonce: 0 });
  if (req.nonce) info.nonce = req.nonce;
  else delete info.nonce;
  return info;
};
async function timestampResponse(der) {
  const req = pkijs.TimeStampReq.fromBER(der);
  return tsa.timestamp({
    artifactHash: Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView),
    hashAlgorithmOID: req.messageImprint.hashAlgorithm.algorithmId,
    nonce: req.nonce,
    policyOID: req.reqPolicy ?? '1.3.6.1.4.1.57264.2',
    certReq: req.certReq ?? false,
  });
}

// Rekor v2 (POST /api/v2/log/entries, what sigstore-java needs for DSSE): the request becomes
// the entry body (kind and apiVersion 0.0.2 with the payload hash, never the payload), appended to
// the same log; the answer is a TransparencyLogEntry without SET and without integrated time.
const REKOR_V2_PATH = '/api/v2/log/entries';
function rekorV2Body(request) {
  if (request.hashedRekordRequestV002) {
    const { digest, signature } = request.hashedRekordRequestV002;
    return {
      kind: 'hashedrekord',
      apiVersion: '0.0.2',
      spec: { hashedRekordV002: { data: { algorithm: 'SHA2_256', digest }, signature } },
    };
  }
  if (request.dsseRequestV002) {
    const { envelope, verifiers } = request.dsseRequestV002;
    const payloadHash = b64(sha256(Buffer.from(envelope.payload, 'base64')));
    return {
      kind: 'dsse',
      apiVersion: '0.0.2',
      spec: {
        dsseV002: {
          payloadHash: { algorithm: 'SHA2_256', digest: payloadHash },
          signatures: envelope.signatures.map((sig, i) => ({
            content: sig.sig,
            verifier: verifiers[i] ?? verifiers[0],
          })),
        },
      },
    };
  }
  throw new Error('expected hashedRekordRequestV002 or dsseRequestV002');
}
function rekorV2Entry(request) {
  const body = rekorV2Body(request);
  const canonical = Buffer.from(JSON.stringify(sortKeys(body)));
  const index = logLeaves.length;
  logLeaves.push(leafHash(canonical));
  const root = merkleRoot(logLeaves);
  return {
    logIndex: String(index),
    logId: { keyId: b64(sha256(spki(rekorKey.publicKey))) },
    kindVersion: { kind: body.kind, version: body.apiVersion },
    integratedTime: '0',
    inclusionProof: {
      logIndex: String(index),
      rootHash: b64(root),
      treeSize: String(logLeaves.length),
      hashes: auditPath(index, logLeaves).map(b64),
      checkpoint: { envelope: checkpoint(logLeaves.length, root) },
    },
    canonicalizedBody: b64(canonical),
  };
}
const sortKeys = (value) =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]))
      : value;

// ---- HTTP
async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}
function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
async function handle(req, res) {
  const url = new URL(req.url, 'https://127.0.0.1');
  // logged as the answer is handed over, not on 'finish': a client may read the answer (and a
  // test the log) before 'finish' fires
  const end = res.end.bind(res);
  res.end = (...args) => {
    const grpc = res.grpcStatus && res.grpcStatus !== '0' ? ` grpc-status=${res.grpcStatus}` : '';
    fs.appendFileSync(requestsLog, `${req.method} ${url.pathname} ${res.statusCode}${grpc}\n`);
    return end(...args);
  };
  if (req.method === 'POST' && url.pathname === FULCIO_GRPC_PATH) {
    const frame = await readBody(req);
    res.writeHead(200, { 'content-type': 'application/grpc' });
    try {
      if (frame[0] !== 0) throw new Error('compressed gRPC messages are not supported');
      const reply = await createSigningCertificate(frame.subarray(5, 5 + frame.readUInt32BE(1)));
      const header = Buffer.alloc(5);
      header.writeUInt32BE(reply.length, 1);
      res.addTrailers({ 'grpc-status': '0' });
      res.end(Buffer.concat([header, reply]));
    } catch (e) {
      res.grpcStatus = '3';
      res.addTrailers({ 'grpc-status': '3', 'grpc-message': encodeURIComponent(e.message) });
      res.end();
    }
    return;
  }
  if (req.method === 'GET' && url.pathname === TOKEN_PATH) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const job = bearer === undefined ? undefined : jobs.get(bearer);
    if (!job) {
      return send(res, 401, 'application/json', '{"message":"bad request token"}');
    }
    const audience = url.searchParams.get('audience') ?? 'sigstore';
    return send(res, 200, 'application/json', JSON.stringify({ value: issueIdToken(job, audience) }));
  }
  if (req.method === 'POST' && url.pathname === rekor.path) {
    const { statusCode, response, contentType } = await rekor.fn((await readBody(req)).toString());
    if (statusCode === 201) {
      // real Rekor names the new entry; sigstore-java resolves this header
      res.setHeader('location', `${rekor.path}/${Object.keys(JSON.parse(response))[0]}`);
    }
    return send(res, statusCode, contentType ?? 'text/plain', response);
  }
  if (req.method === 'POST' && url.pathname === REKOR_V2_PATH) {
    try {
      const entry = rekorV2Entry(JSON.parse((await readBody(req)).toString()));
      return send(res, 201, 'application/json', JSON.stringify(entry));
    } catch (e) {
      return send(res, 400, 'text/plain', e.message);
    }
  }
  if (req.method === 'POST' && url.pathname === TSA_PATH) {
    try {
      return send(res, 200, 'application/timestamp-reply', await timestampResponse(await readBody(req)));
    } catch (e) {
      return send(res, 400, 'text/plain', `not a TimeStampReq: ${e.message}`);
    }
  }
  if (req.method === 'GET' && url.pathname === '/trusted_root.json') {
    return send(res, 200, 'application/json', JSON.stringify(trustedRoot, null, 2));
  }
  if (req.method === 'GET' && url.pathname === '/signing_config.json') {
    return send(res, 200, 'application/json', JSON.stringify(signingConfig, null, 2));
  }
  return send(res, 404, 'text/plain', 'not found');
}

const server = http2.createSecureServer(
  {
    cert: fs.readFileSync(args['tls-cert']),
    key: fs.readFileSync(args['tls-key']),
    allowHTTP1: true,
  },
  (req, res) =>
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e?.stack ?? e));
    }),
);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `https://127.0.0.1:${server.address().port}`;

// ---- trusted root (sigstore protobuf-specs TrustedRoot v0.1, JSON form) and signing config v0.2
const validFor = { start: new Date(Date.now() - 60_000).toISOString() };
const logKey = (key, baseUrl) => ({
  baseUrl,
  hashAlgorithm: 'SHA2_256',
  publicKey: { rawBytes: b64(spki(key)), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
  logId: { keyId: b64(sha256(spki(key))) },
});
const trustedRoot = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [logKey(rekorKey.publicKey, base)],
  certificateAuthorities: [
    {
      subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
      uri: base,
      certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
      validFor,
    },
  ],
  ctlogs: [logKey(ctKey.publicKey, base)],
  timestampAuthorities: [
    {
      subject: { organization: 'sigstore.mock', commonName: 'tsa' },
      uri: `${base}${TSA_PATH}`,
      certChain: {
        certificates: [
          { rawBytes: b64(tsa.intCertificate) },
          { rawBytes: b64(tsa.rootCertificate) },
        ],
      },
      validFor,
    },
  ],
};
const service = (url, majorApiVersion = 1) => ({
  url,
  majorApiVersion,
  validFor,
  operator: 'sigstore-standin',
});
const signingConfig = {
  mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
  caUrls: [service(base)],
  oidcUrls: [service(base)],
  // both Rekor APIs on the same log: sigstore-java takes v1 unless enableRekorV2(true)
  rekorTlogUrls: [service(base, 1), service(base, 2)],
  tsaUrls: [service(`${base}${TSA_PATH}`)],
  rekorTlogConfig: { selector: 'ANY' },
  tsaConfig: { selector: 'ANY' },
};

const trustedRootFile = path.resolve(args.dir, 'trusted_root.json');
const signingConfigFile = path.resolve(args.dir, 'signing_config.json');
fs.writeFileSync(trustedRootFile, JSON.stringify(trustedRoot, null, 2));
fs.writeFileSync(signingConfigFile, JSON.stringify(signingConfig, null, 2));

const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  try {
    const requestToken = addJob(JSON.parse(line).claims ?? {});
    console.log(JSON.stringify({ requestToken }));
  } catch (e) {
    console.log(JSON.stringify({ error: String(e?.message ?? e) }));
  }
}).on('close', stop);

console.log(
  JSON.stringify({
    url: base,
    tokenRequestUrl: `${base}${TOKEN_PATH}?api-version=2.0`,
    tokenRequestToken: requestToken,
    issuer: GITHUB_ISSUER,
    identity: `https://github.com/${claims.job_workflow_ref}`,
    trustedRoot: trustedRootFile,
    signingConfig: signingConfigFile,
  }),
);
