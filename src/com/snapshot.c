/*
 * Statistics snapshots.  A wallboard reads a dozen properties of one session in a
 * row; each would otherwise be a provider request that fills a whole
 * LINEAGENTSESSIONINFO.  Instead every object keeps the last structure it read,
 * and a property comes from it while it is fresh:
 *   - no status message has come from the provider, and no request of ours has
 *     changed anything, since it was read (the handler's change count), and
 *   - it is younger than TCC_SNAPSHOT_MS.
 * A fresh read takes a shared slim lock and copies the one field: no allocation,
 * no system call.
 */
#include "provider_calls.h"

HRESULT tcc__snapshot_read(struct tcc_snapshot *snapshot, struct tcc_handler *handler, tcc_fetch_fn fetch,
                           void *object, const WCHAR *member, size_t offset, void *out, size_t size)
{
    BYTE fresh[TCC_SNAPSHOT_MAX];
    ULONGLONG now = GetTickCount64();
    LONG changes = tcc__handler_changes(handler);
    HRESULT hr;

    AcquireSRWLockShared(&snapshot->lock);
    if (snapshot->valid && snapshot->changes == changes && now - snapshot->taken < TCC_SNAPSHOT_MS)
    {
        memcpy(out, snapshot->data + offset, size);
        ReleaseSRWLockShared(&snapshot->lock);
        return S_OK;
    }
    ReleaseSRWLockShared(&snapshot->lock);

    /* The change count is read before the request: a change during it leaves the
     * new snapshot already stale, never wrongly fresh. */
    if (FAILED(hr = fetch(object, member, fresh)))
        return hr;
    AcquireSRWLockExclusive(&snapshot->lock);
    memcpy(snapshot->data, fresh, sizeof(snapshot->data));
    snapshot->changes = changes;
    snapshot->taken = now;
    snapshot->valid = TRUE;
    ReleaseSRWLockExclusive(&snapshot->lock);
    memcpy(out, fresh + offset, size);
    return S_OK;
}
