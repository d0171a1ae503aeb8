package com.tradingstation.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tradingstation.app.archfixture.cycle.left.LeftSide;
import com.tradingstation.app.archfixture.cycle.right.RightSide;
import com.tradingstation.core.archfixture.CoreUsingApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The station's architecture, checked on the compiled main classes of every module: no cycle
 * between any two packages, and no module using a module above it.
 * <p>
 * The module graph (a module may use only those it names): core, nothing; json, nothing; runtime, core; feed,
 * core and json; wire, core; redis, nothing (client and process code); sink, core, json and
 * redis; sim, core, feed and json; ops, redis and json; app, everything.
 * <p>
 * The generated SBE codecs ({@code wire.sbe}) are checked too: they use nothing of the station's,
 * so they form no cycle.
 */
class ArchitectureTest
{
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses()
    {
        mainClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("com.tradingstation");
    }

    @Test
    void importsEveryModuleAndNoTests()
    {
        for (final String module :
            List.of("core", "json", "runtime", "feed", "wire", "redis", "sink", "sim", "ops", "app"))
        {
            assertThat(mainClasses.containPackage("com.tradingstation." + module))
                .as("main classes of module %s imported", module)
                .isTrue();
        }
        assertThat(mainClasses.contain(ArchitectureTest.class)).as("test classes left out").isFalse();
    }

    @Test
    void packagesAreFreeOfCycles()
    {
        packageCycleRule().check(mainClasses);
    }

    @Test
    void noModuleUsesAModuleAboveIt()
    {
        layeringRule().check(mainClasses);
    }

    @Test
    void cycleRuleReportsACycleBetweenTwoPackages()
    {
        assertReports(packageCycleRule(), List.of(LeftSide.class, RightSide.class),
            "Cycle detected", "archfixture.cycle.left", "archfixture.cycle.right");
    }

    @Test
    void layeringRuleReportsAnArrowPointingUp()
    {
        assertReports(layeringRule(), List.of(CoreUsingApp.class, LeftSide.class),
            CoreUsingApp.class.getName(), LeftSide.class.getName());
    }

    private static void assertReports(final ArchRule rule, final List<Class<?>> classes, final String... expected)
    {
        final EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(classes));

        assertThat(result.hasViolation()).as("%s reports a violation", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(expected);
    }

    /**
     * Every package is its own slice, so a cycle between any two packages fails, wherever they are.
     */
    private static ArchRule packageCycleRule()
    {
        return slices().matching("com.tradingstation.(**)").should().beFreeOfCycles();
    }

    /**
     * Each layer names the layers that may use it, so any arrow pointing up (or sideways to a
     * module not named) fails. Every layer must exist, so a renamed module cannot slip out of the rule.
     */
    private static ArchRule layeringRule()
    {
        return layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core").definedBy("com.tradingstation.core..")
            .layer("json").definedBy("com.tradingstation.json..")
            .layer("runtime").definedBy("com.tradingstation.runtime..")
            .layer("feed").definedBy("com.tradingstation.feed..")
            .layer("wire").definedBy("com.tradingstation.wire..")
            .layer("redis").definedBy("com.tradingstation.redis..")
            .layer("sink").definedBy("com.tradingstation.sink..")
            .layer("sim").definedBy("com.tradingstation.sim..")
            .layer("ops").definedBy("com.tradingstation.ops..")
            .layer("app").definedBy("com.tradingstation.app..")
            .whereLayer("core").mayOnlyBeAccessedByLayers("runtime", "feed", "wire", "sink", "sim", "app")
            .whereLayer("runtime").mayOnlyBeAccessedByLayers("app")
            .whereLayer("json").mayOnlyBeAccessedByLayers("feed", "sink", "sim", "ops", "app")
            .whereLayer("feed").mayOnlyBeAccessedByLayers("sim", "app")
            .whereLayer("wire").mayOnlyBeAccessedByLayers("app")
            .whereLayer("redis").mayOnlyBeAccessedByLayers("sink", "ops", "app")
            .whereLayer("sink").mayOnlyBeAccessedByLayers("app")
            .whereLayer("sim").mayOnlyBeAccessedByLayers("app")
            .whereLayer("ops").mayOnlyBeAccessedByLayers("app")
            .whereLayer("app").mayNotBeAccessedByAnyLayer();
    }
}
