package dev.spu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.Trainer;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.Device;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the passes must see is in the traced training step as PPHLO ops: ReLU's select on one
 * predicate (forward and backward), max pooling as reduce_window + select_and_scatter, Adam's step
 * with sqrt and divide; and no op hidden or duplicated (one comparison per ReLU).
 */
class ProgramShapeTest {
  static Function traced(Model m, Optimizer opt, int width) {
    try (Device d = Spu.simulate(SimConfig.of("ref2k", 1))) {
      d.setPasses(PassPipeline.none());
      return new Trainer(d, m, opt).program(4, width).main();
    }
  }

  static Map<String, Integer> counts(Function f) {
    Map<String, Integer> c = new TreeMap<>();
    for (Operation o : f.body()) {
      c.merge(o.name(), 1, Integer::sum);
    }
    return c;
  }

  @Test
  void reluIsOneComparisonAndSelectsOnItsPredicate() {
    Model m = PaperModels.model("A");
    Function f = traced(m, new Sgd(0.1), 10);
    List<Operation> greater = f.body().stream().filter(o -> o.name().equals("greater")).toList();
    List<Operation> selects = f.body().stream().filter(o -> o.name().equals("select")).toList();
    assertThat(greater).hasSize(2); // two ReLUs
    assertThat(selects).hasSize(4); // forward and backward of each
    for (Operation s : selects) {
      assertThat(greater.stream().anyMatch(g -> g.result() == s.operand(0))).isTrue();
    }
    // the zero branch is a public constant
    for (Operation s : selects) {
      assertThat(f.body().stream().filter(o -> o.name().equals("constant")).map(Operation::result))
          .anySatisfy(c -> assertThat(s.operands()).contains(c));
    }
  }

  @Test
  void maxPoolingIsReduceWindowAndSelectAndScatter() {
    Map<String, Integer> c = counts(traced(PaperModels.model("B"), new Sgd(0.1), 10));
    assertThat(c.get("reduce_window")).isEqualTo(2);
    assertThat(c.get("select_and_scatter")).isEqualTo(2);
    assertThat(c.get("convolution")).isGreaterThanOrEqualTo(2 + 2 + 1); // fwd, dW, dx (not layer 1)
  }

  @Test
  void adamStepIsSqrtAndDivide() {
    Model m = PaperModels.model("lr");
    Map<String, Integer> c = counts(traced(m, PaperModels.optimizer("adam", 0.01), 1));
    assertThat(c.get("sqrt")).isEqualTo(2); // one per parameter tensor (W, b)
    assertThat(c.get("divide")).isGreaterThanOrEqualTo(2);
    Map<String, Integer> ams = counts(traced(m, PaperModels.optimizer("amsgrad", 0.01), 1));
    assertThat(ams.get("maximum")).isEqualTo(2);
  }
}
