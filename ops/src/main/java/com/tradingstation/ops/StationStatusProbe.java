package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a running station's {@code /status} (served by {@code station run} on 127.0.0.1).
 * Stateless and thread-safe.
 */
public final class StationStatusProbe
{
    private StationStatusProbe()
    {
    }

    /**
     * What the probe found.
     *
     * @param url     the URL asked.
     * @param running whether a station answered with a JSON object.
     * @param status  the parsed /status (empty when not running).
     * @param message one line: why it is not running, or empty.
     */
    public record Result(String url, boolean running, Map<String, Object> status, String message)
    {
    }

    /**
     * @param port      the station's HTTP port on 127.0.0.1; -1 when it serves none.
     * @param timeoutMs connect and read timeout.
     * @return what answered; never throws.
     */
    public static Result fetch(final int port, final int timeoutMs)
    {
        if (port <= 0)
        {
            return new Result("", false, Map.of(),
                "the configuration serves no /status (station.http.port " + port + ")");
        }
        final String url = "http://127.0.0.1:" + port + "/status";
        HttpURLConnection c = null;
        try
        {
            c = (HttpURLConnection)URI.create(url).toURL().openConnection();
            c.setConnectTimeout(timeoutMs);
            c.setReadTimeout(timeoutMs);
            c.setRequestProperty("Accept", "application/json");
            final int code = c.getResponseCode();
            if (code != 200)
            {
                return new Result(url, false, Map.of(), url + " answered HTTP " + code);
            }
            try (InputStream in = c.getInputStream())
            {
                final String body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                return new Result(url, true, JsonReader.parseObject(body), "");
            }
        }
        catch (final IOException ex)
        {
            return new Result(url, false, Map.of(),
                "no station answers at " + url + " (" + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")");
        }
        catch (final IllegalArgumentException ex)
        {
            return new Result(url, false, Map.of(), url + " did not answer with station JSON: " + ex.getMessage());
        }
        finally
        {
            if (c != null)
            {
                c.disconnect();
            }
        }
    }
}
