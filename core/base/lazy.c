/* libmicrohttpd, libxlsxwriter, libpq: loaded on the first call into them. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <libpq-fe.h>
#include <microhttpd.h>
#include <xlsxwriter.h>

#include "messages.h"
#include "util.h"

/*
 * Only `serve` needs libmicrohttpd, and only the workbooks (export
 * --xlsx, report --xlsx) need libxlsxwriter; linked in, they and what
 * they pull in (GnuTLS, nettle, p11-kit, libtasn1, minizip, libcrypto …)
 * are mapped and relocated at the start of every command: 11 million of
 * the 18 million instructions of an `intake add`.  So the binary is not
 * linked with them: the functions intake calls are defined here, and
 * the first call into a library dlopens it and looks up all of its
 * functions at once (under pthread_once: the server calls from its
 * threads).  A library that cannot be loaded ends the command with a
 * message naming it (exit 78).  A function newly used from any
 * library needs its line below (the link fails until then).  libpq
 * (and its ~20 libraries: Kerberos, LDAP, OpenSSL …) is loaded only
 * when a postgresql:// database is opened, so SQLite commands never
 * map it.
 */
#ifndef LAZY_MHD_SONAME
#define LAZY_MHD_SONAME "libmicrohttpd.so.12"
#endif
#ifndef LAZY_XLSX_SONAME
#define LAZY_XLSX_SONAME "libxlsxwriter.so.4"
#endif
#ifndef LAZY_PQ_SONAME
#define LAZY_PQ_SONAME "libpq.so.5"
#endif

typedef void (*lazy_fn)(void);

struct lazy_library {
	const char *soname;
	const char *const *names;
	lazy_fn *functions;
	size_t n;
	pthread_once_t once;
};

#define MHD_FUNCTIONS(X)                                                     \
	X(MHD_add_response_header)                                           \
	X(MHD_create_response_from_buffer)                                   \
	X(MHD_destroy_response)                                              \
	X(MHD_get_connection_info)                                           \
	X(MHD_http_unescape)                                                 \
	X(MHD_is_feature_supported)                                          \
	X(MHD_lookup_connection_value)                                       \
	X(MHD_queue_response)                                                \
	X(MHD_quiesce_daemon)                                                \
	X(MHD_start_daemon_va)                                               \
	X(MHD_stop_daemon)

#define XLSX_FUNCTIONS(X)                                                    \
	X(chart_add_series)                                                  \
	X(chart_legend_set_position)                                         \
	X(chart_series_set_categories)                                       \
	X(chart_series_set_name_range)                                       \
	X(chart_series_set_values)                                           \
	X(chart_title_set_name)                                              \
	X(format_set_align)                                                  \
	X(format_set_bg_color)                                               \
	X(format_set_bold)                                                   \
	X(format_set_border)                                                 \
	X(format_set_bottom)                                                 \
	X(format_set_font_size)                                              \
	X(format_set_num_format)                                             \
	X(lxw_strerror)                                                      \
	X(workbook_add_chart)                                                \
	X(workbook_add_format)                                               \
	X(workbook_add_worksheet)                                            \
	X(workbook_close)                                                    \
	X(workbook_new)                                                      \
	X(workbook_new_opt)                                                  \
	X(workbook_set_properties)                                           \
	X(worksheet_autofilter)                                              \
	X(worksheet_fit_to_pages)                                            \
	X(worksheet_freeze_panes)                                            \
	X(worksheet_insert_chart_opt)                                        \
	X(worksheet_repeat_rows)                                             \
	X(worksheet_set_column)                                              \
	X(worksheet_set_footer)                                              \
	X(worksheet_set_landscape)                                           \
	X(worksheet_set_paper)                                               \
	X(worksheet_write_blank)                                             \
	X(worksheet_write_datetime)                                          \
	X(worksheet_write_number)                                            \
	X(worksheet_write_string)

#define PQ_FUNCTIONS(X)                                                      \
	X(PQbackendPID)                                                      \
	X(PQclear)                                                           \
	X(PQcmdTuples)                                                       \
	X(PQconnectdb)                                                       \
	X(PQconnectdbParams)                                                 \
	X(PQconninfoFree)                                                    \
	X(PQconninfoParse)                                                   \
	X(PQerrorMessage)                                                    \
	X(PQexec)                                                            \
	X(PQexecParams)                                                      \
	X(PQfinish)                                                          \
	X(PQfreemem)                                                         \
	X(PQgetisnull)                                                       \
	X(PQgetvalue)                                                        \
	X(PQntuples)                                                         \
	X(PQreset)                                                           \
	X(PQresultErrorField)                                                \
	X(PQresultStatus)                                                    \
	X(PQsetNoticeProcessor)                                              \
	X(PQstatus)                                                          \
	X(PQtransactionStatus)

