# syntax=docker/dockerfile:1
# Debt Triage in a container: the compiled app on a supported Node LTS (docs/decisions/0017).
#   docker build -t debt-triage .
#   docker run --env-file .env -p 3000:3000 debt-triage                  # npm start: listener and workers
#   docker run --env-file .env debt-triage node dist/bundle/worker.js     # npm run start:worker
# The steps are the ones .ci/run proves on the same Node line: npm ci, npm run build, node dist/bundle/….js.

# The current Active LTS, the line .ci/run tests besides the machine's Node.
ARG NODE_VERSION=26

# Build stage: every dependency (TypeScript and esbuild included), then `npm run build`: tsc into dist/src,
# dist/blocks, dist/jobs, and the bundle `npm start` runs into dist/bundle.
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# prepare (the build) needs the sources, which are not copied yet: it runs explicitly below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bundle.config.mjs bundle-options.mjs ./
COPY src ./src
COPY blocks ./blocks
COPY jobs ./jobs
RUN npm run build

# Runtime stage: production dependencies (the bundle leaves a few packages to node_modules, see
# bundle.config.mjs) and the compiled output only, as an unprivileged user.
FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: prepare would run the build, and TypeScript is a development dependency.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The node user (uid 1000) comes with the official image; it owns nothing in /app, so the code is read-only to it.
USER node
ENV PORT=3000
EXPOSE 3000
# Slim images have no curl: ask /readyz with node's own fetch, on PORT (npm start, start:web) or else on
# METRICS_PORT, where a start:worker process answers.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "const ready = (port) => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false); ready(process.env.PORT || 3000).then((ok) => ok || ready(process.env.METRICS_PORT || 9464)).then((ok) => process.exit(ok ? 0 : 1))"]
# Exec form, node as PID 1 with no npm or shell in between, so docker stop's SIGTERM reaches the app's handler.
CMD ["node", "dist/bundle/main.js"]
