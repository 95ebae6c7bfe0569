/*
 * fault_relay TARGET_PORT CONTROL_FILE PORT_FILE: a TCP relay on 127.0.0.1 between
 * the tests' clients and Asterisk that plays the faults real networks have.  It
 * listens on a free port of 127.0.0.1 (written to PORT_FILE once it listens),
 * forwards every connection to 127.0.0.1:TARGET_PORT, and reads CONTROL_FILE
 * whenever it changes (a test writes it: tests under Wine send no signals).  The
 * file holds words:
 *
 *   pass       forward (the default, and what an empty file means)
 *   silent     the flows open now go silent for good, in both directions: nothing
 *              forwarded, nothing closed (a NAT or firewall that forgot them); new
 *              connections work
 *   cut        silent, and new connections are accepted but silent too (a cable
 *              pulled between two switches), until the mode changes
 *   reset      the flows open now are reset (RST, to the client and to Asterisk);
 *              new connections work
 *   delay=MS   every byte reaches the other side MS milliseconds late
 *   split      every write goes on as 1-byte writes
 *
 * (delay and split combine with pass, silent and reset.)  It runs until SIGTERM; the
 * test's with_asterisk starts it and stops it by its PID.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_FLOWS 64
#define CONTROL_CHECK_MS 20

struct chunk
{
    struct chunk *next;
    int64_t due_ms;
    size_t length;
    char bytes[];
};

/* One direction of a flow: what was read from `from` and waits to go to `to`. */
struct direction
{
    int from, to;
    struct chunk *head, **tail;
};

struct flow
{
    bool used, silent;
    struct direction way[2];    /* client to Asterisk, Asterisk to client */
};

static struct flow flows[MAX_FLOWS];
static int delay_ms;
static bool split, cut;
static volatile sig_atomic_t stopping;

static int64_t now_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void stop(int signal_number)
{
    stopping = 1;
}

static void drop_chunks(struct direction *way)
{
    while (way->head)
    {
        struct chunk *next = way->head->next;

        free(way->head);
        way->head = next;
    }
    way->tail = &way->head;
}

/* Closes a flow; `reset` sends an RST instead of a FIN on both sides. */
static void close_flow(struct flow *flow, bool reset)
{
    struct linger abort_close = { 1, 0 };

    for (int i = 0; i < 2; i++)
    {
        if (reset)
            setsockopt(flow->way[i].from, SOL_SOCKET, SO_LINGER, &abort_close, sizeof(abort_close));
        close(flow->way[i].from);
        drop_chunks(&flow->way[i]);
    }
    memset(flow, 0, sizeof(*flow));
}

static int connect_target(int port)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), on = 1;

    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&address, sizeof(address)))
    {
        close(fd);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    return fd;
}

static void accept_flow(int listener, int target_port)
{
    int client = accept4(listener, NULL, NULL, SOCK_CLOEXEC), upstream, on = 1;
    struct flow *flow = NULL;

    if (client < 0)
        return;
    for (int i = 0; i < MAX_FLOWS && !flow; i++)
        if (!flows[i].used)
            flow = &flows[i];
    if (!flow || (upstream = connect_target(target_port)) < 0)
    {
        close(client);
        return;
    }
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    flow->used = true;
    flow->silent = cut;
    flow->way[0] = (struct direction){ client, upstream, NULL, &flow->way[0].head };
    flow->way[1] = (struct direction){ upstream, client, NULL, &flow->way[1].head };
    printf("relay: new flow%s\n", cut ? " (silent: the cable is cut)" : "");
    fflush(stdout);
}

/* Reads what arrived on one side: false when the side closed. */
static bool read_side(struct direction *way)
{
    char bytes[16384];
    ssize_t got = recv(way->from, bytes, sizeof(bytes), 0);
    struct chunk *chunk;

    if (got <= 0)
        return got < 0 && (errno == EINTR || errno == EAGAIN);
    if (!(chunk = malloc(sizeof(*chunk) + (size_t)got)))
        return false;
    chunk->next = NULL;
    chunk->due_ms = now_ms() + delay_ms;
    chunk->length = (size_t)got;
    memcpy(chunk->bytes, bytes, (size_t)got);
    *way->tail = chunk;
    way->tail = &chunk->next;
    return true;
}

/* Sends what is due: false when the other side is gone. */
static bool write_due(struct direction *way, int64_t now)
{
    while (way->head && way->head->due_ms <= now)
    {
        struct chunk *chunk = way->head;
        size_t step = split ? 1 : chunk->length;

        for (size_t sent = 0; sent < chunk->length; sent += step)
        {
            if (send(way->to, chunk->bytes + sent, step, MSG_NOSIGNAL) != (ssize_t)step)
                return false;
            if (split)
                usleep(200);    /* so that the reader sees the pieces apart */
        }
        way->head = chunk->next;
        free(chunk);
    }
    if (!way->head)
        way->tail = &way->head;
    return true;
}

