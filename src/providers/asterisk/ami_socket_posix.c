/*
 * ami_socket.h over POSIX sockets.
 */
#define _GNU_SOURCE
#include "ami_socket.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int ami_socket_connect(const char *host, uint16_t port, ami_socket *out, char *error, size_t error_size)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *found, *at;
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
        if (connect(fd, at->ai_addr, at->ai_addrlen))
        {
            cause = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    if (fd < 0)
    {
        snprintf(error, error_size, "%s", strerror(cause ? cause : ECONNREFUSED));
        return -1;
    }
    *out = fd;
    return 0;
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
