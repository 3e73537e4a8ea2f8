package dev.spu.mpc.link.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encoding and decoding of {@link Frame}s. Layout after the {@code int32} length prefix (all
 * big-endian):
 *
 * <pre>
 * HELLO    1 | magic "SPU1" (4) | version (2) | session id (16) | endpoint (4) | parties (4)
 * ACCEPT   2 | endpoint (4)
 * REFUSED  3 | UTF-8 reason
 * DATA     4 | tag (8) | clock (8) | payload: n × int64
 * CONTROL  5 | opaque bytes
 * GOODBYE  6
 * ABORT    7 | UTF-8 reason
 * </pre>
 *
 * A DATA frame's overhead beyond its payload is {@link #DATA_OVERHEAD} bytes. Anything else (an
 * unknown type, a wrong size, a bad magic or version, a length beyond the limit) is a {@link
 * MalformedFrameException}.
 */
public final class FrameCodec {
  private FrameCodec() {}

  public static final int MAGIC = 0x53505531; // "SPU1"
  public static final short VERSION = 1;
  public static final int SESSION_ID_BYTES = 16;
  static final int LENGTH_BYTES = 4;

  static final byte HELLO = 1;
  static final byte ACCEPT = 2;
  static final byte REFUSED = 3;
  static final byte DATA = 4;
  static final byte CONTROL = 5;
  static final byte GOODBYE = 6;
  static final byte ABORT = 7;

  /** Bytes a DATA frame adds to its payload: length prefix, type, tag and clock. */
  public static final int DATA_OVERHEAD = LENGTH_BYTES + 1 + 8 + 8;

  private static final int MAX_REASON_CHARS = 2000;

  /** The bytes of {@code f} on the wire, length prefix included. */
  public static ByteBuf encode(Frame f) {
    if (f instanceof Frame.Data d) {
      long[] p = d.payload();
      ByteBuffer bb = ByteBuffer.allocate(DATA_OVERHEAD + 8 * p.length);
      bb.putInt(DATA_OVERHEAD - LENGTH_BYTES + 8 * p.length).put(DATA).putLong(d.tag());
      bb.putLong(d.clock());
      bb.asLongBuffer().put(p);
      return Unpooled.wrappedBuffer(bb.array());
    }
    byte type;
    byte[] body;
    if (f instanceof Frame.Hello h) {
      type = HELLO;
      body =
          ByteBuffer.allocate(4 + 2 + SESSION_ID_BYTES + 4 + 4)
              .putInt(MAGIC)
              .putShort(VERSION)
              .put(h.sessionId())
              .putInt(h.endpoint())
              .putInt(h.parties())
              .array();
    } else if (f instanceof Frame.Accept a) {
      type = ACCEPT;
      body = ByteBuffer.allocate(4).putInt(a.endpoint()).array();
    } else if (f instanceof Frame.Refused r) {
      type = REFUSED;
      body = utf8(r.reason());
    } else if (f instanceof Frame.Control c) {
      type = CONTROL;
      body = c.body();
    } else if (f instanceof Frame.Goodbye) {
      type = GOODBYE;
      body = new byte[0];
    } else if (f instanceof Frame.Abort a) {
      type = ABORT;
      body = utf8(a.reason());
    } else {
      throw new IllegalArgumentException("unknown frame " + f);
    }
    ByteBuf buf = Unpooled.buffer(LENGTH_BYTES + 1 + body.length);
    buf.writeInt(1 + body.length).writeByte(type).writeBytes(body);
    return buf;
  }

  /** The wire size of a DATA frame of {@code longs} payload elements. */
  public static long dataFrameBytes(int longs) {
    return DATA_OVERHEAD + 8L * longs;
  }

  private static byte[] utf8(String s) {
    String t =
        s == null ? "" : s.length() > MAX_REASON_CHARS ? s.substring(0, MAX_REASON_CHARS) : s;
    return t.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Splits the stream at the length prefixes; a length beyond {@code maxFrameBytes} is malformed.
   */
  static LengthFieldBasedFrameDecoder splitter(int maxFrameBytes) {
    return new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
  }

  /** Decodes one frame body (after the length prefix). */
  public static Frame decode(ByteBuf in) {
    int len = in.readableBytes();
    if (len < 1) {
      throw new MalformedFrameException("empty frame (no type byte)");
    }
    byte type = in.readByte();
    int rest = len - 1;
    switch (type) {
      case HELLO -> {
        if (rest != 4 + 2 + SESSION_ID_BYTES + 4 + 4) {
          throw new MalformedFrameException("HELLO frame of " + rest + " bytes, expected 30");
        }
        int magic = in.readInt();
        short version = in.readShort();
        if (magic != MAGIC) {
          throw new MalformedFrameException(
              "bad magic 0x" + Integer.toHexString(magic) + " (not an SPU peer?)");
        }
        if (version != VERSION) {
          throw new MalformedFrameException(
              "wire protocol version " + version + ", this build speaks " + VERSION);
        }
        byte[] sid = new byte[SESSION_ID_BYTES];
        in.readBytes(sid);
        int endpoint = in.readInt();
        int parties = in.readInt();
        if (parties < 1 || endpoint < 0 || endpoint > parties + 1) {
          throw new MalformedFrameException(
              "HELLO with endpoint " + endpoint + " for " + parties + " parties");
        }
        return new Frame.Hello(sid, endpoint, parties);
      }
      case ACCEPT -> {
        if (rest != 4) {
          throw new MalformedFrameException("ACCEPT frame of " + rest + " bytes, expected 4");
        }
        return new Frame.Accept(in.readInt());
      }
      case REFUSED -> {
        return new Frame.Refused(readUtf8(in, rest));
      }
      case DATA -> {
        if (rest < 16 || (rest - 16) % 8 != 0) {
          throw new MalformedFrameException(
              "DATA frame of " + rest + " bytes (needs 16 + a multiple of 8)");
        }
        long tag = in.readLong();
        long clock = in.readLong();
        if (clock < 0) {
          throw new MalformedFrameException("DATA frame with negative clock " + clock);
        }
        long[] payload = new long[(rest - 16) / 8];
        in.nioBuffer(in.readerIndex(), rest - 16)
            .order(ByteOrder.BIG_ENDIAN)
            .asLongBuffer()
            .get(payload);
        in.skipBytes(rest - 16);
        return new Frame.Data(tag, clock, payload);
      }
      case CONTROL -> {
        byte[] body = new byte[rest];
        in.readBytes(body);
        return new Frame.Control(body);
      }
      case GOODBYE -> {
        if (rest != 0) {
          throw new MalformedFrameException("GOODBYE frame with " + rest + " bytes of body");
        }
        return new Frame.Goodbye();
      }
      case ABORT -> {
        return new Frame.Abort(readUtf8(in, rest));
      }
      default -> throw new MalformedFrameException("unknown frame type " + type);
    }
  }

  private static String readUtf8(ByteBuf in, int n) {
    if (n > 4 * MAX_REASON_CHARS) {
      throw new MalformedFrameException("reason text of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readBytes(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The pipeline stage that turns frame bodies into {@link Frame}s. */
  static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
      out.add(FrameCodec.decode(msg));
    }
  }
}
