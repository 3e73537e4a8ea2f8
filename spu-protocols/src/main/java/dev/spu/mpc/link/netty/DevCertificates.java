package dev.spu.mpc.link.netty;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI for a cluster (Bouncy Castle): one CA and, per endpoint identity ({@code
 * party-0}, ..., {@code driver}, {@code dealer}; see {@link Identities}), an ECDSA P-256 key and a
 * certificate whose subject common name is the identity. The CA key signs the endpoint certificates
 * and is then only needed to issue more. Keys are PKCS#8 PEM, readable by the owner only. For
 * development and tests; a production cluster brings its own CA.
 */
public final class DevCertificates {
  private DevCertificates() {}

  /** The CA certificate and key file names inside the output directory. */
  public static final String CA_CERT = "ca.pem";

  public static final String CA_KEY = "ca.key";

  private static final Duration VALIDITY = Duration.ofDays(825);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where one identity's certificate and key were written. */
  public record Issued(String identity, Path certificate, Path key) {}

  /**
   * Creates a CA in {@code dir} ({@value #CA_CERT}, {@value #CA_KEY}) and a certificate and key
   * ({@code <identity>.pem}, {@code <identity>.key}) for every identity, in order.
   */
  public static Map<String, Issued> createCluster(Path dir, List<String> identities)
      throws IOException {
    Files.createDirectories(dir);
    KeyPair ca = newKeyPair();
    X509Certificate caCert = caCertificate(ca, "SPU development CA");
    Path caCertPath = dir.resolve(CA_CERT);
    writePem(caCertPath, caCert, false);
    writePem(dir.resolve(CA_KEY), ca.getPrivate(), true);
    Map<String, Issued> out = new LinkedHashMap<>();
    for (String id : identities) {
      out.put(id, issue(caCert, ca.getPrivate(), id, dir));
    }
    return out;
  }

  /**
   * Issues a certificate for {@code identity} with the CA in {@code caCert}/{@code caKey}, written
   * to {@code dir/<identity>.pem} and {@code dir/<identity>.key}.
   */
  public static Issued issue(Path caCert, Path caKey, String identity, Path dir)
      throws IOException {
    return issue(readCertificate(caCert), readPrivateKey(caKey), identity, dir);
  }

  private static Issued issue(X509Certificate caCert, PrivateKey caKey, String identity, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    KeyPair kp = newKeyPair();
    X509Certificate cert = leafCertificate(caCert, caKey, kp, identity);
    Path certPath = dir.resolve(identity + ".pem");
    Path keyPath = dir.resolve(identity + ".key");
    writePem(certPath, cert, false);
    writePem(keyPath, kp.getPrivate(), true);
    return new Issued(identity, certPath, keyPath);
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key pair: " + e, e);
    }
  }

  private static X500Name name(String cn) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "SPU development cluster")
        .addRDN(BCStyle.CN, cn)
        .build();
  }

  private static X509Certificate caCertificate(KeyPair ca, String cn) {
    try {
      X500Name subject = name(cn);
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              subject,
              ca.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
      return sign(b, ca.getPrivate());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the CA certificate: " + e, e);
    }
  }

  private static X509Certificate leafCertificate(
      X509Certificate caCert, PrivateKey caKey, KeyPair kp, String identity) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              caCert,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              name(identity),
              kp.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, identity),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      return sign(b, caKey);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + identity + ": " + e, e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
      X509CertificateHolder h = b.build(signer);
      return new JcaX509CertificateConverter().getCertificate(h);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static void writePem(Path p, Object o, boolean secret) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
    }
    Files.deleteIfExists(p);
    if (secret) {
      try {
        Files.createFile(
            p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(p);
      }
    }
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII)) {
      w.write(sw.toString());
    }
  }

  /** Reads the first certificate of a PEM file. */
  public static X509Certificate readCertificate(Path p) throws IOException {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      if (!(o instanceof X509CertificateHolder h)) {
        throw new IOException(p + " holds no PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(h);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the certificate " + p + ": " + e.getMessage(), e);
    }
  }

  /** Reads a PEM private key (PKCS#8 or traditional). */
  public static PrivateKey readPrivateKey(Path p) throws IOException {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo pk) {
        return conv.getPrivateKey(pk);
      }
      if (o instanceof PEMKeyPair kp) {
        return conv.getKeyPair(kp).getPrivate();
      }
      throw new IOException(p + " holds no PEM private key");
    }
  }

  /** The identities a cluster of {@code parties} compute parties needs: parties, driver, dealer. */
  public static List<String> clusterIdentities(int parties) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < parties; i++) {
      ids.add(Identities.party(i));
    }
    ids.add(Identities.DRIVER);
    ids.add(Identities.DEALER);
    return ids;
  }
}
