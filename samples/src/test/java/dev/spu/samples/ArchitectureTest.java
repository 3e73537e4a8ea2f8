package dev.spu.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map of ARCHITECTURE.md as executable rules: a lower module never imports a higher one.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.spu");
  }

  private static void check(String pkg, String... forbidden) {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(pkg)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(forbidden)
            .allowEmptyShould(true);
    rule.check(classes);
  }

  @Test
  void irKnowsNothingAboutTracingSharesOrNetworks() {
    check(
        "dev.spu.pphlo..",
        "dev.spu.mpc..",
        "dev.spu.kernels..",
        "dev.spu.trace..",
        "dev.spu.tensor..",
        "dev.spu.nn..",
        "dev.spu.samples..");
  }

  @Test
  void protocolsKnowNothingAboutIrOrFixedPoint() {
    check(
        "dev.spu.mpc..",
        "dev.spu.pphlo..",
        "dev.spu.kernels..",
        "dev.spu.trace..",
        "dev.spu.tensor..",
        "dev.spu.nn..",
        "dev.spu.samples..");
  }

  @Test
  void kernelsKnowNothingAboutTracingOrTheUserApi() {
    check(
        "dev.spu.kernels..",
        "dev.spu.trace..",
        "dev.spu.tensor..",
        "dev.spu.nn..",
        "dev.spu.samples..");
  }

  @Test
  void tracerKnowsNothingAboutSharesOrNetworks() {
    check(
        "dev.spu.trace..",
        "dev.spu.mpc..",
        "dev.spu.kernels..",
        "dev.spu.tensor..",
        "dev.spu.nn..",
        "dev.spu.samples..");
  }

  @Test
  void userApiKnowsNoProtocolInternals() {
    check(
        "dev.spu.tensor..",
        "dev.spu.mpc.aby3..",
        "dev.spu.mpc.semi2k..",
        "dev.spu.mpc.ref2k..",
        "dev.spu.nn..",
        "dev.spu.samples..");
  }

  @Test
  void modelsKnowNoSharesOrProtocols() {
    check("dev.spu.nn..", "dev.spu.mpc..", "dev.spu.kernels..", "dev.spu.samples..");
  }
}
