/*
 * tcc_asterisk_admin against the real Asterisk (run by with_asterisk): an agent added
 * with a PIN on standard input is accepted by the asterisk provider with that PIN and
 * refused with another, listed, and gone once removed; addresses added, listed and
 * removed.  The tool's path is the first argument.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "ami_test_client.h"
#include "asterisk_provider.h"

static const char *tool;
static char connection[2048];

/* Runs the tool with `input` on its standard input; its output in `out`. */
static int run(const char *arguments, const char *input, char *out, size_t size)
{
    char command[8192], input_file[2048];
    FILE *file;
    size_t length = 0;
    int status;

    snprintf(input_file, sizeof(input_file), "%s/admin-input", getenv("TCC_AMI_DIR"));
    assert_non_null(file = fopen(input_file, "w"));
    fputs(input, file);
    fclose(file);
    snprintf(command, sizeof(command), "'%s' %s %s < '%s'", tool, connection, arguments, input_file);
    assert_non_null(file = popen(command, "r"));
    if (out)
    {
        length = fread(out, 1, size - 1, file);
        out[length] = 0;
    }
    status = pclose(file);
    return WEXITSTATUS(status);
}

static void to_utf16(const char *text, tcc_wchar *out)
{
    while ((*out++ = (tcc_wchar)(unsigned char)*text++))
        ;
}

static void test_agents_and_addresses(void **state)
{
    char out[4096], error[256], config[2048];
    tcc_wchar id[8], pin[8], wrong[8];
    tcc_hagent agent;
    void *context;

    assert_int_equal(0, run("agent-add 3001", "4711\n", NULL, 0));
    assert_int_equal(0, run("address-add 2003 Local/2003@agents", "", NULL, 0));
    assert_int_equal(0, run("agent-list", "", out, sizeof(out)));
    assert_non_null(strstr(out, "3001\n"));
    assert_null(strstr(out, "pbkdf2"));                     /* IDs only */
    assert_int_equal(0, run("address-list", "", out, sizeof(out)));
    assert_non_null(strstr(out, "2003 Local/2003@agents\n"));
    assert_int_equal(2, run("agent-add", "", NULL, 0));     /* usage */

    snprintf(config, sizeof(config), "port=%s;user=tapi3cc;secretfile=%s", getenv("TCC_AMI_PORT"),
             getenv("TCC_AMI_SECRETFILE"));
    assert_int_equal(0, tcc_asterisk_provider.open(config, &context, error, sizeof(error)));
    to_utf16("3001", id);
    to_utf16("4711", pin);
    to_utf16("4712", wrong);
    assert_int_equal(TCC_LINEERR_INVALPASSWORD, tcc_asterisk_provider.create_agent(context, id, wrong, NULL, &agent));
    assert_int_equal(0, tcc_asterisk_provider.create_agent(context, id, pin, NULL, &agent));
    tcc_asterisk_provider.close(context);

    assert_int_equal(0, run("agent-remove 3001", "", NULL, 0));
    assert_int_equal(0, run("address-remove 2003", "", NULL, 0));
    assert_int_equal(0, run("agent-list", "", out, sizeof(out)));
    assert_null(strstr(out, "3001\n"));
    assert_int_equal(0, run("address-list", "", out, sizeof(out)));
    assert_null(strstr(out, "2003"));
    assert_int_equal(0, tcc_asterisk_provider.open(config, &context, error, sizeof(error)));
    assert_int_equal(TCC_LINEERR_INVALAGENTID, tcc_asterisk_provider.create_agent(context, id, pin, NULL, &agent));
    tcc_asterisk_provider.close(context);
    printf("asterisk admin: agent and address added, listed, used and removed\n");
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_agents_and_addresses),
    };

    if (argc != 2 || ami_test_read_secret())
        return 2;
    tool = argv[1];
    snprintf(connection, sizeof(connection), "port=%s user=tapi3cc secretfile=%s", getenv("TCC_AMI_PORT"),
             getenv("TCC_AMI_SECRETFILE"));
    return cmocka_run_group_tests_name("asterisk_admin", tests, NULL, NULL);
}
