// An independent check of a Sigstore bundle with sigstore-js (@sigstore/verify), offline against a
// given trusted root: the signature, the Fulcio chain and its SCT, the Rekor entry (SET and/or
// inclusion proof with checkpoint), the signing time, and the certificate's identity and issuer.
//
// Usage: node verify-sigstore.mjs --bundle <bundle.json> --trusted-root <trusted_root.json>
//          (--artifact <file> | --digest sha256:<hex>)
//          (--identity <exact SAN> | --identity-regexp <JavaScript regexp>) --issuer <issuer>
//
// --digest: the bundle must be a DSSE envelope whose in-toto statement has a subject of that sha256
// (what cosign v3 signs for an image, and what a provenance attests); a message signature needs the
// artifact's bytes (--artifact), which sigstore-js hashes itself. With --artifact a DSSE statement
// must name the artifact's sha256 as a subject: sigstore-js checks the envelope's signature only.
// The identity is checked here, not by sigstore-js: @sigstore/verify 3.1 takes its
// subjectAlternativeName policy as an unanchored regular expression, so "exact" would accept any
// SAN that merely contains the expected one. --identity-regexp is unanchored too (as cosign's
// --certificate-identity-regexp): anchor it with ^...$ to pin it.
//
// Prints one JSON line and exits 0 when verified:
//   {"verified":true,"identity":...,"issuer":...,"predicateType":...}
// or exits 1 with {"verified":false,"reason":"CODE: message"}; 2 for a usage error.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const USAGE =
  'usage: verify-sigstore.mjs --bundle <file> --trusted-root <file> (--artifact <file> | --digest ' +
  'sha256:<hex>) (--identity <san> | --identity-regexp <regexp>) --issuer <issuer>';
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      bundle: { type: 'string' },
      'trusted-root': { type: 'string' },
      artifact: { type: 'string' },
      digest: { type: 'string' },
      identity: { type: 'string' },
      'identity-regexp': { type: 'string' },
      issuer: { type: 'string' },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
const one = (a, b) => (args[a] === undefined) !== (args[b] === undefined);
if (
  !args.bundle ||
  !args['trusted-root'] ||
  !args.issuer ||
  !one('artifact', 'digest') ||
  !one('identity', 'identity-regexp') ||
  (args.digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(args.digest))
) {
  console.error(USAGE);
  process.exit(2);
}

const fail = (reason) => {
  console.log(JSON.stringify({ verified: false, reason }));
  process.exit(1);
};

try {
  const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
  const trustMaterial = toTrustMaterial(TrustedRoot.fromJSON(readJson(args['trusted-root'])));
  const bundle = bundleFromJSON(readJson(args.bundle));
  const artifact = args.artifact === undefined ? undefined : fs.readFileSync(args.artifact);
  const sha256 =
    artifact === undefined
      ? args.digest.slice('sha256:'.length)
      : crypto.createHash('sha256').update(artifact).digest('hex');
  let entity;
  let predicateType = null;
  if (bundle.content.$case === 'dsseEnvelope') {
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8'));
    if (!statement.subject?.some((subject) => subject.digest?.sha256 === sha256)) {
      fail(`SUBJECT_ERROR: no in-toto subject has the sha256 ${sha256}`);
    }
    predicateType = statement.predicateType ?? null;
    entity = toSignedEntity(bundle);
  } else if (artifact === undefined) {
    fail('USAGE_ERROR: a message-signature bundle is verified against the artifact (--artifact)');
  } else {
    entity = toSignedEntity(bundle, artifact);
  }
  const verifier = new Verifier(trustMaterial, { tlogThreshold: 1, ctlogThreshold: 1 });
  const signer = verifier.verify(entity, { extensions: { issuer: args.issuer } });
  const san = signer.identity?.subjectAlternativeName;
  const matches =
    args.identity !== undefined
      ? san === args.identity
      : san !== undefined && new RegExp(args['identity-regexp']).test(san);
  if (!matches) {
    const expected = args.identity ?? `/${args['identity-regexp']}/`;
    fail(`UNTRUSTED_SIGNER_ERROR: certificate identity error - expected ${expected}, got ${san}`);
  }
  console.log(
    JSON.stringify({ verified: true, identity: san, issuer: args.issuer, predicateType }),
  );
} catch (e) {
  const fields = Array.isArray(e?.fields) ? ` (${e.fields.join(', ')})` : '';
  fail(`${e?.code ?? e?.name ?? 'Error'}: ${e?.message ?? e}${fields}`);
}
