package com.tradingstation.sim;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the simulator's own tests share: one simulator per test, started from a builder and closed
 * with the clients the test opened against it when the test ends ({@link SimUnderTest}).
 */
abstract class SimTestBase
{
    @RegisterExtension
    final SimUnderTest running = new SimUnderTest();
    /** The simulator the test started, or null before {@link #start}. */
    ExchangeSimulator sim;

    /**
     * @param b the configuration.
     * @return the started simulator (also in {@link #sim}).
     * @throws Exception when it cannot start.
     */
    ExchangeSimulator start(final SimConfig.Builder b) throws Exception
    {
        sim = running.start(b);
        return sim;
    }
}
