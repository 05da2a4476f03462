#!/bin/sh
# A throwaway PostgreSQL cluster for the tests, Unix socket only:
#   cluster.sh start DIR              initdb in DIR, start it, role intake
#   cluster.sh stop DIR               stop it (fast) and remove DIR
#   cluster.sh restart DIR [immediate]  pg_ctl restart, fast or immediate
#   cluster.sh uri DIR [DBNAME]       the connection URI as role intake
#   cluster.sh bindir                 the server binaries used (1: none)
# DIR holds data/ (the cluster), socket/ and postgres.log.  Run as root,
# the server runs as $INTAKE_PG_USER (nobody), which owns data/ and
# socket/ (both 0700: the owner and root reach the socket).  The role
# intake can log in and create databases, nothing more; authentication
# is trust, so the socket directory is the only gate.  DIR/owner names
# the process that started it (the caller of start).
set -eu

die() {
	echo "cluster.sh: $*" >&2
	exit 1
}

# The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl
# ($INTAKE_PG_BINDIR overrides; pg_config --bindir is not that on Debian).
pg_bindir() {
	if [ -n "${INTAKE_PG_BINDIR:-}" ]; then
		[ -x "$INTAKE_PG_BINDIR/initdb" ] || return 1
		echo "$INTAKE_PG_BINDIR"
		return 0
	fi
	for initdb in $(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null |
		sort -V -r); do
		dir=${initdb%/initdb}
		[ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] || continue
		echo "$dir"
		return 0
	done
	return 1
}

# DIR as an absolute path the URI and the socket can hold: letters,
# digits and / . _ - only, short enough for a socket path (107 bytes).
cluster_dir() {
	[ -n "$1" ] || die "no cluster directory given"
	case $1 in
	/*) dir=$1 ;;
	*) dir=$(pwd)/$1 ;;
	esac
	dir=${dir%/}
	case $dir in
	*[!A-Za-z0-9/._-]*)
		die "cluster directory '$dir': expected only letters," \
			"digits, '/', '.', '_' and '-'" ;;
	esac
	[ ${#dir} -le 80 ] ||
		die "cluster directory '$dir' is ${#dir} characters:" \
			"at most 80 (socket paths are short)"
	echo "$dir"
}

# Commands of the server run as its owner: nobody when we are root.
server_user() {
	if [ "$(id -u)" = 0 ]; then
		echo "${INTAKE_PG_USER:-nobody}"
	else
		id -un
	fi
}
as_server() {
	if [ "$(id -u)" = 0 ]; then
		user=$(server_user)
		setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" \
			--clear-groups -- "$@"
	else
		"$@"
	fi
}

# A cluster this script made carries a marker; nothing else is removed.
MARKER=.intake-pg-cluster

# A leftover cluster of a killed run in DIR: stop it, empty DIR.
clear_leftover() {
	dir=$1
	if [ -f "$dir/data/postmaster.pid" ]; then
		(cd "$dir" && as_server "$BIN/pg_ctl" -D "$dir/data" \
			-m immediate -w stop) >/dev/null 2>&1 || true
	fi
	find "$dir" -mindepth 1 -delete
}

prepare_dir() {
	dir=$1
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
		[ -f "$dir/$MARKER" ] ||
			die "'$dir' holds files of something else: give a new or empty directory"
		echo "cluster.sh: clearing a leftover cluster in '$dir'" >&2
		clear_leftover "$dir"
	fi
	mkdir -p "$dir"
	: >"$dir/$MARKER"
	echo "$PPID" >"$dir/owner" # check.sh stops it once the caller is gone
	chmod 755 "$dir"
	mkdir -m 700 "$dir/data" "$dir/socket"
	: >"$dir/postgres.log"
	if [ "$(id -u)" = 0 ]; then
		chown "$(server_user):" "$dir/data" "$dir/socket" \
			"$dir/postgres.log"
	fi
	as_server test -w "$dir/data" ||
		die "user $(server_user) cannot reach '$dir':" \
			"its parent directories must be searchable (chmod o+x)"
}

configure() {
	dir=$1
	cat >>"$dir/data/postgresql.conf" <<CONF
# cluster.sh: a throwaway test cluster
listen_addresses = ''
unix_socket_directories = '$dir/socket'
unix_socket_permissions = 0700
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 16MB
max_connections = 200
logging_collector = off
CONF
}

start() {
	dir=$(cluster_dir "${1:-}")
	prepare_dir "$dir"
	cd "$dir"
	as_server "$BIN/initdb" -D "$dir/data" --auth=trust -U postgres \
		--encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		die "initdb failed in '$dir/data'"
	}
	configure "$dir"
	server_ctl "$dir" start
	psql_admin "$dir" "CREATE ROLE intake LOGIN NOSUPERUSER NOCREATEROLE
		CREATEDB NOREPLICATION NOBYPASSRLS"
}

# server_ctl DIR ACTION [OPTIONS]: pg_ctl, waiting; the log on failure.
server_ctl() {
	dir=$1
	action=$2
	shift 2
	(cd "$dir" && as_server "$BIN/pg_ctl" -D "$dir/data" \
		-l "$dir/postgres.log" -w -t 60 "$@" "$action") >/dev/null || {
		tail -20 "$dir/postgres.log" >&2
		die "pg_ctl $action failed in '$dir'"
	}
}

psql_admin() {
	"$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1/socket" -U postgres \
		-d postgres -c "$2" >/dev/null ||
		die "cannot run '$2' on the cluster in '$1'"
}

owned_cluster() {
	[ -f "$1/$MARKER" ] ||
		die "'$1' is not a cluster made by cluster.sh start"
}

stop() {
	dir=$(cluster_dir "${1:-}")
	[ -e "$dir" ] || return 0
	owned_cluster "$dir"
	if [ -f "$dir/data/postmaster.pid" ]; then
		(cd "$dir" && as_server "$BIN/pg_ctl" -D "$dir/data" -m fast \
			-w -t 60 stop) >/dev/null 2>&1 ||
			(cd "$dir" && as_server "$BIN/pg_ctl" -D "$dir/data" \
				-m immediate -w stop) >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

restart() {
	dir=$(cluster_dir "${1:-}")
	owned_cluster "$dir"
	case ${2:-fast} in
	fast | immediate) ;;
	*) die "restart mode '$2': expected fast or immediate" ;;
	esac
	server_ctl "$dir" restart -m "${2:-fast}"
}

uri() {
	dir=$(cluster_dir "${1:-}")
	name=${2:-intake}
	case $name in
	'' | *[!A-Za-z0-9_]*)
		die "database name '$name': expected letters, digits and '_'" ;;
	esac
	echo "postgresql:///$name?host=$dir/socket&user=intake"
}

case ${1:-} in
bindir) pg_bindir ;;
start | stop | restart)
	BIN=$(pg_bindir) ||
		die "no PostgreSQL server: no" \
			"/usr/lib/postgresql/*/bin/initdb (make deps installs it)"
	cmd=$1
	shift
	$cmd "$@"
	;;
uri)
	shift
	uri "$@"
	;;
*)
	echo "usage: cluster.sh start|stop|restart|uri DIR | bindir" >&2
	exit 64
	;;
esac
