package com.tradingstation.app;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Picocli mixin for {@code --json} and the command's writers ({@link Console}): the report goes to
 * stdout as one JSON object or as text, problems go to stderr as {@code station <sub>: <line>}.
 */
final class Output extends Console
{
    @Option(names = "--json", description = "Print JSON instead of text (schemas in docs/OPERATIONS.md).")
    boolean json;

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
}
