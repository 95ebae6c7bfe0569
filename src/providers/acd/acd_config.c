/*
 * The emulator's configuration file, tokenized by acd_ini.h (inih, or its MinGW twin): see acd_config.h.
 */
#include "acd_config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acd_ini.h"

const char acd_demo_topology[] =
    "[system]\n"
    "name = tapi3cc ACD emulator\n"
    "guid = {6C1D8D2A-3E57-4C58-9B2F-0A7E5D1C4B11}\n"
    "seed = 1\n"
    "measurement_period = 3600\n"
    "simulate = yes\n"
    "[group:Sales]\n"
    "guid = {1B2C3D4E-0001-4A5B-8C9D-0E1F2A3B4C01}\n"
    "[group:Support]\n"
    "guid = {1B2C3D4E-0002-4A5B-8C9D-0E1F2A3B4C02}\n"
    "[queue:Sales Overflow]\n"
    "id = 2\n"
    "group = Sales\n"
    "calls_per_hour = 3\n"
    "talk_seconds = 240\n"
    "wrapup_seconds = 45\n"
    "patience_seconds = 300\n"
    "[queue:Sales Inbound]\n"
    "id = 1\n"
    "group = Sales\n"
    "calls_per_hour = 14\n"
    "talk_seconds = 180\n"
    "wrapup_seconds = 30\n"
    "patience_seconds = 240\n"
    "flow_to = 2\n"
    "flow_after_seconds = 90\n"
    "[queue:Support Line]\n"
    "id = 3\n"
    "group = Support\n"
    "calls_per_hour = 8\n"
    "talk_seconds = 300\n"
    "wrapup_seconds = 60\n"
    "patience_seconds = 360\n"
    "[address:Agent line 1]\n"
    "line_id = 0\n"
    "address_id = 0\n"
    "dialable = 2001\n"
    "[address:Agent line 2]\n"
    "line_id = 1\n"
    "address_id = 0\n"
    "dialable = 2002\n"
    "[address:Agent line 3]\n"
    "line_id = 2\n"
    "address_id = 0\n"
    "dialable = 2003\n"
    "[agent:alice]\n"
    "id = 1001\n"
    "pin = 1234\n"
    "groups = Sales, Support\n"
    "[agent:bob]\n"
    "id = 1002\n"
    "pin = 2345\n"
    "groups = Sales\n"
    "[agent:carol]\n"
    "id = 1003\n"
    "groups = Support\n";

enum section_kind { SECTION_NONE, SECTION_SYSTEM, SECTION_GROUP, SECTION_QUEUE, SECTION_ADDRESS, SECTION_AGENT };

struct parser
{
    struct acd_config *config;
    const char *origin;
    char *error;
    size_t error_size;
    int line;                   /* the line the reader returned last */
    int header_line;            /* the line of the last [section] header read */
    char header[ACD_NAME_SIZE * 2];
    bool keys_since_header;

    /* the section being read */
    char section[ACD_NAME_SIZE * 2];
    enum section_kind kind;
    int section_line;
    unsigned seen;              /* bit per key name already given in this section */
    bool has_id;                /* queue and group sections must name their identity */
    bool failed;

    /* for ini_parse_string-like reading with line numbers */
    const char *text;
    FILE *file;
};

static int fail(struct parser *p, const char *format, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *format, ...)
{
    char message[256];
    va_list args;

    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    if (!p->failed && p->error_size)
        snprintf(p->error, p->error_size, "%s:%d: %s", p->origin, p->line, message);
    p->failed = true;
    return 0;
}

