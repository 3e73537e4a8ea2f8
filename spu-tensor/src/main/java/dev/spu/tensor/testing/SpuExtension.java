package dev.spu.tensor.testing;

import dev.spu.tensor.Device;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link SpuTest}: one invocation per protocol, each with its own
 * simulated device (created on first use, closed after the invocation, with a {@link RevealLog}
 * attached). Registered with {@code @ExtendWith(SpuExtension.class)} on a class, it also resolves
 * the same parameters for plain {@code @Test} methods (ABY3, 18 fraction bits, secure randomness).
 */
public final class SpuExtension
    implements TestTemplateInvocationContextProvider, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SpuExtension.class);
  private static final List<Class<?>> RESOLVED =
      List.of(Device.class, SimConfig.class, SpuProtocol.class, RevealLog.class, MessageLog.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(SpuTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method m = context.getRequiredTestMethod();
    SpuTest a = m.getAnnotation(SpuTest.class);
    SpuProtocol[] ps = a.matrix() ? SpuProtocol.values() : a.value();
    if (ps.length == 0) {
      throw new IllegalArgumentException(
          "@SpuTest on " + m.getName() + " lists no protocol: give at least one or matrix = true");
    }
    Long seed = a.seed() == SpuTest.SECURE_RANDOMNESS ? null : a.seed();
    return Arrays.stream(ps).map(p -> invocation(new Setting(p, a.fractionBits(), seed)));
  }

  private static TestTemplateInvocationContext invocation(Setting s) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return s.protocol().displayName();
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new Resolver(s));
      }
    };
  }

  // Plain @Test methods of a class extended with SpuExtension: the default setting.
  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return !ec.getTestMethod().map(m -> m.isAnnotationPresent(SpuTest.class)).orElse(false)
        && RESOLVED.contains(pc.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    return resolve(pc, ec, new Setting(SpuProtocol.ABY3, 18, null));
  }

  /** The device setting of one invocation. */
  private record Setting(SpuProtocol protocol, int fractionBits, Long seed) {
    SimConfig config() {
      return protocol.simConfig(fractionBits, seed);
    }
  }

  private static final class Resolver implements ParameterResolver {
    private final Setting setting;

    Resolver(Setting setting) {
      this.setting = setting;
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
      return RESOLVED.contains(pc.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
      return resolve(pc, ec, setting);
    }
  }

  private static Object resolve(ParameterContext pc, ExtensionContext ec, Setting s) {
    Class<?> t = pc.getParameter().getType();
    if (t == SpuProtocol.class) {
      return s.protocol();
    }
    if (t == SimConfig.class) {
      return s.config();
    }
    Device d = device(ec, s);
    if (t == Device.class) {
      return d;
    }
    if (t == RevealLog.class) {
      return RevealLog.attach(d);
    }
    if (t == MessageLog.class) {
      return MessageLog.attach(d);
    }
    throw new ParameterResolutionException("SpuExtension cannot resolve " + t.getName());
  }

  /** The invocation's device, created on first use and closed with the invocation's context. */
  private static Device device(ExtensionContext ec, Setting s) {
    DeviceResource r =
        ec.getStore(NS)
            .getOrComputeIfAbsent(
                "device", k -> new DeviceResource(Spu.simulate(s.config())), DeviceResource.class);
    return r.device;
  }

  private static final class DeviceResource implements ExtensionContext.Store.CloseableResource {
    final Device device;

    DeviceResource(Device device) {
      this.device = device;
      RevealLog.attach(device);
    }

    @Override
    public void close() {
      device.close();
    }
  }
}
