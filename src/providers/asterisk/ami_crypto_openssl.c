/*
 * ami_crypto.h over OpenSSL's libcrypto (native builds).
 */
#include "ami_crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

int ami_md5_hex(const void *data, size_t size, char out[33])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;

    if (!EVP_Digest(data, size, digest, &length, EVP_md5(), NULL) || length != 16)
        return -1;
    for (unsigned int i = 0; i < length; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
    return 0;
}

int ami_pbkdf2_sha256(const void *password, size_t password_size, const uint8_t *salt, size_t salt_size,
                      uint32_t iterations, uint8_t *out, size_t out_size)
{
    if (!iterations || iterations > INT32_MAX || password_size > INT32_MAX || salt_size > INT32_MAX ||
        out_size > INT32_MAX)
        return -1;
    return PKCS5_PBKDF2_HMAC(password, (int)password_size, salt, (int)salt_size, (int)iterations, EVP_sha256(),
                             (int)out_size, out) == 1 ? 0 : -1;
}

int ami_random(void *out, size_t size)
{
    return size <= INT32_MAX && RAND_bytes(out, (int)size) == 1 ? 0 : -1;
}