/* Reads one line for inih and counts it, so that every message has a line. */
static char *read_line(char *buffer, int size, void *stream)
{
    struct parser *p = stream;

    if (p->file)
    {
        if (!fgets(buffer, size, p->file))
            return NULL;
    }
    else
    {
        const char *end;
        size_t length;

        if (!*p->text)
            return NULL;
        end = strchr(p->text, '\n');
        length = end ? (size_t)(end - p->text + 1) : strlen(p->text);
        if (length >= (size_t)size)
            length = (size_t)size - 1;
        memcpy(buffer, p->text, length);
        buffer[length] = 0;
        p->text += length;
    }
    p->line++;
    {
        const char *start = buffer;
        while (*start == ' ' || *start == '\t')
            start++;
        if (*start == '[')
        {
            /* inih only reports keys, so a section without any would vanish. */
            if (p->header_line && !p->keys_since_header)
            {
                p->line = p->header_line;
                fail(p, "section %s has no keys", p->header);
                return NULL;
            }
            p->header_line = p->line;
            p->keys_since_header = false;
            snprintf(p->header, sizeof(p->header), "%.*s", (int)strcspn(start, "\r\n"), start);
        }
    }
    return buffer;
}

int acd_parse_guid(const char *text, TCC_GUID *guid)
{
    unsigned int parts[11];
    char tail;
    int braces = text[0] == '{';
    int count;

    count = sscanf(text + braces, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x%c",
                   &parts[0], &parts[1], &parts[2], &parts[3], &parts[4], &parts[5], &parts[6],
                   &parts[7], &parts[8], &parts[9], &parts[10], &tail);
    if (count < 11 || strlen(text) != (size_t)(36 + 2 * braces))
        return -1;
    if (braces ? (count != 12 || tail != '}') : count != 11)
        return -1;
    for (int i = 0; i < 36; i++)
    {
        char c = text[braces + i];
        if ((i == 8 || i == 13 || i == 18 || i == 23) ? c != '-' : !isxdigit((unsigned char)c))
            return -1;
    }
    guid->Data1 = parts[0];
    guid->Data2 = (uint16_t)parts[1];
    guid->Data3 = (uint16_t)parts[2];
    for (int i = 0; i < 8; i++)
        guid->Data4[i] = (uint8_t)parts[3 + i];
    return 0;
}

bool acd_guid_equal(const TCC_GUID *a, const TCC_GUID *b)
{
    return !memcmp(a, b, sizeof(*a));
}

static bool parse_unsigned(const char *value, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long number;

    if (!isdigit((unsigned char)value[0]))
        return false;
    errno = 0;
    number = strtoull(value, &end, 10);
    if (errno || *end || number > max)
        return false;
    *out = number;
    return true;
}

static bool parse_number(const char *value, double max, double *out)
{
    char *end;
    double number;

    if (!isdigit((unsigned char)value[0]) && value[0] != '.')
        return false;
    errno = 0;
    number = strtod(value, &end);
    if (errno || *end || number < 0 || number > max)
        return false;
    *out = number;
    return true;
}

static int set_name(struct parser *p, char *out, const char *value, const char *what)
{
    if (!value[0])
        return fail(p, "%s is empty", what);
    if (strlen(value) >= ACD_NAME_SIZE)
        return fail(p, "%s '%.20s...' is longer than %d characters", what, value, ACD_NAME_SIZE - 1);
    strcpy(out, value);
    return 1;
}

static void *grow(void *array, size_t count, size_t size)
{
    return realloc(array, (count + 1) * size);
}

static const struct acd_group_config *find_group(const struct acd_config *config, const char *name,
                                                 size_t *index)
{
    for (size_t i = 0; i < config->group_count; i++)
        if (!strcmp(config->groups[i].name, name))
        {
            *index = i;
            return &config->groups[i];
        }
    return NULL;
}

static const struct acd_queue_config *find_queue(const struct acd_config *config, uint32_t id)
{
    for (size_t i = 0; i < config->queue_count; i++)
        if (config->queues[i].id == id)
            return &config->queues[i];
    return NULL;
}

/* Checks what a section must have once it is complete; the error names the
 * section's header line. */
