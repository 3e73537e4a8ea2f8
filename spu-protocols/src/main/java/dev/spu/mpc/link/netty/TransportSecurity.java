package dev.spu.mpc.link.netty;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * How an endpoint protects its connections: mutual TLS (the default) with its own certificate and
 * key and the cluster CA as the only trust anchor, or plain TCP ({@link #insecure()}, only on
 * explicit request). With TLS, both sides present certificates; a peer's identity is its
 * certificate's common name (see {@link Identities}), and a peer that claims another identity is
 * refused.
 */
public final class TransportSecurity {
  private final Path ca;
  private final Path certificate;
  private final Path key;
  private final String ownIdentity;
  // Built on first use (a driver never needs the server side): guarded by this.
  private SslContext server;
  private SslContext client;

  private TransportSecurity(Path ca, Path certificate, Path key, String ownIdentity) {
    this.ca = ca;
    this.certificate = certificate;
    this.key = key;
    this.ownIdentity = ownIdentity;
  }

  /** Plain TCP: no encryption, no authentication; peers are trusted to be who they claim. */
  public static TransportSecurity insecure() {
    return new TransportSecurity(null, null, null, null);
  }

  /**
   * Mutual TLS 1.3 with the certificate and PKCS#8 key of this endpoint, trusting only {@code ca}.
   *
   * @throws IllegalArgumentException naming the file if one is missing or unreadable
   */
  public static TransportSecurity mutualTls(Path ca, Path certificate, Path key) {
    check(ca, "CA certificate");
    check(certificate, "certificate");
    check(key, "private key");
    String cn;
    try {
      X509Certificate own = DevCertificates.readCertificate(certificate);
      cn = Identities.commonName(own);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read certificate " + certificate + ": " + e, e);
    }
    TransportSecurity t = new TransportSecurity(ca, certificate, key, cn);
    t.client(); // fail now, naming the files, rather than at the first connection
    return t;
  }

  private IllegalArgumentException setupError(Exception e) {
    return new IllegalArgumentException(
        "cannot set up TLS with certificate "
            + certificate
            + ", key "
            + key
            + " and CA "
            + ca
            + ": "
            + e.getMessage(),
        e);
  }

  private static void check(Path p, String what) {
    if (p == null) {
      throw new IllegalArgumentException("TLS needs a " + what + " file (or run with --insecure)");
    }
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException(
          what + " file " + p + " does not exist or is not readable");
    }
  }

  public boolean isTls() {
    return ca != null;
  }

  /** {@code tls} or {@code tcp}. */
  public String transportName() {
    return isTls() ? "tls" : "tcp";
  }

  /** The common name of this endpoint's own certificate (null for plain TCP). */
  public String ownIdentity() {
    return ownIdentity;
  }

  synchronized SslContext server() {
    if (server == null) {
      try {
        server =
            SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                .sslProvider(SslProvider.JDK)
                .trustManager(ca.toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .protocols("TLSv1.3")
                .build();
      } catch (IOException | RuntimeException e) {
        throw setupError(e);
      }
    }
    return server;
  }

  synchronized SslContext client() {
    if (client == null) {
      try {
        client =
            SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .keyManager(certificate.toFile(), key.toFile())
                .trustManager(ca.toFile())
                .protocols("TLSv1.3")
                .build();
      } catch (IOException | RuntimeException e) {
        throw setupError(e);
      }
    }
    return client;
  }

  /** The identity (certificate common name) of the authenticated peer of {@code session}. */
  static String peerIdentity(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length == 0 ? null : Identities.commonName(chain[0]);
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
