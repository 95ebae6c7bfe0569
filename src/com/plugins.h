/*
 * Plug-in providers found by name in the registry (plugins.c).
 */
#ifndef TAPI3CC_COM_PLUGINS_H
#define TAPI3CC_COM_PLUGINS_H

#include <stddef.h>

#include "errors.h"

#include "tapi3cc/provider.h"

struct tcc_plugin
{
    HMODULE module;         /* loaded once more for each handler that uses it */
    const struct tcc_provider *provider;
};

/* Loads the plug-in registered as `name`: S_OK (the caller frees the module when it
 * is done), S_FALSE when no plug-in has that name, or a failure with a sentence in
 * `error` naming the DLL and the cause. */
HRESULT tcc__plugin_load(const char *name, struct tcc_plugin *plugin, WCHAR *error, size_t error_size);

#endif
