package io.upgradehub.adapter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Which package of this service may depend on which: the import control of the house style. */
class ArchitectureTests {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.upgradehub.adapter");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.upgradehub.adapter.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheMqttPackageTalksMqtt() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..adapter.mqtt..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.hivemq..")
        .check(CLASSES);
  }

  @Test
  void readingMessagesKnowsNeitherKafkaNorSpring() {
    noClasses()
        .that()
        .resideInAPackage("..adapter.ingest..")
        .and()
        .doNotHaveSimpleName("IngestMetrics")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.springframework..", "..adapter.publish..")
        .check(CLASSES);
  }

  @Test
  void onlyPublishingCommandsTheProductListAndSystemTalkKafka() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "..adapter.publish..",
            "..adapter.command..",
            "..adapter.product..",
            "..adapter.system..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
        .check(CLASSES);
  }
}
