/*
 * bench/asterisk_scale's native half, against the real Asterisk that with_asterisk
 * started with the configuration this program wrote (bench_scale_layout.h):
 *
 *   bench_scale --write-conf DIR [--quick]    writes DIR/queues.conf and exits
 *   bench_scale [--quick] [--json FILE]
 *   bench_scale [--quick] --records-only      writes the AstDB records and exits (to
 *                                               run bench_scale_com alone, e.g. profiled)
 *                                               (under with_asterisk: TCC_AMI_PORT,
 *                                                TCC_AMI_SECRETFILE, TCC_AMI_PID)
 *
 * In this order: writes every agent's AstDB records; measures the highest call rate
 * this machine's Asterisk sustains (callers made by Originate on the driver's own
 * connection, every one answered by an agent within the step) and prints it first;
 * the provider's memory per queue member beside the bytes AMI sends for that member;
 * the AMI events Asterisk raises per call; and Asterisk's CPU time per call with
 * K = 0, 1, 10, 50 provider instances connected (K desktops, each its own AMI
 * connection), first as desktops of every agent, then as one agent's desktop each
 * (the provider's desktop= key: AMI Filters), the before and after of the closest
 * approach to the goal at K = 50.  The sustained rate goes into the JSON
 * ("sustained_calls_per_second") for bench_scale_com, which measures at that rate.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ami_client.h"
#include "ami_crypto.h"
#include "asterisk_provider.h"
#include "bench_results.h"
#include "bench_scale_layout.h"

static bool quick;
static int agents = SCALE_AGENTS, queues = SCALE_QUEUES;
static char port_text[16], secret_path[4096], secret[128];
static int asterisk_pid;

static void die(const char *format, const char *detail)
{
    fprintf(stderr, "bench_scale: ");
    fprintf(stderr, format, detail);
    fprintf(stderr, "\n");
    exit(1);
}

static void sleep_seconds(double seconds)
{
    struct timespec pause = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };

    while (nanosleep(&pause, &pause) && errno == EINTR)
        ;
}

/* --write-conf: the queues, each agent a static member of three of them. */
static int write_conf(const char *dir)
{
    char path[4200], queue[16], interface[64];
    FILE *file;

    mkdir(dir, 0700);
    snprintf(path, sizeof(path), "%s/queues.conf", dir);
    if (!(file = fopen(path, "w")))
        die("cannot write %s", path);
    fprintf(file, "; Written by bench_scale --write-conf: %d agents in %d queues, %d queues each.\n"
            "[general]\npersistentmembers = no\nshared_lastcall = no\n\n", agents, queues, SCALE_QUEUES_PER_AGENT);
    for (int q = 0; q <= queues; q++)
    {
        if (q < queues)
            scale_queue_name(q, queue, sizeof(queue));
        else
            snprintf(queue, sizeof(queue), "%s", SCALE_MARKER_QUEUE);
        fprintf(file, "[%s]\nstrategy = rrmemory\ntimeout = 5\nretry = 1\nwrapuptime = 0\njoinempty = yes\n"
                "leavewhenempty = no\nringinuse = no\n", queue);
        for (int i = 0; i < agents && q < queues; i++)
            for (int k = 0; k < SCALE_QUEUES_PER_AGENT; k++)
                if (scale_queue_of(i, k, queues) == q)
                {
                    scale_interface(SCALE_FIRST_AGENT + i, interface, sizeof(interface));
                    fprintf(file, "member => %s,0,%d\n", interface, SCALE_FIRST_AGENT + i);
                }
        if (q == queues)
        {
            scale_interface(SCALE_MARKER_AGENT, interface, sizeof(interface));
            fprintf(file, "member => %s,0,%d\n", interface, SCALE_MARKER_AGENT);
        }
        fprintf(file, "\n");
    }
    return fclose(file) ? 1 : 0;
}

static struct ami_client *connect_as(const char *user, const char *events, const struct ami_client_callbacks *callbacks)
{
    struct ami_client_settings settings = { "127.0.0.1", (uint16_t)atoi(port_text), user, secret, events, NULL, 0,
                                            10000, 10000, 0 };
    struct ami_client_callbacks none = { 0 };
    struct ami_client *client;
    char error[256];

    if (ami_client_start(&settings, callbacks ? callbacks : &none, &client, error, sizeof(error)))
        die("%s", error);
    return client;
}

static void request(struct ami_client *client, const char *action, const char *fields)
{
    char message[256] = "";

    if (ami_client_request(client, action, fields, NULL, NULL, message, sizeof(message), 10000) != AMI_OK)
    {
        fprintf(stderr, "bench_scale: %s failed: %s\n", action, message);
        exit(1);
    }
}

/* The agent records the admin tool writes (pbkdf2-sha256$ITERATIONS$SALT$HASH, one
 * salt for all: this is a benchmark) and the address records. */
