package io.upgradehub.campaign;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Which package of this service may depend on which: the import control of the house style. */
class ArchitectureTests {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.upgradehub.campaign");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.upgradehub.campaign.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void jobsKnowNothingOfBatchesOrWhoDrivesThem() {
    noClasses()
        .that()
        .resideInAPackage("..campaign.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..campaign.batch..",
            "..campaign.dispatch..",
            "..campaign.tracking..",
            "..campaign.packages..",
            "..campaign.inventory..",
            "..campaign.transfer..")
        .check(CLASSES);
  }

  @Test
  void systemPackageDependsOnNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("..campaign.system..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..campaign.batch..",
            "..campaign.job..",
            "..campaign.dispatch..",
            "..campaign.tracking..",
            "..campaign.packages..",
            "..campaign.inventory..",
            "..campaign.transfer..")
        .check(CLASSES);
  }

  @Test
  void onlyTheInventoryPackageTalksToInventoryService() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..campaign.inventory..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("feign..")
        .check(CLASSES);
  }

  @Test
  void controllersAndAdviceArePackagePrivate() {
    classes()
        .that()
        .areAnnotatedWith(RestController.class)
        .or()
        .areAnnotatedWith(RestControllerAdvice.class)
        .should()
        .notBePublic()
        .check(CLASSES);
  }

  @Test
  void controllersAndUseCasesNeverTouchMongoDb() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Controller")
        .or()
        .haveSimpleNameEndingWith("Management")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..")
        .check(CLASSES);
  }
}
