package com.tradingstation.runtime;

import com.tradingstation.core.thread.ThreadRole;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleStrategiesTest
{
    @Test
    void namesSelectAgronasStrategies()
    {
        assertThat(IdleStrategies.of("busy-spin")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategies.of("Yielding")).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleStrategies.of("backoff")).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(IdleStrategies.of("sleeping")).isInstanceOf(SleepingIdleStrategy.class);
        assertThat(IdleStrategies.of("sleeping:250").toString()).contains("sleepPeriodNs=250000");
        assertThat(IdleStrategies.of("backoff:50").toString()).contains("maxParkPeriodNs=50000");
        assertThat(IdleStrategies.of("backoff")).isNotSameAs(IdleStrategies.of("backoff"));
    }

    @Test
    void unknownNamesAreUsageErrors()
    {
        assertThatThrownBy(() -> IdleStrategies.of("spin")).hasMessage(
            "unknown idle strategy 'spin' (busy-spin, yielding, backoff[:MAX_PARK_MICROS], sleeping[:MICROS])");
        assertThatThrownBy(() -> IdleStrategies.of("sleeping:0")).hasMessageContaining("positive number");
        assertThatThrownBy(() -> StationThreads.plan("", "sink=fast", p ->
        {
        })).hasMessageContaining("unknown idle strategy 'fast'");
    }

    @Test
    void eachAgentGetsItsOwnOrTheDefault()
    {
        final StationThreads threads = StationThreads.plan("", "books=busy-spin", p ->
        {
        });
        assertThat(threads.idle(ThreadRole.BOOKS)).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(threads.idle(ThreadRole.SINK)).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(threads.idleName(ThreadRole.SINK)).isEqualTo(IdleStrategies.DEFAULT);
    }
}
