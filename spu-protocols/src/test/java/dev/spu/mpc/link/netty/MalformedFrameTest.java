package dev.spu.mpc.link.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.mpc.link.LinkClosedException;
import io.netty.buffer.ByteBuf;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Bytes that are not frames end the connection (and the session), never the listener. */
class MalformedFrameTest {
  static final NettyOptions OPTS =
      NettyOptions.defaults()
          .withConnectTimeout(Duration.ofSeconds(5))
          .withReceiveTimeout(Duration.ofSeconds(5));

  private static byte[] hello(int endpoint, int parties) {
    ByteBuf b = FrameCodec.encode(new Frame.Hello(new byte[16], endpoint, parties));
    byte[] out = new byte[b.readableBytes()];
    b.readBytes(out);
    return out;
  }

  @Test
  void aMalformedFrameFailsTheSessionNamingThePeerAndTheListenerKeepsServing() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (NettyTransport t =
        new NettyTransport("p0", TransportSecurity.insecure(), OPTS, log::add)) {
      NettyLink[] current = new NettyLink[1];
      NettyTransport.Server srv =
          t.listen(
              "127.0.0.1",
              0,
              (h, c) -> {
                current[0] = new NettyLink(0, 2, OPTS);
                current[0].attach(c, null);
                return null;
              });
      for (int round = 0; round < 2; round++) {
        try (Socket s = new Socket("127.0.0.1", srv.port())) {
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          out.write(hello(1, 2));
          out.flush();
          InputStream in = s.getInputStream();
          assertThat(in.readNBytes(9)).hasSize(9); // ACCEPT
          // A DATA frame whose body is not 16 + 8k bytes.
          out.writeInt(6);
          out.writeByte(4);
          out.write(new byte[5]);
          out.flush();
          NettyLink link = current[0];
          assertThatThrownBy(() -> link.recv(1, 1))
              .isInstanceOf(PeerLostException.class)
              .hasMessageContaining("malformed frame from party 1")
              .hasMessageContaining("DATA frame of 5 bytes");
          // The listener answers with ABORT and closes the connection.
          s.setSoTimeout(5000);
          byte[] rest = in.readAllBytes();
          assertThat(rest.length).isPositive();
          assertThat(rest[4]).isEqualTo(FrameCodec.ABORT);
        }
      }
      // Garbage before any handshake: the connection closes, the listener stays.
      try (Socket s = new Socket("127.0.0.1", srv.port())) {
        s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          // drain until closed
        }
      }
      assertThat(log).anyMatch(l -> l.contains("before its handshake"));
      srv.close();
    }
  }

  @Test
  void decoderRejectsBadFrames() {
    assertThatThrownBy(
            () -> FrameCodec.decode(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {99})))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("unknown frame type 99");
    assertThatThrownBy(() -> FrameCodec.decode(io.netty.buffer.Unpooled.wrappedBuffer(new byte[0])))
        .isInstanceOf(MalformedFrameException.class);
    byte[] badHello = hello(1, 2);
    badHello[5] = 'X'; // magic
    assertThatThrownBy(
            () ->
                FrameCodec.decode(
                    io.netty.buffer.Unpooled.wrappedBuffer(badHello, 4, badHello.length - 4)))
        .hasMessageContaining("bad magic");
  }

  @Test
  void framesRoundTrip() {
    Frame[] frames = {
      new Frame.Hello(new byte[16], 3, 3),
      new Frame.Accept(2),
      new Frame.Refused("no"),
      new Frame.Data(5L << 23 | 2, 17, new long[] {1, -1, Long.MIN_VALUE}),
      new Frame.Control(new byte[] {1, 2, 3}),
      new Frame.Goodbye(),
      new Frame.Abort("party 1 failed")
    };
    for (Frame f : frames) {
      ByteBuf b = FrameCodec.encode(f);
      int len = b.readInt();
      assertThat(len).isEqualTo(b.readableBytes());
      Frame back = FrameCodec.decode(b);
      if (f instanceof Frame.Data d) {
        Frame.Data e = (Frame.Data) back;
        assertThat(e.tag()).isEqualTo(d.tag());
        assertThat(e.clock()).isEqualTo(d.clock());
        assertThat(e.payload()).isEqualTo(d.payload());
        assertThat(FrameCodec.dataFrameBytes(3)).isEqualTo(len + 4);
      } else if (f instanceof Frame.Control c) {
        assertThat(((Frame.Control) back).body()).isEqualTo(c.body());
      } else {
        assertThat(back).isEqualTo(f);
      }
    }
  }

  @Test
  void closedLinkRejectsSends() {
    NettyLink l = new NettyLink(0, 2, OPTS);
    l.close();
    assertThatThrownBy(() -> l.recv(1, 1)).isInstanceOf(LinkClosedException.class);
  }
}
