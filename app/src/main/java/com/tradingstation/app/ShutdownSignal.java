package com.tradingstation.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT/SIGTERM for a command that stops cleanly: the JVM's shutdown hook runs the command's stop
 * action, then holds the JVM until the command has closed this (its drain, flush and final report
 * done) or the grace period has passed. Closing also removes the hook when no signal came.
 */
final class ShutdownSignal implements AutoCloseable
{
    private final String threadName;
    private final long graceSeconds;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    /**
     * @param threadName   name of the hook thread.
     * @param graceSeconds longest time the hook holds the JVM for the command to finish.
     */
    ShutdownSignal(final String threadName, final long graceSeconds)
    {
        this.threadName = threadName;
        this.graceSeconds = graceSeconds;
    }

    /**
     * @param threadName   name of the hook thread.
     * @param graceSeconds longest time the hook holds the JVM for the command to finish.
     * @param stop         what a signal does (ask the command to stop).
     * @return the installed signal.
     */
    static ShutdownSignal install(final String threadName, final long graceSeconds, final Runnable stop)
    {
        final ShutdownSignal signal = new ShutdownSignal(threadName, graceSeconds);
        signal.onSignal(stop);
        return signal;
    }

    /**
     * Install the hook.
     *
     * @param stop what a signal does (ask the command to stop).
     */
    void onSignal(final Runnable stop)
    {
        hook = new Thread(() ->
        {
            stop.run();
            try
            {
                done.await(graceSeconds, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignored)
            {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command is done: release a running hook, or remove the hook when no signal came. */
    @Override
    public void close()
    {
        done.countDown();
        if (hook != null)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // a signal arrived: the hook is running and has just been released
            }
        }
    }
}
