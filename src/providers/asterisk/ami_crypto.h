/*
 * The asterisk provider's cryptography, from the platform: OpenSSL's libcrypto
 * natively (ami_crypto_openssl.c), BCrypt on Windows (ami_crypto_bcrypt.c).  No hash
 * function is written here.
 */
#ifndef TAPI3CC_AMI_CRYPTO_H
#define TAPI3CC_AMI_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* MD5 of `size` bytes as 32 lowercase hex digits and a NUL: 0, or -1. */
int ami_md5_hex(const void *data, size_t size, char out[33]);
/* PBKDF2-HMAC-SHA256: `out_size` bytes into `out`: 0, or -1. */
int ami_pbkdf2_sha256(const void *password, size_t password_size, const uint8_t *salt, size_t salt_size,
                      uint32_t iterations, uint8_t *out, size_t out_size);

/* `size` random bytes from the platform's generator (salts): 0, or -1. */
int ami_random(void *out, size_t size);

/* The AMI Login key for AuthType MD5: MD5 of the challenge followed by the secret,
 * in lowercase hex.  The secret never crosses the wire.  0, or -1. */
int ami_login_key(const char *challenge, const char *secret, char out[33]);

#endif
