/*
 * The emulator's configuration file: the demo topology parses, and every bad file
 * gets an error that names the file, the line and the problem.
 */
#include "acd_fixture.h"

#include <stdlib.h>
#include <unistd.h>

static const char header[] =
    "[group:Sales]\nguid = {00000000-0000-0000-0000-000000000001}\n"        /* lines 1-2 */
    "[address:A]\nline_id = 1\n";                                           /* lines 3-4 */

static void refused(const char *body, const char *expected)
{
    struct acd_config config;
    char text[2048], error[256];

    snprintf(text, sizeof(text), "%s%s", header, body);
    memset(&config, 0x55, sizeof(config));
    if (!acd_config_load_string(text, "center.ini", &config, error, sizeof(error)))
        fail_msg("accepted:\n%s", body);
    if (!strstr(error, expected))
        fail_msg("error \"%s\" does not contain \"%s\"", error, expected);
    /* Nothing half-configured comes back. */
    assert_null(config.groups);
    assert_int_equal(0, config.queue_count);
}

static void test_demo_topology(void **state)
{
    struct acd_config config;
    char error[256];

    assert_int_equal(0, acd_config_load_string(acd_demo_topology, "demo", &config, error, sizeof(error)));
    assert_int_equal(2, config.group_count);
    assert_int_equal(3, config.queue_count);
    assert_int_equal(3, config.address_count);
    assert_int_equal(3, config.agent_count);
    assert_string_equal("Sales Inbound", config.queues[1].name);
    assert_true(config.queues[1].flows);
    assert_int_equal(2, config.queues[1].flow_to);
    assert_int_equal(90, config.queues[1].flow_after_seconds);
    assert_string_equal("1234", config.agents[0].pin);
    assert_int_equal(3, config.agents[0].groups);   /* Sales and Support */
    assert_int_equal(1, config.agents[1].groups);
    assert_int_equal(2, config.agents[2].groups);
    assert_string_equal("", config.agents[2].pin);
    assert_int_equal(3600, config.measurement_period);
    assert_true(config.simulate);
    acd_config_free(&config);
}

static void test_bad_files(void **state)
{
    /* missing and unknown sections and keys */
    refused("[queue:Q]\ngroup = Sales\n", "center.ini:5: section [queue:Q] has no id");
    refused("[queue:Q]\nid = 1\n", "center.ini:5: section [queue:Q] has no group");
    refused("[queue:Q]\nid = 1\ngroup = Nope\n", "center.ini:7: queue 'Q' names group 'Nope', which is not defined above");
    refused("[queues:Q]\nid = 1\n", "center.ini:6: unknown section [queues:Q]");
    refused("[queue:]\nid = 1\n", "needs a name after the colon");
    refused("[system]\ncolour = blue\n", "center.ini:6: unknown key 'colour' in [system]");
    refused("[queue:Q]\nid = 1\nspeed = 3\n", "center.ini:7: unknown key 'speed' in [queue:Q]");
    refused("this is not ini\n", "center.ini:5: not a 'key = value' line");
    /* duplicates */
    refused("[group:Sales]\nguid = {00000000-0000-0000-0000-000000000002}\n", "center.ini:6: group 'Sales' is defined twice");
    refused("[group:Other]\nguid = {00000000-0000-0000-0000-000000000001}\n", "center.ini:6: group GUID");
    refused("[queue:Q]\nid = 1\ngroup = Sales\n[queue:R]\nid = 1\n", "center.ini:9: queue id 1 is used twice");
    refused("[queue:Q]\nid = 1\nid = 2\n", "center.ini:7: 'id' is given twice in [queue:Q]");
    refused("[agent:a]\nid = 7\n[agent:b]\nid = 7\n", "center.ini:8: agent id '7' is used twice");
    refused("[agent:a]\n[agent:a]\nid = 1\n", "center.ini:5: section [agent:a] has no keys");
    refused("[agent:a]\nid = 1\n[agent:a]\nid = 2\n", "center.ini:8: section [agent:a] is given twice");
    refused("[agent:a]\nid = 1\n[agent:b]\nid = 2\n[agent:a]\npin = 3\n", "agent 'a' is defined twice");
    refused("[queue:Q]\n", "center.ini:5: section [queue:Q] has no keys");
    /* bad GUIDs */
    refused("[group:G]\nguid = {00000000-0000-0000-0000-00000000001}\n", "is not a GUID");
    refused("[group:G]\nguid = 00000000-0000-0000-0000-0000000000zz\n", "is not a GUID");
    refused("[group:G]\nguid = {00000000-0000-0000-0000-000000000003\n", "is not a GUID");
    refused("[system]\nguid = nope\n", "center.ini:6: 'nope' is not a GUID");
    /* non-numbers and huge numbers */
    refused("[queue:Q]\nid = one\n", "center.ini:6: queue id 'one' must be a whole number");
    refused("[queue:Q]\nid = -1\n", "queue id '-1' must be a whole number");
    refused("[queue:Q]\nid = 99999999999999999999\n", "must be a whole number");
    refused("[queue:Q]\nid = 1\ngroup = Sales\ncalls_per_hour = 1e9\n", "center.ini:8: calls_per_hour '1e9'");
    refused("[queue:Q]\nid = 1\ngroup = Sales\ntalk_seconds = 0\n", "talk_seconds '0' must be a number of seconds from 1");
    refused("[queue:Q]\nid = 1\ngroup = Sales\npatience_seconds = 99999999\n", "patience_seconds");
    refused("[queue:Q]\nid = 1\ngroup = Sales\nflow_to = 5\n", "flow_to '5' must be the id of another queue defined above");
    refused("[queue:Q]\nid = 1\ngroup = Sales\nflow_to = 1\n", "flow_to '1'");
    refused("[system]\nmeasurement_period = 0\n", "measurement_period '0' must be a whole number of seconds above 0");
    refused("[system]\nmeasurement_period = 4294967296\n", "measurement_period");
    refused("[system]\nsimulate = maybe\n", "simulate 'maybe' must be yes or no");
    refused("[address:B]\nline_id = x\n", "line_id 'x'");
    refused("[address:B]\nline_id = 1\naddress_id = 0\n", "line 1 address 0 is defined twice");
    refused("[agent:a]\ngroups = Sales, Nope\n", "agent 'a' names group 'Nope'");
    refused("[agent:a]\ngroups = ,\n", "comma-separated list");
    refused("[agent:a]\nid = 0123456789012345678901234567890123456789012345678901234567890123456789\n",
            "longer than 63 characters");
}

