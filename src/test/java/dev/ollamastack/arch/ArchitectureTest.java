package dev.ollamastack.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package arrows of DESIGN.md §5: the build fails when one points the wrong way. */
class ArchitectureTest {
  private static final String ROOT = "dev.ollamastack";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void modelImportsNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".config..",
            ROOT + ".engine..",
            ROOT + ".observe..",
            ROOT + ".plan..",
            ROOT + ".apply..",
            ROOT + ".health..",
            ROOT + ".backup..",
            ROOT + ".extensions..",
            ROOT + ".app..",
            ROOT + ".cli..")
        .check(classes);
  }

  @Test
  void planIsPureNoDockerNoIoNoClock() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".engine..",
            ROOT + ".observe..",
            ROOT + ".apply..",
            ROOT + ".health..",
            ROOT + ".app..",
            ROOT + ".cli..",
            ROOT + ".config..",
            "com.github.dockerjava..",
            "java.net..",
            "java.nio.file..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Instant")
        .check(classes);
  }

  @Test
  void onlyEngineDockerImportsDockerJava() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".engine.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.dockerjava..")
        .check(classes);
  }

  @Test
  void onlyCliImportsPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(classes);
  }

  @Test
  void appKnowsNoCliAndNoDockerImplementation() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".cli..", ROOT + ".engine.docker..")
        .check(classes);
  }

  @Test
  void enginePortKnowsOnlyTheModel() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".engine")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".engine.docker..",
            ROOT + ".plan..",
            ROOT + ".apply..",
            ROOT + ".app..",
            ROOT + ".cli..",
            ROOT + ".observe..",
            ROOT + ".config..")
        .check(classes);
  }

  @Test
  void lowerLayersNeverReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage(
            ROOT + ".config..",
            ROOT + ".observe..",
            ROOT + ".apply..",
            ROOT + ".health..",
            ROOT + ".extensions..",
            ROOT + ".backup..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".app..", ROOT + ".cli..", ROOT + ".engine.docker..")
        .check(classes);
  }
}
