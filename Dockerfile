# syntax=docker/dockerfile:1
# The production image: the API (default command), the worker (`node dist/apps/worker/src/main.js`)
# and the CLI (`node dist/apps/cli/src/main.js migrate`) of one build. docs/operations.md explains
# how to run it; docker-compose.yml runs it with PostgreSQL, a Stripe emulator and an SMTP catcher.
ARG NODE_IMAGE=node:20.19-bookworm-slim

# Every dependency, exactly as the lock file says (the workspaces' manifests are all npm ci needs of them).
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/stripe-emulator/package.json tools/stripe-emulator/
COPY packages/client/package.json packages/client/
RUN npm ci --no-audit --no-fund

# The build: the API, worker and CLI into dist/, the moderators' desk into dist/desk, the emulator.
FROM dependencies AS build
COPY . .
RUN npm run build && npm run build:desk && npm run build:emulator

# Production dependencies only, on their own so that the runtime gets no compiler nor test tool.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/stripe-emulator/package.json tools/stripe-emulator/
COPY packages/client/package.json packages/client/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to Node (which drains, then closes) and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/schemas ./schemas
# The emulator is a development and test double (the compose file's `stripe` service); product code never imports it.
COPY --from=build /app/tools/stripe-emulator/package.json ./tools/stripe-emulator/
COPY --from=build /app/tools/stripe-emulator/dist ./tools/stripe-emulator/dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Liveness only: readiness (/health/ready) is for the load balancer, which must not restart a replica
# that waits for its release's migrations. HEALTHCHECK_PORT: the worker's WORKER_HEALTH_PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEALTHCHECK_PORT||process.env.PORT)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
# npm start's V8 flags (package.json config.apiNodeFlags), without npm in between to swallow signals.
CMD ["node", "--enable-source-maps", "--max-semi-space-size=32", "--max-old-space-size=192", "dist/apps/api/src/main.js"]