static void test_needs_groups_and_addresses(void **state)
{
    struct acd_config config;
    char error[256];

    assert_int_equal(-1, acd_config_load_string("[system]\nname = x\n", "empty.ini", &config, error, sizeof(error)));
    assert_non_null(strstr(error, "no [group:NAME] section"));
    assert_int_equal(-1, acd_config_load_string("[group:G]\nguid = {00000000-0000-0000-0000-000000000001}\n",
                                                "no-address.ini", &config, error, sizeof(error)));
    assert_non_null(strstr(error, "no [address:NAME] section"));
    assert_int_equal(-1, acd_config_load_string("name = x\n", "x.ini", &config, error, sizeof(error)));
    assert_non_null(strstr(error, "x.ini:1: a key comes before the first [section]"));
}

static void test_files(void **state)
{
    struct acd_config config;
    char path[] = "/tmp/tapi3cc-config-XXXXXX", error[512];
    int fd = mkstemp(path);
    FILE *file = fdopen(fd, "w");

    fprintf(file, "%s[queue:Q]\nid = 4\ngroup = Sales\ncalls_per_hour = 2.5\n", header);
    fclose(file);
    assert_int_equal(0, acd_config_load_file(path, &config, error, sizeof(error)));
    assert_int_equal(1, config.queue_count);
    assert_true(config.queues[0].calls_per_hour == 2.5);
    acd_config_free(&config);
    unlink(path);
    assert_int_equal(-1, acd_config_load_file(path, &config, error, sizeof(error)));
    assert_non_null(strstr(error, "cannot open"));
    assert_non_null(strstr(error, path));
}

/* The INI syntax itself, which the native (inih) and MinGW tokenizers must read alike:
 * this program is built against each of them. */
static void test_syntax(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF; a comment, then a blank line\n"
        "\n"
        "# another comment\n"
        "  [system]   \n"
        "name: Colon ACD ; an inline comment\n"
        "[group:G]\n"
        "guid = {00000000-0000-0000-0000-000000000001}\n"
        "[address:A]\n"
        "line_id = 1\n"
        "dialable = 100\n"
        "[agent:a]\n"
        "groups = G\n"
        "  , G\n";                                  /* a continuation: the key again */
    struct acd_config config;
    char error[256];

    assert_int_equal(-1, acd_config_load_string(text, "syntax.ini", &config, error, sizeof(error)));
    assert_string_equal("syntax.ini:13: 'groups' is given twice in [agent:a]", error);
    {
        char shorter[sizeof(text)];

        memcpy(shorter, text, sizeof(text));
        *strstr(shorter, "  , G\n") = 0;
        assert_int_equal(0, acd_config_load_string(shorter, "syntax.ini", &config, error, sizeof(error)));
        assert_string_equal("Colon ACD", config.name);
        assert_int_equal(1, config.group_count);
        assert_string_equal("100", config.addresses[0].dialable);
        acd_config_free(&config);
    }
    /* A seed of "7;not ..." is not a number: the ';' without a space before it stays. */
    refused("[system]\nseed = 7;x\n", "center.ini:6:");
    refused("[group:Unclosed\n", "center.ini:5: not a 'key = value' line");
}

static void test_guids(void **state)
{
    TCC_GUID guid;

    assert_int_equal(0, acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}", &guid));
    assert_int_equal(0x1B2C3D4E, guid.Data1);
    assert_int_equal(0x0001, guid.Data2);
    assert_int_equal(0x4A5B, guid.Data3);
    assert_int_equal(0x8C, guid.Data4[0]);
    assert_int_equal(0x01, guid.Data4[7]);
    assert_int_equal(0, acd_parse_guid("1b2c3d4e-0001-4a5b-8c9d-0e1f2a3b4c01", &guid));
    assert_int_equal(-1, acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01", &guid));
    assert_int_equal(-1, acd_parse_guid("{1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}x", &guid));
    assert_int_equal(-1, acd_parse_guid("{1B2C3D4E+0001-4A5B-8C9D-0E1F2A3B4C01}", &guid));
    assert_int_equal(-1, acd_parse_guid("", &guid));
}

int main(void)
{
    const struct CMUnitTest tests[] =
    {
        cmocka_unit_test(test_demo_topology),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_needs_groups_and_addresses),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_guids),
    };

    return cmocka_run_group_tests_name("acd configuration", tests, NULL, NULL);
}
