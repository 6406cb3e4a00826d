package io.upgradehub.notification;

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
          .importPackages("io.upgradehub.notification");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.upgradehub.notification.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void featuresDependOnlyDownwards() {
    // delivery uses associations, webhooks, packages and the guard; associations use webhooks and
    // packages; webhooks use the guard; packages and the guard stand alone
    noClasses()
        .that()
        .resideInAnyPackage(
            "..notification.webhook..",
            "..notification.association..",
            "..notification.packages..",
            "..notification.address..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..notification.delivery..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAnyPackage(
            "..notification.webhook..", "..notification.packages..", "..notification.address..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..notification.association..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAnyPackage("..notification.packages..", "..notification.address..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..notification.webhook..")
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