#define LAZY_INDEX(name) LAZY_##name,
#define LAZY_NAME(name) #name,
enum { MHD_FUNCTIONS(LAZY_INDEX) LAZY_MHD_COUNT };
enum { XLSX_FUNCTIONS(LAZY_INDEX) LAZY_XLSX_COUNT };
enum { PQ_FUNCTIONS(LAZY_INDEX) LAZY_PQ_COUNT };
static const char *const mhd_names[] = { MHD_FUNCTIONS(LAZY_NAME) };
static const char *const xlsx_names[] = { XLSX_FUNCTIONS(LAZY_NAME) };
static const char *const pq_names[] = { PQ_FUNCTIONS(LAZY_NAME) };
static lazy_fn mhd_functions[LAZY_MHD_COUNT];
static lazy_fn xlsx_functions[LAZY_XLSX_COUNT];
static lazy_fn pq_functions[LAZY_PQ_COUNT];

static struct lazy_library mhd = { LAZY_MHD_SONAME, mhd_names,
				   mhd_functions, LAZY_MHD_COUNT,
				   PTHREAD_ONCE_INIT };
static struct lazy_library xlsx = { LAZY_XLSX_SONAME, xlsx_names,
				    xlsx_functions, LAZY_XLSX_COUNT,
				    PTHREAD_ONCE_INIT };
static struct lazy_library pq = { LAZY_PQ_SONAME, pq_names, pq_functions,
				  LAZY_PQ_COUNT, PTHREAD_ONCE_INIT };

/* Load library and every function of it, or die saying which. */
static void lazy_load(struct lazy_library *library)
{
	void *handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
	void *symbol;
	size_t i;

	if (!handle)
		die(EXIT_CONFIG, msg(MSG_LAZY_OPEN), library->soname,
		    dlerror());
	for (i = 0; i < library->n; i++) {
		symbol = dlsym(handle, library->names[i]);
		if (!symbol)
			die(EXIT_CONFIG, msg(MSG_LAZY_SYMBOL), library->soname,
			    library->names[i]);
		memcpy(&library->functions[i], &symbol, sizeof(symbol));
	}
}

static void load_mhd(void)
{
	lazy_load(&mhd);
}

static void load_xlsx(void)
{
	lazy_load(&xlsx);
}

static void load_pq(void)
{
	lazy_load(&pq);
}

static lazy_fn mhd_function(size_t index)
{
	pthread_once(&mhd.once, load_mhd);
	return mhd_functions[index];
}

static lazy_fn xlsx_function(size_t index)
{
	pthread_once(&xlsx.once, load_xlsx);
	return xlsx_functions[index];
}

static lazy_fn pq_function(size_t index)
{
	pthread_once(&pq.once, load_pq);
	return pq_functions[index];
}

/* The library's function name, called with the type its header gives. */
#define MHD(name) ((__typeof__(&name))mhd_function(LAZY_##name))
#define XLSX(name) ((__typeof__(&name))xlsx_function(LAZY_##name))
#define PQ(name) ((__typeof__(&name))pq_function(LAZY_##name))

/* libmicrohttpd */

enum MHD_Result MHD_add_response_header(struct MHD_Response *response,
					const char *header,
					const char *content)
{
	return MHD(MHD_add_response_header)(response, header, content);
}

struct MHD_Response *
MHD_create_response_from_buffer(size_t size, void *buffer,
				enum MHD_ResponseMemoryMode mode)
{
	return MHD(MHD_create_response_from_buffer)(size, buffer, mode);
}

void MHD_destroy_response(struct MHD_Response *response)
{
	MHD(MHD_destroy_response)(response);
}

/* The kinds of information intake asks for take no further argument. */
const union MHD_ConnectionInfo *
MHD_get_connection_info(struct MHD_Connection *connection,
			enum MHD_ConnectionInfoType info_type, ...)
{
	return MHD(MHD_get_connection_info)(connection, info_type);
}

size_t MHD_http_unescape(char *val)
{
	return MHD(MHD_http_unescape)(val);
}

enum MHD_Result MHD_is_feature_supported(enum MHD_FEATURE feature)
{
	return MHD(MHD_is_feature_supported)(feature);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *connection,
					enum MHD_ValueKind kind,
					const char *key)
{
	return MHD(MHD_lookup_connection_value)(connection, kind, key);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection,
				   unsigned int status_code,
				   struct MHD_Response *response)
{
	return MHD(MHD_queue_response)(connection, status_code, response);
}

MHD_socket MHD_quiesce_daemon(struct MHD_Daemon *daemon)
{
	return MHD(MHD_quiesce_daemon)(daemon);
}

