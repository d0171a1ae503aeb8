package com.tradingstation.feed.live;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * REST calls of the live feed (depth snapshots, exchangeInfo) over the JDK's HttpClient: they are
 * off the hot path (a snapshot per instrument per resync), so a second network stack is not
 * worth it. TLS trusts the JVM's default store, or the one given in {@link LiveSettings}.
 * <p>
 * Threading: thread-safe (HttpClient is).
 */
public final class RestClient
{
    private final HttpClient http;
    private final LiveSettings settings;
    private final Duration timeout;

    /**
     * @param settings endpoints and trust store.
     */
    public RestClient(final LiveSettings settings)
    {
        this.settings = settings;
        this.timeout = Duration.ofMillis(Math.max(5_000, settings.connectTimeoutMs() * 3));
        final HttpClient.Builder b = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(settings.connectTimeoutMs()))
            .version(HttpClient.Version.HTTP_1_1);
        if (settings.trustStore() != null)
        {
            b.sslContext(sslContext(settings.trustStore(), settings.trustStorePassword()));
        }
        this.http = b.build();
    }

    /**
     * @param trustStore PKCS12 or JKS file.
     * @param password   its password or null.
     * @return a TLS context trusting exactly that store.
     */
    public static SSLContext sslContext(final Path trustStore, final String password)
    {
        try
        {
            final TrustManagerFactory tmf = trustManagers(trustStore, password);
            final SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("trust store " + trustStore + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param trustStore PKCS12 or JKS file.
     * @param password   its password or null.
     * @return trust managers over that store.
     */
    public static TrustManagerFactory trustManagers(final Path trustStore, final String password)
    {
        try (InputStream in = Files.newInputStream(trustStore))
        {
            final KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password == null ? null : password.toCharArray());
            final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot read trust store " + trustStore + ": " +
                WebSocketConnection.oneLine(ex), ex);
        }
    }

    /**
     * @param spec   venue.
     * @param symbol venue symbol.
     * @param limit  depth limit (one the venue accepts).
     * @return the pending answer.
     */
    public CompletableFuture<HttpResponse<byte[]>> depth(final VenueSpec spec, final String symbol, final int limit)
    {
        final URI uri = URI.create(settings.restBase(spec.venue()) + spec.restPrefix() + "/depth?symbol=" +
            URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&limit=" + limit);
        return http.sendAsync(get(uri), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Fetch exchangeInfo (blocking; once per venue at start).
     *
     * @param spec    venue.
     * @param symbols the symbols wanted (spot filters by them; futures answer with every symbol).
     * @return the parsed answer.
     * @throws IOException when the venue cannot be reached or answers with an error.
     */
    public ExchangeInfo exchangeInfo(final VenueSpec spec, final List<String> symbols) throws IOException
    {
        String query = "";
        if (spec == VenueSpec.SPOT && !symbols.isEmpty())
        {
            final StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < symbols.size(); i++)
            {
                sb.append(i == 0 ? "" : ",").append('"').append(symbols.get(i)).append('"');
            }
            query = "?symbols=" + URLEncoder.encode(sb.append(']').toString(), StandardCharsets.UTF_8);
        }
        final URI uri = URI.create(settings.restBase(spec.venue()) + spec.restPrefix() + "/exchangeInfo" + query);
        final HttpResponse<byte[]> res;
        try
        {
            res = http.send(get(uri), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        catch (final IOException ex)
        {
            throw new IOException(uri + ": " + WebSocketConnection.oneLine(ex), ex);
        }
        if (res.statusCode() != 200)
        {
            throw new IOException(uri + ": HTTP " + res.statusCode() + " " + snippet(res.body()));
        }
        try
        {
            return ExchangeInfo.parse(res.body());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException(uri + ": " + ex.getMessage(), ex);
        }
    }

    private HttpRequest get(final URI uri)
    {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "trading-station").GET().build();
    }

    static String snippet(final byte[] body)
    {
        final String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return s.replace('\n', ' ');
    }
}
