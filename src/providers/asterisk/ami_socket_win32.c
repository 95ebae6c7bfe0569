/*
 * ami_socket.h over Winsock 2.
 */
#include "ami_socket.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>

#define CONNECT_SLICE_MS 50

static INIT_ONCE started = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK start_winsock(INIT_ONCE *once, void *parameter, void **context)
{
    WSADATA data;
    return !WSAStartup(MAKEWORD(2, 2), &data);
}

static void describe(int code, char *error, size_t error_size)
{
    char text[256] = "";

    if (!FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD)code, 0, text,
                        sizeof(text), NULL))
        snprintf(text, sizeof(text), "Winsock error %d", code);
    text[strcspn(text, "\r\n")] = 0;
    snprintf(error, error_size, "%s", text);
}

/* A non-blocking connect waited for in slices, so that a stop need not wait for the
 * whole timeout: 0, or a Winsock error. */
static int connect_within(SOCKET fd, const struct sockaddr *address, int length, ULONGLONG deadline,
                          const atomic_int *cancel)
{
    u_long non_blocking = 1, blocking = 0;
    int error = 0, error_length = sizeof(error);

    if (ioctlsocket(fd, FIONBIO, &non_blocking))
        return WSAGetLastError();
    if (connect(fd, address, length) && WSAGetLastError() != WSAEWOULDBLOCK)
        return WSAGetLastError();
    for (;;)
    {
        ULONGLONG now = GetTickCount64();
        LONGLONG left = (LONGLONG)(deadline - now);
        struct timeval slice;
        fd_set writable, failed;
        int ready;

        if (cancel && atomic_load(cancel))
            return WSAEINTR;
        if (now >= deadline)
            return WSAETIMEDOUT;
        slice.tv_sec = 0;
        slice.tv_usec = (long)(left < CONNECT_SLICE_MS ? left : CONNECT_SLICE_MS) * 1000;
        FD_ZERO(&writable);
        FD_ZERO(&failed);
        FD_SET(fd, &writable);
        FD_SET(fd, &failed);
        if ((ready = select(0, NULL, &writable, &failed, &slice)) == SOCKET_ERROR)
            return WSAGetLastError();
        if (ready > 0)
            break;
    }
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, (char *)&error, &error_length))
        return WSAGetLastError();
    if (error)
        return error;
    return ioctlsocket(fd, FIONBIO, &blocking) ? WSAGetLastError() : 0;
}

int ami_socket_connect(const char *host, uint16_t port, int timeout_ms, const atomic_int *cancel, ami_socket *out,
                       char *error, size_t error_size)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *found, *at;
    ULONGLONG deadline = GetTickCount64() + (ULONGLONG)timeout_ms;
    DWORD send_timeout = (DWORD)timeout_ms;
    SOCKET fd = INVALID_SOCKET;
    char service[8];
    int result, cause = 0;

    if (!InitOnceExecuteOnce(&started, start_winsock, NULL, NULL))
    {
        snprintf(error, error_size, "Winsock did not start");
        return -1;
    }
    snprintf(service, sizeof(service), "%u", port);
    if ((result = getaddrinfo(host, service, &hints, &found)))
    {
        describe(result, error, error_size);
        return -1;
    }
    for (at = found; at && fd == INVALID_SOCKET; at = at->ai_next)
    {
        if ((fd = socket(at->ai_family, at->ai_socktype, at->ai_protocol)) == INVALID_SOCKET)
            continue;
        if ((cause = connect_within(fd, at->ai_addr, (int)at->ai_addrlen, deadline, cancel)))
        {
            closesocket(fd);
            fd = INVALID_SOCKET;
        }
    }
    freeaddrinfo(found);
    if (fd == INVALID_SOCKET)
    {
        if (cause == WSAETIMEDOUT)
            snprintf(error, error_size, "timed out");
        else
            describe(cause ? cause : WSAECONNREFUSED, error, error_size);
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, (const char *)&send_timeout, sizeof(send_timeout));
    *out = (ami_socket)fd;
    return 0;
}

int ami_socket_wait(ami_socket socket, int ms)
{
    struct timeval wait = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
    fd_set readable;
    int ready;

    FD_ZERO(&readable);
    FD_SET((SOCKET)socket, &readable);
    ready = select(0, &readable, NULL, NULL, &wait);
    return ready == SOCKET_ERROR ? -1 : ready > 0;
}

long ami_socket_recv(ami_socket socket, char *buffer, size_t size)
{
    int got = recv((SOCKET)socket, buffer, size > INT_MAX ? INT_MAX : (int)size, 0);
    return got == SOCKET_ERROR ? -1 : got;
}

int ami_socket_send_all(ami_socket socket, const char *data, size_t size)
{
    while (size)
    {
        int sent = send((SOCKET)socket, data, size > INT_MAX ? INT_MAX : (int)size, 0);

        if (sent == SOCKET_ERROR || sent <= 0)
            return -1;
        data += sent;
        size -= (size_t)sent;
    }
    return 0;
}

void ami_socket_shutdown(ami_socket socket)
{
    shutdown((SOCKET)socket, SD_BOTH);
}

void ami_socket_close(ami_socket socket)
{
    closesocket((SOCKET)socket);
}
