/*
 * ami_socket.h over POSIX sockets.
 */
#define _GNU_SOURCE
#include "ami_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CONNECT_SLICE_MS 50

static int64_t monotonic_ms(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* A non-blocking connect waited for in slices, so that a stop need not wait for the
 * whole timeout: 0, or an errno value. */
static int connect_within(int fd, const struct sockaddr *address, socklen_t length, int64_t deadline,
                          const atomic_int *cancel)
{
    int flags = fcntl(fd, F_GETFL), error = 0;
    socklen_t error_length = sizeof(error);

    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return errno;
    if (!connect(fd, address, length))
        return fcntl(fd, F_SETFL, flags) < 0 ? errno : 0;
    if (errno != EINPROGRESS)
        return errno;
    for (;;)
    {
        struct pollfd wanted = { .fd = fd, .events = POLLOUT };
        int64_t left = deadline - monotonic_ms();
        int ready;

        if (cancel && atomic_load(cancel))
            return ECANCELED;
        if (left <= 0)
            return ETIMEDOUT;
        ready = poll(&wanted, 1, left < CONNECT_SLICE_MS ? (int)left : CONNECT_SLICE_MS);
        if (ready < 0 && errno != EINTR)
            return errno;
        if (ready > 0)
            break;
    }
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_length) < 0)
        return errno;
    if (error)
        return error;
    return fcntl(fd, F_SETFL, flags) < 0 ? errno : 0;
}

int ami_socket_connect(const char *host, uint16_t port, int timeout_ms, const atomic_int *cancel, ami_socket *out,
                       char *error, size_t error_size)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *found, *at;
    struct timeval send_timeout = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
    int64_t deadline = monotonic_ms() + timeout_ms;
    char service[8];
    int result, fd = -1, cause = 0;

    snprintf(service, sizeof(service), "%u", port);
    if ((result = getaddrinfo(host, service, &hints, &found)))
    {
        snprintf(error, error_size, "%s", gai_strerror(result));
        return -1;
    }
    for (at = found; at && fd < 0; at = at->ai_next)
    {
        if ((fd = socket(at->ai_family, at->ai_socktype | SOCK_CLOEXEC, at->ai_protocol)) < 0)
            continue;
        if ((cause = connect_within(fd, at->ai_addr, at->ai_addrlen, deadline, cancel)))
        {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0)
    {
        snprintf(error, error_size, "%s", cause == ETIMEDOUT ? "timed out" : strerror(cause ? cause : ECONNREFUSED));
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof(send_timeout));
    *out = fd;
    return 0;
}

int ami_socket_wait(ami_socket socket, int ms)
{
    struct pollfd wanted = { .fd = (int)socket, .events = POLLIN };
    int ready = poll(&wanted, 1, ms);

    if (ready < 0)
        return errno == EINTR ? 0 : -1;
    return ready > 0;
}

long ami_socket_recv(ami_socket socket, char *buffer, size_t size)
{
    ssize_t got;

    do
        got = recv((int)socket, buffer, size, 0);
    while (got < 0 && errno == EINTR);
    return got;
}

int ami_socket_send_all(ami_socket socket, const char *data, size_t size)
{
    while (size)
    {
        ssize_t sent = send((int)socket, data, size, MSG_NOSIGNAL);

        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return -1;
        data += sent;
        size -= (size_t)sent;
    }
    return 0;
}

void ami_socket_shutdown(ami_socket socket)
{
    shutdown((int)socket, SHUT_RDWR);
}

void ami_socket_close(ami_socket socket)
{
    close((int)socket);
}
