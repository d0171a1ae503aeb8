package com.tradingstation.app;

import com.sun.net.httpserver.HttpExchange;
import com.tradingstation.core.thread.ThreadRole;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The station's HTTP endpoints on 127.0.0.1, served by the Prometheus client's {@link HTTPServer}:
 * {@code /metrics} (the {@link CountersCollector} and the client's JVM metrics, in whatever exposition
 * format the scraper asks for), {@code /-/healthy}, and {@code /status} (the runtime's JSON document)
 * through the server's default handler.
 */
final class StationHttp implements AutoCloseable
{
    private final HTTPServer server;
    private final ExecutorService executor;

    private StationHttp(final HTTPServer server, final ExecutorService executor)
    {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port    port on the loopback address, 0 for any free one.
     * @param runtime the station whose counters and status to serve.
     * @return the started server.
     * @throws IOException when the port cannot be bound.
     */
    static StationHttp start(final int port, final StationRuntime runtime) throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CountersCollector(runtime.counters()));
        JvmMetrics.builder().register(registry);
        // One thread serves: scrapes and status reads are rare, and one thread is one to place and measure.
        final ExecutorService executor = Executors.newSingleThreadExecutor(
            runtime.threads().daemonThreads(ThreadRole.HTTP, "station-http"));
        try
        {
            return new StationHttp(HTTPServer.builder()
                .inetAddress(InetAddress.getLoopbackAddress())
                .port(port)
                .registry(registry)
                .executorService(executor)
                .defaultHandler(ex -> other(ex, runtime))
                .buildAndStart(), executor);
        }
        catch (final IOException | RuntimeException ex)
        {
            executor.shutdownNow();
            throw ex;
        }
    }

    /** @return the bound port. */
    int port()
    {
        return server.getPort();
    }

    @Override
    public void close()
    {
        server.close();
        executor.shutdownNow();
    }

    private static void other(final HttpExchange ex, final StationRuntime runtime) throws IOException
    {
        final boolean status = "/status".equals(ex.getRequestURI().getPath());
        final byte[] body = (status ? runtime.statusJson() : "not found: try /metrics or /status\n")
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status ? "application/json" : "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status ? 200 : 404, body.length);
        try (OutputStream os = ex.getResponseBody())
        {
            os.write(body);
        }
    }
}
