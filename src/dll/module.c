/*
 * The module: DllMain, the live-object count and DllCanUnloadNow.
 */
#include "../com/objects.h"

static HMODULE module_handle;
static LONG live_objects;
static LONG server_locks;

HMODULE tcc__module(void)
{
    return module_handle;
}

void tcc__object_created(void)
{
    InterlockedIncrement(&live_objects);
}

void tcc__object_destroyed(void)
{
    InterlockedDecrement(&live_objects);
}

LONG tcc__live_objects(void)
{
    return InterlockedCompareExchange(&live_objects, 0, 0);
}

void tcc__lock_server(BOOL lock)
{
    if (lock)
        InterlockedIncrement(&server_locks);
    else
        InterlockedDecrement(&server_locks);
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        module_handle = instance;
        DisableThreadLibraryCalls(instance);
        break;
    case DLL_PROCESS_DETACH:
        /* At process exit (reserved != NULL) other DLLs may already be gone:
         * only an explicit FreeLibrary releases what we cached. */
        if (!reserved)
        {
            tcc__release_dispatch_tables();
            tcc__release_typelib();
            tcc__sink_unregister_class();
        }
        break;
    }
    return TRUE;
}

/* Honest: S_OK only when no object of ours and no IClassFactory::LockServer lock
 * is alive (class factories themselves are static and not counted). */
HRESULT WINAPI DllCanUnloadNow(void)
{
    if (tcc__live_objects() || InterlockedCompareExchange(&server_locks, 0, 0))
        return S_FALSE;
    return S_OK;
}
