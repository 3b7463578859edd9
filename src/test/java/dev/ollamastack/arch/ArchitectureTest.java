package dev.ollamastack.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ollamastack.app.host.SystemHostProbe;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package arrows of DESIGN.md §5: the build fails when one points the wrong way. */
class ArchitectureTest {
  private static final String ROOT = "dev.ollamastack";
  private static JavaClasses classes;
  private static JavaClasses testClasses;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    testClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
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
            ROOT + ".lock..",
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
            ROOT + ".lock..",
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

  /**
   * Tests reach Docker through the {@code DockerEngine} port; what they need beyond it (image tags,
   * exec, labelled containers made by hand) lives in one test-support package, the counterpart of
   * {@code engine.docker}. The adapter's own tests may hold it to what docker-java reads of the
   * same answers ({@code EngineCallsTest}).
   */
  @Test
  void testCodeImportsDockerJavaOnlyInTestSupport() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".testsupport..")
        .and()
        .resideOutsideOfPackage(ROOT + ".engine.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.dockerjava..")
        .check(testClasses);
  }

  /**
   * The process environment and the real host reach intents only through {@code AppContext}: tests
   * hand them a fake host and their own environment.
   */
  @Test
  void onlyMainReadsTheProcessEnvironmentAndBuildsTheRealHost() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(ROOT + ".cli.Main")
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callConstructor(SystemHostProbe.class, Map.class)
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
            ROOT + ".lock..",
            ROOT + ".backup..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".app..", ROOT + ".cli..", ROOT + ".engine.docker..")
        .check(classes);
  }

  /** The arrows of DESIGN.md §5 form a DAG: no package, through others, depends on itself. */
  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  /** Nor do sub-packages: {@code app} and {@code app.check}, {@code engine} and its adapter. */
  @Test
  void subPackagesHaveNoCycles() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }
}
