/* PostgreSQL: copying a database (intake migrate); no file backups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "pg_internal.h"
#include "util.h"

/* Rows a cursor of store_rows_each fetches at a time. */
#define PG_COPY_FETCH_ROWS 1000

/*
 * The order rows were stored in, per table: SQLite walks rowid order;
 * here ids only grow, answers keep theirs in seq, a draft's answers
 * in position (store_copy.c names the tables).
 */
static const struct {
	const char *table, *order;
} stored_order[] = {
    {"applications", "id"},
    {"answers", "seq"},
    {"outcomes", "id"},
    {"links", "id"},
    {"case_notes", "id"},
    {"drafts", "id"},
    {"draft_answers", "draft_id, position"},
    {"accounts", "id"},
    {"audit", "id"},
    {"receipt_sequences", "programme, fiscal_year"},
};

static const char *order_of(const char *table)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stored_order); i++)
		if (!strcmp(stored_order[i].table, table))
			return stored_order[i].order;
	BUG("no stored order for table %s", table);
	return NULL;
}

/* Names come from store_copy.c's list, never from input: anything but
 * [a-z_] is a bug.  Quoted, for "before" and "after". */
static void add_name(struct strbuf *sql, const char *name)
{
	const char *c;

	for (c = name; *c; c++)
		if ((*c < 'a' || *c > 'z') && *c != '_')
			BUG("not a table or column name: %s", name);
	strbuf_addf(sql, "\"%s\"", name);
}

static void add_columns(struct strbuf *sql, const struct store_table *table)
{
	size_t i;

	for (i = 0; i < table->n_columns; i++) {
		if (i)
			strbuf_addstr(sql, ", ");
		add_name(sql, table->columns[i]);
	}
}

/* Walking a table. */

struct walk {
	const struct store_table *table;
	store_row_fn fn;
	void *context;
	char cursor[32];
};

/* fn for each row of one fetch: 0, or what fn returned. */
static int each_fetched(const PGresult *res, struct walk *walk,
			const char **values)
{
	size_t column;
	int i, ret = 0;

	for (i = 0; !ret && i < PQntuples(res); i++) {
		for (column = 0; column < walk->table->n_columns; column++)
			values[column] = pg_text(res, i, (int)column);
		ret = walk->fn(values, walk->context);
	}
	return ret;
}

static int fetch_all(struct pg_store *pg, struct walk *walk)
{
	const char **values = xcalloc(walk->table->n_columns, sizeof(*values));
	char *fetch =
	    xstrfmt("FETCH %d FROM %s", PG_COPY_FETCH_ROWS, walk->cursor);
	PGresult *res;
	int n, ret = 0;

	do {
		res = pg_query(pg, fetch, NULL);
		if (!res) {
			ret = -1;
			break;
		}
		n = PQntuples(res);
		ret = each_fetched(res, walk, values);
		PQclear(res);
	} while (n && !ret);
	free(fetch);
	free(values);
	return ret;
}

static int each_body(struct pg_store *pg, void *context)
{
	static unsigned cursors;
	struct walk *walk = context;
	struct strbuf sql = STRBUF_INIT;
	char *close;
	int ret;

	snprintf(walk->cursor, sizeof(walk->cursor), "intake_rows_%u",
		 ++cursors);
	strbuf_addf(&sql, "DECLARE %s NO SCROLL CURSOR FOR SELECT ",
		    walk->cursor);
	add_columns(&sql, walk->table);
	strbuf_addstr(&sql, " FROM ");
	add_name(&sql, walk->table->name);
	strbuf_addf(&sql, " ORDER BY %s", order_of(walk->table->name));
	ret = pg_run(pg, strbuf_str(&sql), NULL);
	strbuf_release(&sql);
	if (ret < 0)
		return -1;
	ret = fetch_all(pg, walk);
	if (ret < 0 && PQtransactionStatus(pg->conn) != PQTRANS_INTRANS)
		return -1; /* the transaction ended or failed */
	close = xstrfmt("CLOSE %s", walk->cursor);
	if (pg_run(pg, close, NULL) < 0)
		ret = -1;
	free(close);
	return ret;
}

int pg_rows_each(struct store *store, const struct store_table *table,
		 store_row_fn fn, void *context)
{
	struct walk walk = {table, fn, context, ""};

	return pg_read(pg_of(store), each_body, &walk);
}

/* Writing rows as they are. */

struct put {
	const struct store_table *table;
	const char *const *values;
};

static int put_body(struct pg_store *pg, void *context)
{
	const struct put *put = context;
	struct strbuf sql = STRBUF_INIT;
	struct pg_params params = {0};
	size_t i;
	int ret;

	strbuf_addstr(&sql, "INSERT INTO ");
	add_name(&sql, put->table->name);
	strbuf_addstr(&sql, " (");
	add_columns(&sql, put->table);
	strbuf_addstr(&sql, ") VALUES (");
	for (i = 0; i < put->table->n_columns; i++) {
		strbuf_addf(&sql, "%s$%zu", i ? ", " : "", i + 1);
		pg_param_text(&params, put->values[i]);
	}
	strbuf_addstr(&sql, ")");
	ret = pg_run(pg, strbuf_str(&sql), &params);
	strbuf_release(&sql);
	return ret;
}

int pg_rows_put(struct store *store, const struct store_table *table,
		const char *const *values)
{
	struct put put = {table, values};

	return pg_write(pg_of(store), put_body, &put);
}

struct audit_copying {
	const struct audit_row *row;
	char *hash;
};

static int audit_copy_body(struct pg_store *pg, void *context)
{
	struct audit_copying *copying = context;
	struct audit_row row = *copying->row;

	return pg_audit_append_row(pg, &row, copying->hash);
}

