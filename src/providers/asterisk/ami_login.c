/*
 * The AMI login key (ami_crypto.h), the same on every platform.
 */
#include "ami_crypto.h"

#include <stdlib.h>
#include <string.h>

/* Clears memory in a way the compiler may not drop as a dead store. */
static void wipe(void *memory, size_t size)
{
    volatile unsigned char *bytes = memory;

    while (size--)
        *bytes++ = 0;
}

int ami_login_key(const char *challenge, const char *secret, char out[33])
{
    size_t challenge_length = strlen(challenge), secret_length = strlen(secret);
    char *joined = malloc(challenge_length + secret_length + 1);
    int result;

    if (!joined)
        return -1;
    memcpy(joined, challenge, challenge_length);
    memcpy(joined + challenge_length, secret, secret_length + 1);
    result = ami_md5_hex(joined, challenge_length + secret_length, out);
    wipe(joined, challenge_length + secret_length);    /* no secret left in freed memory */
    free(joined);
    return result;
}
