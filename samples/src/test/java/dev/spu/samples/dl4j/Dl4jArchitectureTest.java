package dev.spu.samples.dl4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * "No DL4J or ND4J computation on the private inference path", as a rule on the code: only the
 * reader ({@code Dl4jImport}) uses DL4J; the translated layers and the model use neither DL4J nor
 * ND4J; {@code PrivateInference} touches ND4J only to convert INDArrays at its boundary.
 */
class Dl4jArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.spu.nn");

  @Test
  void onlyTheReaderUsesDl4j() {
    noClasses()
        .that()
        .resideInAPackage("dev.spu.nn..")
        .and()
        .haveNameNotMatching("dev\\.spu\\.nn\\.dl4j\\.Dl4jImport(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.deeplearning4j..")
        .check(CLASSES);
  }

  @Test
  void translatedLayersAndModelUseNoNd4j() {
    noClasses()
        .that()
        .resideInAPackage("dev.spu.nn.dl4j")
        .and()
        .haveNameNotMatching(".*\\.(Dl4jImport|PrivateInference)(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.nd4j..")
        .check(CLASSES);
  }

  @Test
  void inferenceUsesNd4jOnlyForTheIndArrayBoundary() {
    noClasses()
        .that()
        .haveNameMatching(".*\\.PrivateInference(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.nd4j.linalg.api.ops..",
            "org.nd4j.linalg.ops..",
            "org.nd4j.linalg.activations..",
            "org.nd4j.autodiff..")
        .check(CLASSES);
  }
}
