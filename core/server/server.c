/* intake serve: the HTTP daemon (libmicrohttpd) around the pages. */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"
#include "pages.h"
#include "plugin_log.h"
#include "server_tls.h"
#include "util.h"

/* A thread per connection: a login's Argon2id check holds its thread
 * for a while, and must not hold up the connections that would share
 * it in a pool.  This many connections at once, at most. */
#define CONNECTIONS 200
#define EXIT_UNAVAILABLE 69

static const char *const security_headers[][2] = {
	{"Content-Security-Policy",
	 "default-src 'none'; style-src 'self'; img-src 'self';"
	 " script-src 'self'; connect-src 'self';"
	 " form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "same-origin"},
	{"Cache-Control", "no-store"},
};

/* Over the body limit a request is read on (for its 413 to reach the
 * browser) up to this many bytes, then the connection is closed. */
#define DISCARD_MAX (1024 * 1024)

/* Under TLS: browsers keep to HTTPS for this host for a year. */
#define HSTS "max-age=31536000"

/* What one connection gathers before it is answered. */
struct request_state {
	struct strbuf body;
	int too_large;
	size_t received; /* bytes of body so far */
	char client[INET6_ADDRSTRLEN]; /* the peer's address, "" unknown */
};

struct address {
	struct sockaddr_storage storage;
	int ipv6, loopback;
};

/* ADDR:PORT or [ADDR6]:PORT, numeric: 0 or -1. */
static int parse_listen(const char *text, struct address *addr)
{
	const char *colon = strrchr(text, ':');
	struct sockaddr_in *in4 = (struct sockaddr_in *)&addr->storage;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&addr->storage;
	long long port;
	char *host;
	int ok;

	memset(addr, 0, sizeof(*addr));
	if (!colon || parse_long_long(colon + 1, &port) < 0 || port < 1 ||
	    port > 65535 || colon[1] == '+' || colon[1] == '-')
		return -1;
	host = xstrndup(text, (size_t)(colon - text));
	addr->ipv6 = host[0] == '[';
	if (addr->ipv6 && host[strlen(host) - 1] == ']') {
		host[strlen(host) - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((unsigned short)port);
		ok = inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1;
		addr->loopback = ok && IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	} else {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((unsigned short)port);
		ok = !addr->ipv6 &&
		     inet_pton(AF_INET, host, &in4->sin_addr) == 1;
		addr->loopback =
			ok && (ntohl(in4->sin_addr.s_addr) >> 24) == 127;
	}
	free(host);
	return ok ? 0 : -1;
}

static enum MHD_Result send_page(const struct pages_context *ctx,
				 struct MHD_Connection *connection,
				 struct page_response *page)
{
	struct MHD_Response *response;
	enum MHD_Result ret;
	size_t len = page->body.len, i;

	response = MHD_create_response_from_buffer(
		len, strbuf_detach(&page->body), MHD_RESPMEM_MUST_FREE);
	if (!response)
		return MHD_NO;
	for (i = 0; i < ARRAY_SIZE(security_headers); i++)
		MHD_add_response_header(response, security_headers[i][0],
					security_headers[i][1]);
	if (ctx->tls)
		MHD_add_response_header(response, "Strict-Transport-Security",
					HSTS);
	if (!page->content_type)
		page->content_type = "text/html; charset=utf-8";
	MHD_add_response_header(response, "Content-Type", page->content_type);
	if (page->location)
		MHD_add_response_header(response, "Location", page->location);
	if (page->set_cookie)
		MHD_add_response_header(response, "Set-Cookie",
					page->set_cookie);
	ret = MHD_queue_response(connection, (unsigned)page->status, response);
	MHD_destroy_response(response);
	page_response_release(page);
	return ret;
}

static const char *header(struct MHD_Connection *connection, const char *name)
{
	return MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
}

/* The peer's address as text into client ("" when unknown). */
static void client_address(struct MHD_Connection *connection,
			   char client[INET6_ADDRSTRLEN])
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(
		connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *peer = info ? info->client_addr : NULL;
	const void *where = NULL;

	client[0] = '\0';
	if (peer && peer->sa_family == AF_INET)
		where = &((const struct sockaddr_in *)(const void *)peer)
				 ->sin_addr;
	else if (peer && peer->sa_family == AF_INET6)
		where = &((const struct sockaddr_in6 *)(const void *)peer)
				 ->sin6_addr;
	if (where &&
	    !inet_ntop(peer->sa_family, where, client, INET6_ADDRSTRLEN))
		client[0] = '\0';
}

static void read_request(struct MHD_Connection *connection, const char *url,
			 const char *method, const struct request_state *state,
			 struct page_request *req)
{
	memset(req, 0, sizeof(*req));
	req->method = method;
	req->path = url;
	req->host = header(connection, MHD_HTTP_HEADER_HOST);
	req->origin = header(connection, "Origin");
	req->referer = header(connection, MHD_HTTP_HEADER_REFERER);
	req->content_type = header(connection, MHD_HTTP_HEADER_CONTENT_TYPE);
	req->cookie = MHD_lookup_connection_value(connection, MHD_COOKIE_KIND,
						  "intake_session");
	req->query = MHD_lookup_connection_value(connection,
						 MHD_GET_ARGUMENT_KIND, "q");
	req->fy = MHD_lookup_connection_value(connection,
					      MHD_GET_ARGUMENT_KIND, "fy");
	req->month = MHD_lookup_connection_value(connection,
						 MHD_GET_ARGUMENT_KIND, "month");
	req->body = strbuf_str(&state->body);
	req->body_len = state->body.len;
	req->client = state->client;
}

/* The first call of a request: its state, or an early 413 when the
 * declared length is over the limit. */
static int declared_too_large(struct MHD_Connection *connection)
{
	const char *length = header(connection,
				    MHD_HTTP_HEADER_CONTENT_LENGTH);
	long long n;

	return length && (parse_long_long(length, &n) < 0 ||
			  n > PAGES_BODY_MAX);
}

/* 400 for a query that is not UTF-8 (MHD has decoded it). */
static int query_bad(const struct page_request *req)
{
	return (req->query && !utf8_valid_text(req->query)) ||
	       (req->fy && !utf8_valid_text(req->fy)) ||
	       (req->month && !utf8_valid_text(req->month));
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection,
			      const char *url, const char *method,
			      const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct pages_context *ctx = cls;
	struct request_state *state = *con_cls;
	struct page_request req;
	struct page_response res;

	if (!state) {
		*con_cls = state = xcalloc(1, sizeof(*state));
		client_address(connection, state->client);
		state->too_large = declared_too_large(connection);
		if (!state->too_large)
			return MHD_YES;
	} else if (*upload_data_size) {
		if (state->body.len + *upload_data_size > PAGES_BODY_MAX)
			state->too_large = 1;
		else
			strbuf_add(&state->body, upload_data,
				   *upload_data_size);
		state->received += *upload_data_size;
		*upload_data_size = 0;
		/* A body that never ends is not read to its end. */
		return state->received > DISCARD_MAX ? MHD_NO : MHD_YES;
	}
	memset(&res, 0, sizeof(res));
	read_request(connection, url, method, state, &req);
	if (state->too_large)
		pages_error(ctx, 413, &res);
	else if (query_bad(&req))
		pages_error(ctx, 400, &res);
	else
		pages_handle(ctx, &req, &res);
	return send_page(ctx, connection, &res);
}

/* Percent-decode a path or query value in place (MHD's own), but one
 * holding %00 stays as sent: decoded it would end early and name a
 * shorter path or value than the one asked. */
static size_t unescape(void *cls, struct MHD_Connection *connection,
		       char *text)
{
	if (strstr(text, "%00"))
		return strlen(text);
	return MHD_http_unescape(text);
}

static void completed(void *cls, struct MHD_Connection *connection,
		      void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct request_state *state = *con_cls;

	if (!state)
		return;
	strbuf_release(&state->body);
	free(state);
	*con_cls = NULL;
}

static struct MHD_Daemon *start(struct pages_context *ctx,
				const struct address *addr,
				const struct server_tls *tls)
{
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
			 MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
			 MHD_USE_AUTO | (addr->ipv6 ? MHD_USE_IPv6 : 0) |
			 (tls->cert ? MHD_USE_TLS : 0);
	struct MHD_OptionItem https[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, tls->cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, tls->key},
		{MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)SERVER_TLS_PRIORITIES},
		{MHD_OPTION_END, 0, NULL},
	};

	return MHD_start_daemon(
		flags, 0, NULL, NULL, answer, ctx,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr->storage,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS,
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
		MHD_OPTION_ARRAY, tls->cert ? https : https + 3,
		MHD_OPTION_END);
}

