package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.Endpoints;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * Test helper: the given endpoints of one session, each with its own transport and server in this
 * JVM, fully connected (the higher endpoint dials the lower), each with a {@link NettyLink}.
 */
final class Mesh implements AutoCloseable {
  final int parties;
  final int[] endpoints;
  final NettyTransport[] transports;
  final NettyTransport.Server[] servers;
  final NettyLink[] links;
  final List<String> log = new CopyOnWriteArrayList<>();
  final byte[] session = new byte[16];

  /** TLS with the certificates in {@code certs} (DevCertificates layout), or plain TCP if null. */
  Mesh(int parties, int[] endpoints, Path certs, NettyOptions options) {
    this(parties, endpoints, e -> security(certs, Identities.of(e, parties)), options);
  }

  static TransportSecurity security(Path certs, String identity) {
    return certs == null
        ? TransportSecurity.insecure()
        : TransportSecurity.mutualTls(
            certs.resolve("ca.pem"),
            certs.resolve(identity + ".pem"),
            certs.resolve(identity + ".key"));
  }

  Mesh(int parties, int[] endpoints, IntFunction<TransportSecurity> sec, NettyOptions options) {
    this.parties = parties;
    this.endpoints = endpoints;
    new SecureRandom().nextBytes(session);
    int n = endpoints.length;
    transports = new NettyTransport[n];
    servers = new NettyTransport.Server[n];
    links = new NettyLink[n];
    for (int i = 0; i < n; i++) {
      int e = endpoints[i];
      transports[i] = new NettyTransport("t" + e, sec.apply(e), options, log::add);
      links[i] = new NettyLink(e, parties, options);
      NettyLink link = links[i];
      servers[i] =
          transports[i].listen(
              "127.0.0.1",
              0,
              (hello, c) -> {
                link.attach(c, null);
                return null;
              });
    }
    List<CompletableFuture<Void>> dials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        final int a = i;
        final int b = j;
        dials.add(
            CompletableFuture.runAsync(
                () -> {
                  Connection c =
                      transports[a].dial(
                          new InetSocketAddress("127.0.0.1", servers[b].port()),
                          endpoints[b],
                          new Frame.Hello(session, endpoints[a], parties));
                  links[a].attach(c, null);
                }));
      }
    }
    dials.forEach(CompletableFuture::join);
    // Wait until the accepted sides are attached too.
    long deadline = System.nanoTime() + 5_000_000_000L;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          while (!links[i].isAttached(endpoints[j])) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException(
                  Endpoints.name(endpoints[i], parties) + " never got its connection");
            }
            Thread.onSpinWait();
          }
        }
      }
    }
  }

  NettyLink link(int endpoint) {
    for (int i = 0; i < endpoints.length; i++) {
      if (endpoints[i] == endpoint) {
        return links[i];
      }
    }
    throw new IllegalArgumentException("no endpoint " + endpoint);
  }

  int port(int endpoint) {
    for (int i = 0; i < endpoints.length; i++) {
      if (endpoints[i] == endpoint) {
        return servers[i].port();
      }
    }
    throw new IllegalArgumentException("no endpoint " + endpoint);
  }

  /** Kills endpoint's process: its transport stops, its sockets close without a goodbye. */
  void kill(int endpoint) {
    for (int i = 0; i < endpoints.length; i++) {
      if (endpoints[i] == endpoint) {
        servers[i].close();
        transports[i].close();
      }
    }
  }

  @Override
  public void close() {
    for (NettyLink l : links) {
      l.close();
    }
    for (NettyTransport.Server s : servers) {
      s.close();
    }
    for (NettyTransport t : transports) {
      t.close();
    }
  }
}
