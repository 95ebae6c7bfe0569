/*
 * Starting and stopping the tests' Asterisk (see asterisk_server.h).
 */
#define _GNU_SOURCE
#include "asterisk_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_SECONDS 60
#define STOP_SECONDS 10

static const char *const config_files[] = { "asterisk.conf", "modules.conf", "logger.conf", "musiconhold.conf",
                                            "manager.conf", "queues.conf", "extensions.conf" };

static int say(char *why, size_t size, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vsnprintf(why, size, format, args);
    va_end(args);
    return -1;
}

/* The binary to run, and from it the modules folder and the library path. */
static int find_binary(char *binary, char *modules, char *libraries, char *why, size_t why_size)
{
    const char *given = getenv("TCC_ASTERISK");
    char path_file[PATH_MAX], *slash;
    FILE *file;

    if (given && *given)
        snprintf(binary, PATH_MAX, "%s", given);
    else
    {
        snprintf(path_file, sizeof(path_file), "%s/asterisk.path", TCC_DEPS_DIR);
        if (!(file = fopen(path_file, "r")))
            return say(why, why_size, "no Asterisk: scripts/build-asterisk has not made %s (and TCC_ASTERISK is "
                       "unset)", path_file);
        if (!fgets(binary, PATH_MAX, file))
            binary[0] = 0;
        fclose(file);
        binary[strcspn(binary, "\r\n")] = 0;
    }
    if (access(binary, X_OK))
        return say(why, why_size, "no Asterisk: %s is not an executable", binary);
    /* PREFIX/sbin/asterisk: modules in PREFIX/lib/asterisk/modules, libraries in PREFIX/lib. */
    snprintf(libraries, PATH_MAX, "%s", binary);
    for (int i = 0; i < 2 && (slash = strrchr(libraries, '/')); i++)
        *slash = 0;
    snprintf(modules, PATH_MAX, "%s/lib/asterisk/modules", libraries);
    if (access(modules, R_OK))
        snprintf(modules, PATH_MAX, "/usr/lib/x86_64-linux-gnu/asterisk/modules");
    strncat(libraries, "/lib", PATH_MAX - strlen(libraries) - 1);
    return 0;
}

static int free_port(void)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t length = sizeof(address);
    int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

    if (fd < 0)
        return -1;
    if (!bind(fd, (struct sockaddr *)&address, sizeof(address)) &&
        !getsockname(fd, (struct sockaddr *)&address, &length))
        port = ntohs(address.sin_port);
    close(fd);
    return port;
}

static void make_secret(char *secret, size_t size)
{
    unsigned char bytes[16];
    int fd = open("/dev/urandom", O_RDONLY);

    if (fd < 0 || read(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes))
        for (size_t i = 0; i < sizeof(bytes); i++)
            bytes[i] = (unsigned char)(rand() ^ (int)time(NULL));
    if (fd >= 0)
        close(fd);
    for (size_t i = 0; i < sizeof(bytes) && 2 * i + 2 < size; i++)
        snprintf(secret + 2 * i, 3, "%02x", bytes[i]);
}

/* Copies a template with @DIR@, @MODDIR@, @PORT@ and @SECRET@ filled in. */
static int write_config(const char *name, const struct asterisk_server *server, const char *modules)
{
    char source[2 * PATH_MAX], target[PATH_MAX], line[1024];
    FILE *in, *out;

    snprintf(source, sizeof(source), "%s/%s", server->conf_dir, name);
    if (!server->conf_dir[0] || access(source, R_OK))
        snprintf(source, sizeof(source), "%s/%s", TCC_ASTERISK_CONF_DIR, name);
    snprintf(target, sizeof(target), "%s/etc/%s", server->dir, name);
    if (!(in = fopen(source, "r")))
        return -1;
    if (!(out = fopen(target, "w")))
    {
        fclose(in);
        return -1;
    }
    while (fgets(line, sizeof(line), in))
    {
        for (char *p = line; *p; )
        {
            const char *value = NULL;
            char port[16];
            size_t skip = 0;

            snprintf(port, sizeof(port), "%d", server->port);
            if (!strncmp(p, "@DIR@", 5))
                value = server->dir, skip = 5;
            else if (!strncmp(p, "@MODDIR@", 8))
                value = modules, skip = 8;
            else if (!strncmp(p, "@PORT@", 6))
                value = port, skip = 6;
            else if (!strncmp(p, "@SECRET@", 8))
                value = server->secret, skip = 8;
            if (value)
            {
                fputs(value, out);
                p += skip;
            }
            else
                fputc(*p++, out);
        }
    }
    fclose(in);
    return fclose(out);
}

/* Connects to AMI and reads its banner: 1 when it answered, 0 not yet. */
static int ami_answers(int port)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int fd = socket(AF_INET, SOCK_STREAM, 0), answered = 0;
    char banner[64] = "";

    if (fd < 0)
        return 0;
    if (!connect(fd, (struct sockaddr *)&address, sizeof(address)))
    {
        struct pollfd waiting = { fd, POLLIN, 0 };

        if (poll(&waiting, 1, 2000) == 1 && read(fd, banner, sizeof(banner) - 1) > 0)
            answered = !strncmp(banner, "Asterisk Call Manager/", 22);
    }
    close(fd);
    return answered;
}

