package com.tradingstation.core.thread;

import java.util.concurrent.ThreadFactory;

/**
 * Called by each long-lived station thread as the first thing it does, on that thread, with the
 * thread's role ({@code books}, {@code sink}, {@code rx}, ...). The station's runtime layer uses it
 * to pin the thread to its CPUs (which must happen on the thread itself) and to register it for the
 * per-thread cost counters. The modules that start threads know only this interface.
 */
@FunctionalInterface
public interface ThreadStart
{
    /** Does nothing: threads of a library user or a test that places nothing. */
    ThreadStart NONE = role ->
    {
    };

    /**
     * @param role the thread's role, one of {@link ThreadRole}'s names.
     */
    void onStart(String role);

    /**
     * @param role the role of the threads made.
     * @param name the name of every thread made.
     * @return a factory of daemon threads that call {@link #onStart} with the role before their work.
     */
    default ThreadFactory daemonThreads(final ThreadRole role, final String name)
    {
        return r ->
        {
            final Thread t = new Thread(() ->
            {
                onStart(role.id());
                r.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }
}
