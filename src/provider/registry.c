/*
 * Providers by name, as the host registered them: the registry knows no provider
 * of its own, so that what every provider shares depends on none of them.
 */
#include <pthread.h>
#include <string.h>

#include "tapi3cc/provider.h"

#define MAX_PROVIDERS 16

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct tcc_provider *registered[MAX_PROVIDERS];
static size_t registered_count;

const struct tcc_provider *tcc_provider_find(const char *name)
{
    const struct tcc_provider *found = NULL;

    if (!name)
        return NULL;
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < registered_count && !found; i++)
        if (!strcmp(registered[i]->name, name))
            found = registered[i];
    pthread_mutex_unlock(&registry_lock);
    return found;
}

int tcc_provider_register(const struct tcc_provider *provider)
{
    int result = -1;

    if (!provider || !provider->name || provider->version < TCC_PROVIDER_VERSION_1)
        return -1;
    pthread_mutex_lock(&registry_lock);
    if (registered_count < MAX_PROVIDERS)
    {
        result = 0;
        for (size_t i = 0; i < registered_count; i++)
            if (!strcmp(registered[i]->name, provider->name))
                result = -1;
        if (!result)
            registered[registered_count++] = provider;
    }
    pthread_mutex_unlock(&registry_lock);
    return result;
}
