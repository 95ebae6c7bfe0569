/*
 * with_asterisk RUN_DIR COMMAND [ARG...]: starts the tests' Asterisk in RUN_DIR (see
 * asterisk_server.h), runs COMMAND with
 *   TCC_AMI_PORT        the AMI port on 127.0.0.1
 *   TCC_AMI_SECRETFILE  the file whose first line is the secret of the AMI users
 *                       "tapi3cc" (the provider's rights) and "driver" (all rights)
 *   TCC_AMI_DIR         the run folder
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asterisk_server.h"

#define SKIPPED 77

static struct asterisk_server server;
static volatile sig_atomic_t restart_requested;

static void request_restart(int signal_number)
{
    restart_requested = 1;
}

static void stop_on_signal(int signal_number)
{
    asterisk_server_stop(&server);
    _exit(128 + signal_number);
}

int main(int argc, char **argv)
{
    char why[512], port[16], restart_file[PATH_MAX + 16], restarted_file[PATH_MAX + 16];
    pid_t child;
    int status, by_signal;

    if (argc < 3)
    {
        fprintf(stderr, "usage: with_asterisk RUN_DIR COMMAND [ARG...]\n");
        return 2;
    }
    if (asterisk_server_start(&server, argv[1], why, sizeof(why)))
    {
        fprintf(stderr, "asterisk: SKIPPED: %s\n", why);
        printf("asterisk: SKIPPED: %s\n", why);
        return SKIPPED;
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
    asterisk_server_stop(&server);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
