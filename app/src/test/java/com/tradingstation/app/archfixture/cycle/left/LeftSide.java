package com.tradingstation.app.archfixture.cycle.left;

import com.tradingstation.app.archfixture.cycle.right.RightSide;

/**
 * Half of a deliberate package cycle (left calls right, right calls left) that the architecture
 * test's cycle rule must report. Method calls, not constants: javac inlines constants, which
 * would leave no dependency in the class files.
 */
public final class LeftSide
{
    private LeftSide()
    {
    }

    /** @return this side's value. */
    public static int value()
    {
        return 1;
    }

    /** @return both sides' values, the right one read through its package. */
    public static int sum()
    {
        return value() + RightSide.value();
    }
}
