package com.tradingstation.app;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user sees first: every command's {@code --help} prints cleanly (picocli writes its
 * format warnings to System.err, so that is captured too), no option shows picocli's default
 * {@code <fieldName>} label, and usage errors name the command once with the same exit code.
 */
class CommandLineHygieneTest extends CommandTestBase
{
    private static List<CommandLine> allCommands()
    {
        final List<CommandLine> out = new ArrayList<>();
        final CommandLine root = StationMain.commandLine();
        out.add(root);
        root.getSubcommands().values().forEach(out::add);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyHelpPrintsWithoutWarningsOrDefaultLabels()
    {
        return allCommands().stream().filter(c -> !"help".equals(c.getCommandName())).map(c ->
            DynamicTest.dynamicTest(c.getCommandSpec().qualifiedName(), () -> assertCleanHelp(c)));
    }

    private void assertCleanHelp(final CommandLine command)
    {
        final List<String> args = new ArrayList<>();
        final CommandSpec spec = command.getCommandSpec();
        if (spec.parent() != null)
        {
            args.add(spec.name());
        }
        args.add("--help");
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        final int code;
        try
        {
            System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
            code = run(args.toArray(new String[0]));
        }
        finally
        {
            System.setErr(originalErr);
        }
        final String all = out + err.toString() + picocliWarnings.toString(StandardCharsets.UTF_8);
        assertThat(code).as(all).isZero();
        assertThat(all).as("help of " + spec.qualifiedName()).doesNotContain("WARN", "%n", "Exception")
            .contains("Usage: " + spec.qualifiedName());

        final List<String> defaults = new ArrayList<>();
        for (final ArgSpec arg : spec.args())
        {
            final boolean takesValue = arg.isPositional() || arg.arity().max() > 0;
            if (takesValue && arg.paramLabel().startsWith("<"))
            {
                defaults.add(arg.isOption() ? ((CommandLine.Model.OptionSpec)arg).longestName() : arg.paramLabel());
            }
        }
        assertThat(defaults).as("options of " + spec.qualifiedName() + " showing picocli's default label").isEmpty();
    }

    @Test
    void unknownCommandNamesTheProgramOnce()
    {
        assertThat(run("nope")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).startsWith("station: Unmatched argument").contains("Try 'station --help'.")
            .doesNotContain("station station");
    }

    @Test
    void unknownOptionOfASubcommandNamesIt()
    {
        assertThat(run("replay", "--nope", "x.gz")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).startsWith("station replay: Unknown option")
            .contains("Try 'station replay --help'.");
    }
}
