# syntax=docker/dockerfile:1.7
#
# Clockwork CRM web app: Vite builds static files, nginx (unprivileged, port 8080) serves them
# and proxies /api/ to the api. Build from the repository root:
#   docker build -f docker/web.Dockerfile -t clockwork/web .
# docker/web.Dockerfile.dockerignore (beside this file) trims the build context.
#
# Runtime settings (environment of the container):
#   API_UPSTREAM  where /api/ goes, scheme://host:port without a path (default http://api:3000)
# The web app calls the API on its own origin (@clockwork/api-client with an empty baseUrl),
# so no API address is baked into the bundle and one image serves every environment.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:stable-alpine

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,id=clockwork-npm,target=/root/.npm npm ci

FROM deps AS build
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false
COPY . .
# `vite build` is a production build by default (mode production). NODE_ENV=production is not
# set in this image: npm ci would then skip the devDependencies (vite, nx) the build needs.
RUN npx nx build web && test -f dist/apps/web/index.html

FROM ${NGINX_IMAGE} AS runtime
# The image's entrypoint renders /etc/nginx/templates/*.template into /etc/nginx/conf.d/ with
# envsubst, substituting only variables that are set in the environment (so nginx's own $uri,
# $host... stay as they are). NGINX_ENTRYPOINT_LOCAL_RESOLVERS makes it export
# NGINX_LOCAL_RESOLVERS from /etc/resolv.conf (Docker's 127.0.0.11 under compose), which the
# config uses to re-resolve the api's name: api restarts and `--scale api=N` just work.
ENV API_UPSTREAM=http://api:3000 \
    NGINX_ENTRYPOINT_LOCAL_RESOLVERS=1
COPY docker/web.nginx.conf /etc/nginx/templates/default.conf.template
COPY --from=build /app/dist/apps/web /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
# User (nginx, uid 101), entrypoint and CMD come from the unprivileged base image.