static void log_tail(const struct asterisk_server *server)
{
    char path[PATH_MAX + 16], text[4096] = "";
    size_t length = 0;
    FILE *file;

    snprintf(path, sizeof(path), "%s/asterisk.log", server->dir);
    if ((file = fopen(path, "r")))
    {
        fseek(file, -(long)(sizeof(text) - 1), SEEK_END);
        length = fread(text, 1, sizeof(text) - 1, file);
        fclose(file);
    }
    text[length] = 0;
    fprintf(stderr, "asterisk: its output (%s):\n%s\n", path, text);
}

void asterisk_server_stop(struct asterisk_server *server);

/* Runs the binary on the run folder's configuration and waits for AMI's banner. */
static int launch(struct asterisk_server *server, char *why, size_t why_size)
{
    char config[PATH_MAX + 16];
    const char *binary = server->binary, *libraries = server->libraries;

    snprintf(config, sizeof(config), "%s/etc/asterisk.conf", server->dir);
    if ((server->pid = fork()) < 0)
        return say(why, why_size, "fork: %s", strerror(errno));
    if (!server->pid)
    {
        char log[PATH_MAX + 16];
        int fd;

        snprintf(log, sizeof(log), "%s/asterisk.log", server->dir);
        if ((fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0)
        {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        if ((fd = open("/dev/null", O_RDONLY)) >= 0)
        {
            dup2(fd, STDIN_FILENO);
            close(fd);
        }
        setenv("LD_LIBRARY_PATH", libraries, 1);
        execl(binary, "asterisk", "-C", config, "-f", "-n", (char *)NULL);
        _exit(127);
    }
    for (int waited = 0; waited < START_SECONDS * 10; waited++)
    {
        int status;

        if (waitpid(server->pid, &status, WNOHANG) == server->pid)
        {
            server->pid = -1;
            log_tail(server);
            return say(why, why_size, "%s exited (status %d) before AMI answered on port %d", binary,
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1, server->port);
        }
        if (ami_answers(server->port))
            return 0;
        usleep(100000);
    }
    log_tail(server);
    asterisk_server_stop(server);
    return say(why, why_size, "AMI did not answer on port %d within %d s", server->port, START_SECONDS);
}

int asterisk_server_restart(struct asterisk_server *server, char *why, size_t why_size)
{
    int status;

    if (server->pid > 0)
    {
        kill(server->pid, SIGKILL);     /* a crash, not a shutdown */
        waitpid(server->pid, &status, 0);
        server->pid = -1;
    }
    return launch(server, why, why_size);
}


int asterisk_server_start(struct asterisk_server *server, const char *run_dir, const char *conf_dir, char *why,
                          size_t why_size)
{
    char binary[PATH_MAX], modules[PATH_MAX], libraries[PATH_MAX], command[PATH_MAX * 2];
    static const char *const folders[] = { "etc", "lib", "spool", "run", "log" };
    FILE *secret;

    memset(server, 0, sizeof(*server));
    server->pid = -1;
    if (find_binary(binary, modules, libraries, why, why_size))
        return -1;
    snprintf(server->dir, sizeof(server->dir), "%s", run_dir);
    snprintf(server->conf_dir, sizeof(server->conf_dir), "%s", conf_dir ? conf_dir : "");
    snprintf(command, sizeof(command), "rm -rf '%s'", server->dir);
    if (system(command) || mkdir(server->dir, 0700))
        return say(why, why_size, "cannot make the run folder %s: %s", server->dir, strerror(errno));
    for (size_t i = 0; i < sizeof(folders) / sizeof(*folders); i++)
    {
        char path[PATH_MAX + 16];

        snprintf(path, sizeof(path), "%s/%s", server->dir, folders[i]);
        mkdir(path, 0700);
    }
    if ((server->port = free_port()) < 0)
        return say(why, why_size, "no free port on 127.0.0.1: %s", strerror(errno));
    make_secret(server->secret, sizeof(server->secret));
    snprintf(server->secret_file, sizeof(server->secret_file), "%s/secret", server->dir);
    if (!(secret = fopen(server->secret_file, "w")) || fprintf(secret, "%s\n", server->secret) < 0 || fclose(secret))
        return say(why, why_size, "cannot write %s", server->secret_file);
    for (size_t i = 0; i < sizeof(config_files) / sizeof(*config_files); i++)
        if (write_config(config_files[i], server, modules))
            return say(why, why_size, "cannot write %s/etc/%s from %s", server->dir, config_files[i],
                       TCC_ASTERISK_CONF_DIR);

    snprintf(server->binary, sizeof(server->binary), "%s", binary);
    snprintf(server->libraries, sizeof(server->libraries), "%s", libraries);
    return launch(server, why, why_size);
}

void asterisk_server_stop(struct asterisk_server *server)
{
    int status;

    if (server->pid <= 0)
        return;
    kill(server->pid, SIGTERM);
    for (int waited = 0; waited < STOP_SECONDS * 10; waited++)
    {
        if (waitpid(server->pid, &status, WNOHANG) == server->pid)
        {
            server->pid = -1;
            return;
        }
        usleep(100000);
    }
    kill(server->pid, SIGKILL);
    waitpid(server->pid, &status, 0);
    server->pid = -1;
}
