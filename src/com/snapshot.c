/*
 * Statistics snapshots.  A wallboard reads a dozen properties of one session in a
 * row; each would otherwise be a provider request that fills a whole
 * LINEAGENTSESSIONINFO.  Instead every object keeps the last structure it read,
 * and a property comes from it while it is fresh:
 *   - no status message has come from the provider, and no request of ours has
 *     changed anything, since it was read (the handler's change count), and
 *   - it is younger than TCC_SNAPSHOT_MS.
 * A fresh read (tcc__snapshot_read, inline in provider_calls.h) takes no lock and
 * writes no shared memory: a sequence count tells it whether a writer overlapped it.
 * A slim lock cost 20 times the call itself under Wine (BENCHMARKS.md).
 */
#include "provider_calls.h"

void tcc__snapshot_init(struct tcc_snapshot *snapshot, struct tcc_handler *handler)
{
    snapshot->sequence = 0;
    snapshot->handler_changes = tcc__handler_change_count(handler);
}

HRESULT tcc__snapshot_refresh(struct tcc_snapshot *snapshot, tcc_fetch_fn fetch, void *object,
                              const WCHAR *member, size_t offset, void *out, size_t size)
{
    BYTE fresh[TCC_SNAPSHOT_MAX];
    /* Read before the request: a change during it leaves the new snapshot already
     * stale, never wrongly fresh. */
    LONG changes = *snapshot->handler_changes, sequence = snapshot->sequence;
    ULONGLONG now = GetTickCount64();
    HRESULT hr;

    if (FAILED(hr = fetch(object, member, fresh)))
        return hr;
    /* One writer at a time; one that finds another writing leaves the snapshot to it. */
    if (!(sequence & 1) && InterlockedCompareExchange(&snapshot->sequence, sequence + 1, sequence) == sequence)
    {
        memcpy(snapshot->data, fresh, sizeof(snapshot->data));
        snapshot->changes = changes;
        snapshot->taken = now;
        __atomic_store_n(&snapshot->sequence, sequence + 2, __ATOMIC_RELEASE);
    }
    memcpy(out, fresh + offset, size);
    return S_OK;
}
