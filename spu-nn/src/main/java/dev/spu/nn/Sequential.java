package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied in order; its parameters are the layers' parameters concatenated in layer order. A
 * {@code Sequential} is itself a {@link Layer}, so it nests.
 */
public final class Sequential implements Layer {
  private final List<Layer> layers;

  public Sequential(Layer... layers) {
    this(List.of(layers));
  }

  public Sequential(List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a Sequential needs at least one layer");
    }
    this.layers = List.copyOf(layers);
  }

  public List<Layer> layers() {
    return layers;
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    int[] s = inputShape;
    for (Layer l : layers) {
      s = l.outputShape(s);
    }
    return s;
  }

  @Override
  public List<ParamSpec> parameters(int[] inputShape) {
    List<ParamSpec> all = new ArrayList<>();
    int[] s = inputShape;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      for (ParamSpec p : l.parameters(s)) {
        all.add(new ParamSpec(i + "." + p.name(), p.shape(), p.init(), p.fanIn(), p.fanOut()));
      }
      s = l.outputShape(s);
    }
    return all;
  }

  /** Parameter counts per layer: the number of specs does not depend on the input shape. */
  private int[] counts(int[] inputShape) {
    int[] c = new int[layers.size()];
    int[] s = inputShape;
    for (int i = 0; i < c.length; i++) {
      c[i] = layers.get(i).parameters(s).size();
      s = layers.get(i).outputShape(s);
    }
    return c;
  }

  private static int[] exampleShape(int[] batched) {
    int[] s = new int[batched.length - 1];
    System.arraycopy(batched, 1, s, 0, s.length);
    return s;
  }

  @Override
  public SecretTensor forward(List<SecretTensor> params, SecretTensor x) {
    int[] c = counts(exampleShape(x.shape().dims()));
    checkCount(params.size(), c);
    int at = 0;
    SecretTensor h = x;
    for (int i = 0; i < c.length; i++) {
      h = layers.get(i).forward(params.subList(at, at + c[i]), h);
      at += c[i];
    }
    return h;
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> params, DoubleTensor x) {
    int[] c = counts(exampleShape(x.shape()));
    checkCount(params.size(), c);
    List<Backward> backs = new ArrayList<>(c.length);
    int[] offsets = new int[c.length];
    int at = 0;
    DoubleTensor h = x;
    for (int i = 0; i < c.length; i++) {
      offsets[i] = at;
      Plain p = layers.get(i).forwardPlain(params.subList(at, at + c[i]), h);
      backs.add(p.backward());
      h = p.output();
      at += c[i];
    }
    return new Plain(
        h,
        (g, grads, needInput) -> {
          DoubleTensor d = g;
          for (int i = c.length - 1; i >= 0; i--) {
            d =
                backs
                    .get(i)
                    .apply(d, grads.subList(offsets[i], offsets[i] + c[i]), needInput || i > 0);
          }
          return d;
        });
  }

  private void checkCount(int got, int[] c) {
    int want = 0;
    for (int n : c) {
      want += n;
    }
    if (got != want) {
      throw new IllegalArgumentException(
          describe() + " takes " + want + " parameter tensors, got " + got);
    }
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder("Sequential[");
    for (int i = 0; i < layers.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(layers.get(i).describe());
    }
    return sb.append(']').toString();
  }
}
