package com.tradingstation.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Messages and bytes handled (JSON bytes for the decoders, datagram bytes for the subscriber);
 * JMH reports both fields as rates.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TrafficCounter
{
    /** Messages this iteration. */
    public long msgs;
    /** Bytes this iteration. */
    public long bytes;

    /** Reset at each iteration. */
    @Setup(Level.Iteration)
    public void clear()
    {
        msgs = 0;
        bytes = 0;
    }

    /**
     * Count one replay of a session's lines (package-private: JMH would take a public method for a counter).
     *
     * @param lines the lines replayed.
     */
    void replayed(final Session.PackedLines lines)
    {
        msgs += lines.messages();
        bytes += lines.bytes();
    }
}
