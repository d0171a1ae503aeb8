package com.tradingstation.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceRule;
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
 * The module graph (a module may use only those it names): core, nothing; json, nothing; feed,
 * core and json; wire, core; redis, nothing (client and process code); sink, core, json and
 * redis; sim, core, feed and json; ops, redis and json; app, everything.
 * <p>
 * The generated SBE codecs ({@code wire.sbe}) are checked too: they use nothing of the station's,
 * so they form no cycle.
 */
class ArchitectureTest
{
    /**
     * Package cycles known today, each by the one edge that closes it, to be removed by their
     * owners:
     * <ul>
     *   <li>core.instrument and core.sync: the deprecated {@code Venue.rule()}, kept until its callers in
     *   feed (OverlapFilter, BinanceDecoder) and bench (Session, DecodeApplyBenchmark) use
     *   {@code SequencingRule.forVenue}; then delete it and this entry.</li>
     * </ul>
     */
    private static final List<KnownDependency> KNOWN_CYCLES = List.of(
        new KnownDependency(
            classOrNested("com.tradingstation.core.instrument.Venue"),
            classOrNested("com.tradingstation.core.sync.SequencingRule")));

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
        for (final String module : List.of("core", "json", "feed", "wire", "redis", "sink", "sim", "ops", "app"))
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
        SliceRule rule = slices().matching("com.tradingstation.(**)").should().beFreeOfCycles();
        for (final KnownDependency known : KNOWN_CYCLES)
        {
            rule = rule.ignoreDependency(known.origin, known.target);
        }
        return rule;
    }

    /**
     * Each layer names the layers that may use it, so any arrow pointing up (or sideways to a
     * module not named) fails. Every layer must exist, so a renamed module cannot slip out of the rule.
     */
    private static ArchRule layeringRule()
    {
        final Architectures.LayeredArchitecture rule = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core").definedBy("com.tradingstation.core..")
            .layer("json").definedBy("com.tradingstation.json..")
            .layer("feed").definedBy("com.tradingstation.feed..")
            .layer("wire").definedBy("com.tradingstation.wire..")
            .layer("redis").definedBy("com.tradingstation.redis..")
            .layer("sink").definedBy("com.tradingstation.sink..")
            .layer("sim").definedBy("com.tradingstation.sim..")
            .layer("ops").definedBy("com.tradingstation.ops..")
            .layer("app").definedBy("com.tradingstation.app..")
            .whereLayer("core").mayOnlyBeAccessedByLayers("feed", "wire", "sink", "sim", "app")
            .whereLayer("json").mayOnlyBeAccessedByLayers("feed", "sink", "sim", "ops", "app")
            .whereLayer("feed").mayOnlyBeAccessedByLayers("sim", "app")
            .whereLayer("wire").mayOnlyBeAccessedByLayers("app")
            .whereLayer("redis").mayOnlyBeAccessedByLayers("sink", "ops", "app")
            .whereLayer("sink").mayOnlyBeAccessedByLayers("app")
            .whereLayer("sim").mayOnlyBeAccessedByLayers("app")
            .whereLayer("ops").mayOnlyBeAccessedByLayers("app")
            .whereLayer("app").mayNotBeAccessedByAnyLayer();
        return rule;
    }

    private static DescribedPredicate<JavaClass> classOrNested(final String name)
    {
        return anyClassOrNested(name);
    }

    private static DescribedPredicate<JavaClass> anyClassOrNested(final String... names)
    {
        final List<String> topLevel = List.of(names);
        return DescribedPredicate.describe(
            String.join(", ", topLevel) + " (and nested classes)",
            javaClass ->
            {
                final String name = javaClass.getName();
                final int nested = name.indexOf('$');
                return topLevel.contains(nested < 0 ? name : name.substring(0, nested));
            });
    }

    /**
     * A dependency the rules let pass for now: from classes matching {@code origin} to classes
     * matching {@code target}.
     */
    private record KnownDependency(DescribedPredicate<JavaClass> origin, DescribedPredicate<JavaClass> target)
    {
    }
}
