/*
 * A TCP connection to AMI: POSIX sockets natively (ami_socket_posix.c), Winsock in
 * the DLL (ami_socket_win32.c).  Blocking, but nothing waits on the network without
 * a bound: connecting gives up after its timeout (or as soon as `cancel` is set), a
 * send after the timeout given at connect, and a reader waits in ami_socket_wait
 * slices so that it can look at the clock and at its stop flag (Wine's shutdown()
 * does not wake a thread blocked in recv).
 */
#ifndef TAPI3CC_AMI_SOCKET_H
#define TAPI3CC_AMI_SOCKET_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

typedef intptr_t ami_socket;
#define AMI_NO_SOCKET ((ami_socket)-1)

/* 0, or -1 with the cause (one phrase, e.g. "Connection refused", "timed out") in
 * `error`.  Gives up after `timeout_ms`, or soon after `*cancel` becomes non-zero
 * (may be NULL); the connected socket's sends give up after `timeout_ms` too. */
int ami_socket_connect(const char *host, uint16_t port, int timeout_ms, const atomic_int *cancel, ami_socket *out,
                       char *error, size_t error_size);
/* Waits up to `ms` for something to read (or the peer's close): 1 when there is,
 * 0 when the time ran out, -1 on an error. */
int ami_socket_wait(ami_socket socket, int ms);
/* Bytes read (> 0), 0 when the peer closed or the socket was shut down, -1 on error. */
long ami_socket_recv(ami_socket socket, char *buffer, size_t size);
/* 0 when every byte went, -1 otherwise. */
int ami_socket_send_all(ami_socket socket, const char *data, size_t size);
void ami_socket_shutdown(ami_socket socket);
void ami_socket_close(ami_socket socket);

#endif
