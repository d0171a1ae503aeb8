package com.tradingstation.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Picocli mixin for {@code --json} and the command's writers: the report goes to stdout as one
 * JSON object or as text, problems go to stderr as {@code station <sub>: <line>}.
 */
final class Output
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--json", description = "Print JSON instead of text (schemas in docs/OPERATIONS.md).")
    boolean json;

    /** @return standard output of the command. */
    PrintWriter out()
    {
        return command.commandLine().getOut();
    }

    /** @return standard error of the command. */
    PrintWriter err()
    {
        return command.commandLine().getErr();
    }

    /**
     * Print the report: with {@code --json} the JSON object on one line, else the text.
     *
     * @param jsonReport the JSON object (its {@code toString()} is printed).
     * @param text       writes the text report.
     */
    void print(final Supplier<?> jsonReport, final Consumer<PrintWriter> text)
    {
        final PrintWriter out = out();
        if (json)
        {
            out.println(jsonReport.get());
        }
        else
        {
            text.accept(out);
        }
        out.flush();
    }

    /**
     * @param line one line (a problem, or progress), printed to stderr after the command's name.
     */
    void note(final String line)
    {
        final PrintWriter err = err();
        err.println(command.qualifiedName() + ": " + line);
        err.flush();
    }
}
