// A loopback HTTP/1.1 proxy that delays every request, as a registry across a network would (fleet.sh).
//
// usage: delay-proxy UPSTREAM_HOST:PORT DELAY_MS COUNT_FILE
// Listens on 127.0.0.1 (ephemeral port, printed as "PORT <n>"). Each client connection gets its own
// upstream connection, both kept alive for as long as either side keeps them: a client's requests go
// one after another over its upstream connection, each held DELAY_MS after it arrived whole (headers
// and Content-Length body) before it is forwarded; the answers stream back unchanged. COUNT_FILE holds
// the number of requests forwarded so far (rewritten every 50 ms when it changed).
//
// It stands for network latency, which costs the scanning host no CPU: one thread, epoll, no copy
// beyond a buffer per direction (the Python proxy it replaces spent about a third of a core on a warm
// scan's 4,010 requests, a thread per connection). Requests with a chunked body are refused (the
// registry client sends none).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BUFFER (4 << 20)   // bytes buffered per direction before that side stops being read

struct buffer { char *data; size_t length, offset, capacity; };

struct connection {
    int client, upstream;
    unsigned generation;
    int in_use, client_closed, upstream_closed;
    size_t waiting;                 // bytes of a whole request held for its delay (0: none)
    struct buffer from_client;      // not yet forwarded (the head may be a waiting request)
    struct buffer to_upstream;      // forwarded, not yet written
    struct buffer to_client;        // answers not yet written
};

struct due { int slot; unsigned generation; int64_t at; };

static struct connection *connections;
static int connection_count;
static struct due *queue;           // FIFO: the delay is the same for all, so due times only grow
static size_t queue_head, queue_tail, queue_capacity;
static int epoll_fd;
static int64_t delay_ns;
static struct sockaddr_in upstream_address;
static long forwarded;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void die(const char *what) { perror(what); exit(1); }

static void append(struct buffer *b, const char *data, size_t length) {
    if (b->offset > 0 && b->offset == b->length) b->offset = b->length = 0;
    if (b->length + length > b->capacity) {
        if (b->offset > 0) {
            memmove(b->data, b->data + b->offset, b->length - b->offset);
            b->length -= b->offset;
            b->offset = 0;
        }
        while (b->length + length > b->capacity) b->capacity = b->capacity ? 2 * b->capacity : 16384;
        b->data = realloc(b->data, b->capacity);
        if (!b->data) die("realloc");
    }
    memcpy(b->data + b->length, data, length);
    b->length += length;
}

static size_t pending(const struct buffer *b) { return b->length - b->offset; }

static void watch(int fd, int slot, int upstream, uint32_t events, int op) {
    struct epoll_event event = { .events = events, .data.u64 = ((uint64_t)slot << 1) | (uint64_t)upstream };
    if (epoll_ctl(epoll_fd, op, fd, &event) < 0) die("epoll_ctl");
}

static void close_connection(int slot) {
    struct connection *c = &connections[slot];
    close(c->client);
    close(c->upstream);
    free(c->from_client.data);
    free(c->to_upstream.data);
    free(c->to_client.data);
    unsigned generation = c->generation + 1;
    memset(c, 0, sizeof *c);
    c->generation = generation;   // a queued delay of the closed connection is ignored
}

// The interest of both sockets from what is buffered (level-triggered).
static void update(int slot) {
    struct connection *c = &connections[slot];
    uint32_t client = 0, upstream = 0;
    if (!c->client_closed && pending(&c->from_client) < MAX_BUFFER) client |= EPOLLIN;
    if (pending(&c->to_client) > 0) client |= EPOLLOUT;
    if (!c->upstream_closed && pending(&c->to_client) < MAX_BUFFER) upstream |= EPOLLIN;
    if (pending(&c->to_upstream) > 0) upstream |= EPOLLOUT;
    watch(c->client, slot, 0, client, EPOLL_CTL_MOD);
    watch(c->upstream, slot, 1, upstream, EPOLL_CTL_MOD);
}

