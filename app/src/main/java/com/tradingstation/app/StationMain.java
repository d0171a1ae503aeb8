package com.tradingstation.app;

import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code station} command line. Exit codes are stable and documented in docs/OPERATIONS.md:
 * 0 success, 1 the command ran but found problems, 2 usage or input error, 3 could not run
 * (an unreachable dependency). {@code station gate} keeps these and adds 4 for its FAIL verdict
 * (SOFT_FAIL is its 1).
 */
@Command(
    name = "station",
    mixinStandardHelpOptions = true,
    versionProvider = StationMain.Version.class,
    description = "Trading Station: fixed-point market-data books, UDP and Redis fan-out, Redis operations.",
    subcommands = {RunCommand.class, BenchCommand.class, DemoCommand.class, ReplayCommand.class, RecordCommand.class,
        SynthCommand.class, UdpMonitorCommand.class, ExchangeSimCommand.class, MonitorCommand.class, GateCommand.class,
        LedgerCommand.class,
        HealthCommand.class, DashboardCommand.class, StatCommand.class,
        BackupCommand.class, ReportCommand.class, TailCommand.class, FingerprintCommand.class, IrqCommand.class,
        RedisProfileCommand.class, DatasetCommand.class, AllocLabCommand.class, CommandLine.HelpCommand.class})
public final class StationMain implements Runnable
{
    /** Success. */
    public static final int EXIT_OK = 0;
    /** The command ran to its end and found problems (gaps, crossed books, malformed input). */
    public static final int EXIT_PROBLEMS = 1;
    /** Bad arguments or unreadable input. */
    public static final int EXIT_USAGE = 2;
    /** A dependency could not be reached or measured. */
    public static final int EXIT_UNAVAILABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the configured picocli command line (for tests).
     */
    public static CommandLine commandLine()
    {
        final CommandLine cl = new CommandLine(new StationMain());
        cl.setExitCodeExceptionMapper(StationMain::exitCode);
        cl.setExecutionExceptionHandler(StationMain::failed);
        cl.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine c = ex.getCommandLine();
            final String name = c.getCommandSpec().qualifiedName(); // "station", or "station run"
            if (ex.getCause() instanceof ConfigDefaults.ConfigError bad)
            {
                // A bad configuration file, found while picocli asked it for defaults: not a flag error.
                c.getErr().println(name + ": " + oneLine(bad));
                return EXIT_USAGE;
            }
            c.getErr().println(name + ": " + ex.getMessage());
            c.getErr().println("Try '" + name + " --help'.");
            return EXIT_USAGE;
        });
        return cl;
    }

    /**
     * The one exit-code rule of every command's {@code call()}: an {@link IllegalArgumentException}
     * (bad arguments, configuration or input files) is a usage error, anything else means the
     * command could not run (an unreachable Redis, venue or socket, an I/O failure).
     *
     * @param ex what {@code call()} threw.
     * @return the exit code.
     */
    static int exitCode(final Throwable ex)
    {
        return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_UNAVAILABLE;
    }

    /**
     * What a command's {@code call()} threw: one line {@code station <sub>: <reason>} on stderr,
     * never a stack trace; a command that answers an unavailable Redis in JSON of its own
     * ({@link UnavailableReport}) prints that first.
     */
    private static int failed(final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parsed)
    {
        if (ex instanceof RedisUnavailableException unavailable &&
            commandLine.getCommand() instanceof UnavailableReport report)
        {
            final String json = report.unavailableJson(unavailable);
            if (json != null)
            {
                commandLine.getOut().println(json);
                commandLine.getOut().flush();
            }
        }
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
        commandLine.getErr().flush();
        return commandLine.getExitCodeExceptionMapper().getExitCode(ex);
    }

    static String oneLine(final Throwable ex)
    {
        if (ex instanceof java.nio.file.FileSystemException)
        {
            final java.nio.file.FileSystemException fs = (java.nio.file.FileSystemException)ex;
            final String file = fs.getFile() != null ? fs.getFile() : "";
            final String other = fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "";
            return (file + other + ": " + fileReason(fs)).replace('\n', ' ');
        }
        final String msg = ex.getMessage();
        return (msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg).replace('\n', ' ');
    }

    /**
     * @param ex a failure about a file the caller already names.
     * @return what went wrong, without repeating the path.
     */
    static String reason(final Throwable ex)
    {
        return ex instanceof java.nio.file.FileSystemException ?
            fileReason((java.nio.file.FileSystemException)ex).replace('\n', ' ') : oneLine(ex);
    }

    /**
     * The JDK's file exceptions carry only the path as their message: name what went wrong.
     */
    private static String fileReason(final java.nio.file.FileSystemException ex)
    {
        if (ex instanceof java.nio.file.NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.NotDirectoryException)
        {
            return "not a directory";
        }
        if (ex instanceof java.nio.file.FileAlreadyExistsException)
        {
            return "already exists";
        }
        return ex.getReason() != null ? ex.getReason() : ex.getClass().getSimpleName();
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Version from the jar manifest.
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String v = StationMain.class.getPackage().getImplementationVersion();
            return new String[] {"station " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
