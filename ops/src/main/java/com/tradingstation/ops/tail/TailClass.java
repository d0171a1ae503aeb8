package com.tradingstation.ops.tail;

/** What a tail event is put down to; an event may have several. */
public enum TailClass
{
    /** The measuring thread was descheduled (preempted, or waited on a run queue). */
    SCHED,
    /** Interrupts or softirqs on the measuring CPU beyond their usual rate. */
    IRQ,
    /** A memory or server-side pause: a JVM collection, or a Redis latency event, fork, eviction or burst. */
    ALLOC,
    /** No counter moved. */
    UNKNOWN
}
