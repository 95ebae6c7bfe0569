/*
 * A real Asterisk for a test run (POSIX): started inside the build tree, in a run
 * folder of its own with the configuration of tests/asterisk/conf (or of another
 * folder, whose files win over conf's: conf-freepbx), on a free port of
 * 127.0.0.1, waited for until AMI answers with its banner, and stopped by the PID it
 * was started with (SIGTERM, then SIGKILL) — never by name.
 *
 * The binary: $TCC_ASTERISK, else the one scripts/build-asterisk built or found (the
 * path in TCC_DEPS_DIR/asterisk.path).
 */
#ifndef TAPI3CC_ASTERISK_SERVER_H
#define TAPI3CC_ASTERISK_SERVER_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct asterisk_server
{
    char dir[PATH_MAX - 64];        /* the run folder (room left for the names in it) */
    char secret_file[PATH_MAX];     /* the AMI secret, on its first line */
    char secret[40];
    int port;
    pid_t pid;
    char binary[PATH_MAX], libraries[PATH_MAX];
    char conf_dir[PATH_MAX];        /* the files that win over tests/asterisk/conf ("": none) */
};

/* 0, or -1 with the reason (one sentence) in `why`.  `run_dir` is made anew;
 * `conf_dir` (may be NULL) holds configuration files that replace conf's. */
int asterisk_server_start(struct asterisk_server *server, const char *run_dir, const char *conf_dir, char *why,
                          size_t why_size);
void asterisk_server_stop(struct asterisk_server *server);
/* Kills it (SIGKILL, as a crash) and starts it again on the same folder and port
 * (AstDB survives): 0, or -1 with the reason. */
int asterisk_server_restart(struct asterisk_server *server, char *why, size_t why_size);

#endif
