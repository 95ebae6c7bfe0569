/*
 * A TCP connection to AMI: POSIX sockets natively (ami_socket_posix.c), Winsock in
 * the DLL (ami_socket_win32.c).  Blocking; ami_socket_shutdown wakes a thread
 * blocked in ami_socket_recv (it then returns 0).
 */
#ifndef TAPI3CC_AMI_SOCKET_H
#define TAPI3CC_AMI_SOCKET_H

#include <stddef.h>
#include <stdint.h>

typedef intptr_t ami_socket;
#define AMI_NO_SOCKET ((ami_socket)-1)

/* 0, or -1 with the cause (one phrase, e.g. "Connection refused") in `error`. */
int ami_socket_connect(const char *host, uint16_t port, ami_socket *out, char *error, size_t error_size);
/* Bytes read (> 0), 0 when the peer closed or the socket was shut down, -1 on error. */
long ami_socket_recv(ami_socket socket, char *buffer, size_t size);
/* 0 when every byte went, -1 otherwise. */
int ami_socket_send_all(ami_socket socket, const char *data, size_t size);
void ami_socket_shutdown(ami_socket socket);
void ami_socket_close(ami_socket socket);

#endif