static int finish_section(struct parser *p)
{
    struct acd_config *c = p->config;
    const char *missing = NULL;

    if (p->kind == SECTION_GROUP && !p->has_id)
        missing = "guid";
    else if (p->kind == SECTION_QUEUE && !p->has_id)
        missing = "id";
    else if (p->kind == SECTION_QUEUE && c->queues[c->queue_count - 1].group == SIZE_MAX)
        missing = "group";
    else if (p->kind == SECTION_ADDRESS && !p->has_id)
        missing = "line_id";
    if (!missing)
        return 1;
    p->line = p->section_line;
    return fail(p, "section [%s] has no %s", p->section, missing);
}

static int start_section(struct parser *p, const char *section)
{
    struct acd_config *c = p->config;
    const char *colon = strchr(section, ':');
    const char *name = colon ? colon + 1 : "";
    size_t type_length = colon ? (size_t)(colon - section) : strlen(section);

    if (!*section)
        return fail(p, "a key comes before the first [section]");
    if (p->kind != SECTION_NONE && !finish_section(p))
        return 0;
    snprintf(p->section, sizeof(p->section), "%s", section);
    p->section_line = p->header_line;
    p->seen = 0;
    p->has_id = false;

    if (!strcmp(section, "system"))
    {
        p->kind = SECTION_SYSTEM;
        return 1;
    }
#define TYPE_IS(t) (type_length == strlen(t) && !strncmp(section, t, type_length))
    if (!colon || !(TYPE_IS("group") || TYPE_IS("queue") || TYPE_IS("address") || TYPE_IS("agent")))
        return fail(p, "unknown section [%s] (known: [system], [group:NAME], [queue:NAME], "
                       "[address:NAME], [agent:USER])", section);
    if (!*name)
        return fail(p, "section [%s] needs a name after the colon", section);

    if (TYPE_IS("group"))
    {
        size_t index;
        struct acd_group_config *g;

        if (find_group(c, name, &index))
            return fail(p, "group '%s' is defined twice", name);
        if (c->group_count == ACD_MAX_GROUPS)
            return fail(p, "more than %d groups", ACD_MAX_GROUPS);
        if (!(g = grow(c->groups, c->group_count, sizeof(*g))))
            return fail(p, "out of memory");
        c->groups = g;
        g = &c->groups[c->group_count++];
        memset(g, 0, sizeof(*g));
        p->kind = SECTION_GROUP;
        return set_name(p, g->name, name, "group name");
    }
    if (TYPE_IS("queue"))
    {
        struct acd_queue_config *q;

        for (size_t i = 0; i < c->queue_count; i++)
            if (!strcmp(c->queues[i].name, name))
                return fail(p, "queue '%s' is defined twice", name);
        if (!(q = grow(c->queues, c->queue_count, sizeof(*q))))
            return fail(p, "out of memory");
        c->queues = q;
        q = &c->queues[c->queue_count++];
        memset(q, 0, sizeof(*q));
        q->group = SIZE_MAX;
        q->talk_seconds = 180;
        q->wrapup_seconds = 30;
        q->patience_seconds = 300;
        p->kind = SECTION_QUEUE;
        return set_name(p, q->name, name, "queue name");
    }
    if (TYPE_IS("address"))
    {
        struct acd_address_config *a;

        if (!(a = grow(c->addresses, c->address_count, sizeof(*a))))
            return fail(p, "out of memory");
        c->addresses = a;
        a = &c->addresses[c->address_count++];
        memset(a, 0, sizeof(*a));
        p->kind = SECTION_ADDRESS;
        return set_name(p, a->name, name, "address name");
    }
    {
        struct acd_agent_config *a;

        for (size_t i = 0; i < c->agent_count; i++)
            if (!strcmp(c->agents[i].user, name))
                return fail(p, "agent '%s' is defined twice", name);
        if (!(a = grow(c->agents, c->agent_count, sizeof(*a))))
            return fail(p, "out of memory");
        c->agents = a;
        a = &c->agents[c->agent_count++];
        memset(a, 0, sizeof(*a));
        a->groups = UINT64_MAX;
        p->kind = SECTION_AGENT;
        return set_name(p, a->user, name, "agent user name");
    }
#undef TYPE_IS
}