static void write_records(struct ami_client *driver)
{
    static const uint8_t salt[8] = { 0x62, 0x65, 0x6e, 0x63, 0x68, 0x30, 0x30, 0x31 };
    char record[160], fields[320];
    uint8_t hash[32];
    int length;

    if (ami_pbkdf2_sha256(SCALE_PIN, strlen(SCALE_PIN), salt, sizeof(salt), 1000, hash, sizeof(hash)))
        die("%s", "pbkdf2 failed");
    length = snprintf(record, sizeof(record), "pbkdf2-sha256$1000$");
    for (size_t i = 0; i < sizeof(salt); i++)
        length += snprintf(record + length, sizeof(record) - (size_t)length, "%02x", salt[i]);
    record[length++] = '$';
    for (size_t i = 0; i < sizeof(hash); i++)
        length += snprintf(record + length, sizeof(record) - (size_t)length, "%02x", hash[i]);
    record[length] = 0;
    for (int id = SCALE_MARKER_AGENT; id < SCALE_FIRST_AGENT + agents; id++)
    {
        snprintf(fields, sizeof(fields), "Family: tapi3cc/agents\r\nKey: %d\r\nVal: %s\r\n", id, record);
        request(driver, "DBPut", fields);
        snprintf(fields, sizeof(fields), "Family: tapi3cc/addresses\r\nKey: %d\r\nVal: Local/%d@agents\r\n", id, id);
        request(driver, "DBPut", fields);
    }
}

/* Asterisk's CPU time so far (user + system, every thread), in seconds. */
static double asterisk_cpu(void)
{
    char path[64], text[2048], *end;
    unsigned long user = 0, system = 0;
    FILE *file;

    snprintf(path, sizeof(path), "/proc/%d/stat", asterisk_pid);
    if (!(file = fopen(path, "r")) || !fgets(text, sizeof(text), file))
        die("cannot read %s", path);
    fclose(file);
    /* After the command's closing parenthesis: state is field 3, utime 14, stime 15. */
    if (!(end = strrchr(text, ')')) || sscanf(end + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
                                               &user, &system) != 2)
        die("cannot parse %s", path);
    return (double)(user + system) / (double)sysconf(_SC_CLK_TCK);
}

/* Callers: Originate at `rate` a second for `seconds`, each to the next queue. */
static int drive_calls(struct ami_client *driver, double rate, double seconds)
{
    static int next_queue;
    char fields[256], queue[16];
    double start = bench_seconds();
    int made = 0;

    while (made < (int)(rate * seconds))
    {
        double due = start + made / rate, now = bench_seconds();

        if (due > now)
            sleep_seconds(due - now);
        scale_queue_name(next_queue++ % queues, queue, sizeof(queue));
        snprintf(fields, sizeof(fields), "Channel: Local/s@caller\r\nApplication: Wait\r\nData: 30\r\n"
                 "Variable: QUEUE=%s\r\nAsync: true\r\n", queue);
        request(driver, "Originate", fields);
        made++;
    }
    return made;
}

/* The observer counts callers an agent answered. */
static atomic_int answered;

static void count_answers(void *user, const struct ami_message *message)
{
    const char *event = ami_kind(message, "Event");

    if (event && !strcmp(event, "AgentConnect"))
        atomic_fetch_add(&answered, 1);
}

/* The rate of the desktop curve: a quarter of the sustained rate, for with 50
 * desktops Asterisk and their clients share this machine's cores, and a saturated
 * machine would measure its queueing. */
static double curve_rate(double sustained)
{
    return sustained / 4 < 5 ? 5 : sustained / 4;
}

/* Every event an observer with every right gets: all Asterisk raises. */
static atomic_int manager_events;

static void count_events(void *user, const struct ami_message *message)
{
    if (ami_kind(message, "Event"))
        atomic_fetch_add(&manager_events, 1);
}

/* The AMI events Asterisk raises per call, of every class: Asterisk wakes every AMI
 * connection's thread for each one (manager.c), whatever its filters and mask. */
static double manager_events_per_call(struct ami_client *driver, double rate)
{
    struct ami_client_callbacks callbacks = { .on_event = count_events };
    struct ami_client *observer = connect_as("driver", "on", &callbacks);
    double per_call;
    int made;

    drive_calls(driver, rate, 4);
    atomic_store(&manager_events, 0);
    made = drive_calls(driver, rate, quick ? 4 : 10);
    per_call = (double)atomic_load(&manager_events) / made;
    ami_client_stop(observer);
    sleep_seconds(5);
    printf("Asterisk raises %.0f AMI events per call (every class), and wakes every AMI connection for each\n",
           per_call);
    return per_call;
}

/* Rates tried upwards; the sustained rate is the highest at which every caller was
 * answered within its step and Asterisk kept at most half of the machine's cores
 * busy once the calls were in every stage of their life (the step's second half):
 * the other half is for the clients measured beside it. */