/* Applies the control file's words when it changed. */
static void read_control(const char *path, struct timespec *seen)
{
    struct stat status;
    char text[256] = "";
    bool silent = false, reset = false;
    FILE *file;

    if (stat(path, &status) || (status.st_mtim.tv_sec == seen->tv_sec && status.st_mtim.tv_nsec == seen->tv_nsec))
        return;
    *seen = status.st_mtim;
    if ((file = fopen(path, "r")))
    {
        size_t length = fread(text, 1, sizeof(text) - 1, file);

        text[length] = 0;
        fclose(file);
    }
    delay_ms = 0;
    split = cut = false;
    for (char *word = strtok(text, " \t\r\n"); word; word = strtok(NULL, " \t\r\n"))
    {
        if (!strcmp(word, "silent"))
            silent = true;
        else if (!strcmp(word, "cut"))
            silent = cut = true;
        else if (!strcmp(word, "reset"))
            reset = true;
        else if (!strcmp(word, "split"))
            split = true;
        else if (!strncmp(word, "delay=", 6))
            delay_ms = atoi(word + 6);
        else if (strcmp(word, "pass"))
            fprintf(stderr, "relay: unknown word '%s' in %s\n", word, path);
    }
    for (int i = 0; i < MAX_FLOWS; i++)
    {
        if (!flows[i].used)
            continue;
        if (reset && !flows[i].silent)
            close_flow(&flows[i], true);
        else if (silent)
            flows[i].silent = true;
    }
    printf("relay: mode%s%s%s%s, delay %d ms%s\n", silent ? " silent" : "", cut ? " (cut)" : "",
           reset ? " reset" : "", !silent && !reset ? " pass" : "", delay_ms, split ? ", 1-byte writes" : "");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t length = sizeof(address);
    struct timespec control_seen = { 0 };
    char port_text[32], temporary[4096];
    int listener, target_port, on = 1;
    FILE *port_file;

    if (argc != 4 || (target_port = atoi(argv[1])) <= 0)
    {
        fprintf(stderr, "usage: fault_relay TARGET_PORT CONTROL_FILE PORT_FILE\n");
        return 2;
    }
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    signal(SIGPIPE, SIG_IGN);
    if ((listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
        bind(listener, (struct sockaddr *)&address, sizeof(address)) || listen(listener, 16) ||
        getsockname(listener, (struct sockaddr *)&address, &length))
    {
        perror("relay: listen");
        return 1;
    }
    /* Written whole, then renamed: a reader never sees half a number. */
    snprintf(port_text, sizeof(port_text), "%u\n", ntohs(address.sin_port));
    snprintf(temporary, sizeof(temporary), "%s.new", argv[3]);
    if (!(port_file = fopen(temporary, "w")) || fputs(port_text, port_file) < 0 || fclose(port_file) ||
        rename(temporary, argv[3]))
    {
        perror("relay: port file");
        return 1;
    }
    printf("relay: 127.0.0.1:%u -> 127.0.0.1:%d, control %s\n", ntohs(address.sin_port), target_port, argv[2]);
    fflush(stdout);

    while (!stopping)
    {
        struct pollfd wanted[1 + 2 * MAX_FLOWS];
        struct direction *owner[1 + 2 * MAX_FLOWS];
        int count = 0, timeout = CONTROL_CHECK_MS;
        int64_t now = now_ms();

        wanted[count++] = (struct pollfd){ .fd = listener, .events = POLLIN };
        for (int i = 0; i < MAX_FLOWS; i++)
            for (int w = 0; flows[i].used && !flows[i].silent && w < 2; w++)
            {
                struct direction *way = &flows[i].way[w];

                owner[count] = way;
                wanted[count++] = (struct pollfd){ .fd = way->from, .events = POLLIN };
                if (way->head && way->head->due_ms - now < timeout)
                    timeout = way->head->due_ms > now ? (int)(way->head->due_ms - now) : 0;
            }
        if (poll(wanted, (nfds_t)count, timeout) < 0 && errno != EINTR)
            break;
        read_control(argv[2], &control_seen);
        if (wanted[0].revents & POLLIN)
            accept_flow(listener, target_port);
        now = now_ms();
        for (int i = 0; i < MAX_FLOWS; i++)
        {
            bool open = true;

            if (!flows[i].used || flows[i].silent)
                continue;
            for (int w = 0; w < 2 && open; w++)
            {
                struct pollfd *poll_entry = NULL;

                for (int p = 1; p < count && !poll_entry; p++)
                    if (owner[p] == &flows[i].way[w])
                        poll_entry = &wanted[p];
                if (poll_entry && (poll_entry->revents & (POLLIN | POLLHUP | POLLERR)))
                    open = read_side(&flows[i].way[w]);
                if (open)
                    open = write_due(&flows[i].way[w], now);
            }
            if (!open)
            {
                printf("relay: a flow closed\n");
                fflush(stdout);
                close_flow(&flows[i], false);
            }
        }
    }
    for (int i = 0; i < MAX_FLOWS; i++)
        if (flows[i].used)
            close_flow(&flows[i], false);
    close(listener);
    unlink(argv[3]);
    return 0;
}