/* The options go on as a va_list, to MHD_start_daemon_va. */
struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
				    MHD_AcceptPolicyCallback apc,
				    void *apc_cls,
				    MHD_AccessHandlerCallback dh,
				    void *dh_cls, ...)
{
	struct MHD_Daemon *daemon;
	va_list options;

	va_start(options, dh_cls);
	daemon = MHD(MHD_start_daemon_va)(flags, port, apc, apc_cls, dh,
					  dh_cls, options);
	va_end(options);
	return daemon;
}

void MHD_stop_daemon(struct MHD_Daemon *daemon)
{
	MHD(MHD_stop_daemon)(daemon);
}

/* libxlsxwriter */

lxw_chart_series *chart_add_series(lxw_chart *chart, const char *categories,
				   const char *values)
{
	return XLSX(chart_add_series)(chart, categories, values);
}

void chart_legend_set_position(lxw_chart *chart, uint8_t position)
{
	XLSX(chart_legend_set_position)(chart, position);
}

void chart_series_set_categories(lxw_chart_series *series,
				 const char *sheetname, lxw_row_t first_row,
				 lxw_col_t first_col, lxw_row_t last_row,
				 lxw_col_t last_col)
{
	XLSX(chart_series_set_categories)(series, sheetname, first_row,
					  first_col, last_row, last_col);
}

void chart_series_set_name_range(lxw_chart_series *series,
				 const char *sheetname, lxw_row_t row,
				 lxw_col_t col)
{
	XLSX(chart_series_set_name_range)(series, sheetname, row, col);
}

void chart_series_set_values(lxw_chart_series *series, const char *sheetname,
			     lxw_row_t first_row, lxw_col_t first_col,
			     lxw_row_t last_row, lxw_col_t last_col)
{
	XLSX(chart_series_set_values)(series, sheetname, first_row,
				      first_col, last_row, last_col);
}

void chart_title_set_name(lxw_chart *chart, const char *name)
{
	XLSX(chart_title_set_name)(chart, name);
}

void format_set_align(lxw_format *format, uint8_t alignment)
{
	XLSX(format_set_align)(format, alignment);
}

void format_set_bg_color(lxw_format *format, lxw_color_t color)
{
	XLSX(format_set_bg_color)(format, color);
}

void format_set_bold(lxw_format *format)
{
	XLSX(format_set_bold)(format);
}

void format_set_border(lxw_format *format, uint8_t style)
{
	XLSX(format_set_border)(format, style);
}

void format_set_bottom(lxw_format *format, uint8_t style)
{
	XLSX(format_set_bottom)(format, style);
}

void format_set_font_size(lxw_format *format, double size)
{
	XLSX(format_set_font_size)(format, size);
}

void format_set_num_format(lxw_format *format, const char *num_format)
{
	XLSX(format_set_num_format)(format, num_format);
}

char *lxw_strerror(lxw_error error_num)
{
	return XLSX(lxw_strerror)(error_num);
}

lxw_chart *workbook_add_chart(lxw_workbook *workbook, uint8_t chart_type)
{
	return XLSX(workbook_add_chart)(workbook, chart_type);
}

lxw_format *workbook_add_format(lxw_workbook *workbook)
{
	return XLSX(workbook_add_format)(workbook);
}

lxw_worksheet *workbook_add_worksheet(lxw_workbook *workbook,
				      const char *sheetname)
{
	return XLSX(workbook_add_worksheet)(workbook, sheetname);
}

lxw_error workbook_close(lxw_workbook *workbook)
{
	return XLSX(workbook_close)(workbook);
}

lxw_workbook *workbook_new(const char *filename)
{
	return XLSX(workbook_new)(filename);
}

lxw_workbook *workbook_new_opt(const char *filename,
			       lxw_workbook_options *options)
{
	return XLSX(workbook_new_opt)(filename, options);
}

lxw_error workbook_set_properties(lxw_workbook *workbook,
				  lxw_doc_properties *properties)
{
	return XLSX(workbook_set_properties)(workbook, properties);
}

lxw_error worksheet_autofilter(lxw_worksheet *worksheet, lxw_row_t first_row,
			       lxw_col_t first_col, lxw_row_t last_row,
			       lxw_col_t last_col)
{
	return XLSX(worksheet_autofilter)(worksheet, first_row, first_col,
					  last_row, last_col);
}

void worksheet_fit_to_pages(lxw_worksheet *worksheet, uint16_t width,
			    uint16_t height)
{
	XLSX(worksheet_fit_to_pages)(worksheet, width, height);
}

void worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row,
			    lxw_col_t col)
{
	XLSX(worksheet_freeze_panes)(worksheet, row, col);
}