// The length of the first whole request in `b` (headers and Content-Length body), 0 while it is
// incomplete, -1 when it cannot be forwarded.
static long request_length(const struct buffer *b) {
    const char *start = b->data + b->offset;
    size_t available = pending(b);
    const char *end = memmem(start, available, "\r\n\r\n", 4);
    if (!end) return available > 65536 ? -1 : 0;
    size_t head = (size_t)(end - start) + 4;
    long body = 0;
    for (const char *line = memchr(start, '\n', head); line && line < start + head; line = memchr(line + 1, '\n', start + head - line - 1)) {
        const char *field = line + 1;
        if (strncasecmp(field, "Content-Length:", 15) == 0) body = strtol(field + 15, NULL, 10);
        else if (strncasecmp(field, "Transfer-Encoding:", 18) == 0) return -1;
    }
    if (body < 0) return -1;
    return available >= head + (size_t)body ? (long)(head + (size_t)body) : 0;
}

// Holds the next whole request of `slot` for the delay, if one arrived and none is held.
static void hold_next(int slot) {
    struct connection *c = &connections[slot];
    if (c->waiting) return;
    long length = request_length(&c->from_client);
    if (length < 0) {
        static const char refusal[] = "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        append(&c->to_client, refusal, sizeof refusal - 1);
        c->client_closed = c->upstream_closed = 1;
        c->from_client.offset = c->from_client.length;
        return;
    }
    if (length == 0) return;
    c->waiting = (size_t)length;
    if (queue_tail - queue_head == queue_capacity) {
        size_t capacity = queue_capacity ? 2 * queue_capacity : 1024;
        struct due *grown = malloc(capacity * sizeof *grown);
        if (!grown) die("malloc");
        for (size_t i = queue_head; i < queue_tail; i++) grown[i - queue_head] = queue[i % queue_capacity];
        free(queue);
        queue = grown;
        queue_tail -= queue_head;
        queue_head = 0;
        queue_capacity = capacity;
    }
    queue[queue_tail++ % queue_capacity] = (struct due){ slot, c->generation, now_ns() + delay_ns };
}

static void forward_due(int64_t now) {
    while (queue_head < queue_tail) {
        struct due due = queue[queue_head % queue_capacity];
        if (due.at > now) return;
        queue_head++;
        struct connection *c = &connections[due.slot];
        if (!c->in_use || c->generation != due.generation || !c->waiting) continue;
        append(&c->to_upstream, c->from_client.data + c->from_client.offset, c->waiting);
        c->from_client.offset += c->waiting;
        c->waiting = 0;
        forwarded++;
        hold_next(due.slot);
        update(due.slot);
    }
}

static void accept_clients(int listener) {
    while (1) {
        int client = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
            die("accept");
        }
        int upstream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (upstream < 0 || connect(upstream, (struct sockaddr *)&upstream_address, sizeof upstream_address) < 0) {
            perror("delay-proxy: connect upstream");
            if (upstream >= 0) close(upstream);
            close(client);
            continue;
        }
        fcntl(upstream, F_SETFL, fcntl(upstream, F_GETFL) | O_NONBLOCK);
        int one = 1;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setsockopt(upstream, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int slot = 0;
        while (slot < connection_count && connections[slot].in_use) slot++;
        if (slot == connection_count) {
            connection_count = connection_count ? 2 * connection_count : 256;
            connections = realloc(connections, connection_count * sizeof *connections);
            if (!connections) die("realloc");
            memset(connections + slot, 0, (connection_count - slot) * sizeof *connections);
        }
        struct connection *c = &connections[slot];
        c->in_use = 1;
        c->client = client;
        c->upstream = upstream;
        watch(client, slot, 0, EPOLLIN, EPOLL_CTL_ADD);
        watch(upstream, slot, 1, EPOLLIN, EPOLL_CTL_ADD);
    }
}

// Reads what `fd` has into `b`; 0 at end of stream or on an error.
static int receive(int fd, struct buffer *b) {
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n > 0) { append(b, chunk, (size_t)n); return 1; }
    return n < 0 && (errno == EAGAIN || errno == EINTR);
}

