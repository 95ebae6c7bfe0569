/*
 * libFuzzer target: the emulator's configuration parser (INI text -> topology),
 * over both tokenizers (inih and the MinGW build's own).  Anything may be refused,
 * nothing may crash, leak or overrun; a refused text leaves no half-made topology,
 * and both tokenizers must agree on whether a text is valid.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acd_config.h"

int acd_config_load_string_own(const char *text, const char *origin, struct acd_config *config, char *error,
                               size_t error_size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct acd_config config, twin;
    char error[256], twin_error[256];
    char *text = malloc(size + 1);
    int result, twin_result;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    result = acd_config_load_string(text, "fuzz.ini", &config, error, sizeof(error));
    twin_result = acd_config_load_string_own(text, "fuzz.ini", &twin, twin_error, sizeof(twin_error));
    if (result != twin_result)
        abort();        /* the two tokenizers read this text differently */
    if (result)
    {
        if (config.groups || config.queues || config.addresses || config.agents || !error[0])
            abort();
    }
    else
    {
        acd_config_free(&config);
        acd_config_free(&twin);
    }
    free(text);
    return 0;
}
