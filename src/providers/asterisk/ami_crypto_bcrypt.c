/*
 * ami_crypto.h over Windows' BCrypt (the DLL's builds).
 */
#include "ami_crypto.h"

#include <windows.h>
#include <bcrypt.h>
#include <limits.h>
#include <stdio.h>

int ami_md5_hex(const void *data, size_t size, char out[33])
{
    BCRYPT_ALG_HANDLE algorithm;
    BCRYPT_HASH_HANDLE hash;
    UCHAR digest[16];
    NTSTATUS status;

    /* BCryptCreateHash, not BCryptHash: Windows 7 has only the former. */
    if (size > ULONG_MAX || !BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_MD5_ALGORITHM, NULL, 0)))
        return -1;
    if (BCRYPT_SUCCESS(status = BCryptCreateHash(algorithm, &hash, NULL, 0, NULL, 0, 0)))
    {
        if (BCRYPT_SUCCESS(status = BCryptHashData(hash, (PUCHAR)data, (ULONG)size, 0)))
            status = BCryptFinishHash(hash, digest, sizeof(digest), 0);
        BCryptDestroyHash(hash);
    }
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

    if (!iterations || password_size > ULONG_MAX || salt_size > ULONG_MAX || out_size > ULONG_MAX)
        return -1;
    if (!BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&algorithm, BCRYPT_SHA256_ALGORITHM, NULL,
                                                    BCRYPT_ALG_HANDLE_HMAC_FLAG)))
        return -1;
    status = BCryptDeriveKeyPBKDF2(algorithm, (PUCHAR)password, (ULONG)password_size, (PUCHAR)salt,
                                   (ULONG)salt_size, iterations, out, (ULONG)out_size, 0);
    BCryptCloseAlgorithmProvider(algorithm, 0);
    return BCRYPT_SUCCESS(status) ? 0 : -1;
}

int ami_random(void *out, size_t size)
{
    if (size > ULONG_MAX)
        return -1;
    return BCRYPT_SUCCESS(BCryptGenRandom(NULL, out, (ULONG)size, BCRYPT_USE_SYSTEM_PREFERRED_RNG)) ? 0 : -1;
}
