package com.tradingstation.ops.alloc;

/** The two environment variables jemalloc reads its options from, depending on how it was built. */
public final class MallocEnvVars
{
    /** A system jemalloc ({@code libjemalloc.so}, as Debian's redis-server links). */
    public static final String SYSTEM = "MALLOC_CONF";
    /** The jemalloc bundled in Redis's source tree, built with the {@code je_} prefix. */
    public static final String BUNDLED = "JE_MALLOC_CONF";

    private MallocEnvVars()
    {
    }

    /**
     * @param name a variable name given by the user.
     * @return it, when it is one of the two
     * @throws IllegalArgumentException otherwise
     */
    public static String check(final String name)
    {
        if (SYSTEM.equals(name) || BUNDLED.equals(name))
        {
            return name;
        }
        throw new IllegalArgumentException("jemalloc reads its options from " + SYSTEM + " or " + BUNDLED + ", not '"
            + name + "'");
    }
}
