package com.tradingstation.runtime;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls the JDK does not offer, through JNA (the JDK 17 baseline has no FFM API).
 * Loaded on first use only, so a station that pins nothing and locks nothing never loads native code.
 * Signatures are for 64-bit Linux (x86-64, aarch64): {@code size_t} is a Java {@code long}.
 */
interface LibC extends Library
{
    /** {@code mlockall} flag: lock what is mapped now. */
    int MCL_CURRENT = 1;
    /** {@code mlockall} flag: lock what is mapped later. */
    int MCL_FUTURE = 2;
    /** errno: operation not permitted. */
    int EPERM = 1;
    /** errno: out of memory (or over RLIMIT_MEMLOCK). */
    int ENOMEM = 12;
    /** errno: invalid argument (e.g. a mask with no CPU the thread may use). */
    int EINVAL = 22;

    /** Bound at first use. */
    final class Holder
    {
        static final LibC INSTANCE = Native.load("c", LibC.class);

        private Holder()
        {
        }
    }

    /**
     * @param pid        0 for the calling thread, else a thread id.
     * @param cpusetsize bytes in the mask.
     * @param mask       the CPUs, 64 a word.
     * @return 0.
     * @throws LastErrorException with errno on failure.
     */
    int sched_setaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;

    /**
     * @param pid        0 for the calling thread, else a thread id.
     * @param cpusetsize bytes in the mask.
     * @param mask       filled with the CPUs.
     * @return bytes written by the kernel (the raw syscall), or 0 (glibc).
     * @throws LastErrorException with errno on failure.
     */
    int sched_getaffinity(int pid, long cpusetsize, long[] mask) throws LastErrorException;

    /**
     * @param flags {@link #MCL_CURRENT} and/or {@link #MCL_FUTURE}.
     * @return 0.
     * @throws LastErrorException with errno on failure.
     */
    int mlockall(int flags) throws LastErrorException;
}
