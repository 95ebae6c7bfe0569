/*
 * with_asterisk [--conf DIR] [--relay] [--second] RUN_DIR COMMAND [ARG...]: starts
 * the tests' Asterisk in RUN_DIR (see asterisk_server.h; --conf: with DIR's
 * configuration files over conf's), runs COMMAND with
 *   TCC_AMI_PORT        the AMI port on 127.0.0.1
 *   TCC_AMI_SECRETFILE  the file whose first line is the secret of the AMI users
 *                       "tapi3cc" (the provider's rights) and "driver" (all rights)
 *   TCC_AMI_DIR         the run folder
 *   TCC_AMI_PID         Asterisk's process (benchmarks read its CPU time; a restart
 *                       below makes another)
 * and with --relay a fault_relay (fault_relay.c) between clients and that Asterisk,
 * started and stopped by its PID:
 *   TCC_RELAY_PORT      the relay's port on 127.0.0.1
 *   TCC_RELAY_CONTROL   the file whose words set the relay's faults
 * and with --second a second Asterisk (another call center, same configuration) in
 * RUN_DIR/second: TCC_AMI_PORT2, TCC_AMI_SECRETFILE2, TCC_AMI_DIR2.
 * stops Asterisk by its PID, and exits with COMMAND's status.  SIGUSR1 (from the test,
 * its child), or a file named "restart" appearing in the run folder (from a test
 * under Wine, which sends no signals), kills Asterisk as a crash would and starts it
 * again on the same port and folder; then the file "restarted" appears, and SIGUSR2
 * goes to the child when it was the child's signal that asked.  Without an Asterisk
 * (not built, fails to start) it says why, loudly, and exits 77, which ctest counts
 * as skipped (SKIP_RETURN_CODE), never as passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asterisk_server.h"

#define SKIPPED 77

static struct asterisk_server server, second;
static pid_t relay = -1;
static volatile sig_atomic_t restart_requested;

static void request_restart(int signal_number)
{
    restart_requested = 1;
}

static void stop_relay(void)
{
    int status;

    if (relay <= 0)
        return;
    kill(relay, SIGTERM);
    waitpid(relay, &status, 0);
    relay = -1;
}

static void stop_all(void)
{
    stop_relay();
    asterisk_server_stop(&second);
    asterisk_server_stop(&server);
}

static void stop_on_signal(int signal_number)
{
    stop_all();
    _exit(128 + signal_number);
}

/* Starts the relay in front of `target` and waits for the port it listens on. */
static int start_relay(const struct asterisk_server *target, char *why, size_t why_size)
{
    char port[16], control[PATH_MAX + 16], port_file[PATH_MAX + 16], log[PATH_MAX + 16];
    FILE *file;

    snprintf(port, sizeof(port), "%d", target->port);
    snprintf(control, sizeof(control), "%s/relay.mode", target->dir);
    snprintf(port_file, sizeof(port_file), "%s/relay.port", target->dir);
    snprintf(log, sizeof(log), "%s/relay.log", target->dir);
    if ((file = fopen(control, "w")))
        fclose(file);
    if ((relay = fork()) == 0)
    {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

        if (fd >= 0)
        {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        execl(TCC_FAULT_RELAY, "fault_relay", port, control, port_file, (char *)NULL);
        _exit(127);
    }
    for (int waited = 0; waited < 100; waited++)
    {
        char text[16] = "";

        if ((file = fopen(port_file, "r")))
        {
            if (!fgets(text, sizeof(text), file))
                text[0] = 0;
            fclose(file);
            text[strcspn(text, "\n")] = 0;
            if (text[0])
            {
                setenv("TCC_RELAY_PORT", text, 1);
                setenv("TCC_RELAY_CONTROL", control, 1);
                printf("asterisk: fault relay running as PID %d on 127.0.0.1:%s (log %s)\n", (int)relay, text, log);
                return 0;
            }
        }
        usleep(50000);
    }
    snprintf(why, why_size, "the fault relay %s did not start (log %s)", TCC_FAULT_RELAY, log);
    return -1;
}

int main(int argc, char **argv)
{
    char why[512], port[16], pid_text[16], restart_file[PATH_MAX + 16], restarted_file[PATH_MAX + 16];
    const char *conf_dir = NULL;
    bool with_relay = false, with_second = false;
    pid_t child;
    int status, by_signal;

    second.pid = -1;
    while (argc > 1 && !strncmp(argv[1], "--", 2))
    {
        if (!strcmp(argv[1], "--conf") && argc > 2)
            conf_dir = argv[2], argv++, argc--;
        else if (!strcmp(argv[1], "--relay"))
            with_relay = true;
        else if (!strcmp(argv[1], "--second"))
            with_second = true;
        else
            break;
        argv++, argc--;
    }
    if (argc < 3)
    {
        fprintf(stderr, "usage: with_asterisk [--conf DIR] [--relay] [--second] RUN_DIR COMMAND [ARG...]\n");
        return 2;
    }
    if (asterisk_server_start(&server, argv[1], conf_dir, why, sizeof(why)))
    {
        fprintf(stderr, "asterisk: SKIPPED: %s\n", why);
        printf("asterisk: SKIPPED: %s\n", why);
        return SKIPPED;
    }
    if (with_second)
    {
        char second_dir[PATH_MAX];

        snprintf(second_dir, sizeof(second_dir), "%s/second", argv[1]);
        if (asterisk_server_start(&second, second_dir, conf_dir, why, sizeof(why)))
        {
            asterisk_server_stop(&server);
            fprintf(stderr, "asterisk: SKIPPED: the second Asterisk: %s\n", why);
            printf("asterisk: SKIPPED: the second Asterisk: %s\n", why);
            return SKIPPED;
        }
        printf("asterisk: second server running as PID %d, AMI on 127.0.0.1:%d, in %s\n", (int)second.pid,
               second.port, second.dir);
        snprintf(port, sizeof(port), "%d", second.port);
        setenv("TCC_AMI_PORT2", port, 1);
        setenv("TCC_AMI_SECRETFILE2", second.secret_file, 1);
        setenv("TCC_AMI_DIR2", second.dir, 1);
    }
    if (with_relay && start_relay(&server, why, sizeof(why)))
    {
        /* The relay is ours: its failure is a failure, not a missing server. */
        fprintf(stderr, "asterisk: %s\n", why);
        stop_all();
        return 1;
    }
    signal(SIGINT, stop_on_signal);
    signal(SIGTERM, stop_on_signal);
    {
        struct sigaction action = { .sa_handler = request_restart };

        sigaction(SIGUSR1, &action, NULL);      /* no SA_RESTART: waitpid returns EINTR */
    }
    printf("asterisk: running as PID %d, AMI on 127.0.0.1:%d, in %s\n", (int)server.pid, server.port, server.dir);
    fflush(stdout);
    snprintf(port, sizeof(port), "%d", server.port);
    setenv("TCC_AMI_PORT", port, 1);
    setenv("TCC_AMI_SECRETFILE", server.secret_file, 1);
    setenv("TCC_AMI_DIR", server.dir, 1);
    snprintf(pid_text, sizeof(pid_text), "%d", (int)server.pid);
    setenv("TCC_AMI_PID", pid_text, 1);
    if ((child = fork()) == 0)
    {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    status = 1;
    snprintf(restart_file, sizeof(restart_file), "%s/restart", server.dir);
    snprintf(restarted_file, sizeof(restarted_file), "%s/restarted", server.dir);
    /* Until the command ends: restart Asterisk whenever asked. */
    while (child > 0)
    {
        pid_t ended = waitpid(child, &status, WNOHANG);

        if (ended == child || (ended < 0 && errno != EINTR))
            break;
        if (!access(restart_file, F_OK))
        {
            unlink(restart_file);
            restart_requested = 2;      /* by file: the child may not handle SIGUSR2 (Wine) */
        }
        if (!restart_requested)
        {
            usleep(100000);
            continue;
        }
        by_signal = restart_requested == 1;
        restart_requested = 0;
        printf("asterisk: killing PID %d and starting it again, as a crash and a restart\n", (int)server.pid);
        fflush(stdout);
        if (asterisk_server_restart(&server, why, sizeof(why)))
            fprintf(stderr, "asterisk: the restart failed: %s\n", why);
        else
            printf("asterisk: running again as PID %d\n", (int)server.pid);
        fflush(stdout);
        if (by_signal)
            kill(child, SIGUSR2);
        close(open(restarted_file, O_WRONLY | O_CREAT, 0600));
    }
    printf("asterisk: stopping PID %d\n", (int)server.pid);
    stop_all();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
