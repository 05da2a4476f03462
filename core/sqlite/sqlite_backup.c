/* Whole-database copies: online backup to a file, restore from one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "messages.h"
#include "sqlite_internal.h"
#include "util.h"

#define COPY_DEADLINE_S 30

/* Copy every page of from into to in one step (one read snapshot of
 * from), retried while to is busy.  The SQLite result. */
static int copy_pages(sqlite3 *to, sqlite3 *from)
{
	time_t deadline = time(NULL) + COPY_DEADLINE_S;
	sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (!backup)
		return sqlite3_extended_errcode(to);
	while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY ||
	       rc == SQLITE_LOCKED) {
		if (time(NULL) > deadline)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(backup);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The file the copy is written to: dest itself (new, O_EXCL), or a
 * temporary beside it to rename over dest.  Malloced, or NULL. */
static char *copy_target(struct sqlite_store *store, const char *dest,
			 int overwrite)
{
	struct stat st;
	char *temp;
	int fd;

	store->base.status = STORE_REFUSED;
	if (!lstat(dest, &st) && S_ISLNK(st.st_mode))
		return error(msg(MSG_STORE_SYMLINK), dest), NULL;
	if (!overwrite) {
		fd = open(dest,
			  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			  0600);
		if (fd < 0) {
			if (errno == EEXIST)
				return error(msg(MSG_STORE_BACKUP_EXISTS),
					     dest),
				       NULL;
			return error(msg(MSG_STORE_CREATE), dest,
				     strerror(errno)),
			       NULL;
		}
		close(fd);
		store->base.status = STORE_OK;
		return xstrdup(dest);
	}
	temp = xstrfmt("%s.tmp-XXXXXX", dest);
	fd = mkstemp(temp);
	if (fd < 0) {
		error(msg(MSG_STORE_CREATE), temp, strerror(errno));
		free(temp);
		return NULL;
	}
	close(fd);
	store->base.status = STORE_OK;
	return temp;
}

static int copy_into_file(struct sqlite_store *store, const char *target)
{
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(
	    target, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);

	if (rc == SQLITE_OK)
		rc = copy_pages(to, store->db);
	/* a copy is a single file: no -wal or -shm beside it */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL,
				  NULL, NULL);
	if (rc != SQLITE_OK) {
		store_note_status(store, rc);
		error(msg(MSG_STORE_BACKUP_FAILED), target, sqlite3_errstr(rc));
	}
	sqlite3_close(to);
	return rc == SQLITE_OK ? 0 : -1;
}

int sqlite_backup(struct store *base, const char *dest, int overwrite)
{
	struct sqlite_store *store = sqlite_of(base);
	mode_t old_umask = umask(077);
	char *target = copy_target(store, dest, overwrite);
	int ret = -1;

	if (!target)
		goto cleanup;
	if (copy_into_file(store, target) < 0)
		goto cleanup;
	if (strcmp(target, dest) && rename(target, dest) < 0) {
		error(msg(MSG_STORE_CREATE), dest, strerror(errno));
		goto cleanup;
	}
	ret = 0;
cleanup:
	if (target && ret < 0)
		unlink(target);
	free(target);
	umask(old_umask);
	return ret;
}

int sqlite_restore_from(struct store *base, const char *src)
{
	struct sqlite_store *store = sqlite_of(base);
	sqlite3 *from = NULL;
	int rc = sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL);

	if (rc == SQLITE_OK)
		rc = copy_pages(store->db, from);
	if (rc != SQLITE_OK) {
		store_note_status(store, rc);
		error(msg(MSG_STORE_RESTORE_FAILED), src, sqlite3_errstr(rc));
	}
	sqlite3_close(from);
	audit_release(store); /* the chain's head moved */
	return rc == SQLITE_OK ? 0 : -1;
}