/* Wait for SIGTERM or SIGINT (blocked before the threads start, so only
 * this thread takes them). */
static void wait_for_stop(const sigset_t *stop)
{
	int sig;

	while (sigwait(stop, &sig))
		;
}

static int serve(struct pages_context *ctx, const struct address *addr,
		 const struct server_tls *tls, const char *listen)
{
	struct MHD_Daemon *daemon;
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	daemon = start(ctx, addr, tls);
	if (!daemon) {
		error(msg(MSG_SERVE_CANNOT_LISTEN), listen);
		return EXIT_UNAVAILABLE;
	}
	printf(msg(tls->cert ? MSG_SERVE_HTTPS : MSG_SERVE_PLAIN), listen);
	fflush(stdout);
	wait_for_stop(&stop);
	MHD_quiesce_daemon(daemon);
	MHD_stop_daemon(daemon);
	fputs(msg(MSG_SERVE_STOPPED), stdout);
	return 0;
}

/* The address to listen on, and may it be used: 0, or the exit status
 * after saying why not.  Off loopback it takes TLS or --plain-http. */
static int check_listen(const struct server_options *options, int tls,
			struct address *addr)
{
	const char *config_path = options->config->path;

	if (parse_listen(options->listen, addr) < 0 &&
	    !options->listen_configured)
		return error(msg(MSG_SERVE_BAD_LISTEN), options->listen),
		       EXIT_USAGE;
	if (parse_listen(options->listen, addr) < 0)
		return error(msg(MSG_SERVE_BAD_LISTEN_CONFIG),
			     config_path ? config_path : "-",
			     options->listen),
		       EXIT_CONFIG;
	if (!addr->loopback && !tls && !options->plain_http)
		return error(msg(MSG_SERVE_NEEDS_TLS), options->listen),
		       EXIT_USAGE;
	return 0;
}