// Writes what `b` holds to `fd`; 0 on an error.
static int send_buffer(int fd, struct buffer *b) {
    ssize_t n = write(fd, b->data + b->offset, pending(b));
    if (n > 0) { b->offset += (size_t)n; return 1; }
    return n < 0 && (errno == EAGAIN || errno == EINTR);
}

static void serve(int slot, int upstream_side, uint32_t events) {
    struct connection *c = &connections[slot];
    if (!c->in_use) return;
    if (!upstream_side) {
        if ((events & EPOLLOUT) && !send_buffer(c->client, &c->to_client)) { close_connection(slot); return; }
        if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !c->client_closed) {
            if (!receive(c->client, &c->from_client)) { close_connection(slot); return; }
            hold_next(slot);
        }
    } else {
        if ((events & EPOLLOUT) && !send_buffer(c->upstream, &c->to_upstream)) c->upstream_closed = 1;
        if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !c->upstream_closed && !receive(c->upstream, &c->to_client)) c->upstream_closed = 1;
    }
    // The upstream ended its side: the client gets what was answered, then the connection closes.
    if (c->upstream_closed && pending(&c->to_client) == 0) { close_connection(slot); return; }
    update(slot);
}

static long written = -1;

static void write_count(const char *path) {
    if (forwarded == written) return;
    char temporary[4096];
    snprintf(temporary, sizeof temporary, "%s.tmp", path);
    FILE *f = fopen(temporary, "w");
    if (!f) die(temporary);
    fprintf(f, "%ld\n", forwarded);
    fclose(f);
    if (rename(temporary, path) < 0) die("rename");
    written = forwarded;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: delay-proxy UPSTREAM_HOST:PORT DELAY_MS COUNT_FILE\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    char *colon = strrchr(argv[1], ':');
    if (!colon) { fprintf(stderr, "delay-proxy: '%s' is not HOST:PORT\n", argv[1]); return 2; }
    *colon = 0;
    upstream_address.sin_family = AF_INET;
    upstream_address.sin_port = htons((uint16_t)atoi(colon + 1));
    if (inet_pton(AF_INET, argv[1], &upstream_address.sin_addr) != 1) { fprintf(stderr, "delay-proxy: '%s' is not an IPv4 address\n", argv[1]); return 2; }
    delay_ns = (int64_t)atol(argv[2]) * 1000000;
    const char *count_file = argv[3];

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = 0 };
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 1024) < 0
        || getsockname(listener, (struct sockaddr *)&address, &length) < 0) die("listen");
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0) die("epoll_create1");
    struct epoll_event event = { .events = EPOLLIN, .data.u64 = UINT64_MAX };
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &event) < 0) die("epoll_ctl");
    write_count(count_file);
    printf("PORT %d\n", ntohs(address.sin_port));
    fflush(stdout);

    int64_t next_count = now_ns();
    struct epoll_event events[256];
    while (1) {
        // Asleep until a socket is ready, a held request is due, or a changed count is due to be written.
        int64_t now = now_ns();
        int64_t wake = forwarded != written ? next_count : INT64_MAX;
        if (queue_head < queue_tail && queue[queue_head % queue_capacity].at < wake) wake = queue[queue_head % queue_capacity].at;
        int timeout = wake == INT64_MAX ? -1 : wake <= now ? 0 : (int)((wake - now + 999999) / 1000000);   // rounded up: never early
        int ready = epoll_wait(epoll_fd, events, 256, timeout);
        if (ready < 0 && errno != EINTR) die("epoll_wait");
        for (int i = 0; i < ready; i++) {
            if (events[i].data.u64 == UINT64_MAX) { accept_clients(listener); continue; }
            serve((int)(events[i].data.u64 >> 1), (int)(events[i].data.u64 & 1), events[i].events);
        }
        now = now_ns();
        forward_due(now);
        if (now >= next_count) {
            write_count(count_file);
            next_count = now + 50000000;
        }
    }
}
