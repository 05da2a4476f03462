/* HTTPS for intake serve: the certificate and key read, their modes
 * checked, and tried once by libmicrohttpd (GnuTLS) before serving. */
#include "server_tls.h"

#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "messages.h"
#include "util.h"

#define PEM_MAX (1024 * 1024) /* bytes of a certificate chain or key */

/* Where a file was named: "intake.ini: [serve] tls_key". */
struct named {
	const char *config, *key, *path;
};

static int named_error(const struct named *at, const char *problem)
{
	return error("%s: [serve] %s: %s", at->config ? at->config : "-",
		     at->key, problem);
}

/* Say a problem (a catalogue format and its values) at *at: -1. */
static int file_problem(const struct named *at, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int file_problem(const struct named *at, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	named_error(at, strbuf_str(&text));
	strbuf_release(&text);
	return -1;
}

/* Is the opened file fit: a regular file, not too large, a key closed
 * to group and others?  0 or -1 (said). */
static int check_file(const struct named *at, int fd, int secret,
		      struct stat *st)
{
	if (fstat(fd, st) < 0)
		return file_problem(at, msg(MSG_SERVE_TLS_OPEN), at->path,
				    strerror(errno));
	if (!S_ISREG(st->st_mode))
		return file_problem(at, msg(MSG_SERVE_TLS_NOT_FILE), at->path);
	if (secret && (st->st_mode & 077))
		return file_problem(at, msg(MSG_SERVE_TLS_KEY_OPEN),
				    (unsigned)(st->st_mode & 07777), at->path,
				    at->path);
	if (st->st_size > PEM_MAX)
		return file_problem(at, msg(MSG_SERVE_TLS_TOO_LARGE), at->path,
				    PEM_MAX / 1024);
	return 0;
}

static int read_all(int fd, char *text, size_t size)
{
	size_t done = 0;
	ssize_t got;

	while (done < size) {
		got = read(fd, text + done, size - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		done += (size_t)got;
	}
	text[size] = '\0';
	return 0;
}

/* The whole file at->path into *text (NUL-terminated): 0 or -1. */
static int read_pem(const struct named *at, int secret, char **text,
		    size_t *len)
{
	int fd = open(at->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	int rc;

	*text = NULL;
	if (fd < 0)
		return file_problem(at, msg(MSG_SERVE_TLS_OPEN), at->path,
				    strerror(errno));
	rc = check_file(at, fd, secret, &st);
	if (!rc) {
		*len = (size_t)st.st_size;
		*text = xmalloc(*len + 1);
		rc = read_all(fd, *text, *len);
		if (rc < 0)
			file_problem(at, msg(MSG_SERVE_TLS_OPEN), at->path,
				     strerror(errno ? errno : EIO));
	}
	close(fd);
	if (rc < 0 && *text) {
		sodium_memzero(*text, *len);
		free(*text);
		*text = NULL;
	}
	return rc;
}

/* libmicrohttpd's first message of a failed start (GnuTLS's reason). */
static void keep_first(void *cls, const char *fmt, va_list ap)
{
	struct strbuf *first = cls;

	if (!first->len)
		strbuf_vaddf(first, fmt, ap);
}

static enum MHD_Result refuse(void *cls, struct MHD_Connection *connection,
			      const char *url, const char *method,
			      const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	return MHD_NO;
}

/* Let libmicrohttpd load cert and key once, on no socket: 0, or -1
 * with GnuTLS's reason in why. */
static int try_tls(const struct server_tls *tls, struct strbuf *why)
{
	/* The logger first, or libmicrohttpd prints the options before. */
	struct MHD_Daemon *daemon = MHD_start_daemon(
	    MHD_USE_TLS | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ERROR_LOG, 0, NULL,
	    NULL, refuse, NULL, MHD_OPTION_EXTERNAL_LOGGER, keep_first, why,
	    MHD_OPTION_HTTPS_MEM_CERT, tls->cert, MHD_OPTION_HTTPS_MEM_KEY,
	    tls->key, MHD_OPTION_HTTPS_PRIORITIES, SERVER_TLS_PRIORITIES,
	    MHD_OPTION_END);

	if (!daemon)
		return -1;
	MHD_stop_daemon(daemon);
	return 0;
}

static int check_usable(const struct server_tls *tls, const char *config,
			const char *cert_path, const char *key_path)
{
	struct named at = {config, "tls_cert", cert_path};
	struct strbuf why = STRBUF_INIT;
	int rc = try_tls(tls, &why);

	while (why.len &&
	       (why.buf[why.len - 1] == '\n' || why.buf[why.len - 1] == '.'))
		why.buf[--why.len] = '\0';
	if (rc < 0)
		file_problem(&at, msg(MSG_SERVE_TLS_UNUSABLE), cert_path,
			     key_path, why.len ? strbuf_str(&why) : "-");
	strbuf_release(&why);
	return rc;
}

int server_tls_load(struct server_tls *tls, const char *config_path,
		    const char *cert_path, const char *key_path)
{
	struct named cert = {config_path, "tls_cert", cert_path};
	struct named key = {config_path, "tls_key", key_path};
	size_t cert_len;

	memset(tls, 0, sizeof(*tls));
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		named_error(&cert, msg(MSG_SERVE_TLS_MISSING));
		return EXIT_CONFIG;
	}
	if (read_pem(&cert, 0, &tls->cert, &cert_len) < 0 ||
	    read_pem(&key, 1, &tls->key, &tls->key_len) < 0 ||
	    check_usable(tls, config_path, cert_path, key_path) < 0) {
		server_tls_release(tls);
		return EXIT_CONFIG;
	}
	return 0;
}

void server_tls_release(struct server_tls *tls)
{
	if (tls->key)
		sodium_memzero(tls->key, tls->key_len);
	free(tls->key);
	free(tls->cert);
	memset(tls, 0, sizeof(*tls));
}
