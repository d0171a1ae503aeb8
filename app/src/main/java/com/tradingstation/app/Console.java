package com.tradingstation.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * Picocli mixin for the command's writers: the report goes to stdout, problems and progress to
 * stderr as {@code station <sub>: <line>}. It adds no option ({@link Output} adds {@code --json}), so
 * it carries an empty {@code @Command}: picocli takes as a mixin only a class with a picocli annotation.
 */
@Command
class Console
{
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

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
     * @param line one line (a problem, or progress), printed to stderr after the command's name.
     */
    void note(final String line)
    {
        final PrintWriter err = err();
        err.println(command.qualifiedName() + ": " + line);
        err.flush();
    }
}
