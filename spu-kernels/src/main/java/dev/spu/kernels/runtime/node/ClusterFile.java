package dev.spu.kernels.runtime.node;

import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.Protocols;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.netty.DevCertificates;
import dev.spu.mpc.link.netty.Identities;
import dev.spu.mpc.link.netty.TransportSecurity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster description ({@code cluster.json}): the compute parties (id, host, port, certificate,
 * key), the driver's and the dealer's identities, the CA, and the session settings every party must
 * share (protocol, field, fraction bits). Relative paths resolve against the file's directory.
 *
 * <pre>
 * {
 *   "protocol": "aby3", "field": 64, "fraction_bits": 18, "ca": "ca.pem",
 *   "parties": [
 *     {"id": 0, "host": "127.0.0.1", "port": 41000, "certificate": "party-0.pem", "key": "party-0.key"},
 *     ...
 *   ],
 *   "driver": {"certificate": "driver.pem", "key": "driver.key"},
 *   "dealer": {"host": "127.0.0.1", "port": 41003, "certificate": "dealer.pem", "key": "dealer.key"},
 *   "connect_timeout_ms": 30000, "receive_timeout_ms": 60000
 * }
 * </pre>
 *
 * {@code protocol} defaults to aby3, {@code field} to 64, {@code fraction_bits} to 18; the dealer
 * entry is needed only by protocols that use one (semi2k); the timeouts are optional. Certificate
 * and key files are checked when an endpoint uses them (never with {@code --insecure}).
 *
 * @param source the file it was read from (null if built in memory)
 */
