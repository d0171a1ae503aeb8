package com.tradingstation.core.thread;

import java.util.Locale;

/** The long-lived threads of a station, by the name used in config, on the command line and in reports. */
public enum ThreadRole
{
    /** Reads capture files and decodes them onto the ring (file replay: the station's main thread). */
    READER("reader"),
    /** Receives and decodes the live WebSocket streams onto the ring. */
    RX("rx"),
    /** Fetches live REST depth snapshots. */
    REST("rest"),
    /** Applies events to the books and sends the UDP packets (the publisher runs on this thread). */
    BOOKS("books"),
    /** Writes to Redis. */
    SINK("sink"),
    /** Serves /status and /metrics. */
    HTTP("http"),
    /** Prints the status line and samples the per-thread costs. */
    STATUS("status");

    private final String id;

    ThreadRole(final String id)
    {
        this.id = id;
    }

    /** @return the name used in config, on the command line and in reports. */
    public String id()
    {
        return id;
    }

    /**
     * @param id a role's name, any case.
     * @return the role.
     * @throws IllegalArgumentException naming the roles when there is none of that name.
     */
    public static ThreadRole of(final String id)
    {
        for (final ThreadRole r : values())
        {
            if (r.id.equals(id.trim().toLowerCase(Locale.ROOT)))
            {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown thread '" + id + "' (threads: " + names() + ")");
    }

    /** @return the roles' names, comma separated. */
    public static String names()
    {
        final StringBuilder sb = new StringBuilder();
        for (final ThreadRole r : values())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.id);
        }
        return sb.toString();
    }
}
