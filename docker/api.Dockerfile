# syntax=docker/dockerfile:1.7
#
# Clockwork CRM api (NestJS, HTTP). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t clockwork/api .                  # the api (last stage)
#   docker build -f docker/api.Dockerfile --target migrate -t clockwork/migrate .
# The build context is the repo root; docker/api.Dockerfile.dockerignore (beside this file)
# keeps node_modules, dist, .git, .data, .env and friends out of it (BuildKit reads it).
#
# Stages:
#   deps       all dependencies (npm ci), the base of build and migrate
#   prod-deps  production dependencies only (npm ci --omit=dev), copied into the runtime
#   build      npx nx build api -> dist/apps/api/main.js (webpack; node_modules stay external)
#   migrate    one-shot migration runner (see below)
#   runtime    node + production node_modules + dist/apps/api, as user node

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
# No npm nags in build logs; SCARF_ANALYTICS stops @scarf/scarf (a transitive dependency)
# from reporting the install to its vendor.
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
RUN npx nx build api && test -f dist/apps/api/main.js

# Migration runner. Migrations are TypeScript (libs/shared/entities/src/migrations) run by
# tools/db/migrate.ts through @swc-node/register, a devDependency, so this stage starts from
# `deps` (full node_modules) and adds only the sources the runner imports: tools/, libs/ and
# tsconfig.base.json (path aliases). It does not depend on the build stage, so a change in
# apps/ does not rebuild it. Compose runs it once (`migrate` service) and starts api and worker
# only after it exited 0 (depends_on: service_completed_successfully); with several api
# replicas this keeps migrations out of the api's boot path, where replicas would race.
# tools/db/data-source.ts validates the whole environment, so in production this stage needs
# the same JWT_SECRET and ENCRYPTION_KEYS as the api (not only DATABASE_URL).
FROM deps AS migrate
ENV NODE_ENV=production
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
USER node
CMD ["node", "-r", "./tools/register.js", "tools/db/migrate.ts"]

FROM base AS runtime
# The heap cap: Node otherwise sizes its heap from the host's memory and lets garbage pile up to
# hundreds of MB before a full collection (root README, Benchmarks: the api peaked at 855 MB under
# the full-scale overload). Raise it with the container's memory limit (docker/README.md). The
# bench runs the api with what this line sets (tools/bench/image-node-options.ts).
ENV NODE_ENV=production \
    PORT=3000 \
    NODE_OPTIONS=--max-old-space-size=256
# Files stay owned by root (read-only for the app); the process runs as the image's node user.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/api ./
# Local attachment storage (STORAGE_DRIVER=local): a volume mounts here, owned by node.
RUN mkdir -p /var/lib/clockwork/attachments && chown node:node /var/lib/clockwork/attachments
USER node
EXPOSE 3000
# GET /api/v1/health is 200 when PostgreSQL and Redis answer, 503 otherwise. No curl in the
# slim image: Node's own fetch does the check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm) so SIGTERM reaches Nest's shutdown hooks.
CMD ["node", "--enable-source-maps", "main.js"]
