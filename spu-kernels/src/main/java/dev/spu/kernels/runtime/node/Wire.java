package dev.spu.kernels.runtime.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The node service's control messages (the bodies of CONTROL frames): a one-byte kind, a request
 * id, then the fields of that kind. Commands go from the driver to a node; replies back. Failures
 * never travel as replies: a failed session is aborted on the link (an ABORT frame with the
 * reason).
 */
final class Wire {
  private Wire() {}

  // Commands (driver → node).
  static final byte OPEN = 1;
  static final byte SETUP = 2;
  static final byte DEFINE = 3;
  static final byte INPUT = 4;
  static final byte PUBLIC = 5;
  static final byte RUN = 6;
  static final byte OPEN_VALUE = 7;
  static final byte REVEAL = 8;
  static final byte FREE = 9;
  static final byte CLOSE = 10;
  static final byte GET_PUBLIC = 11;

  // Replies (node → driver).
  static final byte OK = 64;
  static final byte VALUE = 65;

  static String kindName(byte k) {
    return switch (k) {
      case OPEN -> "OPEN";
      case SETUP -> "SETUP";
      case DEFINE -> "DEFINE";
      case INPUT -> "INPUT";
      case PUBLIC -> "PUBLIC";
      case RUN -> "RUN";
      case OPEN_VALUE -> "OPEN_VALUE";
      case REVEAL -> "REVEAL";
      case FREE -> "FREE";
      case CLOSE -> "CLOSE";
      case GET_PUBLIC -> "GET_PUBLIC";
      case OK -> "OK";
      case VALUE -> "VALUE";
      default -> "unknown kind " + k;
    };
  }

  /** A bad control message; the session is aborted with this message. */
  static final class MalformedMessage extends RuntimeException {
    MalformedMessage(String m) {
      super(m);
    }
  }

  /** Builds one message. */
  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Out(byte kind, long requestId) {
      b(kind).l(requestId);
    }

    Out b(int v) {
      try {
        out.writeByte(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out i(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out l(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out d(double v) {
      try {
        out.writeDouble(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out s(String v) {
      return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    Out bytes(byte[] v) {
      i(v.length);
      try {
        out.write(v, 0, v.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Out longs(long[] v) {
      i(v.length);
      for (long x : v) {
        l(x);
      }
      return this;
    }

    byte[] build() {
      return bytes.toByteArray();
    }
  }

  /** Reads one message; any inconsistency is a {@link MalformedMessage}. */
  static final class In {
    private final DataInputStream in;
    private final int size;
    final byte kind;
    final long requestId;

    In(byte[] body) {
      this.size = body.length;
      this.in = new DataInputStream(new ByteArrayInputStream(body));
      this.kind = b();
      this.requestId = l();
    }

    byte b() {
      try {
        return in.readByte();
      } catch (IOException e) {
        throw truncated();
      }
    }

    int i() {
      try {
        return in.readInt();
      } catch (IOException e) {
        throw truncated();
      }
    }

    long l() {
      try {
        return in.readLong();
      } catch (IOException e) {
        throw truncated();
      }
    }

    double d() {
      try {
        return in.readDouble();
      } catch (IOException e) {
        throw truncated();
      }
    }

    private int length(int unit) {
      int n = i();
      if (n < 0 || (long) n * unit > size) {
        throw new MalformedMessage(
            "length " + n + " in a " + size + "-byte " + kindName(kind) + " message");
      }
      return n;
    }

    byte[] bytes() {
      byte[] b = new byte[length(1)];
      try {
        in.readFully(b);
      } catch (IOException e) {
        throw truncated();
      }
      return b;
    }

    String s() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    long[] longs() {
      long[] v = new long[length(8)];
      for (int k = 0; k < v.length; k++) {
        v[k] = l();
      }
      return v;
    }

    /** Fails unless the whole message was read. */
    void end() {
      try {
        if (in.available() > 0) {
          throw new MalformedMessage(
              in.available() + " unexpected trailing bytes in a " + kindName(kind) + " message");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private MalformedMessage truncated() {
      return new MalformedMessage("truncated " + kindName(kind) + " message (" + size + " bytes)");
    }
  }

  /** A node's counters, carried by every reply. */
  record Stats(
      long bytes,
      long messages,
      long rounds,
      long offlineBytes,
      long payloadBytes,
      long framingBytes,
      long controlBytes,
      long wireBytesSent,
      long wireBytesReceived) {
    static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    Out write(Out o) {
      return o.l(bytes)
          .l(messages)
          .l(rounds)
          .l(offlineBytes)
          .l(payloadBytes)
          .l(framingBytes)
          .l(controlBytes)
          .l(wireBytesSent)
          .l(wireBytesReceived);
    }

    static Stats read(In in) {
      return new Stats(in.l(), in.l(), in.l(), in.l(), in.l(), in.l(), in.l(), in.l(), in.l());
    }
  }
}
