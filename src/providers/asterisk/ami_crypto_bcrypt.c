/*
 * ami_crypto.h over Windows' BCrypt (the DLL's builds).
 */
#include "ami_crypto.h"

#include <windows.h>
#include <bcrypt.h>
#include <stdio.h>

int ami_md5_hex(const void *data, size_t size, char out[33])
{
    BCRYPT_ALG_HANDLE algorithm;
    UCHAR digest[16];
    NTSTATUS status;

    if (size > MAXULONG || !BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_MD5_ALGORITHM, NULL, 0)))
        return -1;
    status = BCryptHash(algorithm, NULL, 0, (PUCHAR)data, (ULONG)size, digest, sizeof(digest));
    BCryptCloseAlgorithmProvider(algorithm, 0);
    if (!BCRYPT_SUCCESS(status))
        return -1;
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", digest[i]);
    return 0;
}

int ami_pbkdf2_sha256(const void *password, size_t password_size, const uint8_t *salt, size_t salt_size,
                      uint32_t iterations, uint8_t *out, size_t out_size)
{
    BCRYPT_ALG_HANDLE algorithm;
    NTSTATUS status;

    if (!iterations || password_size > MAXULONG || salt_size > MAXULONG || out_size > MAXULONG)
        return -1;
    if (!BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_SHA256_ALGORITHM, NULL,
                                                    BCRYPT_ALG_HANDLE_HMAC_FLAG)))
        return -1;
    status = BCryptDeriveKeyPBKDF2(algorithm, (PUCHAR)password, (ULONG)password_size, (PUCHAR)salt,
                                   (ULONG)salt_size, iterations, out, (ULONG)out_size, 0);
    BCryptCloseAlgorithmProvider(algorithm, 0);
    return BCRYPT_SUCCESS(status) ? 0 : -1;
}
