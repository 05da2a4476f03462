/* PostgreSQL: copying a database (intake migrate); no file backups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
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

	if (pg_copy_flush(pg_of(store)) < 0)
		return -1;
	return pg_read(pg_of(store), each_body, &walk);
}

/*
 * Writing rows as they are.  In a whole batch (what store_copy opens)
 * the rows are held back and written PG_COPY_ROWS to a statement, as
 * are the audit rows: the batch holds the chain's lock from its first
 * copied row on, so the head is known here and each row is hashed
 * without asking the server.  Any other write of the batch, a walk of
 * rows, the batch's end first write what is held (pg_batch.c); a
 * failure there dooms the batch.  Elsewhere each row is a statement.
 */
#define PG_COPY_ROWS  1000
#define PG_COPY_BYTES (4L << 20)

struct pg_copy {
	const struct store_table *table; /* of the rows held */
	const char *suffix;		 /* after the VALUES */
	char **texts;			 /* rows × columns, NULL as NULL */
	size_t rows, alloc;
	long bytes;
	int has_head; /* the chain's head below is this batch's */
	long long head_id;
	unsigned char head[AUDIT_HASH_SIZE];
};

static const char *const audit_columns[] = {
    "id", "at", "staff", "action", "application_id", "before", "after", "hash"};
static const struct store_table audit_table = {"audit", audit_columns,
					       ARRAY_SIZE(audit_columns)};
static const char *const key_columns[] = {"kind", "key", "application_id"};
static const struct store_table key_table = {"search_keys", key_columns,
					     ARRAY_SIZE(key_columns)};

static struct pg_copy *copy_of(struct pg_store *pg)
{
	if (!pg->copy)
		pg->copy = xcalloc(1, sizeof(*pg->copy));
	return pg->copy;
}

static void drop_rows(struct pg_copy *copy)
{
	size_t i, n = copy->table ? copy->rows * copy->table->n_columns : 0;

	for (i = 0; i < n; i++)
		free(copy->texts[i]);
	copy->rows = 0;
	copy->bytes = 0;
}

/* INSERT INTO table (columns) VALUES ($1, …), … for rows rows. */
static void insert_sql(struct strbuf *sql, const struct store_table *table,
		       size_t rows, const char *suffix)
{
	size_t row, column, n = 0;

	strbuf_addstr(sql, "INSERT INTO ");
	add_name(sql, table->name);
	strbuf_addstr(sql, " (");
	add_columns(sql, table);
	strbuf_addstr(sql, ") VALUES ");
	for (row = 0; row < rows; row++) {
		strbuf_addstr(sql, row ? ", (" : "(");
		for (column = 0; column < table->n_columns; column++)
			strbuf_addf(sql, "%s$%zu", column ? ", " : "", ++n);
		strbuf_addch(sql, ')');
	}
	strbuf_addstr(sql, suffix);
}

static int run_texts(struct pg_store *pg, const char *sql,
		     const char *const *texts, size_t n)
{
	PGresult *res;
	int ok;

	if (!pg->in_transaction && pg_ready(pg) < 0)
		return -1;
	res = PQexecParams(pg->conn, sql, (int)n, NULL, texts, NULL, NULL, 0);
	ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		pg_error(pg, res);
	PQclear(res);
	return ok ? 0 : -1;
}

int pg_copy_flush(struct pg_store *pg)
{
	struct pg_copy *copy = pg->copy;
	struct strbuf sql = STRBUF_INIT;
	int ret;

	if (!copy || !copy->rows)
		return 0;
	insert_sql(&sql, copy->table, copy->rows, copy->suffix);
	ret = run_texts(pg, strbuf_str(&sql), (const char *const *)copy->texts,
			copy->rows * copy->table->n_columns);
	strbuf_release(&sql);
	drop_rows(copy);
	return ret;
}

void pg_copy_forget_head(struct pg_store *pg)
{
	if (pg->copy)
		pg->copy->has_head = 0;
}

void pg_copy_release(struct pg_store *pg)
{
	if (!pg->copy)
		return;
	drop_rows(pg->copy);
	free(pg->copy->texts);
	free(pg->copy);
	pg->copy = NULL;
}

/* Hold back one row of table (written with suffix): 0, or -1 when
 * writing what was held failed. */
