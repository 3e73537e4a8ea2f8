package dev.spu.mpc.link.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.AtomicLong;

/** First handler of a pipeline: counts the bytes that cross the socket (TLS records included). */
final class WireCounter extends ChannelDuplexHandler {
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();

  long sent() {
    return sent.get();
  }

  long received() {
    return received.get();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      received.addAndGet(b.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf b) {
      sent.addAndGet(b.readableBytes());
    }
    ctx.write(msg, promise);
  }
}
