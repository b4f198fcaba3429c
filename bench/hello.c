/*
 * hello.c — the smallest useful libfcgi responder: the FastCGI ceiling that the
 * Swift responder's /hello route is measured against (same thread count, same
 * nginx config).
 *
 *   cc -O2 -pthread bench/hello.c -lfcgi -o hello
 *   ./hello SOCKET_PATH [THREADS=4] [PID_FILE]
 *
 * Every request, whatever its path, gets "Content-Type: text/plain" and "hello".
 *
 * Accept pattern (see PLATFORM.md): FCGX_Init() once, then each thread has its own
 * FCGX_Request and an FCGX_Accept_r loop on the shared listening socket, with no
 * accept mutex — the kernel hands each connection to one waiting thread. nginx must
 * run with fastcgi_keep_conn off (one connection per request).
 *
 * libfcgi's own SIGTERM handler only sets a flag, which a thread blocked in
 * accept() never sees; so SIGTERM/SIGINT are blocked in every thread and the main
 * thread waits for them with sigwait(), removes the socket and exits.
 */
#include <errno.h>
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int listen_fd = -1;

static const char response[] =
    "Content-Type: text/plain\r\n"
    "Content-Length: 5\r\n"
    "\r\n"
    "hello";

static void *worker(void *arg) {
    (void)arg;
    FCGX_Request request;
    if (FCGX_InitRequest(&request, listen_fd, 0) != 0) {
        fprintf(stderr, "hello: FCGX_InitRequest failed\n");
        return NULL;
    }
    for (;;) {
        if (FCGX_Accept_r(&request) < 0) {
            /* EINTR and friends: try again; the process exits from main(). */
            continue;
        }
        FCGX_PutStr(response, (int)sizeof(response) - 1, request.out);
        FCGX_Finish_r(&request);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SOCKET_PATH [THREADS] [PID_FILE]\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    int threads = argc > 2 ? atoi(argv[2]) : 4;
    if (threads < 1 || threads > 1024) {
        fprintf(stderr, "hello: THREADS must be 1..1024\n");
        return 2;
    }

    if (FCGX_Init() != 0) {
        fprintf(stderr, "hello: FCGX_Init failed\n");
        return 1;
    }

    /* Block the stop signals before any thread starts, so only sigwait() sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    unlink(path); /* a stale socket from a killed run would make bind() fail */
    listen_fd = FCGX_OpenSocket(path, 1024);
    if (listen_fd < 0) {
        fprintf(stderr, "hello: cannot listen on %s: %s\n", path, strerror(errno));
        return 1;
    }
    /* FCGX_OpenSocket leaves the socket 0755: nginx workers (nobody) need write. */
    if (chmod(path, 0666) != 0) {
        fprintf(stderr, "hello: chmod %s: %s\n", path, strerror(errno));
        return 1;
    }

    for (int i = 0; i < threads; i++) {
        pthread_t tid;
        if (pthread_create(&tid, NULL, worker, NULL) != 0) {
            fprintf(stderr, "hello: pthread_create failed\n");
            return 1;
        }
        pthread_detach(tid);
    }

    if (argc > 3) {
        FILE *f = fopen(argv[3], "w");
        if (f == NULL) {
            fprintf(stderr, "hello: cannot write %s: %s\n", argv[3], strerror(errno));
            return 1;
        }
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }

    int sig = 0;
    sigwait(&stop, &sig);
    unlink(path);
    if (argc > 3) unlink(argv[3]);
    _exit(0);
}
