# syntax=docker/dockerfile:1.7
# One image for all six Slipway services; the command picks the service:
#   docker run slipway node -r @swc-node/register services/tracking/src/main.ts

# Only the files `npm ci` reads, so the dependency layer is rebuilt when they change, not on every edit.
FROM node:20-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && for dir in libs services deploy clients; do \
      [ -d "$dir" ] && find "$dir" -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \; ; \
    done; true

# Dev dependencies included: the services run TypeScript through @swc-node/register.
FROM node:20-slim AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
COPY --from=deps /app/ ./
COPY . .
USER node
EXPOSE 8080
# node:20-slim has no curl: ask Node itself.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/health/ready').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
CMD ["node", "-r", "@swc-node/register", "services/gateway/src/main.ts"]