/* Each key may appear once per section: `index` is its bit. */
static int once(struct parser *p, unsigned index, const char *key)
{
    if (p->seen & (1u << index))
        return fail(p, "'%s' is given twice in [%s]", key, p->section);
    p->seen |= 1u << index;
    return 1;
}

#define MAX_SECONDS 86400.0 * 7
#define MAX_RATE 100000.0

static int system_key(struct parser *p, const char *key, const char *value)
{
    struct acd_config *c = p->config;
    uint64_t number;

    if (!strcmp(key, "name"))
        return once(p, 0, key) && set_name(p, c->name, value, "system name");
    if (!strcmp(key, "guid"))
        return once(p, 1, key) && (acd_parse_guid(value, &c->guid) ? fail(p, "'%s' is not a GUID", value) : 1);
    if (!strcmp(key, "seed"))
        return once(p, 2, key) &&
               (parse_unsigned(value, UINT64_MAX, &c->seed) ? 1 : fail(p, "seed '%s' is not a whole number", value));
    if (!strcmp(key, "measurement_period"))
    {
        if (!once(p, 3, key))
            return 0;
        if (!parse_unsigned(value, UINT32_MAX, &number) || !number)
            return fail(p, "measurement_period '%s' must be a whole number of seconds above 0", value);
        c->measurement_period = (uint32_t)number;
        return 1;
    }
    if (!strcmp(key, "simulate"))
    {
        if (!once(p, 4, key))
            return 0;
        if (!strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "1"))
            c->simulate = true;
        else if (!strcmp(value, "no") || !strcmp(value, "false") || !strcmp(value, "0"))
            c->simulate = false;
        else
            return fail(p, "simulate '%s' must be yes or no", value);
        return 1;
    }
    if (!strcmp(key, "start"))
    {
        if (!once(p, 5, key) || !parse_unsigned(value, INT64_MAX / 2, &number))
            return p->failed ? 0 : fail(p, "start '%s' must be a Unix time in seconds", value);
        c->has_start = true;
        c->start = (int64_t)number;
        return 1;
    }
    return fail(p, "unknown key '%s' in [system]", key);
}

static int queue_key(struct parser *p, const char *key, const char *value)
{
    struct acd_config *c = p->config;
    struct acd_queue_config *q = &c->queues[c->queue_count - 1];
    uint64_t number;
    size_t index;

    if (!strcmp(key, "id"))
    {
        if (!once(p, 0, key))
            return 0;
        if (!parse_unsigned(value, INT32_MAX, &number))
            return fail(p, "queue id '%s' must be a whole number from 0 to %d", value, INT32_MAX);
        if (find_queue(c, (uint32_t)number))
            return fail(p, "queue id %s is used twice", value);
        q->id = (uint32_t)number;
        p->has_id = true;
        return 1;
    }
    if (!strcmp(key, "group"))
    {
        if (!once(p, 1, key))
            return 0;
        if (!find_group(c, value, &index))
            return fail(p, "queue '%s' names group '%s', which is not defined above", q->name, value);
        q->group = index;
        return 1;
    }
    if (!strcmp(key, "calls_per_hour"))
        return once(p, 2, key) && (parse_number(value, MAX_RATE, &q->calls_per_hour)
                                   ? 1 : fail(p, "calls_per_hour '%s' must be a number from 0 to %.0f", value, MAX_RATE));
#define DURATION(bit, name, field) \
    if (!strcmp(key, name)) \
        return once(p, bit, key) && (parse_number(value, MAX_SECONDS, &q->field) && q->field >= 1 \
                                     ? 1 : fail(p, name " '%s' must be a number of seconds from 1 to %.0f", \
                                                value, MAX_SECONDS));
    DURATION(3, "talk_seconds", talk_seconds)
    DURATION(4, "wrapup_seconds", wrapup_seconds)
    DURATION(5, "patience_seconds", patience_seconds)
#undef DURATION
    if (!strcmp(key, "flow_to"))
    {
        if (!once(p, 6, key))
            return 0;
        if (!parse_unsigned(value, INT32_MAX, &number) || !find_queue(c, (uint32_t)number) || number == q->id)
            return fail(p, "flow_to '%s' must be the id of another queue defined above", value);
        q->flows = true;
        q->flow_to = (uint32_t)number;
        if (!q->flow_after_seconds)
            q->flow_after_seconds = 60;
        return 1;
    }
    if (!strcmp(key, "flow_after_seconds"))
    {
        if (!once(p, 7, key))
            return 0;
        if (!parse_unsigned(value, (uint64_t)MAX_SECONDS, &number) || !number)
            return fail(p, "flow_after_seconds '%s' must be a whole number of seconds from 1 to %.0f", value,
                        MAX_SECONDS);
        q->flow_after_seconds = (uint32_t)number;
        return 1;
    }
    return fail(p, "unknown key '%s' in [%s]", key, p->section);
}

