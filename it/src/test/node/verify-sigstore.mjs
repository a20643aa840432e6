// An independent check of a Sigstore bundle with sigstore-js (@sigstore/verify), offline against a
// given trusted root: the signature over the artifact, the Fulcio chain and its SCT, the Rekor
// entry (SET and inclusion proof) and the certificate's identity and issuer. For a DSSE bundle the
// artifact must be a subject of the in-toto statement.
//
// Usage: node verify-sigstore.mjs <bundle.json> <trusted_root.json> <artifact> <identity> <issuer>
// Prints "verified" and exits 0, or prints the reason and exits 1.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundleFile, trustedRootFile, artifactFile, identity, issuer] = process.argv.slice(2);
if (!issuer) {
  console.error('usage: verify-sigstore.mjs <bundle> <trusted_root> <artifact> <identity> <issuer>');
  process.exit(2);
}
try {
  const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
  const trustMaterial = toTrustMaterial(TrustedRoot.fromJSON(readJson(trustedRootFile)));
  const bundle = bundleFromJSON(readJson(bundleFile));
  const artifact = fs.readFileSync(artifactFile);
  let entity;
  if (bundle.content.$case === 'dsseEnvelope') {
    // sigstore-js checks the envelope's signature; that it speaks of this artifact is ours to check
    const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8'));
    const digest = crypto.createHash('sha256').update(artifact).digest('hex');
    if (!statement.subject?.some((subject) => subject.digest?.sha256 === digest)) {
      throw new Error(`no in-toto subject has the artifact's sha256 ${digest}`);
    }
    entity = toSignedEntity(bundle);
  } else {
    entity = toSignedEntity(bundle, artifact);
  }
  const verifier = new Verifier(trustMaterial, { tlogThreshold: 1, ctlogThreshold: 1 });
  verifier.verify(entity, { subjectAlternativeName: identity, extensions: { issuer } });
  console.log('verified');
} catch (e) {
  const fields = Array.isArray(e?.fields) ? ` (${e.fields.join(', ')})` : '';
  console.log(`${e?.code ?? e?.name ?? 'Error'}: ${e?.message ?? e}${fields}`);
  process.exit(1);
}
