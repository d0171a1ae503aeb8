package com.tradingstation.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where and how to reach one Redis server: host, port, logical database, optional ACL user and
 * password, TLS, and the client's connect and socket timeouts.
 *
 * <p>Immutable and therefore safe to share between threads. {@link #toString()} never shows the
 * password, so endpoints may be logged as they are.
 *
 * @param host             host name or IP literal (IPv6 without brackets)
 * @param port             TCP port, 1..65535
 * @param database         logical database index, {@code >= 0}
 * @param user             ACL user name, or {@code null} for the default user
 * @param password         password, or {@code null} when the server needs none
 * @param tls              {@code true} for {@code rediss://}
 * @param connectTimeoutMs TCP connect timeout in milliseconds, {@code > 0}
 * @param socketTimeoutMs  read timeout per reply in milliseconds, {@code > 0}
 */
public record RedisEndpoint(String host, int port, int database, String user, String password, boolean tls,
                            int connectTimeoutMs, int socketTimeoutMs)
{
    /** Port used when a URL names none; the Redis convention. */
    public static final int DEFAULT_PORT = 6379;
    /** Default connect and socket timeout in milliseconds. */
    public static final int DEFAULT_TIMEOUT_MS = 2000;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the first component that is out of range
     */
    public RedisEndpoint
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("Redis endpoint has no host");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("Redis port " + port + " is outside 1..65535");
        }
        if (database < 0)
        {
            throw new IllegalArgumentException("Redis database " + database + " is negative");
        }
        if (connectTimeoutMs <= 0 || socketTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("Redis timeouts must be positive, got connect=" + connectTimeoutMs
                    + "ms socket=" + socketTimeoutMs + "ms");
        }
    }

    /**
     * A plain-text endpoint without credentials, database 0 and default timeouts.
     *
     * @param host host name or IP literal
     * @param port TCP port
     * @return the endpoint
     */
    public static RedisEndpoint of(final String host, final int port)
    {
        return new RedisEndpoint(host, port, 0, null, null, false, DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    }

    /**
     * Parses {@code redis://[user[:password]@]host[:port][/db]} or the same with {@code rediss://}
     * (TLS). User and password are percent-decoded ({@code +} stays a plus, as URL userinfo has no
     * form encoding). IPv6 hosts go in brackets. Port defaults to 6379, database to 0, timeouts to
     * {@value #DEFAULT_TIMEOUT_MS} ms.
     *
     * @param url the URL
     * @return the endpoint
     * @throws IllegalArgumentException with a one-line message naming what is wrong; the message
     *                                  never contains the password
     */
    public static RedisEndpoint parse(final String url)
    {
        if (url == null || url.isBlank())
        {
            throw new IllegalArgumentException("Redis URL is empty");
        }
        final String shown = mask(url.strip());
        final String s = url.strip();
        final int schemeEnd = s.indexOf("://");
        if (schemeEnd <= 0)
        {
            throw bad(shown, "no scheme (expected redis:// or rediss://)");
        }
        final String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        final boolean tls;
        if (scheme.equals("redis"))
        {
            tls = false;
        }
        else if (scheme.equals("rediss"))
        {
            tls = true;
        }
        else
        {
            throw bad(shown, "unsupported scheme '" + scheme + "' (expected redis or rediss)");
        }
        final String rest = s.substring(schemeEnd + 3);
        final int authorityEnd = indexOfAny(rest, "/?#");
        final String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        final String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        if (tail.indexOf('?') >= 0 || tail.indexOf('#') >= 0)
        {
            throw bad(shown, "query parameters and fragments are not supported");
        }

        // The last '@' separates credentials: a raw '@' inside a password is tolerated that way.
        String user = null;
        String password = null;
        final int at = authority.lastIndexOf('@');
        String hostPort = authority;
        if (at >= 0)
        {
            final String userInfo = authority.substring(0, at);
            hostPort = authority.substring(at + 1);
            final int colon = userInfo.indexOf(':');
            final String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser, "user", shown);
            if (colon >= 0)
            {
                password = decode(userInfo.substring(colon + 1), "password", shown);
            }
        }

        final String host;
        String portText = null;
        if (hostPort.startsWith("["))
        {
            final int close = hostPort.indexOf(']');
            if (close < 0)
            {
                throw bad(shown, "IPv6 host is missing its closing ']'");
            }
            host = hostPort.substring(1, close);
            final String after = hostPort.substring(close + 1);
            if (!after.isEmpty())
            {
                if (!after.startsWith(":"))
                {
                    throw bad(shown, "unexpected text after IPv6 host: '" + after + "'");
                }
                portText = after.substring(1);
            }
        }
        else
        {
            final int colon = hostPort.indexOf(':');
            if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0)
            {
                throw bad(shown, "IPv6 host must be written in brackets, e.g. redis://[::1]:6379");
            }
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty())
        {
            throw bad(shown, "no host");
        }
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%'))
            {
                throw bad(shown, "host contains illegal character '" + c + "'");
            }
        }

        int port = DEFAULT_PORT;
        if (portText != null)
        {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit))
            {
                throw bad(shown, "port '" + portText + "' is not a number in 1..65535");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535)
            {
                throw bad(shown, "port " + port + " is outside 1..65535");
            }
        }

        int db = 0;
        if (!tail.isEmpty() && !tail.equals("/"))
        {
            final String dbText = tail.substring(1);
            if (dbText.length() > 9 || !dbText.chars().allMatch(Character::isDigit) || dbText.isEmpty())
            {
                throw bad(shown, "database '" + dbText + "' is not a non-negative integer");
            }
            db = Integer.parseInt(dbText);
        }
        return new RedisEndpoint(host, port, db, user, password, tls, DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    }

    /**
     * Same endpoint with other timeouts.
     *
     * @param connectMs TCP connect timeout in milliseconds
     * @param socketMs  read timeout in milliseconds
     * @return a new endpoint
     */
    public RedisEndpoint withTimeouts(final int connectMs, final int socketMs)
    {
        return new RedisEndpoint(host, port, database, user, password, tls, connectMs, socketMs);
    }

    /**
     * Same endpoint with other credentials.
     *
     * @param newUser     ACL user or {@code null}
     * @param newPassword password or {@code null}
     * @return a new endpoint
     */
    public RedisEndpoint withCredentials(final String newUser, final String newPassword)
    {
        return new RedisEndpoint(host, port, database, newUser, newPassword, tls, connectTimeoutMs, socketTimeoutMs);
    }

    /** @return {@code host:port}, IPv6 in brackets; for messages */
    public String address()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL form with the password replaced by {@code ***}; safe to log. */
    @Override
    public String toString()
    {
        final StringBuilder b = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null)
        {
            if (user != null)
            {
                b.append(user);
            }
            if (password != null)
            {
                b.append(":***");
            }
            b.append('@');
        }
        b.append(address()).append('/').append(database);
        return b.toString();
    }

    private static IllegalArgumentException bad(final String shownUrl, final String what)
    {
        return new IllegalArgumentException("Bad Redis URL '" + shownUrl + "': " + what);
    }

    /** Hides whatever sits between the first ':' of the userinfo and the last '@' of the authority. */
    private static String mask(final String url)
    {
        final int schemeEnd = url.indexOf("://");
        final int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        final int authorityEnd = indexOfAny(url.substring(start), "/?#");
        final String authority = authorityEnd < 0 ? url.substring(start) : url.substring(start, start + authorityEnd);
        final int at = authority.lastIndexOf('@');
        if (at < 0)
        {
            return url;
        }
        final int colon = authority.indexOf(':');
        if (colon < 0 || colon > at)
        {
            return url;
        }
        return url.substring(0, start + colon + 1) + "***" + url.substring(start + at);
    }

    private static int indexOfAny(final String s, final String chars)
    {
        for (int i = 0; i < s.length(); i++)
        {
            if (chars.indexOf(s.charAt(i)) >= 0)
            {
                return i;
            }
        }
        return -1;
    }

    /** Strict RFC 3986 percent-decoding; URLDecoder would turn '+' into a space. */
    private static String decode(final String raw, final String what, final String shownUrl)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++)
        {
            final char c = raw.charAt(i);
            if (c == '%')
            {
                final int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                final int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0)
                {
                    throw bad(shownUrl, "bad percent-encoding in " + what);
                }
                out.write(hi * 16 + lo);
                i += 2;
            }
            else
            {
                final int cp = raw.codePointAt(i);
                final byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