static int hold_row(struct pg_store *pg, const struct store_table *table,
		    const char *suffix, const char *const *values)
{
	struct pg_copy *copy = copy_of(pg);
	size_t i, n = table->n_columns;

	if (copy->rows &&
	    (copy->table != table || strcmp(copy->suffix, suffix)) &&
	    pg_copy_flush(pg) < 0)
		return -1;
	copy->table = table;
	copy->suffix = suffix;
	ALLOC_GROW(copy->texts, (copy->rows + 1) * n, copy->alloc);
	for (i = 0; i < n; i++) {
		copy->texts[copy->rows * n + i] =
		    values[i] ? xstrdup(values[i]) : NULL;
		copy->bytes += values[i] ? (long)strlen(values[i]) : 0;
	}
	copy->rows++;
	if (copy->rows >= PG_COPY_ROWS || copy->bytes >= PG_COPY_BYTES)
		return pg_copy_flush(pg);
	return 0;
}

/* Rows are held back: a whole batch that has not failed. */
static int holding(struct pg_store *pg)
{
	return pg->batch && pg->batch_whole && !pg->batch_failed &&
	       pg->in_transaction;
}

static int held(struct pg_store *pg, int ret)
{
	if (ret < 0)
		pg->batch_failed = 1;
	return ret;
}

struct put {
	const struct store_table *table;
	const char *const *values;
};

static int put_body(struct pg_store *pg, void *context)
{
	const struct put *put = context;

	if (hold_row(pg, put->table, "", put->values) < 0)
		return -1;
	return pg_copy_flush(pg);
}

int pg_rows_put(struct store *store, const struct store_table *table,
		const char *const *values)
{
	struct pg_store *pg = pg_of(store);
	struct put put = {table, values};

	if (holding(pg))
		return held(pg, hold_row(pg, table, "", values));
	return pg_write(pg, put_body, &put);
}

/* The next audit row after the held head: hashed and held. */
static int hold_audit_row(struct pg_store *pg, const struct audit_row *row,
			  char hash[AUDIT_HEX_SIZE])
{
	struct pg_copy *copy = copy_of(pg);
	struct audit_row next = *row;
	char id[24], application[24];
	const char *values[8];

	if (!copy->has_head &&
	    (pg_copy_flush(pg) < 0 ||
	     pg_audit_lock_head(pg, &copy->head_id, copy->head) < 0))
		return -1;
	copy->has_head = 1;
	next.id = copy->head_id + 1;
	audit_hash_row(copy->head, &next, hash);
	snprintf(id, sizeof(id), "%lld", next.id);
	snprintf(application, sizeof(application), "%lld", next.application_id);
	values[0] = id, values[1] = next.at, values[2] = next.staff;
	values[3] = next.action;
	values[4] = next.application_id ? application : NULL;
	values[5] = next.before, values[6] = next.after, values[7] = hash;
	if (hold_row(pg, &audit_table, "", values) < 0)
		return -1;
	copy->head_id = next.id;
	audit_hash_from_hex(hash, copy->head);
	return 0;
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
	struct pg_store *pg = pg_of(store);
	struct audit_copying copying = {row, hash};

	if (holding(pg))
		return held(pg, hold_audit_row(pg, row, hash));
	return pg_write(pg, audit_copy_body, &copying);
}

/* Rebuilding what is derived from the rows. */

/* The keys of one name or name_kana answer of application id, held
 * back to be written many to a statement. */
static int hold_keys(struct pg_store *pg, const char *id, const char *field,
		     const char *value)
{
	const char *kind = !strcmp(field, "name") ? "name" : "kana";
	const char *values[3] = {kind, NULL, id};
	char **keys = NULL;
	size_t i, n = find_name_keys(value, &keys);
	int ret = 0;

	for (i = 0; i < n; i++) {
		values[1] = keys[i];
		if (!ret)
			ret = hold_row(pg, &key_table,
				       " ON CONFLICT DO NOTHING", values);
		free(keys[i]);
	}
	free(keys);
	return ret;
}

/* Search keys of the applications that have none (those just copied;
 * the others got theirs when they were added or amended), as
 * pg_search_keys_add writes them. */
static int rebuild_search_keys(struct pg_store *pg)
{
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
	for (i = 0; !ret && i < PQntuples(res); i++)
		ret = hold_keys(pg, pg_text(res, i, 0), pg_text(res, i, 1),
				pg_text(res, i, 2));
	PQclear(res);
	if (!ret)
		return pg_copy_flush(pg);
	drop_rows(copy_of(pg));
	return -1;
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

/* File backups are SQLite's: a server has its own tools.  restore
 * over cases runs backup first (the old content kept), so both say the
 * same. */

static int no_file_backup(struct store *store)
{
	store->status = STORE_REFUSED;
	return error(msg(MSG_PG_NO_FILE_BACKUP), pg_of(store)->where);
}

int pg_backup(struct store *store, const char *dest, int overwrite)
{
	return no_file_backup(store);
}

int pg_restore_from(struct store *store, const char *src)
{
	return no_file_backup(store);
}
