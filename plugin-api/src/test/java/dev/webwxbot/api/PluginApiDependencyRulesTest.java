package dev.webwxbot.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plugin contract must not leak transport, JSON, config or runtime types to plugins. */
class PluginApiDependencyRulesTest {

    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.webwxbot.api");

    @Test
    void apiDependsOnlyOnTheJdkAndPf4jsExtensionPointMarker() {
        classes().should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "dev.webwxbot.api..").or(name("org.pf4j.ExtensionPoint")))
                .check(api);
    }

    @Test
    void apiNeverMentionsNettyJacksonTypesafeConfigOrCore() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.netty..", "com.fasterxml.jackson..", "com.typesafe.config..",
                        "dev.webwxbot.core..", "dev.webwxbot.emulator..")
                .check(api);
    }

    @Test
    void everyEventClassIsARecord() {
        classes().that().resideInAPackage("dev.webwxbot.api.event").and().areNotInterfaces()
                .and().areNotEnums().and().areTopLevelClasses()
                .should().beRecords()
                .check(api);
    }
}