static double sustained_rate(struct ami_client *driver)
{
    static const double full_rates[] = { 5, 10, 20, 30, 40, 60, 80, 120 }, quick_rates[] = { 5, 10, 20 };
    const double *rates = quick ? quick_rates : full_rates;
    size_t count = quick ? sizeof(quick_rates) / sizeof(*quick_rates) : sizeof(full_rates) / sizeof(*full_rates);
    struct ami_client_callbacks callbacks = { .on_event = count_answers };
    struct ami_client *observer = connect_as("driver", "agent", &callbacks);
    double seconds = quick ? 4 : 10, sustained = 0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    printf("the highest call rate this machine's Asterisk sustains (%d agents, %d queues, %ld cores; "
           "every caller answered, Asterisk at most %.1f cores busy)\n", agents, queues, cores, cores / 2.0);
    for (size_t i = 0; i < count; i++)
    {
        double cpu, start, busy;
        int made;

        atomic_store(&answered, 0);
        made = drive_calls(driver, rates[i], seconds / 2);
        cpu = asterisk_cpu();
        start = bench_seconds();
        made += drive_calls(driver, rates[i], seconds / 2);
        busy = (asterisk_cpu() - cpu) / (bench_seconds() - start);
        sleep_seconds(2);       /* the last callers ring and are answered */
        printf("  %5.0f calls/s for %.0f s: %d made, %d answered, Asterisk busy %.2f cores\n", rates[i], seconds,
               made, atomic_load(&answered), busy);
        fflush(stdout);
        sleep_seconds(3.5);     /* their talk ends */
        if (atomic_load(&answered) < made * 95 / 100 || busy > cores / 2.0)
            break;
        sustained = rates[i];
    }
    ami_client_stop(observer);
    if (!sustained)
        die("%s", "Asterisk did not sustain even the lowest call rate");
    printf("  sustained: %.0f calls/s\n", sustained);
    return sustained;
}

/* The bytes of each QueueMember of a QueueStatus, as AMI sent them. */
struct member_bytes
{
    size_t members, bytes;
};

static void count_member_bytes(void *context, const struct ami_message *message)
{
    struct member_bytes *counted = context;
    const char *event = ami_kind(message, "Event");

    if (!event || strcmp(event, "QueueMember"))
        return;
    counted->members++;
    for (size_t i = 0; i < message->field_count; i++)
        counted->bytes += strlen(message->fields[i].key) + 2 + strlen(message->fields[i].value) + 2;
    counted->bytes += 2;
}

static void ignore_status(void *user, uint32_t message, uint32_t param1, uint32_t param2, uint32_t param3)
{
}

/* A desktop: one provider instance (its own AMI connection), its messages ignored. */
static void *open_desktop(int index, bool filtered)
{
    char config[4400], error[512];
    int length;
    void *context;

    length = snprintf(config, sizeof(config), "port=%s;user=tapi3cc;secretfile=%s", port_text, secret_path);
    if (filtered)
        snprintf(config + length, sizeof(config) - (size_t)length, ";desktop=%d", SCALE_FIRST_AGENT + index % agents);
    if (tcc_asterisk_provider.open(config, &context, error, sizeof(error)))
        die("cannot open the provider: %s", error);
    tcc_asterisk_provider.set_event_callback(context, ignore_status, NULL);
    return context;
}

static void memory_per_member(struct ami_client *driver)
{
    struct member_bytes counted = { 0 };
    size_t before, after;
    void *context;

    printf("provider memory per queue member\n");
    if (ami_client_request(driver, "QueueStatus", "", count_member_bytes, &counted, NULL, 0, 10000) != AMI_OK ||
        !counted.members)
        die("%s", "QueueStatus listed no member");
    before = mallinfo2().uordblks;
    context = open_desktop(0, false);
    after = mallinfo2().uordblks;
    bench_record("provider memory per queue member (whole provider heap / members)",
                 (double)(after - before) / (double)counted.members, "bytes",
                 "the member's QueueMember fields as AMI sends them", (double)counted.bytes / (double)counted.members);
    tcc_asterisk_provider.close(context);
}

/* The AMI messages the desktops received so far, all together. */
static uint64_t messages_received(void **desktops, int k)
{
    uint64_t messages = 0;

    for (int i = 0; i < k; i++)
    {
        struct tcc_asterisk_counters counters = { 0 };

        tcc_asterisk_provider.control(desktops[i], TCC_ASTERISK_CONTROL_COUNTERS, &counters, sizeof(counters));
        messages += counters.messages;
    }
    return messages;
}