static int agent_groups(struct parser *p, struct acd_agent_config *a, const char *value)
{
    char name[ACD_NAME_SIZE];
    const char *item = value;

    a->groups = 0;
    while (*item)
    {
        const char *end = strchr(item, ',');
        size_t length = end ? (size_t)(end - item) : strlen(item), index;

        while (length && isspace((unsigned char)*item))
            item++, length--;
        while (length && isspace((unsigned char)item[length - 1]))
            length--;
        if (!length || length >= sizeof(name))
            return fail(p, "groups '%s' must be a comma-separated list of group names", value);
        memcpy(name, item, length);
        name[length] = 0;
        if (!find_group(p->config, name, &index))
            return fail(p, "agent '%s' names group '%s', which is not defined above", a->user, name);
        a->groups |= UINT64_C(1) << index;
        item = end ? end + 1 : item + length;
    }
    if (!a->groups)
        return fail(p, "groups is empty for agent '%s'", a->user);
    return 1;
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
    struct parser *p = user;
    struct acd_config *c = p->config;
    uint64_t number;

    if (p->failed)
        return 0;
    p->keys_since_header = true;
    if (p->kind != SECTION_NONE && !strcmp(section, p->section) && p->header_line != p->section_line)
        return fail(p, "section [%s] is given twice", section);
    if ((p->kind == SECTION_NONE || strcmp(section, p->section)) && !start_section(p, section))
        return 0;

    switch (p->kind)
    {
    case SECTION_SYSTEM:
        return system_key(p, key, value);
    case SECTION_GROUP:
        if (!strcmp(key, "guid"))
        {
            struct acd_group_config *g = &c->groups[c->group_count - 1];

            if (!once(p, 0, key))
                return 0;
            if (acd_parse_guid(value, &g->guid))
                return fail(p, "'%s' is not a GUID ({XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX})", value);
            for (size_t i = 0; i + 1 < c->group_count; i++)
                if (acd_guid_equal(&c->groups[i].guid, &g->guid))
                    return fail(p, "group GUID %s is used twice", value);
            p->has_id = true;
            return 1;
        }
        return fail(p, "unknown key '%s' in [%s]", key, p->section);
    case SECTION_QUEUE:
        return queue_key(p, key, value);
    case SECTION_ADDRESS:
    {
        struct acd_address_config *a = &c->addresses[c->address_count - 1];

        if (!strcmp(key, "line_id") || !strcmp(key, "address_id"))
        {
            bool line = key[0] == 'l';

            if (!once(p, line ? 0 : 1, key))
                return 0;
            if (!parse_unsigned(value, INT32_MAX, &number))
                return fail(p, "%s '%s' must be a whole number from 0 to %d", key, value, INT32_MAX);
            if (line)
            {
                a->line_id = (uint32_t)number;
                p->has_id = true;
            }
            else
                a->address_id = (uint32_t)number;
            for (size_t i = 0; i + 1 < c->address_count; i++)
                if (c->addresses[i].line_id == a->line_id && c->addresses[i].address_id == a->address_id &&
                    (p->seen & 3) == 3)
                    return fail(p, "line %u address %u is defined twice", a->line_id, a->address_id);
            return 1;
        }
        if (!strcmp(key, "dialable"))
            return once(p, 2, key) && set_name(p, a->dialable, value, "dialable address");
        return fail(p, "unknown key '%s' in [%s]", key, p->section);
    }
    case SECTION_AGENT:
    {
        struct acd_agent_config *a = &c->agents[c->agent_count - 1];

        if (!strcmp(key, "id"))
        {
            if (!once(p, 0, key) || !set_name(p, a->id, value, "agent id"))
                return 0;
            for (size_t i = 0; i + 1 < c->agent_count; i++)
                if (!strcmp(c->agents[i].id, a->id))
                    return fail(p, "agent id '%s' is used twice", value);
            return 1;
        }
        if (!strcmp(key, "pin"))
            return once(p, 1, key) && set_name(p, a->pin, value, "PIN");
        if (!strcmp(key, "groups"))
            return once(p, 2, key) && agent_groups(p, a, value);
        return fail(p, "unknown key '%s' in [%s]", key, p->section);
    }
    case SECTION_NONE:
        break;
    }
    return fail(p, "key '%s' outside any section", key);
}

