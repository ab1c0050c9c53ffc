package io.switchboard.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.switchboard.domain.telephony.TelephonyCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JODATIME;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The hexagon's rules, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard");
    }

    @Test
    void layersFollowTheOnion() {
        onionArchitecture()
                .withOptionalLayers(true)
                .domainModels("io.switchboard.domain..")
                .applicationServices("io.switchboard.application..")
                .adapter("rest", "io.switchboard.adapter.rest..")
                .adapter("webhook", "io.switchboard.adapter.webhook..")
                .adapter("sandbox", "io.switchboard.adapter.sandbox..")
                .adapter("media", "io.switchboard.adapter.media..")
                .adapter("sip", "io.switchboard.adapter.sip..")
                .adapter("speech", "io.switchboard.adapter.speech..")
                .adapter("journal", "io.switchboard.adapter.journal..")
                .adapter("console", "io.switchboard.adapter.console..")
                .ignoreDependency(DescribedPredicate.describe("the libraries (RTP media, client)",
                        c -> c.getPackageName().startsWith("io.switchboard.rtp")
                                || c.getPackageName().startsWith("io.switchboard.client")),
                        DescribedPredicate.alwaysTrue())
                .ignoreDependency(DescribedPredicate.describe("the composition root",
                        c -> c.getPackageName().equals("io.switchboard.app")),
                        DescribedPredicate.alwaysTrue())
                .check(classes);
    }

    @Test
    void domainPackagesFormNoCycle() {
        slices().matching("io.switchboard.domain.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void applicationPackagesFormNoCycle() {
        slices().matching("io.switchboard.application.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void primaryPortsAreUseCasesTakingCommandRecords() {
        classes().that().resideInAPackage("io.switchboard.application.port.in").and().areInterfaces()
                .should().haveSimpleNameEndingWith("UseCase")
                .check(classes);
        classes().that().resideInAPackage("io.switchboard.application.port.in")
                .and().haveSimpleNameEndingWith("Command")
                .should().beRecords()
                .check(classes);
    }

    @Test
    void telephonyCommandsAreRecords() {
        classes().that().implement(TelephonyCommand.class).should().beRecords().check(classes);
    }

    @Test
    void generalCodingRulesHold() {
        NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(classes);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
        NO_CLASSES_SHOULD_USE_JODATIME.check(classes);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
        // the command line's own messages (invalid settings, the connection string) are for a terminal
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should(ACCESS_STANDARD_STREAMS).check(classes);
    }

    @Test
    void everyModuleIsChecked() {
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .as("the packages of every module")
                .contains("io.switchboard.domain.connection", "io.switchboard.application.service",
                        "io.switchboard.adapter.rest.acs", "io.switchboard.adapter.webhook",
                        "io.switchboard.adapter.sandbox", "io.switchboard.adapter.media", "io.switchboard.adapter.sip",
                        "io.switchboard.adapter.speech",
                        "io.switchboard.rtp", "io.switchboard.client", "io.switchboard.app");
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        // the JDK's XML parser (module java.xml) reads SSML
        classes().that().resideInAPackage("io.switchboard.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.switchboard.domain..", "java..",
                        "javax.xml..", "org.w3c.dom..", "org.xml.sax..")
                .check(classes);
    }

    @Test
    void applicationDependsOnlyOnDomainAndTheJdk() {
        classes().that().resideInAPackage("io.switchboard.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.switchboard.application..", "io.switchboard.domain..", "java..")
                .check(classes);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching("io.switchboard.adapter.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void theMediaEngineIsALibraryOfTheSipAdapter() {
        // JNA for one system call, the pacers' real-time scheduling, which the JDK cannot ask for
        classes().that().resideInAPackage("io.switchboard.rtp..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.switchboard.rtp..", "io.switchboard.domain..", "java..", "com.sun.jna..")
                .check(classes);
        classes().that().resideInAPackage("io.switchboard.rtp..").and().doNotHaveSimpleName("RealtimeScheduling")
                .and().doNotHaveSimpleName("C").and().doNotHaveSimpleName("Bound").should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.switchboard.rtp..", "io.switchboard.domain..", "java..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("io.switchboard.rtp..", "io.switchboard.adapter.sip..",
                        "io.switchboard.app")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.rtp..")
                .check(classes);
    }

    @Test
    void theClientIsALibraryForApplicationsThatKnowsOnlyTheDomain() {
        classes().that().resideInAPackage("io.switchboard.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.switchboard.client..",
                        "io.switchboard.domain..", "io.vertx..", "io.netty..", "java..", "javax.crypto..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.switchboard.client..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.client..")
                .check(classes);
    }

    @Test
    void adaptersEnterThroughUseCasesNotServices() {
        noClasses().that().resideInAPackage("io.switchboard.adapter..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.application.service..")
                .check(classes);
    }

    @Test
    void eventLoopAdaptersNeverBlock() {
        noClasses().that().resideInAnyPackage("io.switchboard.adapter.rest..", "io.switchboard.adapter.webhook..",
                        "io.switchboard.adapter.sandbox..", "io.switchboard.adapter.media..")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(CompletableFuture.class, "join")
                .orShould().callMethod(CompletableFuture.class, "get")
                .orShould().callMethod(Future.class, "get")
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("await"))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates
                                                .assignableTo(io.vertx.core.Future.class)))))
                .check(classes);
    }
}