/* Asterisk's CPU per call with K desktops connected, at `rate`, in us. */
static double cpu_per_call(struct ami_client *driver, int k, double rate, bool filtered)
{
    void **desktops = calloc((size_t)k + 1, sizeof(*desktops));
    double seconds = quick ? 4 : 10, cpu;
    uint64_t messages;
    int made;

    for (int i = 0; i < k; i++)
        desktops[i] = open_desktop(i, filtered);
    drive_calls(driver, rate, 4);       /* warm-up: calls in every stage of their life */
    messages = messages_received(desktops, k);
    cpu = asterisk_cpu();
    made = drive_calls(driver, rate, seconds);
    cpu = asterisk_cpu() - cpu;
    messages = messages_received(desktops, k) - messages;
    sleep_seconds(5);       /* the calls end before the desktops go */
    for (int i = 0; i < k; i++)
        tcc_asterisk_provider.close(desktops[i]);
    free(desktops);
    printf("  K = %2d: %d calls, Asterisk CPU %.2f s: %.0f us/call; %.1f AMI messages per call to each desktop\n",
           k, made, cpu, cpu / made * 1e6, k ? (double)messages / k / made : 0.0);
    fflush(stdout);
    return cpu / made * 1e6;
}

static void desktop_curve(struct ami_client *driver, double sustained, bool filtered)
{
    static const int full_ks[] = { 0, 1, 10, 50 }, quick_ks[] = { 0, 1, 5 };
    static char names[2][4][128];
    const int *ks = quick ? quick_ks : full_ks;
    int count = quick ? 3 : 4;
    double rate = curve_rate(sustained), per_call[4];

    printf("Asterisk CPU per call with K desktops connected (%.0f calls/s)%s\n", rate,
           filtered ? ", each one agent's desktop (desktop=ID: AMI Filters)" : ", each a desktop of every agent");
    for (int i = 0; i < count; i++)
        per_call[i] = cpu_per_call(driver, ks[i], rate, filtered);
    for (int i = 1; i < count; i++)
    {
        snprintf(names[filtered][i], sizeof(names[filtered][i]), "Asterisk CPU per call, %d desktop%s%s", ks[i],
                 ks[i] == 1 ? "" : "s", filtered ? " (desktop=ID)" : "");
        bench_record(names[filtered][i], per_call[i], "us/call", "the same with no client", per_call[0]);
    }
    snprintf(names[filtered][0], sizeof(names[filtered][0]), "Asterisk CPU per call, %d desktops against 1%s",
             ks[count - 1], filtered ? " (desktop=ID)" : "");
    bench_record(names[filtered][0], per_call[count - 1], "us/call", "the same with 1 desktop", per_call[1]);
}

int main(int argc, char **argv)
{
    const char *json = NULL, *conf_dir = NULL, *port, *secret_file, *pid;
    bool records_only = false;
    struct ami_client *driver;
    double sustained, events_per_call;
    char extra[320];
    FILE *file;

    for (int i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--write-conf") && i + 1 < argc)
            conf_dir = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            quick = true;
        else if (!strcmp(argv[i], "--records-only"))
            records_only = true;
        else
            die("unknown argument %s (usage: bench_scale [--quick] [--records-only] [--json FILE] | --write-conf DIR)",
                argv[i]);
    }
    if (quick)
        agents = SCALE_QUICK_AGENTS, queues = SCALE_QUICK_QUEUES;
    if (conf_dir)
        return write_conf(conf_dir);

    if (!(port = getenv("TCC_AMI_PORT")) || !(secret_file = getenv("TCC_AMI_SECRETFILE")) ||
        !(pid = getenv("TCC_AMI_PID")))
        die("%s", "no Asterisk: run under with_asterisk (bench/asterisk_scale does)");
    snprintf(port_text, sizeof(port_text), "%s", port);
    snprintf(secret_path, sizeof(secret_path), "%s", secret_file);
    asterisk_pid = atoi(pid);
    if (!(file = fopen(secret_path, "r")) || !fgets(secret, sizeof(secret), file))
        die("cannot read %s", secret_path);
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;

    printf("tapi3cc at scale on a real Asterisk%s: value, unit, baseline measured in the same run, ratio\n",
           quick ? " (quick)" : "");
    driver = connect_as("driver", "off", NULL);
    write_records(driver);
    if (records_only)
    {
        ami_client_stop(driver);
        return 0;
    }
    sustained = sustained_rate(driver);
    memory_per_member(driver);
    events_per_call = manager_events_per_call(driver, curve_rate(sustained));
    desktop_curve(driver, sustained, false);
    desktop_curve(driver, sustained, true);
    ami_client_stop(driver);
    snprintf(extra, sizeof(extra), "\"sustained_calls_per_second\": %.0f, \"agents\": %d, \"queues\": %d, "
             "\"ami_events_per_call\": %.0f", sustained, agents, queues, events_per_call);
    if (json && bench_write_json(json, quick, extra))
        die("cannot write %s", json);
    return 0;
}
