/*
 * ami_socket.h over Winsock 2.
 */
#include "ami_socket.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>

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

int ami_socket_connect(const char *host, uint16_t port, ami_socket *out, char *error, size_t error_size)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *found, *at;
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
        if (connect(fd, at->ai_addr, (int)at->ai_addrlen))
        {
            cause = WSAGetLastError();
            closesocket(fd);
            fd = INVALID_SOCKET;
        }
    }
    freeaddrinfo(found);
    if (fd == INVALID_SOCKET)
    {
        describe(cause ? cause : WSAECONNREFUSED, error, error_size);
        return -1;
    }
    *out = (ami_socket)fd;
    return 0;
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
