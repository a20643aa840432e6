// Validates one file as CycloneDX 1.6 JSON with the CycloneDX project's own JavaScript library
// (strict JSON schema, bundled with the library; remote schemas are disabled, so no network).
//
//   node validate-cyclonedx.mjs <file.json>
//
// exit 0: prints "valid"; exit 1: prints the schema errors as a JSON array (Ajv's error objects:
// instancePath, schemaPath, keyword, params, message); exit 2: usage, read or parse error (stderr).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Spec, Validation } = require('@cyclonedx/cyclonedx-library')

const SPEC_VERSION = Spec.Version.v1dot6

function fail (message) {
  process.stderr.write(`validate-cyclonedx: ${message}\n`)
  process.exit(2)
}

if (process.argv.length !== 3) {
  fail('usage: node validate-cyclonedx.mjs <file.json>')
}
const file = process.argv[2]

let text
try {
  text = await readFile(file, 'utf-8')
} catch (e) {
  fail(`cannot read ${file}: ${e.message}`)
}
let data
try {
  data = JSON.parse(text)
} catch (e) {
  fail(`${file} is not JSON: ${e.message}`)
}

const validator = new Validation.JsonStrictValidator(SPEC_VERSION)
let errors
try {
  errors = (await validator.validate(text)) ?? []
} catch (e) {
  // a missing optional dependency (ajv, ajv-formats, ajv-formats-draft2019) or a schema problem
  fail(`the validator could not run: ${e.message}`)
}
// The 1.6 schema accepts any string as specVersion; a file meant as 1.6 must say so.
const hasSpecVersion = data !== null && typeof data === 'object' && 'specVersion' in data
if (hasSpecVersion && data.specVersion !== SPEC_VERSION) {
  errors = [...errors, {
    instancePath: '/specVersion',
    schemaPath: '#/properties/specVersion',
    keyword: 'const',
    params: { allowedValue: SPEC_VERSION },
    message: `must be "${SPEC_VERSION}" (found ${JSON.stringify(data.specVersion)})`
  }]
}
if (errors.length > 0) {
  process.stdout.write(JSON.stringify(errors, null, 2) + '\n')
  process.exitCode = 1
} else {
  process.stdout.write('valid\n')
}
