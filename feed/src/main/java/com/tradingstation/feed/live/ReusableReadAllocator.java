package com.tradingstation.feed.live;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;

/**
 * The allocator of one connection's socket reads: hands the channel the same direct buffer for
 * every read once the previous read's buffer was released; every other buffer comes from the
 * delegate, through {@link AbstractByteBufAllocator}'s defaults (heap or direct, composites).
 * <p>
 * Why: Netty's default (adaptive) and pooled allocators give out recycled buffer objects whose
 * NIO view is created anew for each socket read ({@code ByteBuffer.slice()} per read), the only
 * allocation left on the station's receive thread. An unpooled direct buffer keeps its NIO view,
 * so reusing one buffer makes the read path allocate nothing. The frame reader copies every read
 * out and releases it at once; a buffer still referenced (the HTTP codec during the upgrade, TLS
 * cumulation) is simply not reused and a fresh one is handed out.
 * <p>
 * Threading: the connection's event loop thread only.
 */
final class ReusableReadAllocator extends AbstractByteBufAllocator
{
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final ByteBufAllocator delegate;
    private final ReusableBuf reusable;

    /**
     * @param delegate gives every buffer but the reused one: the heap and direct buffers behind
     *                 {@link AbstractByteBufAllocator}'s buffer, composite and capacity defaults.
     */
    ReusableReadAllocator(final ByteBufAllocator delegate)
    {
        super(true);
        this.delegate = delegate;
        this.reusable = new ReusableBuf();
    }

    @Override
    public ByteBuf ioBuffer(final int initialCapacity)
    {
        return initialCapacity <= READ_BUFFER_BYTES ? reuse(initialCapacity) : delegate.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(final int initialCapacity, final int maxCapacity)
    {
        return initialCapacity <= READ_BUFFER_BYTES && maxCapacity >= READ_BUFFER_BYTES ? reuse(initialCapacity) :
            delegate.ioBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer()
    {
        return reuse(READ_BUFFER_BYTES);
    }

    private ByteBuf reuse(final int wanted)
    {
        if (reusable.refCnt() != 0)
        {
            return delegate.ioBuffer(wanted); // the last read is still held by someone
        }
        reusable.revive();
        return reusable;
    }

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
    {
        return delegate.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
    {
        return delegate.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled()
    {
        return delegate.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(final int minNewCapacity, final int maxCapacity)
    {
        return delegate.calculateNewCapacity(minNewCapacity, maxCapacity);
    }

    /** A direct buffer whose release keeps its memory, so it can be handed out again. */
    private static final class ReusableBuf extends UnpooledDirectByteBuf
    {
        ReusableBuf()
        {
            super(UnpooledByteBufAllocator.DEFAULT, READ_BUFFER_BYTES, READ_BUFFER_BYTES);
            setRefCnt(0);
        }

        void revive()
        {
            setRefCnt(1);
            clear();
        }

        @Override
        protected void deallocate()
        {
            // kept for the next read (freed with the class loader; one 64 KiB buffer per connection)
        }
    }
}
