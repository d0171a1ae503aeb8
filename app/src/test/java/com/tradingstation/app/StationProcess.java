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
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx256m",
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
        final Process p = pb.start();
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
