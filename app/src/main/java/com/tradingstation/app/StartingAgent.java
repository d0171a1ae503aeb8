package com.tradingstation.app;

import com.tradingstation.core.thread.ThreadRole;
import com.tradingstation.core.thread.ThreadStart;
import org.agrona.concurrent.Agent;

/** An agent that first tells the thread plan which thread it runs on (pinning it there), then runs its delegate. */
final class StartingAgent implements Agent
{
    private final Agent delegate;
    private final ThreadStart start;
    private final ThreadRole role;

    StartingAgent(final Agent delegate, final ThreadStart start, final ThreadRole role)
    {
        this.delegate = delegate;
        this.start = start;
        this.role = role;
    }

    @Override
    public void onStart()
    {
        start.onStart(role.id());
        delegate.onStart();
    }

    @Override
    public int doWork() throws Exception
    {
        return delegate.doWork();
    }

    @Override
    public void onClose()
    {
        delegate.onClose();
    }

    @Override
    public String roleName()
    {
        return delegate.roleName();
    }
}
