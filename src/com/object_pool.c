/*
 * Memory for objects of one size that come and go by the thousand (the sessions an
 * enumeration makes when the client holds none): a freed block is kept on a
 * lock-free list for the next object instead of going back to the heap.  Under Wine
 * the heap gave the pages of a few thousand freed objects back and faulted them in
 * again for the next ones: more than half of the cost of making a session.  The
 * list is bounded (TCC_POOL_KEEP blocks), so it never holds more than a burst's
 * worth, and it is emptied when the DLL is unloaded.
 */
#include "object_pool.h"

void *tcc__pool_alloc(struct tcc_pool *pool)
{
    SLIST_ENTRY *block = InterlockedPopEntrySList(&pool->free);

    if (!block)
        return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, pool->size);
    memset(block, 0, pool->size);
    return block;
}

void tcc__pool_free(struct tcc_pool *pool, void *block)
{
    /* The depth is a hint when threads race: the bound is kept to within a few. */
    if (QueryDepthSList(&pool->free) < TCC_POOL_KEEP)
        InterlockedPushEntrySList(&pool->free, block);
    else
        HeapFree(GetProcessHeap(), 0, block);
}

void tcc__pool_empty(struct tcc_pool *pool)
{
    SLIST_ENTRY *block = InterlockedFlushSList(&pool->free), *next;

    for (; block; block = next)
    {
        next = block->Next;
        HeapFree(GetProcessHeap(), 0, block);
    }
}