/* The certificate and key of [serve], when it names them. */
static int load_tls(const struct config *config, struct server_tls *tls)
{
	memset(tls, 0, sizeof(*tls));
	if (!config->serve.tls_cert)
		return 0;
	return server_tls_load(tls, config->path, config->serve.tls_cert,
			       config->serve.tls_key);
}

int server_run(const struct server_options *options)
{
	const struct config *config = options->config;
	struct pages_context ctx;
	struct server_tls tls;
	struct address addr;
	int status;

	status = check_listen(options, config->serve.tls_cert != NULL, &addr);
	if (status || (status = load_tls(config, &tls)))
		return status;
	if (geteuid() == 0)
		warning("%s", msg(MSG_SERVE_ROOT));
	memset(&ctx, 0, sizeof(ctx));
	ctx.database = options->database;
	ctx.registry = options->registry;
	ctx.config = config;
	ctx.language = options->language;
	ctx.session_minutes = options->session_minutes;
	ctx.tls = tls.cert != NULL;
	if (pages_context_init(&ctx) < 0) {
		server_tls_release(&tls);
		return error("%s", strerror(errno)), EXIT_UNAVAILABLE;
	}
	plugin_log_start(options->language);
	status = serve(&ctx, &addr, &tls, options->listen);
	pages_context_release(&ctx);
	server_tls_release(&tls);
	return status;
}
