package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.Endpoints;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Endpoint identities as they appear in certificates: the subject common name is {@code party-i}
 * for compute party i, {@code driver} for the driver (data owners and reveal readers act through
 * it) and {@code dealer} for the dealer.
 */
public final class Identities {
  private Identities() {}

  public static final String DRIVER = "driver";
  public static final String DEALER = "dealer";

  public static String party(int i) {
    return "party-" + i;
  }

  /** The identity of endpoint {@code e} in a session of {@code parties} compute parties. */
  public static String of(int e, int parties) {
    if (e >= 0 && e < parties) {
      return party(e);
    }
    if (e == Endpoints.driver(parties)) {
      return DRIVER;
    }
    if (e == Endpoints.dealer(parties)) {
      return DEALER;
    }
    throw new IllegalArgumentException("no endpoint " + e + " with " + parties + " parties");
  }

  /** The subject common name of a certificate, or null if it has none. */
  public static String commonName(Certificate c) {
    if (!(c instanceof X509Certificate x)) {
      return null;
    }
    X500Name n = X500Name.getInstance(x.getSubjectX500Principal().getEncoded());
    RDN[] cn = n.getRDNs(BCStyle.CN);
    return cn.length == 0 ? null : IETFUtils.valueToString(cn[0].getFirst().getValue());
  }
}
