#!/bin/sh
# Writes PgBouncer's configuration from the environment, then runs it as the postgres user.
# Transaction pooling: a server connection is a client's for one transaction only, so the apps
# keep no session state on it (docs/scaling.md, "PgBouncer").
set -eu
dir=/run/pgbouncer
mkdir -p "$dir"
umask 077
printf '"%s" "%s"\n' "$DB_USER" "$DB_PASSWORD" > "$dir/userlist.txt"
cat > "$dir/pgbouncer.ini" <<INI
[databases]
* = host=${DB_HOST} port=${DB_PORT:-5432}
[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 6432
unix_socket_dir = $dir
pool_mode = transaction
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
default_pool_size = ${POOL_SIZE:-20}
max_client_conn = ${MAX_CLIENT_CONN:-1000}
server_reset_query =
ignore_startup_parameters = extra_float_digits
user = postgres
INI
chown -R postgres:postgres "$dir"
exec /usr/sbin/pgbouncer "$dir/pgbouncer.ini"
