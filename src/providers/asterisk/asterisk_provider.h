/*
 * The "asterisk" provider: a TAPI 3 call center over Asterisk's Manager Interface
 * (README, "Using tapi3cc with Asterisk").  Portable: the model and the client are
 * portable C; only ami_socket and ami_crypto differ per platform.
 *
 * Provider string (the part after "asterisk:"), ';'-separated:
 *   host=HOST          AMI's host (default 127.0.0.1)
 *   port=PORT          AMI's port (default 5038)
 *   user=USER          the manager user (required)
 *   secretfile=PATH    the file whose first line is the user's secret (required);
 *                      the secret is never in the provider string, a trace line, an
 *                      error message or on the wire (Challenge + AuthType MD5)
 *   wrapup.QUEUE=N     the wrap-up seconds of queue QUEUE (Asterisk's QueueStatus
 *                      does not report a queue's wrapuptime); default 0
 *   timeout=MS         how long a request waits for Asterisk (default 5000); also
 *                      how long a Ping, the login or the resync may go unanswered
 *                      before the link is declared dead and made again
 *   keepalive=S        a Ping after S seconds with nothing received (default 10;
 *                      0: none, and a silently dead path is noticed only by a
 *                      request that times out)
 */
#ifndef TAPI3CC_ASTERISK_PROVIDER_H
#define TAPI3CC_ASTERISK_PROVIDER_H

#include "tapi3cc/provider.h"

extern const struct tcc_provider tcc_asterisk_provider;

/* The host's services (the trace), when the provider runs inside tapi3cc.dll. */
void tcc_asterisk_provider_set_host(const struct tcc_host *host);

/* Control operations (provider.h, `control`), tagged 'AST'. */
#define TCC_ASTERISK_CONTROL_COUNTERS 0x41535401u
struct tcc_asterisk_counters
{
    uint64_t actions_sent;      /* every AMI action sent since open, login and resync included */
    uint64_t logins;            /* 1, plus one per reconnect */
    uint64_t messages;          /* AMI messages received */
    uint32_t connected;         /* 1 while AMI is up and resynchronised */
    uint32_t reserved;
    uint64_t pings;             /* Pings sent (among actions_sent) */
    uint64_t losses;            /* connections lost or declared dead */
};

/* The event-lag benchmark's probe (bench/asterisk_scale).  Watches one member (in:
 * `queue` and `member`, the interface, NUL-terminated) and answers how long ago (out: `age_ns`,
 * or -1 when none came) the bytes were read off the socket that raised the member's
 * first LINE_AGENTSESSIONSTATUS since the previous call; every call starts a new
 * watch.  A client that notes when its sink got the event learns the lag from the
 * read to the sink: age_ns minus the time since the sink's Event. */
#define TCC_ASTERISK_CONTROL_LAG_PROBE 0x41535402u
struct tcc_asterisk_lag_probe
{
    char queue[64];
    char member[96];            /* its interface (the field is not called "interface": Windows defines that) */
    int64_t age_ns;
};

#endif
