package com.tradingstation.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code station} as its own JVM, the way the launcher does: its own environment, working
 * directory, exit code, and stdin/stdout/stderr that are pipes (so never a terminal).
 */
final class StationProcess
{
    /**
     * What the process did.
     *
     * @param exit exit code, or -1 when it was killed at the deadline.
     * @param out  standard output.
     * @param err  standard error.
     */
    record Result(int exit, String out, String err)
    {
    }

    private StationProcess()
    {
    }

    /**
     * @param env      variables added to (or, with a null value, removed from) this JVM's environment.
     * @param cwd      working directory.
     * @param deadline how long it may run before it is killed.
     * @param args     station arguments.
     * @return the result.
     */
    static Result run(final Map<String, String> env, final Path cwd, final Duration deadline, final String... args)
        throws IOException, InterruptedException
    {
        final Process p = builder(env, cwd, args).start();
        p.getOutputStream().close();
        final CompletableFuture<String> out = drain(p.getInputStream());
        final CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS))
        {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, out.join(), err.join());
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    /**
     * Start {@code station} and leave it running; what it prints can be read while it runs.
     *
     * @param env  variables added to (or, with a null value, removed from) this JVM's environment.
     * @param cwd  working directory.
     * @param args station arguments.
     * @return the running process.
     */
    static Running start(final Map<String, String> env, final Path cwd, final String... args) throws IOException
    {
        final Process p = builder(env, cwd, args).start();
        p.getOutputStream().close();
        final StringBuffer out = new StringBuffer();
        final StringBuffer err = new StringBuffer();
        follow(p.getInputStream(), out);
        follow(p.getErrorStream(), err);
        return new Running(p, out, err);
    }

    /**
     * A station started by {@link #start}.
     *
     * @param process the process.
     * @param out     standard output so far.
     * @param err     standard error so far.
     */
    record Running(Process process, StringBuffer out, StringBuffer err) implements AutoCloseable
    {
        /**
         * Ask it to stop (SIGTERM, as a service manager does) and wait for its exit.
         *
         * @param deadline how long it may take before it is killed.
         * @return its exit code, or -1 when it had to be killed.
         */
        int stop(final Duration deadline) throws InterruptedException
        {
            process.destroy();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        }

        @Override
        public void close()
        {
            if (process.isAlive())
            {
                process.destroyForcibly();
                try
                {
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static ProcessBuilder builder(final Map<String, String> env, final Path cwd, final String... args)
    {
        final List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), StationMain.class.getName()));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        env.forEach((k, v) ->
        {
            if (v == null)
            {
                pb.environment().remove(k);
            }
            else
            {
                pb.environment().put(k, v);
            }
        });
        return pb;
    }

    private static void follow(final InputStream in, final StringBuffer into)
    {
        final Thread t = new Thread(() ->
        {
            try (in)
            {
                final byte[] chunk = new byte[4096];
                int n;
                while ((n = in.read(chunk)) > 0)
                {
                    into.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                }
            }
            catch (final IOException ex)
            {
                into.append("(unreadable: ").append(ex.getMessage()).append(')');
            }
        }, "station-process-follow");
        t.setDaemon(true);
        t.start();
    }

    private static CompletableFuture<String> drain(final InputStream in)
    {
        final CompletableFuture<String> f = new CompletableFuture<>();
        final Thread t = new Thread(() ->
        {
            try (in)
            {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            catch (final IOException ex)
            {
                f.complete("(unreadable: " + ex.getMessage() + ")");
            }
        }, "station-process-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
