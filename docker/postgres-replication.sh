#!/bin/bash
# Runs once, when the postgres container initialises an empty volume: allows replication
# connections (the `replica` profile's standby) from other containers, with the password.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
