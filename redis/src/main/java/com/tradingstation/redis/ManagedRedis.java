package com.tradingstation.redis;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} process on a free loopback port, started by this object and
 * stopped by {@link #close()}.
 *
 * <p><b>Ownership.</b> The process, its port, its temporary directory and its log belong to this
 * object alone. It only ever sends SHUTDOWN to the server it started (verified by process id), never
 * flushes anything, and never touches a server it did not start, such as a system Redis on 6379.
 * A JVM shutdown hook kills the process if the JVM exits without {@code close()}.
 *
 * <p><b>Threading.</b> Accessors are safe from any thread; {@link #close()} is idempotent and may be
 * called from any thread. Connections made by callers to {@link #uri()} are theirs to manage.
 *
 * <p><b>Profile.</b> The server runs the station's low-latency profile, {@link RedisProfile}: one
 * database, no persistence at all, {@code hz 8}, TCP keepalive 30 s, bounded memory with LRU eviction,
 * and the latency monitor on, so {@code LATENCY LATEST} and {@code LATENCY DOCTOR} have events to
 * explain a spike.
 */
public final class ManagedRedis implements AutoCloseable
{
    /** System property naming an explicit redis-server binary. */
    public static final String SERVER_PROPERTY = "station.redis.server";
    /** Loopback only: a private server must not be reachable from the network. */
    public static final String HOST = "127.0.0.1";
    /** The conventional Redis port, which a private server must never take. */
    static final int SYSTEM_REDIS_PORT = 6379;

    /** {@code latency-monitor-threshold} of the profile, in milliseconds ({@link RedisProfile}). */
    public static final int LATENCY_MONITOR_THRESHOLD_MS = RedisProfile.LATENCY_MONITOR_THRESHOLD_MS;

    private static final int PORT_ATTEMPTS = 5;
    private static final Object EMBEDDED_LOCK = new Object();
    private static Binary extractedEmbedded;

    private final Process process;
    private final int port;
    private final Binary binary;
    private final Path dir;
    private final Path logFile;
    private final String password;
    private final Duration shutdownTimeout;
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * Where the redis-server binary came from.
     *
     * @param path   the executable
     * @param source {@code "PATH"}, {@code "embedded-redis"}, {@code "explicit"} or
     *               {@code "system property station.redis.server"}
     */
    public record Binary(Path path, String source)
    {
        @Override
        public String toString()
        {
            return path + " (" + source + ")";
        }
    }

    private ManagedRedis(final Process process, final int port, final Binary binary, final Path dir,
                         final String password, final Duration shutdownTimeout)
    {
        this.process = process;
        this.port = port;
        this.binary = binary;
        this.dir = dir;
        this.logFile = dir.resolve("redis.log");
        this.password = password;
        this.shutdownTimeout = shutdownTimeout;
        // The hook only holds the process and its directory: it must not keep this object (or a
        // connection) alive. On Ctrl-C it kills the server and removes its files.
        this.shutdownHook = new Thread(() ->
        {
            kill(process);
            deleteRecursively(dir);
        }, "managed-redis-" + port + "-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return a builder with the station profile defaults (maxmemory 1gb, allkeys-lru) */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Starts a server with the default profile.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot be started
     */
    public static ManagedRedis start()
    {
        return builder().start();
    }

    /** @return {@value #HOST} */
    public String host()
    {
        return HOST;
    }

    /** @return the port this server listens on; never 6379 */
    public int port()
    {
        return port;
    }

    /** @return {@code redis://127.0.0.1:<port>} (no credentials, even if a password was set) */
    public String uri()
    {
        return "redis://" + HOST + ":" + port;
    }

    /** @return an endpoint for this server, carrying the password if one was configured */
    public RedisEndpoint endpoint()
    {
        return RedisEndpoint.of(HOST, port).withCredentials(null, password);
    }

    /** @return which binary runs and where it was found */
    public Binary binary()
    {
        return binary;
    }

    /** @return the server's log file (inside its private temporary directory) */
    public Path logFile()
    {
        return logFile;
    }

    /**
     * @return the server's standard output and error (inside its private temporary directory): what
     *     it prints before its log is open, such as jemalloc's {@code <jemalloc>: Invalid conf pair}
     */
    public Path consoleFile()
    {
        return dir.resolve("console.log");
    }

    /** @return the operating-system process id of the server */
    public long pid()
    {
        return process.pid();
    }

    /** @return whether the server process is still running */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Stops the server: SHUTDOWN NOSAVE over a connection verified to reach this very process, then
     * SIGTERM and finally SIGKILL if it outlives the shutdown deadline. Removes the temporary
     * directory. Idempotent.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        try
        {
            if (process.isAlive())
            {
                requestShutdown();
                if (!waitFor(process, shutdownTimeout))
                {
                    kill(process);
                }
            }
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException jvmAlreadyExiting)
            {
                // The hook is running or will run; it only kills a process that is already gone.
            }
            deleteRecursively(dir);
        }
    }

    private void requestShutdown()
    {
        try (Jedis jedis = control(HOST, port, password))
        {
            // Only shut down the process we started, even if something else took over the port.
            if (serverPid(jedis) != process.pid())
            {
                return;
            }
            jedis.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE");
        }
        catch (final JedisException expected)
        {
            // SHUTDOWN closes the connection instead of replying; any other failure falls back to
            // signals, which reach our process whatever state it is in.
        }
    }

    private static Jedis control(final String host, final int port, final String password)
    {
        final DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(250)
                .socketTimeoutMillis(2000)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (password != null)
        {
            config.password(password);
        }
        return new Jedis(new HostAndPort(host, port), config.build());
    }

    private static long serverPid(final Jedis jedis)
    {
        for (final String line : jedis.info("server").split("\r?\n"))
        {
            if (line.startsWith("process_id:"))
            {
                return Long.parseLong(line.substring("process_id:".length()).strip());
            }
        }
        return -1;
    }

    private static boolean waitFor(final Process p, final Duration timeout)
    {
        try
        {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static void kill(final Process p)
    {
        if (!p.isAlive())
        {
            return;
        }
        p.destroy();
        if (!waitFor(p, Duration.ofSeconds(2)))
        {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(2));
        }
    }

    private static void deleteRecursively(final Path root)
    {
        if (root == null || !Files.exists(root))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(root))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ignored)
                {
                    // A leftover temp file is harmless; failing close() over it would not be.
                }
            });
        }
        catch (final IOException ignored)
        {
            // As above.
        }
    }

    /**
     * Configures and starts a {@link ManagedRedis}. Not thread-safe; use one builder per thread.
     */
    public static final class Builder
    {
        private String maxmemory = RedisProfile.DEFAULT_MAXMEMORY;
        private final List<String> extraArgs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path explicitBinary;
        private Path parentDirectory;
        private boolean preferEmbedded;
        private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
        private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

        private Builder()
        {
        }

        /**
         * @param value redis {@code maxmemory}, e.g. {@code 256mb}; default {@code 1gb}
         * @return this builder
         */
        public Builder maxmemory(final String value)
        {
            this.maxmemory = Objects.requireNonNull(value, "maxmemory");
            return this;
        }

        /**
         * Appends command-line arguments after the profile, so they override it. A
         * {@code --requirepass X} here is also used by this object's own control connection.
         *
         * @param args e.g. {@code "--requirepass", "secret"}
         * @return this builder
         */
        public Builder extraArgs(final String... args)
        {
            for (final String a : args)
            {
                extraArgs.add(Objects.requireNonNull(a, "extra arg"));
            }
            return this;
        }

        /**
         * Sets a variable in the server's environment (on top of this JVM's), e.g.
         * {@code MALLOC_CONF} for a jemalloc experiment. An empty value is passed as empty; use
         * {@link #unsetEnvironment} to remove one the JVM has.
         *
         * @param name  variable name.
         * @param value its value.
         * @return this builder
         */
        public Builder environment(final String name, final String value)
        {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Removes a variable from the server's environment, so one set in the JVM's (a stray
         * {@code MALLOC_CONF}, say) does not reach the server.
         *
         * @param name variable name.
         * @return this builder
         */
        public Builder unsetEnvironment(final String name)
        {
            environment.put(Objects.requireNonNull(name, "name"), null);
            return this;
        }

        /**
         * @param parent where the server's private directory (log, console) is created instead of the
         *               system temporary directory; it must exist
         * @return this builder
         */
        public Builder directory(final Path parent)
        {
            this.parentDirectory = Objects.requireNonNull(parent, "parent");
            return this;
        }

        /**
         * @param path an explicit redis-server executable; wins over everything else
         * @return this builder
         */
        public Builder binary(final Path path)
        {
            this.explicitBinary = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Uses the binary shipped in embedded-redis even when one is on PATH.
         *
         * @return this builder
         */
        public Builder preferEmbedded()
        {
            this.preferEmbedded = true;
            return this;
        }

        /**
         * @return the binary {@link #start()} would run: explicit, embedded when preferred, the
         *     system property, PATH, else the embedded one
         * @throws IllegalStateException when none can be found or an explicit one is not executable
         */
        public Binary binaryToRun()
        {
            return resolveBinary();
        }

        /**
         * Resolves the binary, starts the server and waits until it answers PING. Retries on a
         * new port (up to 5 times) if another process takes the chosen port first.
         *
         * @return the running server, owned by the caller
         * @throws IllegalStateException one line naming the binary, the port and the last log line
         */
        public ManagedRedis start()
        {
            final Binary bin = resolveBinary();
            final String password = requirepass();
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++)
            {
                final int port = freePort();
                final Path dir;
                try
                {
                    dir = parentDirectory == null ? Files.createTempDirectory("station-redis-" + port + "-")
                            : Files.createTempDirectory(parentDirectory, "station-redis-" + port + "-");
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException("cannot create a directory for redis-server", e);
                }
                final Attempt result = tryStart(bin, port, dir, password);
                if (result.server != null)
                {
                    return result.server;
                }
                deleteRecursively(dir);
                last = result.failure;
                if (!result.portTaken)
                {
                    break;
                }
            }
            throw last;
        }

        private record Attempt(ManagedRedis server, IllegalStateException failure, boolean portTaken)
        {
        }

        private Attempt tryStart(final Binary bin, final int port, final Path dir, final String password)
        {
            final Path log = dir.resolve("redis.log");
            final Path console = dir.resolve("console.log");
            final List<String> cmd = new ArrayList<>(List.of(bin.path().toString(),
                    "--port", Integer.toString(port),
                    "--bind", HOST,
                    "--protected-mode", "yes"));
            cmd.addAll(RedisProfile.hft(maxmemory).arguments());
            cmd.addAll(List.of("--dir", dir.toString(), "--logfile", log.toString(), "--daemonize", "no"));
            cmd.addAll(extraArgs);
            final Process p;
            try
            {
                // Output goes to a file, never a pipe nobody drains; it only carries errors that
                // happen before the log file is opened (bad arguments).
                final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(console.toFile());
                environment.forEach((k, v) ->
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
                p = pb.start();
            }
            catch (final IOException e)
            {
                return new Attempt(null, new IllegalStateException("redis-server " + bin
                        + " could not be executed on port " + port + ": " + e.getMessage(), e), false);
            }
            final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline)
            {
                if (!p.isAlive())
                {
                    final String why = lastLine(log, console);
                    final boolean taken = why.toLowerCase(Locale.ROOT).contains("address already in use");
                    return new Attempt(null, failed(bin, port, "exited with code " + p.exitValue(), why), taken);
                }
                if (answersPing(port, password, p.pid()))
                {
                    return new Attempt(new ManagedRedis(p, port, bin, dir, password, SHUTDOWN_TIMEOUT), null, false);
                }
                // Back off by waiting on the process itself: returns at once if it dies.
                try
                {
                    p.waitFor(20, TimeUnit.MILLISECONDS);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    kill(p);
                    throw new IllegalStateException("interrupted while starting redis-server " + bin
                            + " on port " + port, e);
                }
            }
            kill(p);
            return new Attempt(null, failed(bin, port, "did not answer PING within " + STARTUP_TIMEOUT.toMillis()
                    + " ms", lastLine(log, console)), false);
        }

        /** PONG from the very process we started; a server that took the port first does not count. */
        private static boolean answersPing(final int port, final String password, final long pid)
        {
            try (Jedis jedis = control(HOST, port, password))
            {
                if (!"PONG".equals(jedis.ping()))
                {
                    return false;
                }
                final long serverPid = serverPid(jedis);
                return serverPid == pid;
            }
            catch (final JedisDataException e)
            {
                // Protected by a password we do not know (e.g. an ACL in extra args): it is up, but
                // we cannot ask which process it is. Our process being alive on a port it could not
                // bind is impossible, because redis-server exits when the bind fails.
                final String m = String.valueOf(e.getMessage());
                return m.startsWith("NOAUTH") || m.startsWith("WRONGPASS");
            }
            catch (final JedisException | NumberFormatException notYet)
            {
                return false;
            }
        }

        private static IllegalStateException failed(final Binary bin, final int port, final String what,
                                                    final String lastLog)
        {
            return new IllegalStateException("redis-server " + bin + " on port " + port + " " + what
                    + "; last log line: " + (lastLog.isEmpty() ? "(empty)" : lastLog));
        }

        private static String lastLine(final Path... files)
        {
            for (final Path f : files)
            {
                try
                {
                    if (!Files.exists(f))
                    {
                        continue;
                    }
                    final List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int i = lines.size() - 1; i >= 0; i--)
                    {
                        if (!lines.get(i).isBlank())
                        {
                            return lines.get(i).strip();
                        }
                    }
                }
                catch (final IOException | UncheckedIOException ignored)
                {
                    // Try the next file; an unreadable log must not hide the startup failure.
                }
            }
            return "";
        }

        private String requirepass()
        {
            String pw = null;
            for (int i = 0; i + 1 < extraArgs.size(); i++)
            {
                if (extraArgs.get(i).equalsIgnoreCase("--requirepass"))
                {
                    pw = extraArgs.get(i + 1);
                }
            }
            return pw;
        }

        private static int freePort()
        {
            // Asking the kernel for an ephemeral port keeps us off 6379 and any port in use; the
            // port can still be taken before redis binds it, which start() retries.
            for (int i = 0; i < 10; i++)
            {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST)))
                {
                    s.setReuseAddress(true);
                    final int port = s.getLocalPort();
                    if (port != SYSTEM_REDIS_PORT)
                    {
                        return port;
                    }
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException("cannot find a free loopback port", e);
                }
            }
            throw new IllegalStateException("cannot find a free loopback port other than " + SYSTEM_REDIS_PORT);
        }

        private Binary resolveBinary()
        {
            if (explicitBinary != null)
            {
                return executable(new Binary(explicitBinary, "explicit"));
            }
            if (preferEmbedded)
            {
                return embedded();
            }
            final String prop = System.getProperty(SERVER_PROPERTY);
            if (prop != null && !prop.isBlank())
            {
                return executable(new Binary(Path.of(prop), "system property " + SERVER_PROPERTY));
            }
            final String path = System.getenv("PATH");
            if (path != null)
            {
                for (final String d : path.split(java.io.File.pathSeparator))
                {
                    if (d.isEmpty())
                    {
                        continue;
                    }
                    final Path candidate = Path.of(d, "redis-server");
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                    {
                        return new Binary(candidate, "PATH");
                    }
                }
            }
            return embedded();
        }

        private static Binary executable(final Binary b)
        {
            if (!Files.isRegularFile(b.path()) || !Files.isExecutable(b.path()))
            {
                throw new IllegalStateException("redis-server " + b + " is not an executable file");
            }
            return b;
        }
    }

    /**
     * The linux binary embedded-redis 1.4.3 ships at its jar root, copied to an executable temp
     * file once per JVM. The resource names are tied to the pinned embedded-redis version.
     */
    static Binary embedded()
    {
        synchronized (EMBEDDED_LOCK)
        {
            if (extractedEmbedded != null && Files.isExecutable(extractedEmbedded.path()))
            {
                return extractedEmbedded;
            }
            final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            final String resource;
            if (!os.contains("linux"))
            {
                throw new IllegalStateException("no redis-server on PATH and embedded-redis is only used on Linux here"
                        + " (os.name=" + os + "); install redis-server or set -D" + SERVER_PROPERTY);
            }
            else if (arch.equals("amd64") || arch.equals("x86_64"))
            {
                resource = "redis-server-6.2.6-v5-linux-amd64";
            }
            else if (arch.equals("aarch64") || arch.equals("arm64"))
            {
                resource = "redis-server-6.2.7-linux-arm64";
            }
            else
            {
                throw new IllegalStateException("embedded-redis ships no redis-server for linux/" + arch
                        + "; install redis-server or set -D" + SERVER_PROPERTY);
            }
            try (InputStream in = ManagedRedis.class.getResourceAsStream("/" + resource))
            {
                if (in == null)
                {
                    throw new IllegalStateException("embedded-redis binary /" + resource
                            + " is not on the classpath (is com.github.codemonstur:embedded-redis present?)");
                }
                final Path file = Files.createTempFile("station-" + resource + "-", "",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                // REPLACE_EXISTING recreates the file with default permissions; make it executable again.
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
                file.toFile().deleteOnExit();
                extractedEmbedded = new Binary(file, "embedded-redis");
                return extractedEmbedded;
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot extract embedded redis-server " + resource, e);
            }
        }
    }
}