static void set_defaults(struct acd_config *config)
{
    memset(config, 0, sizeof(*config));
    strcpy(config->name, "tapi3cc ACD emulator");
    acd_parse_guid("{6C1D8D2A-3E57-4C58-9B2F-0A7E5D1C4B11}", &config->guid);
    config->seed = 1;
    config->measurement_period = 3600;
    config->simulate = true;
}

static int parse(struct parser *p)
{
    struct acd_config *c = p->config;
    int result;

    set_defaults(c);
    result = acd_ini_parse(read_line, p, handler, p);
    if (!p->failed && result > 0)
    {
        p->line = result;
        fail(p, "not a 'key = value' line or a [section] header");
    }
    if (!p->failed && p->header_line && !p->keys_since_header)
    {
        p->line = p->header_line;
        fail(p, "section %s has no keys", p->header);
    }
    if (!p->failed && p->kind != SECTION_NONE)
        finish_section(p);
    if (!p->failed && !c->group_count)
        fail(p, "no [group:NAME] section: an ACD needs at least one group");
    if (!p->failed && !c->address_count)
        fail(p, "no [address:NAME] section: agents need an address to log in on");
    /* Queues may flow only to queues defined above, so a flow chain always ends. */
    if (p->failed)
    {
        acd_config_free(c);
        return -1;
    }
    return 0;
}

int acd_config_load_string(const char *text, const char *origin, struct acd_config *config,
                           char *error, size_t error_size)
{
    struct parser p = { .config = config, .origin = origin, .error = error, .error_size = error_size,
                        .text = text };

    if (error_size)
        error[0] = 0;
    return parse(&p);
}

int acd_config_load_file(const char *path, struct acd_config *config, char *error, size_t error_size)
{
    struct parser p = { .config = config, .origin = path, .error = error, .error_size = error_size };
    int result;

    if (error_size)
        error[0] = 0;
    if (!(p.file = fopen(path, "r")))
    {
        memset(config, 0, sizeof(*config));
        if (error_size)
            snprintf(error, error_size, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    result = parse(&p);
    fclose(p.file);
    return result;
}

void acd_config_free(struct acd_config *config)
{
    free(config->groups);
    free(config->queues);
    free(config->addresses);
    free(config->agents);
    memset(config, 0, sizeof(*config));
}
