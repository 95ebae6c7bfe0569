/*
 * The providers built into tapi3cc.dll.  The DLL shell is the one layer that knows
 * what is linked in: it registers them by name, and the COM layer finds them through
 * the registry like any other provider.
 */
#include "dll.h"

#include "acd_provider.h"

static BOOL CALLBACK register_builtins(INIT_ONCE *once, void *parameter, void **context)
{
    tcc_provider_register(&tcc_acd_provider);
    return TRUE;
}

void tcc__register_builtin_providers(void)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;

    InitOnceExecuteOnce(&once, register_builtins, NULL, NULL);
}
