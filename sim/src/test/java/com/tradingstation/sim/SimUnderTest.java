package com.tradingstation.sim;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulator started for one test and the clients the test opened against it, all closed (clients
 * first) when the test ends; registered as a field with {@code @RegisterExtension}.
 */
final class SimUnderTest implements AfterEachCallback, AutoCloseable
{
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ExchangeSimulator sim;

    /**
     * @param b the configuration.
     * @return the started simulator.
     * @throws Exception when it cannot start.
     */
    ExchangeSimulator start(final SimConfig.Builder b) throws Exception
    {
        sim = new ExchangeSimulator(b.build());
        sim.start();
        return sim;
    }

    /**
     * @param closeable a client to close after the test.
     * @param <T>       its type.
     * @return the client.
     */
    <T extends AutoCloseable> T closeAfter(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(final ExtensionContext context) throws Exception
    {
        close();
    }

    @Override
    public void close() throws Exception
    {
        for (final AutoCloseable c : closeables)
        {
            c.close();
        }
        closeables.clear();
        if (sim != null)
        {
            sim.close();
            sim = null;
        }
    }
}
