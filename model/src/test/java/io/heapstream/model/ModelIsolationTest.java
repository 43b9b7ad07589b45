package io.heapstream.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model is values and serdes only: no client, no I/O, so every stage can depend on it. */
class ModelIsolationTest {

    @Test
    void modelUsesNoClientsAndNoIo() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.heapstream.model");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka.clients..", "org.apache.kafka.streams..", "io.fabric8..",
                        "org.influxdb..", "java.net..", "java.nio.file..", "java.net.http..",
                        "io.heapstream.collector..", "io.heapstream.aggregator..", "io.heapstream.writer..")
                .check(classes);
    }
}
