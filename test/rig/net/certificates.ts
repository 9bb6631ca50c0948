// A throwaway certificate authority for the federation rig. Fedify always looks
// handles up over https, so every rig instance needs a certificate that the
// test process trusts. Everything is generated at run time, in memory, with
// EC P-256 keys (fast to make, fine for TLS), and returned as PEM strings.
// Built on pkijs + asn1js, which Fedify already depends on, so the rig adds no
// new packages and no global polyfill.
import { webcrypto } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** A private key and its certificate, both PEM, as `tls` options expect them. */
export type KeyAndCert = { key: string; cert: string };

/** A CA whose certificate the rig trusts and that signs server certificates. */
export type TestCa = KeyAndCert & {
  issue(hostNames: readonly string[]): Promise<KeyAndCert>;
};

type Signer = { cert: pkijs.Certificate; key: CryptoKey };

const engine = new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as Crypto });
const keyAlgorithm = { name: "ECDSA", namedCurve: "P-256" };
const hour = 60 * 60 * 1000;

// RFC 5280 section 4.2.1: extension identifiers, key usage bits, key purposes.
const oid = {
  commonName: "2.5.4.3",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};
const keyUsage = { digitalSignature: 0x80, keyCertSign: 0x04, cRLSign: 0x02 };
const dnsName = 2;

/** Creates a fresh self-signed CA; `issue()` makes a server certificate whose
 * subject alternative names are the given host names, signed by that CA. */
export async function createTestCa(): Promise<TestCa> {
  const keys = await generateKeys();
  const cert = await buildCertificate({
    subject: "Parley test rig CA",
    publicKey: keys.publicKey,
    signer: null,
    extensions: (ski) => [
      extension(oid.basicConstraints, new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema(), true),
      extension(oid.keyUsage, keyUsageBits(keyUsage.keyCertSign | keyUsage.cRLSign), true),
      extension(oid.subjectKeyIdentifier, new asn1js.OctetString({ valueHex: ski })),
    ],
  }, keys.privateKey);
  const ca: Signer = { cert, key: keys.privateKey };
  return {
    key: await privateKeyPem(keys.privateKey),
    cert: pem(cert.toSchema().toBER(false), "CERTIFICATE"),
    issue: (hostNames) => issueServerCertificate(ca, hostNames),
  };
}

async function issueServerCertificate(ca: Signer, hostNames: readonly string[]): Promise<KeyAndCert> {
  const [first] = hostNames;
  if (first === undefined) throw new Error("a server certificate needs at least one host name");
  const keys = await generateKeys();
  const authorityKeyId = await ca.cert.getKeyHash("SHA-1", engine);
  const cert = await buildCertificate({
    subject: first,
    publicKey: keys.publicKey,
    signer: ca,
    extensions: () => [
      extension(oid.basicConstraints, new pkijs.BasicConstraints({ cA: false }).toSchema(), true),
      extension(oid.keyUsage, keyUsageBits(keyUsage.digitalSignature), true),
      extension(oid.extKeyUsage, new pkijs.ExtKeyUsage({ keyPurposes: [oid.serverAuth] }).toSchema()),
      extension(oid.subjectAltName, new pkijs.AltName({
        altNames: hostNames.map((value) => new pkijs.GeneralName({ type: dnsName, value })),
      }).toSchema()),
      extension(oid.authorityKeyIdentifier, new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: authorityKeyId }),
      }).toSchema()),
    ],
  }, ca.key);
  return { key: await privateKeyPem(keys.privateKey), cert: pem(cert.toSchema().toBER(false), "CERTIFICATE") };
}

type CertificateSpec = {
  subject: string;
  publicKey: CryptoKey;
  signer: Signer | null; // null: self-signed
  extensions: (subjectKeyId: ArrayBuffer) => pkijs.Extension[];
};

async function buildCertificate(spec: CertificateSpec, signingKey: CryptoKey): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2; // X.509 v3
  cert.serialNumber = new asn1js.Integer({ valueHex: serialNumber() });
  setCommonName(cert.subject, spec.subject);
  if (spec.signer === null) setCommonName(cert.issuer, spec.subject);
  else cert.issuer = spec.signer.cert.subject;
  // Backdated an hour so a slightly skewed clock cannot make a fresh cert "not yet valid".
  const now = Date.now();
  cert.notBefore.value = new Date(now - hour);
  cert.notAfter.value = new Date(now + 7 * 24 * hour);
  await cert.subjectPublicKeyInfo.importKey(spec.publicKey, engine);
  cert.extensions = spec.extensions(await cert.getKeyHash("SHA-1", engine));
  await cert.sign(signingKey, "SHA-256", engine);
  return cert;
}

function setCommonName(name: pkijs.RelativeDistinguishedNames, value: string): void {
  name.typesAndValues.push(new pkijs.AttributeTypeAndValue({
    type: oid.commonName,
    value: new asn1js.Utf8String({ value }),
  }));
}

function extension(extnID: string, value: asn1js.BaseBlock, critical = false): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

// KeyUsage is a BIT STRING; every flag we use sits in the first octet, and
// DER drops the trailing zero bits after the lowest flag that is set.
function keyUsageBits(flags: number): asn1js.BitString {
  let unusedBits = 0;
  while (((flags >> unusedBits) & 1) === 0) unusedBits++;
  return new asn1js.BitString({ valueHex: new Uint8Array([flags]).buffer, unusedBits });
}

// A positive 16-byte serial number (RFC 5280 section 4.1.2.2 allows up to 20).
function serialNumber(): ArrayBuffer {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f | 0x01;
  return bytes.buffer;
}

function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(keyAlgorithm, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return pem(await webcrypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

function pem(der: ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}
