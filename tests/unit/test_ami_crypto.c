/*
 * The asterisk provider's platform cryptography against known answers: MD5 (RFC 1321's
 * "abc"), PBKDF2-HMAC-SHA256 (the vector measured in shared/asterisk/README.md, which
 * Python's hashlib gives too), and the AMI login key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ami_crypto.h"

static void test_md5(void **state)
{
    char hex[33];

    assert_int_equal(0, ami_md5_hex("abc", 3, hex));
    assert_string_equal("900150983cd24fb0d6963f7d28e17f72", hex);
    assert_int_equal(0, ami_md5_hex("", 0, hex));
    assert_string_equal("d41d8cd98f00b204e9800998ecf8427e", hex);
}

static void test_login_key(void **state)
{
    char key[33], expected[33];

    assert_int_equal(0, ami_login_key("840245136", "s3cret", key));
    assert_int_equal(0, ami_md5_hex("840245136s3cret", 15, expected));
    assert_string_equal(expected, key);
}

static void test_pbkdf2(void **state)
{
    static const uint8_t salt[] = { 1, 2, 3, 4 };
    uint8_t derived[32];
    char hex[65];

    assert_int_equal(0, ami_pbkdf2_sha256("1234", 4, salt, sizeof(salt), 1000, derived, sizeof(derived)));
    for (size_t i = 0; i < sizeof(derived); i++)
        snprintf(hex + 2 * i, 3, "%02x", derived[i]);
    assert_string_equal("cc7850668ef957c9649a009600223522f7d267872017c0fc8d8446cb40fbba9a", hex);
    assert_int_equal(-1, ami_pbkdf2_sha256("1234", 4, salt, sizeof(salt), 0, derived, sizeof(derived)));
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_md5),
        cmocka_unit_test(test_login_key),
        cmocka_unit_test(test_pbkdf2),
    };

    return cmocka_run_group_tests_name("ami_crypto", tests, NULL, NULL);
}
