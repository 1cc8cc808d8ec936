# syntax=docker/dockerfile:1.7
#
# Clockwork CRM worker (NestJS application context, Bull processors + outbox relay; no HTTP).
# Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t clockwork/worker .
# docker/worker.Dockerfile.dockerignore (beside this file) trims the build context.
# The migration runner lives in api.Dockerfile (target `migrate`); one runner is enough.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false

FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,id=clockwork-npm,target=/root/.npm npm ci

FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,id=clockwork-npm,target=/root/.npm npm ci --omit=dev

FROM deps AS build
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false
COPY . .
RUN npx nx build worker && test -f dist/apps/worker/main.js

FROM base AS runtime
# The heap cap, as in api.Dockerfile; the bench runs the worker with what this line sets.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=256
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/worker ./
USER node
# No port and no HEALTHCHECK: the worker serves nothing, and a check that only proves the
# process exists adds nothing to the restart policy. It exits non-zero when it cannot boot
# (bad env, no database); Bull reconnects to Redis by itself; a stuck relay shows up as
# outbox_events rows that stay unprocessed, which is what to alert on.
HEALTHCHECK NONE
# The stateless worker scales out with more replicas: the outbox relay claims rows with
# FOR UPDATE SKIP LOCKED and Bull hands each job to one consumer.
CMD ["node", "--enable-source-maps", "main.js"]