public record ClusterFile(
    Path source,
    String protocol,
    int fieldBits,
    int fractionBits,
    Path ca,
    List<Node> parties,
    Identity driver,
    Node dealer,
    Duration connectTimeout,
    Duration receiveTimeout) {

  /** A listening endpoint: a compute party or the dealer. */
  public record Node(int id, String host, int port, Path certificate, Path key) {
    public InetSocketAddress address() {
      return new InetSocketAddress(host, port);
    }

    public String hostPort() {
      return host + ":" + port;
    }
  }

  /** An endpoint that only dials (the driver). */
  public record Identity(Path certificate, Path key) {}

  public ClusterFile {
    parties = List.copyOf(parties);
  }

  private static final Set<String> TOP_KEYS =
      Set.of(
          "protocol",
          "field",
          "fraction_bits",
          "ca",
          "parties",
          "driver",
          "dealer",
          "connect_timeout_ms",
          "receive_timeout_ms");
  private static final Set<String> NODE_KEYS = Set.of("id", "host", "port", "certificate", "key");
  private static final Set<String> DEALER_KEYS = Set.of("host", "port", "certificate", "key");
  private static final Set<String> DRIVER_KEYS = Set.of("certificate", "key");

  /**
   * Reads and validates {@code file}.
   *
   * @throws IllegalArgumentException naming the file and the offending entry
   */
  public static ClusterFile load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "cluster file " + file + " does not exist (create one with ./spu certs --out DIR)");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read cluster file " + file + ": " + e, e);
    }
    try {
      return parse(text, file.toAbsolutePath().getParent(), file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses cluster JSON; relative paths resolve against {@code base}. */
  public static ClusterFile parse(String json, Path base, Path source) {
    Object root = MiniJson.parse(json);
    if (!(root instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException("the cluster file must be a JSON object");
    }
    checkKeys(top, TOP_KEYS, "the top level");
    String protocol = optString(top, "protocol", "aby3", "protocol");
    ProtocolFactory factory;
    try {
      factory = Protocols.get(protocol);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"protocol\": " + e.getMessage());
    }
    int field = fieldBits(top.get("field"));
    int frac = (int) optLong(top, "fraction_bits", 18, "fraction_bits");
    if (frac < 1 || frac > 30) {
      throw new IllegalArgumentException(
          "\"fraction_bits\" must be in 1..30 for a 64-bit field, got " + frac);
    }
    Path ca = optPath(top, "ca", base, "ca");
    Object ps = top.get("parties");
    if (!(ps instanceof List<?> plist) || plist.isEmpty()) {
      throw new IllegalArgumentException(
          "\"parties\" must be a non-empty list of {id, host, port, certificate, key}");
    }
    List<Node> nodes = new ArrayList<>();
    for (int k = 0; k < plist.size(); k++) {
      String where = "parties[" + k + "]";
      if (!(plist.get(k) instanceof Map<?, ?> pm)) {
        throw new IllegalArgumentException(where + " must be an object");
      }
      checkKeys(pm, NODE_KEYS, where);
      long id = reqLong(pm, "id", where);
      nodes.add(node((int) id, pm, base, where));
    }
    nodes.sort((a, b) -> Integer.compare(a.id(), b.id()));
    for (int k = 0; k < nodes.size(); k++) {
      if (nodes.get(k).id() != k) {
        throw new IllegalArgumentException(
            "party ids must be 0.."
                + (nodes.size() - 1)
                + ", each once; got ids "
                + nodes.stream().map(Node::id).toList());
      }
    }
    try {
      factory.checkParties(nodes.size());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the file lists " + nodes.size() + " parties: " + e.getMessage());
    }
    Identity driver = null;
    Object d = top.get("driver");
    if (d != null) {
      if (!(d instanceof Map<?, ?> dm)) {
        throw new IllegalArgumentException("\"driver\" must be an object {certificate, key}");
      }
      checkKeys(dm, DRIVER_KEYS, "driver");
      driver =
          new Identity(
              optPath(dm, "certificate", base, "driver.certificate"),
              optPath(dm, "key", base, "driver.key"));
    }
    Node dealer = null;
    Object dl = top.get("dealer");
    if (dl != null) {
      if (!(dl instanceof Map<?, ?> dm)) {
        throw new IllegalArgumentException(
            "\"dealer\" must be an object {host, port, certificate, key}");
      }
      checkKeys(dm, DEALER_KEYS, "dealer");
      dealer = node(Endpoints.dealer(nodes.size()), dm, base, "dealer");
    } else if (factory.usesDealer()) {
      throw new IllegalArgumentException(
          protocol + " needs a dealer: add \"dealer\": {host, port, certificate, key}");
    }
    Set<String> addresses = new HashSet<>();
    List<Node> listening = new ArrayList<>(nodes);
    if (dealer != null) {
      listening.add(dealer);
    }
    for (Node n : listening) {
      if (!addresses.add(n.hostPort())) {
        throw new IllegalArgumentException(
            "two endpoints listen on " + n.hostPort() + ": give each its own port");
      }
    }
    Duration connect = optMillis(top, "connect_timeout_ms", Duration.ofSeconds(30));
    Duration receive = optMillis(top, "receive_timeout_ms", Duration.ofSeconds(60));
    return new ClusterFile(
        source, factory.name(), field, frac, ca, nodes, driver, dealer, connect, receive);
  }

  private static Node node(int id, Map<?, ?> m, Path base, String where) {
    Object h = m.get("host");
    if (!(h instanceof String host) || host.isBlank()) {
      throw new IllegalArgumentException(where + ".host must be a non-empty string");
    }
    long port = reqLong(m, "port", where);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(where + ".port must be in 1..65535, got " + port);
    }
    return new Node(
        id,
        host,
        (int) port,
        optPath(m, "certificate", base, where + ".certificate"),
        optPath(m, "key", base, where + ".key"));
  }

  private static int fieldBits(Object v) {
    if (v == null) {
      return 64;
    }
    if (v instanceof Long l && l == 64) {
      return 64;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("FM64") || s.equals("64"))) {
      return 64;
    }
    throw new IllegalArgumentException(
        "\"field\" must be 64 (FM64, the only ring implemented), got " + v);
  }

  private static void checkKeys(Map<?, ?> m, Set<String> known, String where) {
    for (Object k : m.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "unknown key \""
                + k
                + "\" in "
                + where
                + " (known: "
                + new java.util.TreeSet<>(known)
                + ")");
      }
    }
  }

  private static long reqLong(Map<?, ?> m, String key, String where) {
    Object v = m.get(key);
    if (!(v instanceof Long l)) {
      throw new IllegalArgumentException(
          where + "." + key + " must be an integer" + (v == null ? " (missing)" : ", got " + v));
    }
    return l;
  }

  private static long optLong(Map<?, ?> m, String key, long dflt, String where) {
    return m.get(key) == null ? dflt : reqLong(m, key, where.contains(".") ? where : "cluster");
  }

  private static String optString(Map<?, ?> m, String key, String dflt, String where) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("\"" + where + "\" must be a string, got " + v);
    }
    return s;
  }

  private static Path optPath(Map<?, ?> m, String key, Path base, String where) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(where + " must be a file path string, got " + v);
    }
    Path p = Path.of(s);
    return base == null || p.isAbsolute() ? p : base.resolve(p).normalize();
  }

  private static Duration optMillis(Map<?, ?> m, String key, Duration dflt) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Long l) || l <= 0) {
      throw new IllegalArgumentException("\"" + key + "\" must be a positive integer, got " + v);
    }
    return Duration.ofMillis(l);
  }

  // ------------------------------------------------------------------ use

  /** Number of compute parties N. */
  public int size() {
    return parties.size();
  }

  public ProtocolFactory factory() {
    return Protocols.get(protocol);
  }

  /** The listening node of endpoint {@code e}: a compute party or the dealer. */
  public Node node(int e) {
    if (e >= 0 && e < parties.size()) {
      return parties.get(e);
    }
    if (e == Endpoints.dealer(parties.size())) {
      if (dealer == null) {
        throw new IllegalArgumentException(
            "the cluster file has no \"dealer\" entry"
                + (source == null ? "" : " (" + source + ")"));
      }
      return dealer;
    }
    throw new IllegalArgumentException(
        "no node " + e + ": parties are 0.." + (parties.size() - 1) + ", the dealer is --dealer");
  }

  /**
   * The transport security of endpoint {@code e} (a party, the driver or the dealer): mutual TLS
   * with its certificate and key, or plain TCP if {@code insecure}.
   *
   * @throws IllegalArgumentException naming the missing entry or file
   */
  public TransportSecurity security(int e, boolean insecure) {
    if (insecure) {
      return TransportSecurity.insecure();
    }
    String who = Endpoints.name(e, parties.size());
    Path cert;
    Path key;
    if (e == Endpoints.driver(parties.size())) {
      if (driver == null) {
        throw new IllegalArgumentException(
            "the cluster file has no \"driver\" entry with the driver's certificate and key"
                + " (or use --insecure)");
      }
      cert = driver.certificate();
      key = driver.key();
    } else {
      Node n = node(e);
      cert = n.certificate();
      key = n.key();
    }
    if (ca == null || cert == null || key == null) {
      throw new IllegalArgumentException(
          "TLS for "
              + who
              + " needs \"ca\" and its \"certificate\" and \"key\" in the cluster file (or use"
              + " --insecure for plain TCP)");
    }
    TransportSecurity s = TransportSecurity.mutualTls(ca, cert, key);
    String want = Identities.of(e, parties.size());
    if (!want.equals(s.ownIdentity())) {
      throw new IllegalArgumentException(
          "certificate "
              + cert
              + " is issued for '"
              + s.ownIdentity()
              + "', but it is configured for "
              + who
              + " ('"
              + want
              + "'): check the cluster file");
    }
    return s;
  }

  /** e.g. {@code ["127.0.0.1:41000", ...]}, by party. */
  public List<String> partyAddresses() {
    return parties.stream().map(Node::hostPort).toList();
  }

  // ------------------------------------------------------------------ writing

  /**
   * Makes a development cluster in {@code dir} (which must be empty or missing): a CA, keys and
   * certificates for {@code n} parties, the driver and the dealer, and {@code dir/cluster.json}
   * with every node on {@code host} at the given ports (n + 1 of them: parties, then the dealer).
   */
  public static Path createDevCluster(Path dir, int n, String protocol, String host, int[] ports)
      throws IOException {
    if (ports.length != n + 1) {
      throw new IllegalArgumentException("need " + (n + 1) + " ports, got " + ports.length);
    }
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(dir + " exists and is not a directory");
      }
      try (var s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(
              dir
                  + " is not empty: give a new or empty directory (existing keys are never overwritten)");
        }
      }
    }
    Protocols.get(protocol).checkParties(n);
    DevCertificates.createCluster(dir, DevCertificates.clusterIdentities(n));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", protocol);
    m.put("field", 64);
    m.put("fraction_bits", 18);
    m.put("ca", DevCertificates.CA_CERT);
    List<Object> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ps.add(nodeJson(i, host, ports[i], Identities.party(i)));
    }
    m.put("parties", ps);
    Map<String, Object> drv = new LinkedHashMap<>();
    drv.put("certificate", Identities.DRIVER + ".pem");
    drv.put("key", Identities.DRIVER + ".key");
    m.put("driver", drv);
    Map<String, Object> dealer = nodeJson(-1, host, ports[n], Identities.DEALER);
    dealer.remove("id");
    m.put("dealer", dealer);
    Path file = dir.resolve("cluster.json");
    Files.writeString(file, MiniJson.write(m), StandardCharsets.UTF_8);
    load(file); // what we write must read back
    return file;
  }

  private static Map<String, Object> nodeJson(int id, String host, int port, String identity) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("host", host);
    p.put("port", port);
    p.put("certificate", identity + ".pem");
    p.put("key", identity + ".key");
    return p;
  }

  /** {@code count} distinct free TCP ports on {@code host} (free now; bound later by the nodes). */
  public static int[] freePorts(String host, int count) throws IOException {
    int[] ports = new int[count];
    List<java.net.ServerSocket> held = new ArrayList<>();
    try {
      for (int k = 0; k < count; k++) {
        java.net.ServerSocket s = new java.net.ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(host, 0));
        held.add(s);
        ports[k] = s.getLocalPort();
      }
    } finally {
      for (java.net.ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }

  /** The same cluster with another protocol (and, for tests, the same nodes). */
  public ClusterFile withProtocol(String p) {
    ProtocolFactory f = Protocols.get(p);
    f.checkParties(parties.size());
    if (f.usesDealer() && dealer == null) {
      throw new IllegalArgumentException(p + " needs a dealer entry in the cluster file");
    }
    return new ClusterFile(
        source,
        f.name(),
        fieldBits,
        fractionBits,
        ca,
        parties,
        driver,
        dealer,
        connectTimeout,
        receiveTimeout);
  }

  public ClusterFile withTimeouts(Duration connect, Duration receive) {
    return new ClusterFile(
        source, protocol, fieldBits, fractionBits, ca, parties, driver, dealer, connect, receive);
  }
}
