package io.upgradehub.packages;

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
          .importPackages("io.upgradehub.packages");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.upgradehub.packages.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void infrastructurePackagesDoNotReachIntoTheCatalog() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..packages.storage..",
            "..packages.signing..",
            "..packages.upload..",
            "..packages.product..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..packages.catalog..")
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
  void onlyTheCatalogRepositoryTouchesPackageDocuments() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "..packages.catalog..", "..packages.product..", "..packages.system..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.mongodb..")
        .check(CLASSES);
  }
}