int pg_audit_copy(struct store *store, const struct audit_row *row,
		  char hash[65])
{
	struct audit_copying copying = {row, hash};

	return pg_write(pg_of(store), audit_copy_body, &copying);
}

/* Rebuilding what is derived from the rows. */

/* Search keys of the applications that have none (those just copied;
 * the others got theirs when they were added or amended). */
static int rebuild_search_keys(struct pg_store *pg)
{
	struct store_answer answer;
	PGresult *res =
	    pg_query(pg,
		     "SELECT a.application_id, a.field, a.value FROM answers a"
		     " WHERE a.field IN ('name', 'name_kana') AND NOT EXISTS"
		     " (SELECT 1 FROM search_keys k"
		     " WHERE k.application_id = a.application_id)"
		     " ORDER BY a.application_id, a.seq",
		     NULL);
	int i, ret = 0;

	if (!res)
		return -1;
	for (i = 0; !ret && i < PQntuples(res); i++) {
		answer.field = (char *)pg_text(res, i, 1);
		answer.value = (char *)pg_text(res, i, 2);
		ret = pg_search_keys_add(pg, pg_int(res, i, 0), &answer, 1);
	}
	PQclear(res);
	return ret;
}

/* outcome_counts from the live outcomes, as SQLite's
 * SQLITE_COUNTS_FILL makes them (pg_counts.c keeps them so). */
static const char counts_sql[] =
    "WITH live AS (SELECT programme, application_id AS app, code,"
    " occurred_on, amount, CAST(substr(occurred_on, 1, 4) AS integer)"
    " - (substr(occurred_on, 6, 2) < '04')::integer AS fy"
    " FROM outcomes WHERE voided_at IS NULL),"
    " firsts AS (SELECT programme, code, month, count(*) AS n FROM"
    " (SELECT programme, code, substr(min(occurred_on), 1, 7) AS month"
    " FROM live GROUP BY programme, app, code, fy) f"
    " GROUP BY programme, code, month),"
    " events AS (SELECT programme, substr(occurred_on, 1, 7) AS month,"
    " code, count(*) AS count, count(DISTINCT app) AS people,"
    " coalesce(sum(amount), 0) AS amount, count(amount) AS amounts"
    " FROM live GROUP BY 1, 2, 3)"
    " INSERT INTO outcome_counts (programme, month, code, count, people,"
    " first_people, amount, amounts)"
    " SELECT e.programme, e.month, e.code, e.count, e.people,"
    " coalesce(f.n, 0), e.amount, e.amounts"
    " FROM events e LEFT JOIN firsts f ON f.programme = e.programme"
    " AND f.month = e.month AND f.code = e.code";

/* The receipt numbering past every receipt held (the copied rows of
 * receipt_sequences say so already; this makes sure). */
static const char receipts_sql[] =
    "INSERT INTO receipt_sequences AS s (programme, fiscal_year, last)"
    " SELECT programme, CAST(substr(received_on, 1, 4) AS integer)"
    " - (substr(received_on, 6, 2) < '04')::integer,"
    " max(right(receipt, 6)::bigint) FROM applications"
    " WHERE receipt ~ '-[0-9]{6}$' GROUP BY 1, 2"
    " ON CONFLICT (programme, fiscal_year)"
    " DO UPDATE SET last = greatest(s.last, excluded.last)";

/* Ids given by the server after rows that came with theirs. */
static const char identities_sql[] =
    "SELECT setval(pg_get_serial_sequence(t, c), n + 1, false) FROM"
    " (SELECT 'applications' AS t, 'id' AS c,"
    " (SELECT coalesce(max(id), 0) FROM applications) AS n"
    " UNION ALL SELECT 'answers', 'seq',"
    " (SELECT coalesce(max(seq), 0) FROM answers)"
    " UNION ALL SELECT 'outcomes', 'id',"
    " (SELECT coalesce(max(id), 0) FROM outcomes)"
    " UNION ALL SELECT 'links', 'id',"
    " (SELECT coalesce(max(id), 0) FROM links)"
    " UNION ALL SELECT 'case_notes', 'id',"
    " (SELECT coalesce(max(id), 0) FROM case_notes)"
    " UNION ALL SELECT 'accounts', 'id',"
    " (SELECT coalesce(max(id), 0) FROM accounts)"
    " UNION ALL SELECT 'audit', 'id',"
    " (SELECT coalesce(max(id), 0) FROM audit)) AS ids";

static int rebuild_body(struct pg_store *pg, void *context)
{
	if (rebuild_search_keys(pg) < 0 ||
	    pg_run(pg, "DELETE FROM outcome_counts", NULL) < 0 ||
	    pg_run(pg, counts_sql, NULL) < 0 ||
	    pg_run(pg, receipts_sql, NULL) < 0 ||
	    pg_run(pg,
		   "UPDATE draft_ids SET last = greatest(last,"
		   " (SELECT coalesce(max(id), 0) FROM drafts))",
		   NULL) < 0)
		return -1;
	return pg_run(pg, identities_sql, NULL);
}

int pg_rebuild(struct store *store)
{
	return pg_write(pg_of(store), rebuild_body, NULL);
}

/* File backups are SQLite's: a server has its own tools. */

static int no_file_backup(struct store *store, const char *command)
{
	store->status = STORE_REFUSED;
	return error(msg(MSG_PG_NO_FILE_BACKUP), command, pg_of(store)->where);
}

int pg_backup(struct store *store, const char *dest, int overwrite)
{
	return no_file_backup(store, "intake backup");
}

int pg_restore_from(struct store *store, const char *src)
{
	return no_file_backup(store, "intake restore");
}