lxw_error worksheet_insert_chart_opt(lxw_worksheet *worksheet, lxw_row_t row,
				     lxw_col_t col, lxw_chart *chart,
				     lxw_chart_options *user_options)
{
	return XLSX(worksheet_insert_chart_opt)(worksheet, row, col, chart,
						user_options);
}

lxw_error worksheet_repeat_rows(lxw_worksheet *worksheet, lxw_row_t first_row,
				lxw_row_t last_row)
{
	return XLSX(worksheet_repeat_rows)(worksheet, first_row, last_row);
}

lxw_error worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col,
			       lxw_col_t last_col, double width,
			       lxw_format *format)
{
	return XLSX(worksheet_set_column)(worksheet, first_col, last_col,
					  width, format);
}

lxw_error worksheet_set_footer(lxw_worksheet *worksheet, const char *string)
{
	return XLSX(worksheet_set_footer)(worksheet, string);
}

void worksheet_set_landscape(lxw_worksheet *worksheet)
{
	XLSX(worksheet_set_landscape)(worksheet);
}

void worksheet_set_paper(lxw_worksheet *worksheet, uint8_t paper_type)
{
	XLSX(worksheet_set_paper)(worksheet, paper_type);
}

lxw_error worksheet_write_blank(lxw_worksheet *worksheet, lxw_row_t row,
				lxw_col_t col, lxw_format *format)
{
	return XLSX(worksheet_write_blank)(worksheet, row, col, format);
}

lxw_error worksheet_write_datetime(lxw_worksheet *worksheet, lxw_row_t row,
				   lxw_col_t col, lxw_datetime *datetime,
				   lxw_format *format)
{
	return XLSX(worksheet_write_datetime)(worksheet, row, col, datetime,
					      format);
}

lxw_error worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row,
				 lxw_col_t col, double number,
				 lxw_format *format)
{
	return XLSX(worksheet_write_number)(worksheet, row, col, number,
					    format);
}

lxw_error worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row,
				 lxw_col_t col, const char *string,
				 lxw_format *format)
{
	return XLSX(worksheet_write_string)(worksheet, row, col, string,
					    format);
}

/* libpq */

int PQbackendPID(const PGconn *conn)
{
	return PQ(PQbackendPID)(conn);
}

void PQclear(PGresult *res)
{
	PQ(PQclear)(res);
}

char *PQcmdTuples(PGresult *res)
{
	return PQ(PQcmdTuples)(res);
}

PGconn *PQconnectdb(const char *conninfo)
{
	return PQ(PQconnectdb)(conninfo);
}

PGconn *PQconnectdbParams(const char *const *keywords,
			  const char *const *values, int expand_dbname)
{
	return PQ(PQconnectdbParams)(keywords, values, expand_dbname);
}

void PQconninfoFree(PQconninfoOption *options)
{
	PQ(PQconninfoFree)(options);
}

PQconninfoOption *PQconninfoParse(const char *conninfo, char **errmsg)
{
	return PQ(PQconninfoParse)(conninfo, errmsg);
}

char *PQerrorMessage(const PGconn *conn)
{
	return PQ(PQerrorMessage)(conn);
}

PGresult *PQexec(PGconn *conn, const char *query)
{
	return PQ(PQexec)(conn, query);
}

PGresult *PQexecParams(PGconn *conn, const char *command, int nParams,
		       const Oid *paramTypes, const char *const *paramValues,
		       const int *paramLengths, const int *paramFormats,
		       int resultFormat)
{
	return PQ(PQexecParams)(conn, command, nParams, paramTypes,
				paramValues, paramLengths, paramFormats,
				resultFormat);
}

void PQfinish(PGconn *conn)
{
	PQ(PQfinish)(conn);
}

void PQfreemem(void *ptr)
{
	PQ(PQfreemem)(ptr);
}

int PQgetisnull(const PGresult *res, int tup_num, int field_num)
{
	return PQ(PQgetisnull)(res, tup_num, field_num);
}

char *PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
	return PQ(PQgetvalue)(res, tup_num, field_num);
}

int PQntuples(const PGresult *res)
{
	return PQ(PQntuples)(res);
}

void PQreset(PGconn *conn)
{
	PQ(PQreset)(conn);
}

char *PQresultErrorField(const PGresult *res, int fieldcode)
{
	return PQ(PQresultErrorField)(res, fieldcode);
}

ExecStatusType PQresultStatus(const PGresult *res)
{
	return PQ(PQresultStatus)(res);
}

PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc,
				       void *arg)
{
	return PQ(PQsetNoticeProcessor)(conn, proc, arg);
}

ConnStatusType PQstatus(const PGconn *conn)
{
	return PQ(PQstatus)(conn);
}

PGTransactionStatusType PQtransactionStatus(const PGconn *conn)
{
	return PQ(PQtransactionStatus)(conn);
}
